package dev.guidepost.core.internal.yaml;

import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The YAML (and optionally JSON) files below a folder, in a stable order, leaving out hidden files and folders
 * (names starting with {@code .}, such as {@code .git} or a {@code .kyverno-test} folder). Symbolic links are
 * followed, and a file reached through two paths is listed once; a folder or file that cannot be read is named
 * rather than ending the walk.
 */
public final class YamlFiles {

    private YamlFiles() {
    }

    /**
     * What a walk found: the files, sorted, and the paths it could not read (an unreadable folder, a link loop or
     * a broken link, something that is not a regular file), each with why.
     */
    public record Listing(List<Path> files, Map<Path, String> unreadable) {

        public Listing {
            files = List.copyOf(files);
            unreadable = java.util.Collections.unmodifiableMap(new TreeMap<>(unreadable));
        }
    }

    /**
     * The {@code .yaml}/{@code .yml} files (and {@code .json} ones when asked) below a folder, sorted.
     *
     * @throws IOException naming the first path that could not be read
     */
    public static List<Path> under(Path folder, boolean includeJson) throws IOException {
        Listing listing = list(folder, includeJson);
        if (!listing.unreadable().isEmpty()) {
            Map.Entry<Path, String> first = listing.unreadable().entrySet().iterator().next();
            throw new IOException(first.getKey() + ": " + first.getValue());
        }
        return listing.files();
    }

    /** The files below a folder as {@link #under} finds them, and the paths it could not read. */
    public static Listing list(Path folder, boolean includeJson) throws IOException {
        return list(folder, includeJson, relative -> true, relative -> false);
    }

    /**
     * The files below a folder that {@code selects} takes (by their path relative to it), and the paths it could not
     * read; a folder {@code prunes} leaves out (relative to it) is neither walked nor reported. Selection comes before
     * a file reached twice is listed once, so leaving out the path through a link never drops the file's own.
     */
    public static Listing list(Path folder, boolean includeJson, Predicate<Path> selects, Predicate<Path> prunes)
            throws IOException {
        List<Path> files = new ArrayList<>();
        Map<Path, String> unreadable = new TreeMap<>();
        // a file reached twice (through a link to a folder walked too) is listed once, at its first path in order
        Map<Path, Object> identities = new java.util.HashMap<>();
        Files.walkFileTree(folder, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
                new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                        return !dir.equals(folder) && (hidden(dir) || prunes.test(folder.relativize(dir)))
                                ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                        if (hidden(file) || !isYaml(file, includeJson) || !selects.test(folder.relativize(file))) {
                            return FileVisitResult.CONTINUE;
                        }
                        if (attrs.isRegularFile()) {
                            files.add(file);
                            identities.put(file, attrs.fileKey() != null ? attrs.fileKey() : file.toAbsolutePath());
                        } else if (attrs.isSymbolicLink()) {
                            unreadable.put(file, "a symbolic link to nothing (its target does not exist, or it loops)");
                        } else if (!attrs.isDirectory()) {
                            unreadable.put(file, "not a regular file (a pipe or device), so it was not read");
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) {
                        Path relative = folder.relativize(file);
                        boolean leftOut = Files.isDirectory(file) ? prunes.test(relative) : !selects.test(relative);
                        if (!hidden(file) && !leftOut && (isYaml(file, includeJson) || Files.isDirectory(file))) {
                            unreadable.put(file, e instanceof FileSystemLoopException
                                    ? "a symbolic link that loops back to a folder above it; not followed"
                                    : "cannot be read (" + reason(e) + ")");
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    private boolean hidden(Path path) {
                        Path name = path.getFileName();
                        return name != null && name.toString().startsWith(".");
                    }
                });
        files.sort(null);
        java.util.Set<Object> seen = new java.util.HashSet<>();
        files.removeIf(file -> !seen.add(identities.get(file)));
        return new Listing(files, unreadable);
    }

    /** An I/O failure in words, without the exception's class name. */
    private static String reason(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "it disappeared while being read";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** True for a {@code .yaml} or {@code .yml} file (and {@code .json} with {@code includeJson}), in any case. */
    public static boolean isYaml(Path file, boolean includeJson) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".yaml") || name.endsWith(".yml") || includeJson && name.endsWith(".json");
    }
}
