package dev.guidepost.core.internal.match;

import java.util.List;
import java.util.Map;

import dev.guidepost.core.internal.yaml.PlainValues;

/**
 * The {@code matchConstraints} of a ValidatingPolicy or ValidatingAdmissionPolicy, with the API server's
 * semantics: resource rules (operations, groups, versions, resources with subresources, scope, names), exclusion
 * rules, namespace selector and object selector.
 */
public final class MatchConstraints {

    private final boolean present;
    private final List<Object> resourceRules;
    private final List<Object> excludeResourceRules;
    private final LabelSelector namespaceSelector;
    private final LabelSelector objectSelector;

    private MatchConstraints(boolean present, List<Object> resourceRules, List<Object> excludeResourceRules,
            LabelSelector namespaceSelector, LabelSelector objectSelector) {
        this.present = present;
        this.resourceRules = resourceRules;
        this.excludeResourceRules = excludeResourceRules;
        this.namespaceSelector = namespaceSelector;
        this.objectSelector = objectSelector;
    }

    /** Reads {@code matchConstraints} (null when the policy has none: it then matches nothing). */
    public static MatchConstraints of(Object matchConstraints) {
        return new MatchConstraints(matchConstraints instanceof Map,
                PlainValues.list(matchConstraints, "resourceRules"),
                PlainValues.list(matchConstraints, "excludeResourceRules"),
                LabelSelector.of(PlainValues.at(matchConstraints, "namespaceSelector")),
                LabelSelector.of(PlainValues.at(matchConstraints, "objectSelector")));
    }

    /**
     * True when the request matches.
     *
     * @param operation       the request's operation
     * @param resource        the request's resource type
     * @param namespace       the request's namespace ({@code ""} for cluster-scoped)
     * @param name            the object's name
     * @param objectLabels    labels of the object (or the old object)
     * @param namespaceLabels labels of the namespace, used only when the namespace selector applies
     */
    public boolean matches(String operation, ApiResource resource, String namespace, String name,
            Map<String, String> objectLabels, java.util.function.Supplier<Map<String, String>> namespaceLabels) {
        if (!present) {
            return false;
        }
        boolean isNamespace = resource.group().isEmpty() && resource.resource().equals("namespaces");
        if (!namespaceSelector.isEmpty() && (!namespace.isEmpty() || isNamespace)
                && !namespaceSelector.matches(namespaceLabels.get())) {
            return false;
        }
        if (!objectSelector.matches(objectLabels)) {
            return false;
        }
        for (Object rule : excludeResourceRules) {
            if (ruleMatches(rule, operation, resource, namespace, name)) {
                return false;
            }
        }
        if (resourceRules.isEmpty()) {
            return true;
        }
        for (Object rule : resourceRules) {
            if (ruleMatches(rule, operation, resource, namespace, name)) {
                return true;
            }
        }
        return false;
    }

    /**
     * True when the constraints are more than one plain resource rule: selectors with content, exclusions,
     * resource names, or a number of rules other than one. (The Kyverno CLI reports an empty answer, rather
     * than none, for a policy with such constraints that does not match.)
     */
    public boolean isComplex() {
        if (!namespaceSelector.isEmpty() || !objectSelector.isEmpty() || !excludeResourceRules.isEmpty()) {
            return true;
        }
        if (resourceRules.size() != 1) {
            return true;
        }
        return !PlainValues.strings(resourceRules.get(0), "resourceNames").isEmpty();
    }

    private static boolean ruleMatches(Object rule, String operation, ApiResource resource, String namespace,
            String name) {
        if (!listed(PlainValues.strings(rule, "operations"), operation)
                || !listed(PlainValues.strings(rule, "apiGroups"), resource.group())
                || !listed(PlainValues.strings(rule, "apiVersions"), resource.version())
                || !resourceListed(PlainValues.strings(rule, "resources"), resource)) {
            return false;
        }
        String scope = PlainValues.string(rule, "scope");
        if (scope.equals("Cluster") && !namespace.isEmpty() || scope.equals("Namespaced") && namespace.isEmpty()) {
            return false;
        }
        List<String> names = PlainValues.strings(rule, "resourceNames");
        return names.isEmpty() || names.contains(name);
    }

    private static boolean listed(List<String> values, String value) {
        return values.contains("*") || values.contains(value);
    }

    private static boolean resourceListed(List<String> resources, ApiResource resource) {
        String base = resource.baseResource();
        String sub = resource.subresource();
        for (String entry : resources) {
            int slash = entry.indexOf('/');
            String res = slash < 0 ? entry : entry.substring(0, slash);
            String s = slash < 0 ? "" : entry.substring(slash + 1);
            if ((res.equals("*") || res.equals(base)) && (s.equals("*") || s.equals(sub))) {
                return true;
            }
        }
        return false;
    }
}
