package dev.guidepost.core.internal.kyvernotest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import dev.guidepost.core.internal.golang.GoValues;
import dev.guidepost.core.internal.match.ApiResources;
import dev.guidepost.core.internal.yaml.PlainValues;
import dev.guidepost.core.internal.yaml.YamlDocument;
import dev.guidepost.core.internal.yaml.YamlDocuments;

/**
 * The expected resources of a test result's {@code patchedResources} file, compared with a mutated resource as
 * {@code kyverno test} compares them: the file's document with the resource's apiVersion, kind, namespace (an
 * empty one read as {@code default} unless the kind is cluster-scoped) and name is the expectation; both are tidied
 * (null values, empty maps and empty lists dropped, recursively) and must then be the same JSON document. A file
 * without such a document makes the CLI skip the resource ("not found in manifest").
 */
final class PatchedResources {

    /** How a resource compares with its expectation. */
    enum Outcome {
        EQUAL, DIFFERENT, NOT_IN_FILE, FILE_ERROR
    }

    /** The outcome, with a detail for people (the differing path, or the loading error). */
    record Comparison(Outcome outcome, String detail) {
    }

    private final Path dir;
    private final Map<String, List<Map<String, Object>>> files = new HashMap<>();

    PatchedResources(Path dir) {
        this.dir = dir;
    }

    /** Compares the actual resource with the document for it in the file (a path relative to the test). */
    Comparison compare(String file, Map<String, Object> actual) {
        return compare(file, actual, UnaryOperator.identity(), Outcome.NOT_IN_FILE, "");
    }

    /**
     * Compares a generated resource with the document for it in a {@code generatedResource} file as the CLI does:
     * on both sides the labels Kyverno adds to generated resources are fixed up first ({@code generate.kyverno.io/}
     * labels dropped, {@code app.kubernetes.io/managed-by: kyverno} added unless set), and a file without the
     * document is an error.
     */
    Comparison compareGenerated(String file, Map<String, Object> actual) {
        return compare(file, actual, PatchedResources::withGenerateLabelsFixed, Outcome.FILE_ERROR,
                "failed to load resource: ");
    }

    /**
     * Compares an object a GeneratingPolicy generated as {@link #compareGenerated} does, except that a file
     * without its document is {@link Outcome#NOT_IN_FILE}: the CLI gives such an object no row.
     */
    Comparison compareGeneratedByPolicy(String file, Map<String, Object> actual) {
        return compare(file, actual, PatchedResources::withGenerateLabelsFixed, Outcome.NOT_IN_FILE, "");
    }

    /** Finds the actual resource's document by identity and compares both, each fixed up and tidied first. */
    private Comparison compare(String file, Map<String, Object> actual,
            UnaryOperator<Map<String, Object>> fixUp, Outcome missing, String missingPrefix) {
        List<Map<String, Object>> documents;
        try {
            documents = files.computeIfAbsent(file, this::load);
        } catch (IllegalStateException e) {
            return new Comparison(Outcome.FILE_ERROR, e.getMessage());
        }
        for (Map<String, Object> expected : documents) {
            if (sameIdentity(expected, actual)) {
                String difference = difference(tidy(fixUp.apply(expected)), tidy(fixUp.apply(actual)), "");
                return difference == null ? new Comparison(Outcome.EQUAL, "")
                        : new Comparison(Outcome.DIFFERENT, difference);
            }
        }
        return new Comparison(missing, missingPrefix + file + " has no document for "
                + PlainValues.string(actual, "kind") + "/" + PlainValues.string(actual, "metadata", "name"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> withGenerateLabelsFixed(Map<String, Object> object) {
        Map<String, Object> copy = (Map<String, Object>) PlainValues.mutableCopy(object);
        Map<String, Object> metadata = copy.get("metadata") instanceof Map<?, ?> m ? (Map<String, Object>) m
                : new LinkedHashMap<>();
        Map<String, Object> labels = new LinkedHashMap<>();
        labels.put("app.kubernetes.io/managed-by", "kyverno");
        PlainValues.map(metadata, "labels").forEach((k, v) -> {
            if (!k.startsWith("generate.kyverno.io/")) {
                labels.put(k, v);
            }
        });
        metadata.put("labels", labels);
        copy.put("metadata", metadata);
        return copy;
    }

    private List<Map<String, Object>> load(String file) {
        Path path = dir.resolve(file).normalize();
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException("failed to load resource: " + file + " does not exist");
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (YamlDocument doc : YamlDocuments.read(path)) {
            if (doc.problem() != null) {
                throw new IllegalStateException("failed to load resource: " + doc.problem().message());
            }
            if (doc.value() instanceof Map<?, ?>) {
                out.add(withDefaultNamespace(PlainValues.map(PlainValues.immutableCopy(doc.value()))));
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> withDefaultNamespace(Map<String, Object> object) {
        String kind = PlainValues.string(object, "kind");
        if (!PlainValues.string(object, "metadata", "namespace").isEmpty()
                || ApiResources.builtIn().isClusterScopedKind(kind)) {
            return object;
        }
        Map<String, Object> copy = (Map<String, Object>) PlainValues.mutableCopy(object);
        Map<String, Object> metadata = copy.get("metadata") instanceof Map<?, ?> m ? (Map<String, Object>) m
                : new LinkedHashMap<>();
        metadata.put("namespace", "default");
        copy.put("metadata", metadata);
        return copy;
    }

    private static boolean sameIdentity(Map<String, Object> a, Map<String, Object> b) {
        return PlainValues.string(a, "apiVersion").equals(PlainValues.string(b, "apiVersion"))
                && PlainValues.string(a, "kind").equals(PlainValues.string(b, "kind"))
                && PlainValues.string(a, "metadata", "namespace").equals(PlainValues.string(b, "metadata",
                        "namespace"))
                && PlainValues.string(a, "metadata", "name").equals(PlainValues.string(b, "metadata", "name"));
    }

    /** The CLI's tidy: nulls, empty maps and empty lists removed, recursively (null when nothing is left). */
    static Object tidy(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> {
                Object t = tidy(v);
                if (t != null) {
                    out.put(String.valueOf(k), t);
                }
            });
            return out.isEmpty() ? null : out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            for (Object v : list) {
                Object t = tidy(v);
                if (t != null) {
                    out.add(t);
                }
            }
            return out.isEmpty() ? null : out;
        }
        return value;
    }

    /** The first path where the expected and actual documents differ, or null when they are the same. */
    private static String difference(Object expected, Object actual, String path) {
        if (expected instanceof Map<?, ?> e && actual instanceof Map<?, ?> a) {
            for (Map.Entry<?, ?> entry : e.entrySet()) {
                String d = difference(entry.getValue(), a.get(entry.getKey()), path + "/" + entry.getKey());
                if (d != null) {
                    return d;
                }
            }
            for (Object key : a.keySet()) {
                if (!e.containsKey(key)) {
                    return path + "/" + key + ": only in actual";
                }
            }
            return null;
        }
        if (expected instanceof List<?> e && actual instanceof List<?> a && e.size() == a.size()) {
            for (int i = 0; i < e.size(); i++) {
                String d = difference(e.get(i), a.get(i), path + "/" + i);
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        if (GoValues.deepEqual(expected, actual)) {
            return null;
        }
        return (path.isEmpty() ? "/" : path) + ": expected " + brief(expected) + ", got " + brief(actual);
    }

    private static String brief(Object value) {
        String text = value == null ? "nothing" : dev.guidepost.core.internal.json.Json.canonical(value);
        return text.length() > 120 ? text.substring(0, 117) + "..." : text;
    }
}
