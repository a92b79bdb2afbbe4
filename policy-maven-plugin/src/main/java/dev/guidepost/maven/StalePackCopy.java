package dev.guidepost.maven;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.apache.maven.model.Resource;
import org.codehaus.plexus.util.SelectorUtils;

/**
 * Tells whether the copy of a pack project's own pack in the classes folder still matches its source under a
 * resource folder. A goal typed on the command line ({@code mvn policy:test}) reads the copy, which only
 * {@code process-resources} refreshes, and shows errors at the source file: a stale copy would blame lines that
 * are right and leave out policies added since. Filtered resources are not compared, since filtering changes them
 * on purpose.
 */
final class StalePackCopy {

    private static final int SHOWN = 3;
    /** The search index the index goal writes next to a pack that sits right in {@code META-INF/guidepost/}. */
    private static final Path GENERATED_INDEX = Path.of("index.json");

    private StalePackCopy() {
    }

    /**
     * What differs between a pack folder of the classes folder and its source, in words ("a.yaml differs, b.yaml
     * is not copied yet"), or empty when they agree or the source is not a plain resource folder.
     */
    static Optional<String> differences(Path copy, Path classes, List<Resource> resources, Path basedir) {
        Path relative = classes.toAbsolutePath().normalize().relativize(copy.toAbsolutePath().normalize());
        for (Resource resource : resources) {
            if (resource.getDirectory() == null || resource.getTargetPath() != null || resource.isFiltering()) {
                continue;
            }
            Path source = basedir.resolve(resource.getDirectory()).resolve(relative).normalize();
            if (Files.isDirectory(source)) {
                boolean selective = !resource.getIncludes().isEmpty() || !resource.getExcludes().isEmpty();
                // a file this resource does not copy (a pack.yaml another, filtering, resource copies) is not its
                Predicate<Path> copied = file -> copies(resource, relative.resolve(file));
                return describe(compare(source, copy, selective, copied));
            }
        }
        return Optional.empty();
    }

    /** Whether a resource copies a file (its path relative to the resource folder): its includes and excludes. */
    static boolean copies(Resource resource, Path file) {
        String path = file.toString().replace('\\', '/');
        List<String> includes = resource.getIncludes().isEmpty() ? List.of("**/**") : resource.getIncludes();
        return includes.stream().anyMatch(p -> matches(p, path))
                && resource.getExcludes().stream().noneMatch(p -> matches(p, path));
    }

    /**
     * Maven's include/exclude patterns ({@code **} any folders, none too; {@code *} and {@code ?} within one), as the
     * resources plugin matches them: a pattern ending in {@code /} stands for everything below it.
     */
    static boolean matches(String pattern, String path) {
        String normalized = pattern.replace('\\', '/');
        return SelectorUtils.matchPath(normalized.endsWith("/") ? normalized + "**" : normalized, path, "/", true);
    }

    private static List<String> compare(Path source, Path copy, boolean selective, Predicate<Path> copied) {
        TreeSet<Path> allSourceFiles = files(source);
        TreeSet<Path> sourceFiles = new TreeSet<>(allSourceFiles.stream().filter(copied).toList());
        TreeSet<Path> copyFiles = files(copy);
        List<String> out = new ArrayList<>();
        for (Path file : sourceFiles) {
            String name = file.toString().replace('\\', '/');
            if (!copyFiles.contains(file)) {
                if (!selective) {
                    out.add(name + " is not copied yet");
                }
            } else if (!sameContent(source.resolve(file), copy.resolve(file))) {
                out.add(name + " differs");
            }
        }
        for (Path file : copyFiles) {
            if (!allSourceFiles.contains(file) && !file.equals(GENERATED_INDEX)) {
                out.add(file.toString().replace('\\', '/') + " is no longer in the source");
            }
        }
        return out;
    }

    private static Optional<String> describe(List<String> differences) {
        if (differences.isEmpty()) {
            return Optional.empty();
        }
        String shown = String.join(", ", differences.subList(0, Math.min(SHOWN, differences.size())));
        int more = differences.size() - SHOWN;
        return Optional.of(more > 0 ? shown + " and " + more + " more" : shown);
    }

    /** The regular files below a folder, relative to it, sorted. */
    private static TreeSet<Path> files(Path folder) {
        try (Stream<Path> walk = Files.walk(folder)) {
            TreeSet<Path> out = new TreeSet<>();
            walk.filter(Files::isRegularFile).forEach(p -> out.add(folder.relativize(p)));
            return out;
        } catch (IOException | UncheckedIOException e) {
            return new TreeSet<>();
        }
    }

    private static boolean sameContent(Path a, Path b) {
        try {
            return Files.mismatch(a, b) == -1;
        } catch (IOException e) {
            return true; // unreadable files are reported where the pack is read
        }
    }
}
