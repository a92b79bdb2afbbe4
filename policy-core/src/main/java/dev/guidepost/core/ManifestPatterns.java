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
 * {@code /} means everything below, {@code **}{@code /} matches no folder too ({@code sub/**}{@code /*.yaml} takes
 * {@code sub/a.yaml}), and brackets and braces are literal, as in Ant. The Maven plugin's {@code <includes>} and
 * {@code <excludes>}, JUnit's {@code excludes} and the CLI's {@code --exclude} mean the same.
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
    private final List<PathMatcher> folderExcludes;

    private ManifestPatterns(List<String> includes, List<String> excludes) {
        this.includes = includes;
        this.excludes = excludes;
        this.in = matchers(includes);
        this.out = matchers(excludes);
        this.folderExcludes = folderMatchers(excludes);
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
        Path unix = unix(relative);
        boolean included = includes.isEmpty()
                ? unix.getFileName() != null && YamlFiles.isYaml(unix, true)
                : in.stream().anyMatch(m -> m.matches(unix));
        return included && out.stream().noneMatch(m -> m.matches(unix));
    }

    /**
     * True when an exclude leaves out everything in a folder at {@code relative}, by its form: {@code **}, or a
     * pattern ending in {@code /**}, {@code /**}{@code /*} or {@code /} whose start matches the folder ({@code chart/**},
     * {@code **}{@code /tmp/**}). Such a folder need not be walked, and an unreadable folder or a link loop in it is
     * then no problem.
     */
    public boolean excludesFolder(Path relative) {
        Path folder = unix(relative);
        return folderExcludes.stream().anyMatch(m -> m.matches(folder));
    }

    /** A path with {@code /} between its names, as the patterns are written. */
    private static Path unix(Path relative) {
        return Path.of(relative.toString().replace('\\', '/'));
    }

    private static List<String> patterns(List<String> given) {
        return Objects.requireNonNullElse(given, List.<String>of()).stream()
                .filter(p -> p != null && !p.isBlank()).map(String::strip).toList();
    }

    /** An Ant pattern as written, with a trailing {@code /} meaning everything below ({@code tmp/} is {@code tmp/**}). */
    private static String ant(String pattern) {
        String p = pattern.replace('\\', '/');
        return p.endsWith("/") ? p + "**" : p;
    }

    /**
     * Ant patterns as glob matchers: {@code **} matches any number of folders, none too ({@code a/**}{@code /b}
     * matches {@code a/b}); {@code *} and {@code ?} stay within a name; anything else is literal (Ant has no
     * {@code [...]} or {@code {a,b}}).
     */
    private static List<PathMatcher> matchers(List<String> patterns) {
        List<PathMatcher> matchers = new ArrayList<>();
        for (String pattern : patterns) {
            for (String variant : withoutFolderWildcards(ant(pattern))) {
                matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + literalBrackets(variant)));
            }
        }
        return matchers;
    }

    /** The folders the excludes leave out whole: the starts of those ending in {@code /**} or {@code /**}{@code /*}. */
    private static List<PathMatcher> folderMatchers(List<String> excludes) {
        List<PathMatcher> matchers = new ArrayList<>();
        for (String pattern : excludes) {
            String p = ant(pattern);
            if (p.equals("**") || p.equals("**/*")) {
                matchers.add(path -> true);
            } else if (p.endsWith("/**") || p.endsWith("/**/*")) {
                matchers.addAll(matchers(List.of(p.substring(0, p.lastIndexOf("/**")))));
            }
        }
        return matchers;
    }

    /**
     * A pattern and its variants where each {@code **}{@code /} matches no folder: Java's glob needs at least one
     * for {@code **}{@code /}, Ant takes none too.
     */
    private static List<String> withoutFolderWildcards(String pattern) {
        List<String> variants = new ArrayList<>(List.of(pattern));
        for (int i = 0; i < variants.size() && variants.size() < 64; i++) {
            String v = variants.get(i);
            int at = v.indexOf("**/");
            while (at >= 0) {
                if (at == 0 || v.charAt(at - 1) == '/') {
                    String shorter = v.substring(0, at) + v.substring(at + 3);
                    if (!variants.contains(shorter)) {
                        variants.add(shorter);
                    }
                }
                at = v.indexOf("**/", at + 1);
            }
        }
        return variants;
    }

    private static String literalBrackets(String pattern) {
        return pattern.replace("[", "\\[").replace("]", "\\]").replace("{", "\\{").replace("}", "\\}");
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
