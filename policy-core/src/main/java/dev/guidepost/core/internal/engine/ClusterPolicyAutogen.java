package dev.guidepost.core.internal.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.guidepost.core.internal.match.KindSelector;
import dev.guidepost.core.internal.match.PodControllers;
import dev.guidepost.core.internal.yaml.PlainValues;

/**
 * Kyverno's autogen for ClusterPolicy rules written for Pods: each such rule gains {@code autogen-<name>} for
 * DaemonSets, Deployments, Jobs, StatefulSets, ReplicaSets and ReplicationControllers and
 * {@code autogen-cronjob-<name>} for CronJobs (names cut to 63 characters), with CEL paths rewritten to the pod
 * template. The {@code pod-policies.kyverno.io/autogen-controllers} annotation narrows or disables it.
 */
public final class ClusterPolicyAutogen {

    /** The controllers whose pod template is at {@code spec.template}. */
    private static final Set<String> TEMPLATE_CONTROLLERS = PodControllers.CLUSTER_POLICY.stream()
            .filter(k -> !k.equals("CronJob")).collect(Collectors.toUnmodifiableSet());
    private static final Set<String> POD_AND_CONTROLLERS = Stream.concat(Stream.of("Pod"),
            PodControllers.CLUSTER_POLICY.stream()).collect(Collectors.toUnmodifiableSet());
    private static final Map<String, String> GVK = Map.of(
            "DaemonSet", "apps/v1/DaemonSet", "Deployment", "apps/v1/Deployment", "Job", "batch/v1/Job",
            "StatefulSet", "apps/v1/StatefulSet", "ReplicaSet", "apps/v1/ReplicaSet",
            "ReplicationController", "v1/ReplicationController", "CronJob", "batch/v1/CronJob", "Pod", "v1/Pod");

    private ClusterPolicyAutogen() {
    }

    /** The policy's rules as Kyverno computes them: the rules as written, then the generated ones. */
    static List<Object> computeRules(Map<String, Object> policy) {
        Map<String, Object> spec = PlainValues.map(policy, "spec");
        List<Object> rules = PlainValues.list(spec, "rules");
        List<String> controllers = controllers(policy, spec);
        if (controllers.isEmpty()) {
            return rules;
        }
        List<Object> generated = new ArrayList<>();
        List<String> sorted = new ArrayList<>(controllers);
        sorted.sort(null);
        List<String> withoutCronJob = sorted.stream().filter(c -> !c.equals("CronJob")).toList();
        for (Object rule : rules) {
            Map<String, Object> forControllers = forControllers(rule, withoutCronJob);
            if (forControllers != null) {
                generated.add(underTemplate(AutogenRewrite.clusterPolicy(forControllers,
                        AutogenRewrite.POD_TEMPLATE), PodControllers.POD_TEMPLATE_PATH));
            }
            if (PodControllers.includesCronJob(controllers)) {
                Map<String, Object> base = forControllers(rule, sorted);
                if (base != null) {
                    Map<String, Object> cron = withKinds(base, name("autogen-cronjob", PlainValues.string(rule, "name")),
                            List.of("CronJob"), true);
                    generated.add(underTemplate(AutogenRewrite.clusterPolicy(cron,
                            AutogenRewrite.CRONJOB_TEMPLATE), PodControllers.CRONJOB_TEMPLATE_PATH));
                }
            }
        }
        if (generated.isEmpty()) {
            return rules;
        }
        List<Object> out = new ArrayList<>();
        for (Object rule : rules) {
            if (!PlainValues.string(rule, "name").startsWith("autogen-")) {
                out.add(rule);
            }
        }
        out.addAll(generated);
        return out;
    }

    /**
     * A generated rule whose validation pattern (or each of its anyPatterns), or whose strategic merge patches, are
     * moved under the controller's pod template, as Kyverno nests a Pod pattern for controllers.
     */
    @SuppressWarnings("unchecked")
    private static Object underTemplate(Object rule, List<String> path) {
        if (rule instanceof Map<?, ?> r && r.get("mutate") instanceof Map<?, ?> m) {
            // Kyverno rebuilds the mutation from the patch alone: a strategic merge patch, or each foreach entry's
            // list, context, preconditions and patch (its order, nested foreach and JSON patches are dropped)
            Map<String, Object> mutate = (Map<String, Object>) m;
            Map<String, Object> rebuilt = new LinkedHashMap<>();
            if (mutate.get("patchStrategicMerge") != null) {
                rebuilt.put("patchStrategicMerge", nest(mutate.get("patchStrategicMerge"), path));
            } else if (mutate.get("foreach") instanceof List<?> entries && !entries.isEmpty()) {
                List<Object> foreach = new ArrayList<>();
                for (Object entry : entries) {
                    Map<String, Object> kept = new LinkedHashMap<>();
                    kept.put("list", PlainValues.at(entry, "list"));
                    for (String key : List.of("context", "preconditions")) {
                        if (PlainValues.at(entry, key) != null) {
                            kept.put(key, PlainValues.at(entry, key));
                        }
                    }
                    kept.put("patchStrategicMerge", nest(PlainValues.at(entry, "patchStrategicMerge"), path));
                    foreach.add(kept);
                }
                rebuilt.put("foreach", foreach);
            } else {
                return rule;
            }
            ((Map<String, Object>) r).put("mutate", rebuilt);
            return rule;
        }
        if (!(rule instanceof Map<?, ?>) || !(((Map<String, Object>) rule).get("validate") instanceof Map<?, ?> v)) {
            return rule;
        }
        Map<String, Object> validate = (Map<String, Object>) v;
        if (validate.get("pattern") != null) {
            validate.put("pattern", nest(validate.get("pattern"), path));
        } else if (validate.get("anyPattern") instanceof List<?> patterns) {
            List<Object> nested = new ArrayList<>();
            patterns.forEach(p -> nested.add(nest(p, path)));
            validate.put("anyPattern", nested);
        }
        return rule;
    }

    private static Object nest(Object pattern, List<String> path) {
        Object out = pattern;
        for (int i = path.size() - 1; i >= 0; i--) {
            Map<String, Object> level = new LinkedHashMap<>();
            level.put(path.get(i), out);
            out = level;
        }
        return out;
    }

    /** The controllers to generate for, or empty when autogen does not apply. */
    private static List<String> controllers(Map<String, Object> policy, Map<String, Object> spec) {
        if (!canAutogen(spec)) {
            return List.of();
        }
        return PodControllers.ofClusterPolicy(PlainValues.map(policy, "metadata", "annotations"));
    }

    /**
     * Kyverno's checkAutogenSupport: whether autogen applies to a ClusterPolicy at all; it does not when a rule
     * generates, patches with JSON patches (itself or in a foreach), or matches or excludes by name, selector or annotations, or lists Pod
     * with other kinds.
     */
    public static boolean canAutogen(Map<String, Object> spec) {
        boolean needed = false;
        for (Object rule : PlainValues.list(spec, "rules")) {
            if (PlainValues.at(rule, "generate") != null
                    || !PlainValues.string(rule, "mutate", "patchesJson6902").isEmpty()
                    || PlainValues.list(rule, "mutate", "foreach").stream()
                            .anyMatch(each -> !PlainValues.string(each, "patchesJson6902").isEmpty())) {
                return false;
            }
            for (String block : List.of("match", "exclude")) {
                Map<String, Object> m = PlainValues.map(rule, block);
                List<Object> descriptions = new ArrayList<>();
                descriptions.add(PlainValues.map(m, "resources"));
                for (Object f : PlainValues.list(m, "any")) {
                    descriptions.add(PlainValues.map(f, "resources"));
                }
                for (Object f : PlainValues.list(m, "all")) {
                    descriptions.add(PlainValues.map(f, "resources"));
                }
                for (Object d : descriptions) {
                    List<String> kinds = PlainValues.strings(d, "kinds");
                    if (!PlainValues.string(d, "name").isEmpty() || !PlainValues.list(d, "names").isEmpty()
                            || PlainValues.at(d, "selector") != null || PlainValues.at(d, "annotations") != null
                            || kinds.size() > 1 && containsKind(kinds, "Pod")) {
                        return false;
                    }
                    needed |= kinds.stream().anyMatch(POD_AND_CONTROLLERS::contains);
                }
            }
        }
        return needed;
    }

    /** Kyverno's generateRuleForControllers: the rule for the given controllers, or null when it does not apply. */
    private static Map<String, Object> forControllers(Object rule, List<String> controllers) {
        String name = PlainValues.string(rule, "name");
        if (name.startsWith("autogen-") || controllers.isEmpty()) {
            return null;
        }
        if (!containsKind(kindsOf(PlainValues.map(rule, "match")), "Pod")) {
            return null;
        }
        List<String> excludeKinds = kindsOf(PlainValues.map(rule, "exclude"));
        if (!excludeKinds.isEmpty() && !containsKind(excludeKinds, "Pod")) {
            return null;
        }
        List<String> valid = controllers.stream().filter(TEMPLATE_CONTROLLERS::contains).toList();
        List<String> kinds = valid.isEmpty() ? controllers : valid;
        return withKinds(PlainValues.map(rule), name("autogen", name), kinds, false);
    }

    /** A copy of the rule with a new name and its Pod kinds (or all kinds, for CronJob) replaced. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> withKinds(Map<String, Object> rule, String name, List<String> kinds,
            boolean replaceAllFilters) {
        Map<String, Object> copy = (Map<String, Object>) PlainValues.mutableCopy(rule);
        copy.put("name", name);
        List<String> gvks = kinds.stream().map(k -> GVK.getOrDefault(k, k)).toList();
        replaceKinds(PlainValues.map(copy, "match"), gvks, replaceAllFilters, true);
        if (copy.get("exclude") instanceof Map<?, ?>) {
            replaceKinds(PlainValues.map(copy, "exclude"), gvks, replaceAllFilters, false);
        }
        return copy;
    }

    @SuppressWarnings("unchecked")
    private static void replaceKinds(Map<String, Object> block, List<String> gvks, boolean allFilters,
            boolean match) {
        for (String key : List.of("any", "all")) {
            List<Object> filters = PlainValues.list(block, key);
            if (!filters.isEmpty()) {
                for (Object filter : filters) {
                    Map<String, Object> resources = (Map<String, Object>) ((Map<String, Object>) filter)
                            .computeIfAbsent("resources", k -> new LinkedHashMap<>());
                    if (allFilters || containsKind(PlainValues.strings(resources, "kinds"), "Pod")) {
                        resources.put("kinds", gvks);
                    }
                }
                return;
            }
        }
        Map<String, Object> resources = (Map<String, Object>) block.computeIfAbsent("resources",
                k -> new LinkedHashMap<>());
        if (match || !PlainValues.strings(resources, "kinds").isEmpty()) {
            resources.put("kinds", gvks);
        }
    }

    private static List<String> kindsOf(Map<String, Object> block) {
        List<String> kinds = new ArrayList<>(PlainValues.strings(block, "resources", "kinds"));
        for (Object f : PlainValues.list(block, "all")) {
            kinds.addAll(PlainValues.strings(f, "resources", "kinds"));
        }
        for (Object f : PlainValues.list(block, "any")) {
            kinds.addAll(PlainValues.strings(f, "resources", "kinds"));
        }
        return kinds;
    }

    private static boolean containsKind(List<String> kinds, String kind) {
        return kinds.stream().anyMatch(k -> KindSelector.kindOf(k).equals(kind));
    }

    private static String name(String prefix, String name) {
        String full = prefix + "-" + name;
        return full.length() > 63 ? full.substring(0, 63) : full;
    }
}
