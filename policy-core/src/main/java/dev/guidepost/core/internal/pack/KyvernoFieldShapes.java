package dev.guidepost.core.internal.pack;

import java.util.List;
import java.util.Map;

import dev.guidepost.core.internal.yaml.PlainValues;

/**
 * The value types Kyverno's CRDs declare for the fields of a policy that decide what it checks: a list where a list
 * belongs, a mapping where a mapping does. The API server and Kyverno refuse a policy with text in such a place
 * ({@code validations: oops}); read leniently, the field would be empty and the policy would pass everything.
 */
final class KyvernoFieldShapes {

    /** What a field holds. */
    enum Shape {
        LIST("a list"), MAPPING("a mapping");

        private final String words;

        Shape(String words) {
            this.words = words;
        }

        boolean fits(Object value) {
            return this == LIST ? value instanceof List : value instanceof Map;
        }
    }

    /** A ValidatingPolicy's {@code spec}. */
    static final Map<String, Shape> VALIDATING_POLICY = Map.of("matchConstraints", Shape.MAPPING,
            "matchConditions", Shape.LIST, "variables", Shape.LIST, "validations", Shape.LIST,
            "validationActions", Shape.LIST, "auditAnnotations", Shape.LIST, "autogen", Shape.MAPPING,
            "evaluation", Shape.MAPPING, "webhookConfiguration", Shape.MAPPING);
    /** A ClusterPolicy's {@code spec}. */
    static final Map<String, Shape> CLUSTER_POLICY = Map.of("rules", Shape.LIST,
            "validationFailureActionOverrides", Shape.LIST, "webhookConfiguration", Shape.MAPPING);
    /** A ClusterPolicy rule. */
    static final Map<String, Shape> RULE = Map.of("match", Shape.MAPPING, "exclude", Shape.MAPPING,
            "context", Shape.LIST, "celPreconditions", Shape.LIST, "validate", Shape.MAPPING, "mutate", Shape.MAPPING,
            "generate", Shape.MAPPING, "verifyImages", Shape.LIST);
    /** A ClusterPolicy rule's {@code validate}. */
    static final Map<String, Shape> VALIDATE = Map.of("anyPattern", Shape.LIST, "deny", Shape.MAPPING,
            "foreach", Shape.LIST, "podSecurity", Shape.MAPPING, "cel", Shape.MAPPING,
            "failureActionOverrides", Shape.LIST);
    /** A {@code match} or {@code exclude} block, or one filter of its {@code any} or {@code all}. */
    static final Map<String, Shape> MATCH = Map.of("any", Shape.LIST, "all", Shape.LIST,
            "resources", Shape.MAPPING, "subjects", Shape.LIST, "roles", Shape.LIST, "clusterRoles", Shape.LIST);
    /** The {@code resources} of a filter. */
    static final Map<String, Shape> RESOURCES = Map.of("kinds", Shape.LIST, "names", Shape.LIST,
            "namespaces", Shape.LIST, "operations", Shape.LIST, "annotations", Shape.MAPPING,
            "selector", Shape.MAPPING, "namespaceSelector", Shape.MAPPING);

    private KyvernoFieldShapes() {
    }

    /** Checks a rule's {@code match} or {@code exclude}: the block, each of its filters and their resources. */
    static void checkFilters(PolicyDocument doc, Object block, Object... path) {
        check(doc, block, MATCH, path);
        check(doc, PlainValues.at(block, "resources"), RESOURCES, append(path, "resources"));
        for (String list : List.of("any", "all")) {
            List<Object> filters = PlainValues.list(block, list);
            for (int i = 0; i < filters.size(); i++) {
                Object[] at = append(append(path, list), i);
                if (!(filters.get(i) instanceof Map)) {
                    throw doc.error(KyvernoPolicyReader.describe(at) + " must be a mapping with resources or "
                            + "users, not " + found(filters.get(i)), at);
                }
                check(doc, filters.get(i), MATCH, at);
                check(doc, PlainValues.at(filters.get(i), "resources"), RESOURCES, append(at, "resources"));
            }
        }
    }

    private static Object[] append(Object[] path, Object key) {
        Object[] out = java.util.Arrays.copyOf(path, path.length + 1);
        out[path.length] = key;
        return out;
    }

    /**
     * Refuses a field of {@code node} whose value is not of its declared shape (a missing or null one is fine).
     *
     * @param path where {@code node} is in the document, for the error's line
     */
    static void check(PolicyDocument doc, Object node, Map<String, Shape> shapes, Object... path) {
        if (!(node instanceof Map<?, ?> map)) {
            return;
        }
        shapes.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(field -> {
            Object value = map.get(field.getKey());
            if (value != null && !field.getValue().fits(value)) {
                Object[] at = append(path, field.getKey());
                throw doc.error(KyvernoPolicyReader.describe(at) + " must be " + field.getValue().words + " (Kyverno's schema declares "
                        + "it so, and the cluster refuses the policy), not " + found(value), at);
            }
        });
    }

    private static String found(Object value) {
        if (value instanceof Map) {
            return "a mapping";
        }
        if (value instanceof List) {
            return "a list";
        }
        String text = String.valueOf(value);
        return "'" + (text.length() > 40 ? text.substring(0, 40) + "..." : text) + "'";
    }
}
