package dev.guidepost.core.internal.emit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.guidepost.core.Action;
import dev.guidepost.core.Policy;
import dev.guidepost.core.PolicyPack;
import dev.guidepost.core.internal.engine.CompiledPolicy;
import dev.guidepost.core.internal.engine.PolicyCompiler;
import dev.guidepost.core.internal.engine.ValidatingPolicyAutogen;
import dev.guidepost.core.internal.json.Json;
import dev.guidepost.core.internal.match.ApiResource;
import dev.guidepost.core.internal.match.ApiResources;
import dev.guidepost.core.internal.pack.PackReader;
import dev.guidepost.core.internal.pack.ValidatingPolicyTranslator;
import dev.guidepost.core.internal.yaml.PlainValues;

/**
 * Writes a Guidepost policy as a Kyverno {@code ClusterPolicy} ({@code kyverno.io/v1}) with one
 * {@code validate.cel} rule and a per-rule {@code failureAction}, for clusters on older Kyverno. Equivalent to
 * the ValidatingPolicy: {@code matchConstraints} become {@code match.any[].resources} (kinds, operations, names,
 * namespaces, namespace and object selectors), match conditions become {@code celPreconditions}, and the autogen
 * controllers are pinned with Kyverno's {@code pod-policies.kyverno.io/autogen-controllers} annotation (rules
 * {@code autogen-<rule>} and {@code autogen-cronjob-<rule>}). A policy whose expressions do not compile in the
 * ClusterPolicy CEL environment (Kubernetes' admission environment, without Kyverno's libraries) is not
 * expressible.
 */
final class ClusterPolicyTarget {

    static final String KIND = "ClusterPolicy";
    static final String AUTOGEN_ANNOTATION = "pod-policies.kyverno.io/autogen-controllers";

    private static final String NAME_LABEL = "kubernetes.io/metadata.name";
    private static final int MAX_RULE_NAME = 63 - "autogen-cronjob-".length();
    private static final Map<String, String> CONTROLLER_KINDS = Map.of("daemonsets", "DaemonSet",
            "deployments", "Deployment", "replicasets", "ReplicaSet", "statefulsets", "StatefulSet", "jobs", "Job",
            "cronjobs", "CronJob");

    private ClusterPolicyTarget() {
    }

    static EmittedPolicy emit(Policy policy, PolicyPack pack) throws NotExpressibleException {
        Map<String, Object> spec = ValidatingPolicyTarget.spec(policy);
        Map<String, Object> constraints = PlainValues.map(spec, "matchConstraints");
        Map<String, String> kinds = kindReferences(policy);
        String ruleName = ruleName(policy.id());

        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("name", ruleName);
        rule.put("match", ordered("any", filters(PlainValues.list(constraints, "resourceRules"), constraints, kinds,
                true)));
        List<Object> exclude = new ArrayList<>(filters(PlainValues.list(constraints, "excludeResourceRules"),
                Map.of(), kinds, false));
        excludedNamespaces(constraints).ifPresent(namespaces -> exclude.add(resources(ordered("namespaces",
                namespaces))));
        if (!exclude.isEmpty()) {
            rule.put("exclude", ordered("any", exclude));
        }
        copy(spec, "matchConditions", rule, "celPreconditions");
        Map<String, Object> cel = new LinkedHashMap<>();
        copy(spec, "variables", cel, "variables");
        cel.put("expressions", spec.get("validations"));
        copy(spec, "auditAnnotations", cel, "auditAnnotations");
        Map<String, Object> validate = new LinkedHashMap<>();
        validate.put("failureAction", policy.action() == Action.ENFORCE ? "Enforce" : "Audit");
        validate.put("cel", cel);
        rule.put("validate", validate);

        Map<String, Object> policySpec = new LinkedHashMap<>();
        if (policy.action() == Action.WARN) {
            policySpec.put("emitWarning", true);
        }
        if (spec.containsKey("failurePolicy")) {
            policySpec.put("failurePolicy", spec.get("failurePolicy"));
        }
        if (ValidatingPolicyTarget.readsRequestUser(spec)) {
            policySpec.put("background", false); // Kyverno refuses background scans of rules reading the user
        }
        policySpec.put("rules", List.of(rule));

        Map<String, Object> annotations = PolicyAnnotations.of(policy, pack);
        if (selectsPods(rule)) {
            annotations = PolicyAnnotations.with(annotations, AUTOGEN_ANNOTATION, autogenControllers(spec));
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("apiVersion", "kyverno.io/v1");
        document.put("kind", KIND);
        document.put("metadata", PolicyAnnotations.metadata(policy.id(), annotations));
        document.put("spec", policySpec);
        checkCompiles(policy, document);

        List<String> notes = new ArrayList<>();
        if (policy.action() == Action.WARN) {
            notes.add("Warn becomes failureAction Audit with spec.emitWarning (ClusterPolicy has no Warn action)");
        }
        String text = Json.canonical(spec);
        if (!autogenControllers(spec).equals("none") && OWN_NAME.matcher(text).find()) {
            // Kyverno's ClusterPolicy autogen rewrites every object. to the pod template, which has no name or
            // namespace of its own: the rule would error, and an Enforce error rejects every pod controller
            throw new NotExpressibleException("its CEL reads object.metadata.name or .namespace, which ClusterPolicy "
                    + "autogen would read from the pod controllers' pod template (it has neither), so the rule would "
                    + "error on every Deployment, StatefulSet, DaemonSet, Job and CronJob; emit the ValidatingPolicy "
                    + "format, whose autogen keeps them, or set autogen: false on the policy to check Pods only");
        }
        if (PlainValues.string(spec, "failurePolicy").equals("Ignore")) {
            notes.add("failurePolicy Ignore: a ClusterPolicy reads it for an unreachable webhook only, so a CEL "
                    + "error in this Enforce rule rejects the request there, where Guidepost and a ValidatingPolicy "
                    + "admit it");
        }
        String limit = text.contains("namespaceObject")
                ? "kyverno test gives ClusterPolicy CEL rules only namespaceObject.metadata.name, and this policy "
                        + "reads namespaceObject" : "";
        return new EmittedPolicy(policy, List.of(document), notes,
                new ExampleRouting(policy.id(), ruleName, "", Map.of(), limit));
    }

    /** A read of the object's own name or namespace, which ClusterPolicy autogen points at the pod template. */
    private static final java.util.regex.Pattern OWN_NAME = java.util.regex.Pattern.compile(
            "\\b(?:old)?[oO]bject\\.metadata\\.\\??(?:name|namespace)\\b");

    /** The rule's name: the policy id, cut so that {@code autogen-cronjob-<name>} fits Kyverno's 63 characters. */
    static String ruleName(String id) {
        if (id.length() <= MAX_RULE_NAME) {
            return id;
        }
        String cut = id.substring(0, MAX_RULE_NAME);
        while (cut.endsWith("-") || cut.endsWith(".")) {
            cut = cut.substring(0, cut.length() - 1);
        }
        return cut;
    }

    /** Kyverno kind references ({@code group/version/Kind}) of the resources named in {@code match.kinds}. */
    private static Map<String, String> kindReferences(Policy policy) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String reference : PlainValues.strings(policy.definition(), "spec", "match", "kinds")) {
            ApiResource type = ValidatingPolicyTranslator.resolve(reference);
            out.put(type.group() + "/" + type.version() + "/" + type.resource(), kindReference(type));
        }
        return out;
    }

    /**
     * A Kyverno kind reference: {@code group/version/Kind}, or plain {@code Pod} for core pods (Kyverno's autogen
     * only recognises Pod rules written that way).
     */
    private static String kindReference(ApiResource type) {
        if (type.group().isEmpty() && type.kind().equals("Pod")) {
            return "Pod";
        }
        return type.group().isEmpty() ? type.version() + "/" + type.kind()
                : type.group() + "/" + type.version() + "/" + type.kind();
    }

    private static List<Object> filters(List<Object> resourceRules, Map<String, Object> constraints,
            Map<String, String> kindReferences, boolean match) throws NotExpressibleException {
        List<Object> filters = new ArrayList<>();
        for (Object resourceRule : resourceRules) {
            String scope = PlainValues.string(resourceRule, "scope");
            if (!scope.isEmpty() && !scope.equals("*")) {
                throw new NotExpressibleException("a resource rule with scope '" + scope
                        + "' has no ClusterPolicy equivalent");
            }
            List<String> kinds = new ArrayList<>();
            for (String group : PlainValues.strings(resourceRule, "apiGroups")) {
                for (String version : PlainValues.strings(resourceRule, "apiVersions")) {
                    for (String resource : PlainValues.strings(resourceRule, "resources")) {
                        String kind = kind(group, version, resource, kindReferences);
                        if (!kinds.contains(kind)) {
                            kinds.add(kind);
                        }
                    }
                }
            }
            Map<String, Object> description = new LinkedHashMap<>();
            description.put("kinds", kinds);
            List<String> operations = PlainValues.strings(resourceRule, "operations");
            if (!operations.isEmpty() && !operations.contains("*")) {
                description.put("operations", operations);
            }
            List<String> names = PlainValues.strings(resourceRule, "resourceNames");
            if (!names.isEmpty()) {
                description.put("names", names);
            }
            if (match) {
                addSelectors(constraints, description);
            }
            filters.add(resources(description));
        }
        return filters;
    }

    private static String kind(String group, String version, String resource, Map<String, String> kindReferences)
            throws NotExpressibleException {
        if (group.contains("*") || version.contains("*") || resource.contains("*") || resource.contains("/")) {
            throw new NotExpressibleException("resource rules with wildcards or subresources ('" + group + "/"
                    + version + "/" + resource + "') have no exact ClusterPolicy kinds");
        }
        String known = kindReferences.get(group + "/" + version + "/" + resource);
        if (known != null) {
            return known;
        }
        return ApiResources.builtIn().byResource(group, version, resource).map(ClusterPolicyTarget::kindReference)
                .orElseThrow(() -> new NotExpressibleException("the kind of resource '" + resource + "' in '"
                        + (group.isEmpty() ? "" : group + "/") + version + "' is unknown; name it in match.kinds "
                        + "(group/version/Kind) so that it can be written as a ClusterPolicy kind"));
    }

    /**
     * The namespace and object selectors of a filter. A namespace selector on the namespace name label only
     * ({@code In}) becomes {@code namespaces}, which Kyverno matches without namespace labels.
     */
    private static void addSelectors(Map<String, Object> constraints, Map<String, Object> description) {
        Map<String, Object> namespaceSelector = PlainValues.map(constraints, "namespaceSelector");
        if (isNameSelector(namespaceSelector)) {
            for (Object requirement : PlainValues.list(namespaceSelector, "matchExpressions")) {
                if (PlainValues.string(requirement, "operator").equals("In")) {
                    description.put("namespaces", PlainValues.strings(requirement, "values"));
                }
            }
        } else if (!namespaceSelector.isEmpty()) {
            description.put("namespaceSelector", namespaceSelector);
        }
        Map<String, Object> objectSelector = PlainValues.map(constraints, "objectSelector");
        if (!objectSelector.isEmpty()) {
            description.put("selector", objectSelector);
        }
    }

    private static Optional<List<String>> excludedNamespaces(Map<String, Object> constraints) {
        Map<String, Object> namespaceSelector = PlainValues.map(constraints, "namespaceSelector");
        if (!isNameSelector(namespaceSelector)) {
            return Optional.empty();
        }
        List<String> excluded = new ArrayList<>();
        for (Object requirement : PlainValues.list(namespaceSelector, "matchExpressions")) {
            if (PlainValues.string(requirement, "operator").equals("NotIn")) {
                excluded.addAll(PlainValues.strings(requirement, "values"));
            }
        }
        return excluded.isEmpty() ? Optional.empty() : Optional.of(excluded);
    }

    /** True for a selector made only of at most one {@code In} and one {@code NotIn} on the name label. */
    private static boolean isNameSelector(Map<String, Object> selector) {
        List<Object> requirements = PlainValues.list(selector, "matchExpressions");
        if (requirements.isEmpty() || !PlainValues.map(selector, "matchLabels").isEmpty()) {
            return false;
        }
        int in = 0;
        int notIn = 0;
        for (Object requirement : requirements) {
            String operator = PlainValues.string(requirement, "operator");
            if (!PlainValues.string(requirement, "key").equals(NAME_LABEL)) {
                return false;
            }
            in += operator.equals("In") ? 1 : 0;
            notIn += operator.equals("NotIn") ? 1 : 0;
            if (!operator.equals("In") && !operator.equals("NotIn")) {
                return false;
            }
        }
        return in <= 1 && notIn <= 1;
    }

    /** The controllers Kyverno's ClusterPolicy autogen must use to match the ValidatingPolicy's autogen. */
    private static String autogenControllers(Map<String, Object> spec) {
        if (!ValidatingPolicyAutogen.applies(PlainValues.map(spec, "matchConstraints"))) {
            return "none";
        }
        List<String> kinds = ValidatingPolicyAutogen.controllers(spec).stream().map(CONTROLLER_KINDS::get)
                .toList();
        return kinds.isEmpty() ? "none" : String.join(",", kinds);
    }

    private static boolean selectsPods(Map<String, Object> rule) {
        for (Object filter : PlainValues.list(rule, "match", "any")) {
            for (String kind : PlainValues.strings(filter, "resources", "kinds")) {
                if (kind.equals("Pod")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Reads the document back as Kyverno would and compiles its CEL in the ClusterPolicy environment. */
    private static void checkCompiles(Policy policy, Map<String, Object> document) throws NotExpressibleException {
        String text = YamlWriter.write(List.of(), List.of(document));
        Policy readBack = PackReader.readText(text, policy.id() + ".yaml").get(0);
        CompiledPolicy compiled = PolicyCompiler.compile(readBack);
        if (!compiled.errors().isEmpty()) {
            throw new NotExpressibleException("its CEL does not compile in the ClusterPolicy environment "
                    + "(Kubernetes' admission CEL, without Kyverno's libraries): "
                    + compiled.errors().get(0).getMessage());
        }
    }

    private static Map<String, Object> resources(Map<String, Object> description) {
        return ordered("resources", description);
    }

    private static void copy(Map<String, Object> from, String key, Map<String, Object> to, String as) {
        List<Object> list = PlainValues.list(from, key);
        if (!list.isEmpty()) {
            to.put(as, list);
        }
    }

    private static Map<String, Object> ordered(String key, Object value) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(key, value);
        return map;
    }
}
