package dev.guidepost.core.internal.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.guidepost.core.Action;
import dev.guidepost.core.internal.cel.CelDialect;
import dev.guidepost.core.internal.cel.CelEnvironment;
import dev.guidepost.core.internal.cel.CelExpression;
import dev.guidepost.core.internal.match.MatchConstraints;
import dev.guidepost.core.internal.yaml.PlainValues;

/**
 * Compiles a ValidatingPolicy spec, with Kyverno's autogen: a policy whose only resource rule is core/v1 pods
 * also gets variants for pod controllers (Deployments, StatefulSets, DaemonSets, ReplicaSets, Jobs through
 * {@code spec.template}, CronJobs through {@code spec.jobTemplate.spec.template}), unless
 * {@code spec.autogen.podControllers.controllers} says otherwise.
 */
final class ValidatingPolicyCompiler {

    /** Kyverno's ValidatingPolicy autogen targets: plural → {group, version, template}. */
    private static final Map<String, String[]> CONTROLLERS = new LinkedHashMap<>();

    static {
        CONTROLLERS.put("daemonsets", new String[] {"apps", "v1", "defaults"});
        CONTROLLERS.put("deployments", new String[] {"apps", "v1", "defaults"});
        CONTROLLERS.put("replicasets", new String[] {"apps", "v1", "defaults"});
        CONTROLLERS.put("statefulsets", new String[] {"apps", "v1", "defaults"});
        CONTROLLERS.put("jobs", new String[] {"batch", "v1", "defaults"});
        CONTROLLERS.put("cronjobs", new String[] {"batch", "v1", "cronjobs"});
    }

    private final ExpressionCompiler compiler;

    ValidatingPolicyCompiler(CelDialect dialect) {
        this.compiler = new ExpressionCompiler(CelEnvironment.of(dialect));
    }

    /**
     * The policy and its autogen variants; the first program is the policy as written.
     *
     * @param kind the policy's kind ({@code ValidatingPolicy} or {@code NamespacedValidatingPolicy}), which
     *             exceptions' {@code policyRefs} must name
     */
    List<ValidatingPolicyProgram> compile(String name, String kind, Map<String, Object> spec, Action action)
            throws PolicyCompileException {
        List<ValidatingPolicyProgram> programs = new ArrayList<>();
        programs.add(compileSpec(name, kind, spec, action, List.of("spec")));
        for (Map<String, Object> variant : autogenVariants(spec)) {
            programs.add(compileSpec(name, kind, variant, action, List.of("spec")));
        }
        return programs;
    }

    ValidatingPolicyProgram compileSpec(String name, String kind, Map<String, Object> spec, Action action,
            List<Object> path) throws PolicyCompileException {
        List<NamedExpression> conditions = compiler.named(PlainValues.list(spec, "matchConditions"),
                ExpressionCompiler.append(path, "matchConditions"));
        Map<String, CelExpression> variables = compiler.variables(PlainValues.list(spec, "variables"),
                ExpressionCompiler.append(path, "variables"));
        List<ValidationProgram> validations = new ArrayList<>();
        List<Object> entries = PlainValues.list(spec, "validations");
        for (int i = 0; i < entries.size(); i++) {
            Object v = entries.get(i);
            List<Object> at = ExpressionCompiler.append(path, "validations", i);
            String messageExpression = PlainValues.string(v, "messageExpression");
            validations.add(new ValidationProgram(
                    compiler.compile(PlainValues.string(v, "expression"), ExpressionCompiler.append(at, "expression")),
                    PlainValues.string(v, "message"),
                    messageExpression.isBlank() ? null
                            : compiler.compile(messageExpression,
                                    ExpressionCompiler.append(at, "messageExpression"))));
        }
        List<Object> annotationEntries = new ArrayList<>();
        for (Object a : PlainValues.list(spec, "auditAnnotations")) {
            Map<String, Object> named = new LinkedHashMap<>();
            named.put("name", PlainValues.string(a, "key"));
            named.put("valueExpression", PlainValues.string(a, "valueExpression"));
            annotationEntries.add(named);
        }
        List<NamedExpression> annotations = compiler.named(annotationEntries,
                ExpressionCompiler.append(path, "auditAnnotations"));
        boolean jsonMode = "JSON".equals(PlainValues.string(spec, "evaluation", "mode"));
        return new ValidatingPolicyProgram(name, kind, jsonMode,
                MatchConstraints.of(PlainValues.at(spec, "matchConstraints")),
                conditions, variables, validations, annotations,
                "Ignore".equals(PlainValues.string(spec, "failurePolicy")), action);
    }

    /** The autogen variants of a spec (none when autogen does not apply). */
    static List<Map<String, Object>> autogenVariants(Map<String, Object> spec) {
        Map<String, Object> match = PlainValues.map(spec, "matchConstraints");
        if (!canAutogen(match)) {
            return List.of();
        }
        List<String> controllers = new ArrayList<>(CONTROLLERS.keySet());
        Object configured = PlainValues.at(spec, "autogen", "podControllers", "controllers");
        if (configured instanceof List<?>) {
            controllers = PlainValues.strings(spec, "autogen", "podControllers", "controllers");
        }
        Map<String, List<String>> byTemplate = new TreeMap<>();
        for (String controller : controllers) {
            String[] target = CONTROLLERS.get(controller);
            if (target != null) {
                byTemplate.computeIfAbsent(target[2], k -> new ArrayList<>()).add(controller);
            }
        }
        List<Object> operations = PlainValues.list(PlainValues.list(match, "resourceRules").get(0), "operations");
        List<Map<String, Object>> variants = new ArrayList<>();
        for (Map.Entry<String, List<String>> entry : byTemplate.entrySet()) {
            Map<String, Object> variant = new LinkedHashMap<>(spec);
            variant.put("matchConstraints", matchConstraints(entry.getValue(), operations, match));
            variant.remove("autogen");
            List<AutogenRewrite.Replacement> replacements = entry.getKey().equals("cronjobs")
                    ? AutogenRewrite.CRONJOB_TEMPLATE : AutogenRewrite.POD_TEMPLATE;
            variants.add(PlainValues.map(AutogenRewrite.validatingPolicy(variant, replacements)));
        }
        return variants;
    }

    /** Kyverno's trigger: exactly one resource rule, for core/v1 pods, with no names, exclusions or selectors. */
    static boolean canAutogen(Map<String, Object> match) {
        if (!dev.guidepost.core.internal.match.LabelSelector.of(PlainValues.at(match, "objectSelector")).isEmpty()
                || !PlainValues.list(match, "excludeResourceRules").isEmpty()) {
            return false;
        }
        List<Object> rules = PlainValues.list(match, "resourceRules");
        if (rules.size() != 1) {
            return false;
        }
        Object rule = rules.get(0);
        return PlainValues.strings(rule, "resourceNames").isEmpty()
                && PlainValues.strings(rule, "apiGroups").equals(List.of(""))
                && PlainValues.strings(rule, "apiVersions").equals(List.of("v1"))
                && PlainValues.strings(rule, "resources").equals(List.of("pods"));
    }

    private static Map<String, Object> matchConstraints(List<String> controllers, List<Object> operations,
            Map<String, Object> original) {
        Map<String, List<String>> byGroupVersion = new TreeMap<>();
        for (String controller : controllers) {
            String[] target = CONTROLLERS.get(controller);
            byGroupVersion.computeIfAbsent(target[0] + "/" + target[1], k -> new ArrayList<>()).add(controller);
        }
        List<Object> rules = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : byGroupVersion.entrySet()) {
            String[] gv = e.getKey().split("/");
            Map<String, Object> rule = new LinkedHashMap<>();
            rule.put("apiGroups", List.of(gv[0]));
            rule.put("apiVersions", List.of(gv[1]));
            rule.put("resources", e.getValue().stream().sorted().toList());
            rule.put("operations", operations);
            rules.add(rule);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("resourceRules", rules);
        if (original.get("namespaceSelector") != null) {
            out.put("namespaceSelector", original.get("namespaceSelector"));
        }
        return out;
    }
}
