package dev.guidepost.core.internal.pack;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.guidepost.core.Action;
import dev.guidepost.core.Policy;
import dev.guidepost.core.internal.match.ApiResource;
import dev.guidepost.core.internal.match.ApiResources;
import dev.guidepost.core.internal.yaml.PlainValues;

/**
 * Compiles a policy in Guidepost's format to the Kyverno {@code ValidatingPolicy} it means: the short
 * {@code match.kinds} form becomes {@code matchConstraints.resourceRules}, match conditions, variables and
 * validations carry over, and {@code action} becomes {@code validationActions}. The engine evaluates this
 * ValidatingPolicy, so a pack checked by Guidepost and the YAML emitted for the cluster agree.
 */
public final class ValidatingPolicyTranslator {

    /** The apiVersion of emitted ValidatingPolicies. */
    public static final String API_VERSION = "policies.kyverno.io/v1";

    private static final Map<String, String> CONTROLLER_PLURALS = Map.of("Deployment", "deployments",
            "StatefulSet", "statefulsets", "DaemonSet", "daemonsets", "ReplicaSet", "replicasets", "Job", "jobs",
            "CronJob", "cronjobs");

    private ValidatingPolicyTranslator() {
    }

    /** The ValidatingPolicy document of a Guidepost policy (without Guidepost's annotations). */
    public static Map<String, Object> toValidatingPolicy(Policy policy) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", policy.id());
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("apiVersion", API_VERSION);
        document.put("kind", "ValidatingPolicy");
        document.put("metadata", metadata);
        document.put("spec", spec(policy));
        return document;
    }

    /** The {@code spec} of the ValidatingPolicy a Guidepost policy compiles to. */
    public static Map<String, Object> spec(Policy policy) {
        Map<String, Object> source = PlainValues.map(policy.definition(), "spec");
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("validationActions", List.of(validationAction(policy.action())));
        if (source.containsKey("failurePolicy")) {
            spec.put("failurePolicy", source.get("failurePolicy"));
        }
        spec.put("matchConstraints", matchConstraints(PlainValues.map(source, "match")));
        copyList(source, spec, "matchConditions");
        copyList(source, spec, "variables");
        List<Object> validations = new ArrayList<>();
        for (Object v : PlainValues.list(source, "validations")) {
            Map<String, Object> validation = new LinkedHashMap<>();
            validation.put("expression", PlainValues.string(v, "expression"));
            String message = PlainValues.string(v, "message");
            validation.put("message", message.isEmpty() ? policy.title() : message);
            String messageExpression = PlainValues.string(v, "messageExpression");
            if (!messageExpression.isEmpty()) {
                validation.put("messageExpression", messageExpression);
            }
            validations.add(validation);
        }
        spec.put("validations", validations);
        copyList(source, spec, "auditAnnotations");
        autogen(source.get("autogen")).ifPresent(controllers ->
                spec.put("autogen", ordered("podControllers", ordered("controllers", controllers))));
        return spec;
    }

    /** Kyverno's validation action for an action. */
    public static String validationAction(Action action) {
        return switch (action) {
            case ENFORCE -> "Deny";
            case AUDIT -> "Audit";
            case WARN -> "Warn";
        };
    }

    /**
     * The ValidatingPolicy {@code matchConstraints} of a Guidepost {@code match}: the full form is taken as it
     * is; the short form ({@code kinds}, {@code namespaces}, {@code excludeNamespaces}, {@code labels},
     * {@code operations}) is expanded.
     *
     * @throws IllegalArgumentException naming a kind that cannot be resolved
     */
    public static Map<String, Object> matchConstraints(Map<String, Object> match) {
        if (!match.containsKey("kinds")) {
            return new LinkedHashMap<>(match);
        }
        List<String> operations = PlainValues.strings(match, "operations");
        if (operations.isEmpty()) {
            operations = List.of("CREATE", "UPDATE");
        }
        Map<String, List<String>> byGroupVersion = new LinkedHashMap<>();
        for (String kind : PlainValues.strings(match, "kinds")) {
            ApiResource named = resolve(kind);
            // a kind written without its version is every version Kubernetes serves of it
            List<ApiResource> served = kind.contains("/") ? List.of(named)
                    : ApiResources.builtIn().versionsOfKind(kind);
            for (ApiResource resource : served.isEmpty() ? List.of(named) : served) {
                List<String> resources = byGroupVersion.computeIfAbsent(resource.group() + "/" + resource.version(),
                        k -> new ArrayList<>());
                if (!resources.contains(resource.resource())) {
                    resources.add(resource.resource());
                }
            }
        }
        List<Object> rules = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : byGroupVersion.entrySet()) {
            int slash = e.getKey().indexOf('/');
            Map<String, Object> rule = new LinkedHashMap<>();
            rule.put("apiGroups", List.of(e.getKey().substring(0, slash)));
            rule.put("apiVersions", List.of(e.getKey().substring(slash + 1)));
            rule.put("operations", operations);
            rule.put("resources", e.getValue());
            rules.add(rule);
        }
        Map<String, Object> constraints = new LinkedHashMap<>();
        constraints.put("resourceRules", rules);
        List<Object> namespaceExpressions = new ArrayList<>();
        List<String> namespaces = PlainValues.strings(match, "namespaces");
        if (!namespaces.isEmpty()) {
            namespaceExpressions.add(nameRequirement("In", namespaces));
        }
        List<String> excluded = PlainValues.strings(match, "excludeNamespaces");
        if (!excluded.isEmpty()) {
            namespaceExpressions.add(nameRequirement("NotIn", excluded));
        }
        if (!namespaceExpressions.isEmpty()) {
            constraints.put("namespaceSelector", ordered("matchExpressions", namespaceExpressions));
        }
        Map<String, Object> labels = PlainValues.map(match, "labels");
        if (!labels.isEmpty()) {
            constraints.put("objectSelector", ordered("matchLabels", labels));
        }
        return constraints;
    }

    /**
     * The resource type of a kind reference: {@code Kind} (a built-in kind), {@code version/Kind} or
     * {@code group/version/Kind} (any kind, including custom resources).
     */
    public static ApiResource resolve(String reference) {
        String[] parts = reference.split("/");
        ApiResources builtIn = ApiResources.builtIn();
        switch (parts.length) {
            case 1:
                return builtIn.byKind(parts[0]).orElseThrow(() -> new IllegalArgumentException("'" + reference
                        + "' is not a built-in kind; write group/version/Kind for custom resources, for example "
                        + "postgresql.cnpg.io/v1/Cluster"));
            case 2:
                return builtIn.resolve(parts[0], parts[1]).known() ? builtIn.resolve(parts[0], parts[1])
                        : builtIn.byKind(parts[1]).filter(r -> r.version().equals(parts[0]))
                                .orElse(builtIn.resolve(parts[0], parts[1]));
            case 3:
                return builtIn.resolve(parts[0] + "/" + parts[1], parts[2]);
            default:
                throw new IllegalArgumentException("'" + reference + "' is not Kind, version/Kind or "
                        + "group/version/Kind");
        }
    }

    /** The autogen controllers: absent → Kyverno's default; false → none; a list of kinds → those. */
    static Optional<List<String>> autogen(Object value) {
        if (value == null || Boolean.TRUE.equals(value)) {
            return Optional.empty();
        }
        if (Boolean.FALSE.equals(value)) {
            return Optional.of(List.of());
        }
        List<String> controllers = new ArrayList<>();
        if (value instanceof List<?> list) {
            for (Object item : list) {
                String kind = String.valueOf(item);
                String plural = CONTROLLER_PLURALS.get(kind);
                if (plural == null) {
                    throw new IllegalArgumentException("autogen lists '" + kind + "'; use "
                            + String.join(", ", new java.util.TreeSet<>(CONTROLLER_PLURALS.keySet())));
                }
                controllers.add(plural);
            }
            return Optional.of(controllers);
        }
        throw new IllegalArgumentException("autogen must be true, false or a list of controller kinds");
    }

    /** A label selector requirement on the namespace name label (key order as Kubernetes writes it). */
    private static Map<String, Object> nameRequirement(String operator, List<String> namespaces) {
        Map<String, Object> requirement = new LinkedHashMap<>();
        requirement.put("key", "kubernetes.io/metadata.name");
        requirement.put("operator", operator);
        requirement.put("values", namespaces);
        return requirement;
    }

    /** A one-entry map; unlike {@code Map.of}, its iteration order is the same in every run. */
    private static Map<String, Object> ordered(String key, Object value) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(key, value);
        return map;
    }

    private static void copyList(Map<String, Object> source, Map<String, Object> target, String key) {
        List<Object> list = PlainValues.list(source, key);
        if (!list.isEmpty()) {
            target.put(key, list);
        }
    }
}
