package dev.guidepost.core.internal.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.guidepost.core.internal.match.LabelSelector;
import dev.guidepost.core.internal.yaml.PlainValues;

/**
 * Kyverno's autogen for ValidatingPolicies: a policy whose only resource rule is core/v1 pods also applies to pod
 * controllers, as up to two variants of its spec: {@code defaults} (DaemonSets, Deployments, ReplicaSets,
 * StatefulSets and Jobs, through {@code spec.template}) and {@code cronjobs} (through
 * {@code spec.jobTemplate.spec.template}), unless {@code spec.autogen.podControllers.controllers} says otherwise.
 * Each variant keeps the policy's name and actions, rule 0's operations and the namespace selector, and has its
 * expressions rewritten as text. MutatingPolicy autogen picks its variants the same way (Kyverno's shared
 * pkg/cel/autogen) and rewrites them its own way ({@link MutatingPolicyAutogen}).
 */
public final class ValidatingPolicyAutogen {

    /** The {@code defaults} variant: controllers with {@code spec.template}. */
    public static final String DEFAULTS = "defaults";
    /** The {@code cronjobs} variant. */
    public static final String CRONJOBS = "cronjobs";

    /** How a variant's spec, with the controllers' match constraints, is rewritten for their pod templates. */
    @FunctionalInterface
    interface SpecRewrite {
        /** The rewritten spec for variant {@code name} ({@link #DEFAULTS} or {@link #CRONJOBS}). */
        Object rewrite(Map<String, Object> spec, String name);
    }

    /** Kyverno's ValidatingPolicy autogen targets: plural → {group, version, variant}. */
    private static final Map<String, String[]> CONTROLLERS = new LinkedHashMap<>();

    static {
        CONTROLLERS.put("daemonsets", new String[] {"apps", "v1", DEFAULTS});
        CONTROLLERS.put("deployments", new String[] {"apps", "v1", DEFAULTS});
        CONTROLLERS.put("replicasets", new String[] {"apps", "v1", DEFAULTS});
        CONTROLLERS.put("statefulsets", new String[] {"apps", "v1", DEFAULTS});
        CONTROLLERS.put("jobs", new String[] {"batch", "v1", DEFAULTS});
        CONTROLLERS.put("cronjobs", new String[] {"batch", "v1", CRONJOBS});
    }

    /**
     * One autogen variant of a policy spec. Its match constraints are known at once; the rewritten spec is built on
     * first use (a check compiles a variant only when a manifest of its kinds turns up).
     */
    public static final class Variant {
        private final String name;
        private final List<String> controllers;
        private final Map<String, Object> matchConstraints;
        private final Map<String, Object> source;
        private final SpecRewrite rewrite;
        private Map<String, Object> spec;

        Variant(String name, List<String> controllers, Map<String, Object> matchConstraints,
                Map<String, Object> source, SpecRewrite rewrite) {
            this.name = name;
            this.controllers = List.copyOf(controllers);
            this.matchConstraints = matchConstraints;
            this.source = source;
            this.rewrite = rewrite;
        }

        /** {@link #DEFAULTS} or {@link #CRONJOBS}. */
        public String name() {
            return name;
        }

        /** The controller resources (plurals) it applies to. */
        public List<String> controllers() {
            return controllers;
        }

        /** The variant's match constraints. */
        public Map<String, Object> matchConstraints() {
            return matchConstraints;
        }

        /** The rewritten spec, without {@code autogen}. */
        public synchronized Map<String, Object> spec() {
            if (spec == null) {
                Map<String, Object> variant = new LinkedHashMap<>(source);
                variant.put("matchConstraints", matchConstraints);
                variant.remove("autogen");
                spec = PlainValues.map(rewrite.rewrite(variant, name));
            }
            return spec;
        }
    }

    private ValidatingPolicyAutogen() {
    }

    /** The autogen variants of a ValidatingPolicy spec, {@code defaults} first (none when autogen does not apply). */
    public static List<Variant> variants(Map<String, Object> spec) {
        return variants(spec, (variant, name) -> AutogenRewrite.validatingPolicy(variant,
                AutogenRewrite.template(name)));
    }

    /** The autogen variants of a CEL policy spec, each rewritten by {@code rewrite}, {@code defaults} first. */
    static List<Variant> variants(Map<String, Object> spec, SpecRewrite rewrite) {
        Map<String, Object> match = PlainValues.map(spec, "matchConstraints");
        if (!applies(match)) {
            return List.of();
        }
        Map<String, List<String>> byVariant = new LinkedHashMap<>();
        byVariant.put(DEFAULTS, new ArrayList<>());
        byVariant.put(CRONJOBS, new ArrayList<>());
        for (String controller : controllers(spec)) {
            String[] target = CONTROLLERS.get(controller);
            if (target != null) {
                byVariant.computeIfAbsent(target[2], k -> new ArrayList<>()).add(controller);
            }
        }
        List<Object> operations = PlainValues.list(PlainValues.list(match, "resourceRules").get(0), "operations");
        List<Variant> variants = new ArrayList<>();
        for (Map.Entry<String, List<String>> entry : byVariant.entrySet()) {
            if (entry.getValue().isEmpty()) {
                continue;
            }
            variants.add(new Variant(entry.getKey(), entry.getValue(),
                    matchConstraints(entry.getValue(), operations, match), spec, rewrite));
        }
        return variants;
    }

    /**
     * The controllers (plurals) autogen generates for when it applies: {@code spec.autogen.podControllers
     * .controllers} when given (an empty list switches autogen off), otherwise all six.
     */
    public static List<String> controllers(Map<String, Object> spec) {
        Object configured = PlainValues.at(spec, "autogen", "podControllers", "controllers");
        if (configured instanceof List<?>) {
            return PlainValues.strings(spec, "autogen", "podControllers", "controllers").stream()
                    .filter(CONTROLLERS::containsKey).toList();
        }
        return List.copyOf(CONTROLLERS.keySet());
    }

    /** Kyverno's trigger: exactly one resource rule, for core/v1 pods, with no names, exclusions or selectors. */
    public static boolean applies(Map<String, Object> matchConstraints) {
        if (!LabelSelector.of(PlainValues.at(matchConstraints, "objectSelector")).isEmpty()
                || !PlainValues.list(matchConstraints, "excludeResourceRules").isEmpty()) {
            return false;
        }
        List<Object> rules = PlainValues.list(matchConstraints, "resourceRules");
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
            rule.put("operations", operations);
            rule.put("resources", e.getValue().stream().sorted().toList());
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
