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
        List<Object> results = PlainValues.list(test, "results");
        for (int i = 0; i < results.size(); i++) {
            if (!(results.get(i) instanceof Map<?, ?> result)) {
                continue;
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

    private static Problem unknown(YamlDocument document, List<Object> path, String key, String where,
            Set<String> known) {
        List<String> similar = IdSimilarity.similar(new ArrayList<>(known), key);
        return new Problem(document.lineOf(path), "unknown field '" + key + "' in " + where
                + (similar.isEmpty() ? "" : "; did you mean " + similar.get(0) + "?")
                + " The Kyverno CLI reads test files strictly; its fields there are " + String.join(", ", known));
    }
}
