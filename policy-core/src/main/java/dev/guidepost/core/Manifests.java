package dev.guidepost.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import dev.guidepost.core.internal.yaml.PlainValues;
import dev.guidepost.core.internal.yaml.YamlDocument;
import dev.guidepost.core.internal.yaml.YamlDocuments;
import dev.guidepost.core.internal.yaml.YamlFiles;
import dev.guidepost.core.internal.yaml.YamlProblem;

/**
 * Kubernetes manifests read from files, folders or text, with the documents that could not be checked. Folders
 * are walked recursively for {@code .yaml}, {@code .yml} and {@code .json} files, in a stable order; multi-document
 * files and {@code kind: List} are expanded; every manifest keeps its file and line. One bad document never hides
 * the others: it becomes a {@link ManifestProblem}.
 */
public final class Manifests implements Iterable<Manifest> {

    private static final Pattern HELM_TEMPLATE = Pattern.compile(
            "\\{\\{-?\\s*(?:\\.Values|\\.Release|\\.Chart|\\.Capabilities|\\.Files|\\.Template|\\$\\.Values"
                    + "|include\\s+\"|template\\s+\"|tpl\\s)");

    private final List<Manifest> manifests;
    private final List<ManifestProblem> problems;

    private Manifests(List<Manifest> manifests, List<ManifestProblem> problems) {
        this.manifests = List.copyOf(manifests);
        this.problems = List.copyOf(problems);
    }

    /** Reads files and folders. A path that does not exist is reported as an {@code IO} problem. */
    public static Manifests load(Path... paths) {
        return load(List.of(paths));
    }

    /** Reads files and folders. A path that does not exist is reported as an {@code IO} problem. */
    public static Manifests load(Collection<Path> paths) {
        List<Manifest> manifests = new ArrayList<>();
        List<ManifestProblem> problems = new ArrayList<>();
        for (Path path : paths) {
            for (Path file : files(path, problems)) {
                collect(YamlDocuments.read(file), manifests, problems);
            }
        }
        return new Manifests(manifests, problems);
    }

    /** Parses YAML or JSON text; {@code sourceName} names it in locations (for example {@code <stdin>}). */
    public static Manifests parse(String text, String sourceName) {
        List<Manifest> manifests = new ArrayList<>();
        List<ManifestProblem> problems = new ArrayList<>();
        collect(YamlDocuments.parse(text, sourceName), manifests, problems);
        return new Manifests(manifests, problems);
    }

    /** Manifests that were already read, without problems. */
    public static Manifests of(Collection<Manifest> manifests) {
        return new Manifests(List.copyOf(manifests), List.of());
    }

    /** Manifests that were already read, with the documents that could not be checked. */
    public static Manifests of(Collection<Manifest> manifests, Collection<ManifestProblem> problems) {
        return new Manifests(List.copyOf(manifests), List.copyOf(problems));
    }

    /** The objects read, in file order. */
    public List<Manifest> manifests() {
        return manifests;
    }

    /** Every document that was not checked, unreadable ones and non-Kubernetes ones. */
    public List<ManifestProblem> problems() {
        return problems;
    }

    /** Documents that could not be read (syntax, template, refused tag, limit, IO). */
    public List<ManifestProblem> unreadable() {
        return problems.stream().filter(ManifestProblem::unreadable).toList();
    }

    /** Valid YAML documents that are not Kubernetes objects; they are skipped. */
    public List<ManifestProblem> skipped() {
        return problems.stream().filter(p -> !p.unreadable()).toList();
    }

    /** The number of manifests. */
    public int size() {
        return manifests.size();
    }

    @Override
    public Iterator<Manifest> iterator() {
        return manifests.iterator();
    }

    /** The YAML and JSON files under a path, sorted; a file is returned as is. */
    static List<Path> files(Path path, List<ManifestProblem> problems) {
        if (Files.isRegularFile(path)) {
            return List.of(path);
        }
        if (!Files.isDirectory(path)) {
            problems.add(new ManifestProblem(SourceLocation.of(path.toString()), ManifestProblem.Type.IO,
                    "no such file or folder: " + path + "; check the path"));
            return List.of();
        }
        try {
            return YamlFiles.under(path, true);
        } catch (IOException | RuntimeException e) {
            problems.add(new ManifestProblem(SourceLocation.of(path.toString()), ManifestProblem.Type.IO,
                    "cannot list the folder: " + e.getMessage()));
            return List.of();
        }
    }

    private static void collect(List<YamlDocument> documents, List<Manifest> manifests,
            List<ManifestProblem> problems) {
        for (YamlDocument document : documents) {
            SourceLocation location = new SourceLocation(document.source(), document.line(), document.column());
            if (document.problem() != null) {
                problems.add(new ManifestProblem(location, type(document.problem().type()),
                        document.problem().message()));
                continue;
            }
            Object value = document.value();
            if (!(value instanceof Map<?, ?> map)) {
                problems.add(new ManifestProblem(location, ManifestProblem.Type.NOT_KUBERNETES,
                        "not a Kubernetes object (the document is not a mapping); skipped"));
                continue;
            }
            String kind = PlainValues.string(map, "kind");
            List<Object> items = PlainValues.list(map, "items");
            if (kind.endsWith("List") && map.get("items") instanceof List<?>) {
                for (int i = 0; i < items.size(); i++) {
                    SourceLocation itemLocation = new SourceLocation(document.source(),
                            document.lineOf(List.of("items", i)), 0);
                    addObject(items.get(i), itemLocation, manifests, problems);
                }
            } else {
                addObject(map, location, manifests, problems);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void addObject(Object value, SourceLocation location, List<Manifest> manifests,
            List<ManifestProblem> problems) {
        if (!(value instanceof Map<?, ?> map)) {
            problems.add(new ManifestProblem(location, ManifestProblem.Type.NOT_KUBERNETES,
                    "not a Kubernetes object (not a mapping); skipped"));
            return;
        }
        String apiVersion = PlainValues.string(map, "apiVersion");
        String kind = PlainValues.string(map, "kind");
        if (apiVersion.isEmpty() || kind.isEmpty()) {
            String missing = apiVersion.isEmpty() && kind.isEmpty() ? "apiVersion and kind"
                    : apiVersion.isEmpty() ? "apiVersion" : "kind";
            problems.add(new ManifestProblem(location, ManifestProblem.Type.NOT_KUBERNETES,
                    "not a Kubernetes object (no " + missing + "); skipped"));
            return;
        }
        String template = findTemplate(map);
        if (template != null) {
            problems.add(new ManifestProblem(location, ManifestProblem.Type.TEMPLATE,
                    "unrendered Helm template '" + template + "'; render the chart first (helm template ...) and "
                            + "check the output"));
            return;
        }
        manifests.add(Manifest.of((Map<String, ?>) map, location));
    }

    private static String findTemplate(Object value) {
        if (value instanceof String s) {
            return s.contains("{{") && HELM_TEMPLATE.matcher(s).find() ? abbreviate(s) : null;
        }
        if (value instanceof Map<?, ?> map) {
            for (Object v : map.values()) {
                String found = findTemplate(v);
                if (found != null) {
                    return found;
                }
            }
        } else if (value instanceof List<?> list) {
            for (Object v : list) {
                String found = findTemplate(v);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static String abbreviate(String s) {
        String line = s.strip().split("\\R", 2)[0];
        return line.length() > 60 ? line.substring(0, 57) + "..." : line;
    }

    private static ManifestProblem.Type type(YamlProblem.Type type) {
        return ManifestProblem.Type.valueOf(type.name());
    }
}
