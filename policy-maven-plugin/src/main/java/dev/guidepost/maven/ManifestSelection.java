package dev.guidepost.maven;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

import dev.guidepost.core.GuidepostException;
import dev.guidepost.core.ManifestPatterns;
import dev.guidepost.core.Manifests;

/**
 * Which manifest files a goal reads: the configured files and folders (relative to the project), or the
 * conventional folders {@code src/main/k8s}, {@code src/main/kubernetes} and {@code k8s} that exist; files in
 * folders are filtered by Ant-style {@code includes} and {@code excludes} relative to each folder, and the build's
 * output folder is not read from a folder that holds it. Shared by the goals that read a project's manifests.
 */
final class ManifestSelection {

    /** Folders read when none is configured, when they exist. */
    static final List<String> DEFAULT_FOLDERS = Manifests.CONVENTIONAL_FOLDERS;
    /** Files read from folders when no includes are configured. */
    static final List<String> DEFAULT_INCLUDES = ManifestPatterns.DEFAULT_INCLUDES;

    /**
     * The selected files, sorted within each location, and the locations that were looked at.
     *
     * @param files    the manifest files
     * @param searched the folders and files looked at (for messages)
     * @param missing  configured locations that do not exist
     */
    record Selection(List<Path> files, List<Path> searched, List<Path> missing) {
    }

    private ManifestSelection() {
    }

    /**
     * Selects manifest files.
     *
     * @param basedir    the project folder
     * @param configured configured locations (empty: the default folders that exist)
     * @param includes   include patterns (empty: YAML and JSON files)
     * @param excludes   exclude patterns
     * @param output     the build's output folder, not read from a location that holds it
     */
    static Selection select(Path basedir, List<String> configured, List<String> includes, List<String> excludes,
            Path output) {
        Path built = output.toAbsolutePath().normalize();
        List<Path> locations = new ArrayList<>();
        List<Path> missing = new ArrayList<>();
        if (configured == null || configured.stream().allMatch(s -> s == null || s.isBlank())) {
            for (String folder : DEFAULT_FOLDERS) {
                Path path = basedir.resolve(folder);
                if (Files.isDirectory(path)) {
                    locations.add(path);
                }
            }
        } else {
            for (String location : configured) {
                if (location == null || location.isBlank()) {
                    continue;
                }
                Path path = basedir.resolve(location.strip()).normalize();
                if (Files.exists(path)) {
                    locations.add(path);
                } else {
                    missing.add(path);
                }
            }
        }
        ManifestPatterns patterns = ManifestPatterns.of(includes, excludes);
        List<Path> files = new ArrayList<>();
        for (Path location : locations) {
            if (Files.isRegularFile(location)) {
                files.add(location);
                continue;
            }
            TreeSet<Path> found = new TreeSet<>();
            boolean holdsOutput = !location.toAbsolutePath().normalize().startsWith(built);
            try (Stream<Path> walk = Files.walk(location)) {
                walk.filter(Files::isRegularFile)
                        .filter(file -> !(holdsOutput && file.toAbsolutePath().normalize().startsWith(built)))
                        .forEach(file -> {
                    Path relative = location.relativize(file);
                    if (!hidden(relative) && patterns.selects(relative)) {
                        found.add(file);
                    }
                });
            } catch (IOException | UncheckedIOException e) {
                throw new GuidepostException("cannot list the manifest folder " + location + ": " + e.getMessage());
            }
            files.addAll(found);
        }
        return new Selection(List.copyOf(files), List.copyOf(locations), List.copyOf(missing));
    }

    private static boolean hidden(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }
}
