package dev.guidepost.core.internal.kyvernotest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import dev.guidepost.core.internal.pack.IdSimilarity;
import dev.guidepost.core.internal.yaml.PlainValues;
import dev.guidepost.core.internal.yaml.YamlDocument;

/**
 * The fields a Kyverno CLI test file may have. The CLI decodes {@code kyverno-test.yaml} strictly, so a misspelt
 * field ({@code resultz}, {@code polcy}) is a load error rather than a test that silently checks less. The fields
 * are those of the CLI's {@code Test} and {@code TestResult} types (Kyverno 1.19), plus the ones earlier versions
 * read that Guidepost still honours ({@code checks}, {@code oldResources}; in a result {@code resource},
 * {@code status}, {@code patchedResource}, {@code resourceOperation}). A result's {@code namespace}, which no
 * version matched resources by and 1.19 rejects, is an error pointing at {@code namespace/name}.
 */
final class TestFileFields {

    private static final Set<String> TEST = new TreeSet<>(List.of("apiVersion", "kind", "metadata", "name",
            "policies", "resources", "results", "variables", "values", "userinfo", "exceptions", "context",
            "clusterResources", "targetResources", "paramResources", "jsonPayload", "jsonPayloads", "httpPayloads",
            "envoyPayloads", "apiCallResponses", "globalContextEntries", "checks", "oldResources"));
    private static final Set<String> RESULT = new TreeSet<>(List.of("policy", "rule", "kind", "result",
            "resources", "resourceSpecs", "patchedResources", "generatedResource", "generatedResources",
            "cloneSourceResource", "operation", "failOnMissingResources", "isValidatingPolicy",
            "isValidatingAdmissionPolicy", "isMutatingPolicy", "isMutatingAdmissionPolicy", "isGeneratingPolicy",
            "isDeletingPolicy", "isImageValidatingPolicy", "resource", "status", "patchedResource",
            "resourceOperation"));

    /** Fields the CLI decodes as a list of file names or resource names. */
    private static final List<String> TEST_LISTS = List.of("policies", "resources", "exceptions", "clusterResources",
            "targetResources");
    /** Fields the CLI decodes as one file name. */
    private static final List<String> TEST_TEXTS = List.of("variables", "userinfo", "context");
    /** Result fields that are one value in every version (file fields have been a name or a list of names). */
    private static final List<String> RESULT_TEXTS = List.of("policy", "rule", "kind", "result");

    /** A field the test should not have: its line and what is wrong. */
    record Problem(int line, String message) {
    }

    private TestFileFields() {
    }

    /** The first field the test document should not have; empty when none. */
    static Optional<Problem> problem(YamlDocument document) {
        Map<String, Object> test = PlainValues.map(document.value());
        for (String key : test.keySet()) {
            if (!TEST.contains(key)) {
                return Optional.of(unknown(document, List.of(key), key, "the test", TEST));
            }
        }
        Optional<Problem> wrongType = wrongType(document, test, List.of(), TEST_LISTS, TEST_TEXTS, "the test");
        if (wrongType.isPresent()) {
            return wrongType;
        }
        if (test.get("results") != null && !(test.get("results") instanceof List<?>)) {
            return Optional.of(new Problem(document.lineOf(List.of("results")), "results must be a list of "
                    + "expected results (- policy: ..., rule: ..., resources: [...], result: pass), not "
                    + shape(test.get("results"))));
        }
        List<Object> results = PlainValues.list(test, "results");
        for (int i = 0; i < results.size(); i++) {
            if (!(results.get(i) instanceof Map<?, ?> result)) {
                return Optional.of(new Problem(document.lineOf(List.of("results", i)), "results[" + i + "] must "
                        + "be a mapping (policy: ..., rule: ..., resources: [...], result: pass), not "
                        + shape(results.get(i))));
            }
            Optional<Problem> wrongField = wrongType(document, PlainValues.map(result), List.of("results", i),
                    List.of("resources"), RESULT_TEXTS, "results[" + i + "]");
            if (wrongField.isPresent()) {
                return wrongField;
            }
            for (Object field : result.keySet()) {
                String key = String.valueOf(field);
                List<Object> path = List.of("results", i, key);
                if (key.equals("namespace")) {
                    return Optional.of(new Problem(document.lineOf(path), "results[" + i + "] has 'namespace', "
                            + "which the Kyverno CLI does not read (1.19 rejects it); name the resource as "
                            + "namespace/name in resources"));
                }
                if (!RESULT.contains(key)) {
                    return Optional.of(unknown(document, path, key, "results[" + i + "]", RESULT));
                }
            }
        }
        return Optional.empty();
    }

    /** The first field that does not have the type the CLI decodes it into (Go's decoding fails on it). */
    private static Optional<Problem> wrongType(YamlDocument document, Map<String, Object> fields, List<Object> at,
            List<String> lists, List<String> texts, String where) {
        for (String key : lists) {
            Object value = fields.get(key);
            boolean ok = value == null || value instanceof List<?> items
                    && items.stream().allMatch(item -> item != null && !(item instanceof Map) && !(item instanceof List));
            if (!ok) {
                return Optional.of(new Problem(document.lineOf(YamlDocument.path(at, key)), key + " in " + where
                        + " must be a list of names ([a.yaml, b.yaml]), not " + shape(value)));
            }
        }
        for (String key : texts) {
            Object value = fields.get(key);
            if (value instanceof Map<?, ?> || value instanceof List<?>) {
                return Optional.of(new Problem(document.lineOf(YamlDocument.path(at, key)), key + " in " + where
                        + " must be one value, not " + shape(value)));
            }
        }
        return Optional.empty();
    }

    private static String shape(Object value) {
        if (value instanceof Map<?, ?>) {
            return "a mapping";
        }
        if (value instanceof List<?>) {
            return "a list with an item that is not a name";
        }
        return value == null ? "nothing" : "'" + value + "'";
    }

    private static Problem unknown(YamlDocument document, List<Object> path, String key, String where,
            Set<String> known) {
        List<String> similar = IdSimilarity.similar(new ArrayList<>(known), key);
        return new Problem(document.lineOf(path), "unknown field '" + key + "' in " + where
                + (similar.isEmpty() ? "" : "; did you mean " + similar.get(0) + "?")
                + " The Kyverno CLI reads test files strictly; its fields there are " + String.join(", ", known));
    }
}
