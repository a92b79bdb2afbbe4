package dev.guidepost.core;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.guidepost.core.internal.yaml.YamlFiles;

/**
 * Ant-style patterns that choose the manifest files inside a folder, relative to it: {@code chart/**} leaves out a
 * Helm chart kept beside the manifests, {@code **}{@code /*.yml} keeps only {@code .yml} files. A trailing
 * {@code /} means everything below, and a leading {@code **}{@code /} also matches no folder at all, as in Ant. The
 * Maven plugin's {@code <includes>} and {@code <excludes>} and JUnit's {@code excludes} mean the same.
 * Immutable.
 */
public final class ManifestPatterns {

    /** The files chosen when no includes are given: YAML and JSON, by their extensions in any case. */
    public static final List<String> DEFAULT_INCLUDES = List.of("**/*.yaml", "**/*.yml", "**/*.json");

    /** Every YAML and JSON file. */
    public static final ManifestPatterns ALL = of(List.of(), List.of());

    private final List<String> includes;
    private final List<String> excludes;
    private final List<PathMatcher> in;
    private final List<PathMatcher> out;

    private ManifestPatterns(List<String> includes, List<String> excludes) {
        this.includes = includes;
        this.excludes = excludes;
        this.in = matchers(includes);
        this.out = matchers(excludes);
    }

    /**
     * Patterns from include and exclude lists; blank entries are ignored, and no includes means
     * {@link #DEFAULT_INCLUDES}.
     */
    public static ManifestPatterns of(List<String> includes, List<String> excludes) {
        return new ManifestPatterns(patterns(includes), patterns(excludes));
    }

    /** Every YAML and JSON file but those the patterns exclude. */
    public static ManifestPatterns excluding(List<String> excludes) {
        return of(List.of(), excludes);
    }

    /** The include patterns given (empty: {@link #DEFAULT_INCLUDES}). */
    public List<String> includes() {
        return includes;
    }

    /** The exclude patterns given. */
    public List<String> excludes() {
        return excludes;
    }

    /**
     * True when a file at {@code relative} (to the folder the patterns apply in) is included and not excluded.
     * Without includes, a file is included by its extension in any case ({@code .YAML} too), as folders are read.
     */
    public boolean selects(Path relative) {
        Path unix = Path.of(relative.toString().replace('\\', '/'));
        boolean included = includes.isEmpty()
                ? unix.getFileName() != null && YamlFiles.isYaml(unix, true)
                : in.stream().anyMatch(m -> m.matches(unix));
        return included && out.stream().noneMatch(m -> m.matches(unix));
    }

    /**
     * True when the excludes leave out everything in a folder at {@code relative} ({@code chart/**}), so that it
     * need not be walked: not even an unreadable folder or a link loop there is then a problem.
     */
    public boolean excludesFolder(Path relative) {
        Path folder = Path.of(relative.toString().replace('\\', '/'));
        // everything at any depth: 'sub/*' leaves out the files right in sub, not its subfolders'
        Path near = folder.resolve("guidepost-probe");
        Path deep = folder.resolve("guidepost-probe").resolve("guidepost-probe").resolve("guidepost-probe");
        return out.stream().anyMatch(m -> m.matches(near) && m.matches(deep));
    }

    private static List<String> patterns(List<String> given) {
        return Objects.requireNonNullElse(given, List.<String>of()).stream()
                .filter(p -> p != null && !p.isBlank()).map(String::strip).toList();
    }

    private static List<PathMatcher> matchers(List<String> patterns) {
        List<PathMatcher> matchers = new ArrayList<>();
        for (String pattern : patterns) {
            String p = pattern.replace('\\', '/');
            if (p.endsWith("/")) {
                p = p + "**";
            }
            matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + p));
            if (p.startsWith("**/")) {
                matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + p.substring(3)));
            }
        }
        return matchers;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ManifestPatterns o && o.includes.equals(includes) && o.excludes.equals(excludes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(includes, excludes);
    }

    @Override
    public String toString() {
        return "includes " + (includes.isEmpty() ? DEFAULT_INCLUDES : includes) + ", excludes " + excludes;
    }
}
