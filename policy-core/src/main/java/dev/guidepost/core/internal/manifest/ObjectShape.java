package dev.guidepost.core.internal.manifest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.guidepost.core.ManifestProblem;
import dev.guidepost.core.SourceLocation;
import dev.guidepost.core.internal.match.ApiResources;
import dev.guidepost.core.internal.match.PodControllers;
import dev.guidepost.core.internal.yaml.YamlDocument;

/**
 * The types an object's fields must have for the API server to decode it, where YAML easily gives another: the
 * identifying fields and labels are text ({@code version: 1.10} reads as a number), and a workload's pod spec is
 * a mapping with lists of containers. Each problem is located at its field, with the value as written.
 */
public final class ObjectShape {

    private ObjectShape() {
    }

    /** The problem when {@code apiVersion} or {@code kind} is not text. */
    public static Optional<ManifestProblem> typeOfIdentity(Map<?, ?> object, YamlDocument document,
            List<Object> path) {
        for (String field : List.of("apiVersion", "kind")) {
            Object v = object.get(field);
            if (v != null && !(v instanceof String)) {
                List<Object> at = YamlDocument.path(path, field);
                return Optional.of(new ManifestProblem(located(document, at), ManifestProblem.Type.MALFORMED,
                        field + " must be text, not " + describe(v, document, at) + ", so the cluster would refuse "
                                + "the object"));
            }
        }
        return Optional.empty();
    }

    /**
     * The problems of an object's parts, as one problem at the first that names the others, so that one run shows
     * every fix: its metadata and that of its templates, a built-in workload's pod spec, replicas and containers,
     * the data of ConfigMaps and Secrets, and the values at quantity fields.
     */
    public static Optional<ManifestProblem> typesOfParts(Map<?, ?> object, String apiVersion, String kind,
            YamlDocument document, List<Object> path) {
        List<ManifestProblem> found = new ArrayList<>();
        metadata(object, document, path, "metadata").ifPresent(found::add);
        String group = ApiResources.groupOf(apiVersion);
        boolean builtIn = group.isEmpty() || group.equals("apps") || group.equals("batch");
        if (builtIn) {
            Optional<ManifestProblem> spec = podSpec(object, apiVersion, kind, document, path);
            if (spec.isPresent()) {
                found.add(spec.get());
            } else {
                found.addAll(WorkloadFields.problems(object, kind, document, path));
            }
            found.addAll(DataFields.problems(object, apiVersion, kind, document, path));
            found.addAll(QuantityValues.problems(object, kind, document, path));
        }
        if (found.isEmpty()) {
            return Optional.empty();
        }
        found.sort(java.util.Comparator.comparingInt(p -> p.location().line()));
        ManifestProblem first = found.get(0);
        StringBuilder message = new StringBuilder(first.message());
        for (ManifestProblem other : found.subList(1, found.size())) {
            message.append("; also at line ").append(other.location().line()).append(": ").append(other.message());
        }
        return Optional.of(new ManifestProblem(first.location(), first.type(), message.toString()));
    }

    /** A path from {@code from} on, as a field name ({@code spec.template.spec.containers[0].env[1].value}). */
    static String dotted(List<Object> path, int from) {
        StringBuilder out = new StringBuilder();
        for (Object step : path.subList(from, path.size())) {
            if (step instanceof Integer) {
                out.append('[').append(step).append(']');
            } else {
                out.append(out.length() == 0 ? "" : ".").append(step);
            }
        }
        return out.toString();
    }

    /** The location of the element at {@code path} in a document. */
    public static SourceLocation located(YamlDocument document, List<Object> path) {
        return new SourceLocation(document.source(), document.lineOf(path), 0);
    }

    /**
     * The first identifying field of an object's metadata ({@code name}: where it is, such as
     * {@code spec.template.metadata}) that has a type the API server cannot decode: its
     * name, namespace and generateName are text, and so are the values of its labels and annotations (YAML reads
     * {@code version: 1.0} and {@code scrape: true} as a number and a boolean).
     */
    static Optional<ManifestProblem> metadata(Map<?, ?> object, YamlDocument document, List<Object> path,
            String name) {
        Object metadata = object.get("metadata");
        if (metadata == null) {
            return Optional.empty();
        }
        if (!(metadata instanceof Map<?, ?> meta)) {
            List<Object> at = YamlDocument.path(path, "metadata");
            return Optional.of(new ManifestProblem(located(document, at), ManifestProblem.Type.MALFORMED,
                    name + " must be a mapping (name: ..., labels: ...), not " + describe(metadata, document, at)
                            + ", so the cluster would refuse the object"));
        }
        for (String field : List.of("name", "namespace", "generateName")) {
            Object v = meta.get(field);
            if (v != null && !(v instanceof String)) {
                List<Object> at = YamlDocument.path(path, "metadata", field);
                return Optional.of(new ManifestProblem(located(document, at), ManifestProblem.Type.MALFORMED,
                        name + "." + field + " must be text, not " + describe(v, document, at)
                                + ", so the cluster would refuse the object" + quoteHint(field, v, document, at)));
            }
        }
        for (String field : List.of("labels", "annotations")) {
            Object v = meta.get(field);
            if (v == null) {
                continue;
            }
            if (!(v instanceof Map<?, ?> entries)) {
                List<Object> at = YamlDocument.path(path, "metadata", field);
                return Optional.of(new ManifestProblem(located(document, at), ManifestProblem.Type.MALFORMED,
                        name + "." + field + " must be a mapping of keys to text, not " + describe(v, document, at)
                                + ", so the cluster would refuse the object"));
            }
            for (Map.Entry<?, ?> e : entries.entrySet()) {
                if (e.getValue() != null && !(e.getValue() instanceof String)) {
                    String key = String.valueOf(e.getKey());
                    List<Object> at = YamlDocument.path(path, "metadata", field, key);
                    return Optional.of(new ManifestProblem(located(document, at), ManifestProblem.Type.MALFORMED,
                            "the " + field.substring(0, field.length() - 1) + " '" + key + "'"
                                    + (name.equals("metadata") ? "" : " in " + name) + " has "
                                    + describe(e.getValue(), document, at) + " as its value, and the cluster takes "
                                    + "only text there, so it would refuse the object" + quoteHint(key, e.getValue(),
                                            document, at)));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The first part of a built-in workload's pod spec with a type the API server cannot decode: a mapping on the
     * way written as text or a list, or containers that are not a list of mappings. Missing parts are left alone
     * (a fixture may leave out what a policy does not read); only wrong types, which the cluster always refuses.
     */
    private static Optional<ManifestProblem> podSpec(Map<?, ?> object, String apiVersion, String kind,
            YamlDocument document, List<Object> path) {
        Optional<List<String>> podSpec = PodControllers.podSpecPath(kind);
        String group = ApiResources.groupOf(apiVersion);
        if (podSpec.isEmpty() || !(group.isEmpty() || group.equals("apps") || group.equals("batch"))) {
            return Optional.empty();
        }
        Object node = object;
        List<Object> at = new ArrayList<>(path);
        for (String step : podSpec.get()) {
            node = node instanceof Map<?, ?> map ? map.get(step) : null;
            at.add(step);
            if (node == null) {
                return Optional.empty();
            }
            if (!(node instanceof Map<?, ?>)) {
                return Optional.of(new ManifestProblem(located(document, at), ManifestProblem.Type.MALFORMED,
                        dotted(at, path.size()) + " of the " + kind + " must be a mapping, not "
                                + describe(node, document, at) + ", so the cluster would refuse it"));
            }
        }
        for (String field : List.of("initContainers", "containers", "ephemeralContainers")) {
            Object containers = ((Map<?, ?>) node).get(field);
            List<Object> fieldPath = YamlDocument.path(at, field);
            if (containers != null && (!(containers instanceof List<?> list)
                    || list.stream().anyMatch(c -> !(c instanceof Map<?, ?>)))) {
                return Optional.of(new ManifestProblem(located(document, fieldPath), ManifestProblem.Type.MALFORMED,
                        dotted(fieldPath, path.size()) + " of the " + kind + " must be a list of containers "
                                + "(- name: app, image: ...), not "
                                + (containers instanceof List<?> ? "a list holding something else"
                                        : describe(containers, document, fieldPath))
                                + ", so the cluster would refuse it"));
            }
        }
        return Optional.empty();
    }

    /** A value of the wrong type in words, a scalar as it is written. */
    static String describe(Object value, YamlDocument document, List<Object> path) {
        if (value instanceof Map<?, ?>) {
            return "a mapping";
        }
        if (value instanceof List<?>) {
            return "a list";
        }
        String written = document.scalarText(path).orElse(String.valueOf(value));
        return value instanceof Boolean ? "the boolean " + written : value instanceof Number ? "the number " + written
                : "the text '" + written + "'";
    }

    /** For a scalar read as a number or boolean, how to write it as text. */
    static String quoteHint(String key, Object value, YamlDocument document, List<Object> path) {
        return value instanceof Map<?, ?> || value instanceof List<?> ? ""
                : "; quote it: " + key + ": \"" + document.scalarText(path).orElse(String.valueOf(value)) + "\"";
    }
}
