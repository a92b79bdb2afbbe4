package dev.guidepost.core.internal.yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The YAML (and optionally JSON) files below a folder, in a stable order, leaving out hidden files and folders
 * (names starting with {@code .}, such as {@code .git} or a {@code .kyverno-test} folder).
 */
public final class YamlFiles {

    private YamlFiles() {
    }

    /** The {@code .yaml}/{@code .yml} files (and {@code .json} ones when asked) below a folder, sorted. */
    public static List<Path> under(Path folder, boolean includeJson) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> !isHidden(folder.relativize(p)))
                    .filter(p -> isYaml(p, includeJson))
                    .sorted()
                    .toList();
        }
    }

    private static boolean isHidden(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private static boolean isYaml(Path file, boolean includeJson) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".yaml") || name.endsWith(".yml") || includeJson && name.endsWith(".json");
    }
}
