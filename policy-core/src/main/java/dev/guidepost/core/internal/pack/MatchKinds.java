package dev.guidepost.core.internal.pack;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import dev.guidepost.core.internal.engine.ClusterPolicyAutogen;
import dev.guidepost.core.internal.match.ApiResources;
import dev.guidepost.core.internal.match.PodControllers;
import dev.guidepost.core.internal.yaml.PlainValues;

/** Works out which kinds a policy's match rules select, for search filters and listings. */
final class MatchKinds {

    static final List<String> POD_CONTROLLERS = PodControllers.VALIDATING_POLICY;

    private static final Pattern KIND_REFERENCE =
            Pattern.compile("(?:(?:[a-z0-9.*-]+/)?[a-z0-9*]+/)?[A-Z*?][A-Za-z0-9*?]*(?:/[a-z*]+)?");

    private MatchKinds() {
    }

    /** True for {@code Kind}, {@code version/Kind} and {@code group/version/Kind} (optionally {@code /sub}). */
    static boolean isValidKindReference(String kind) {
        return KIND_REFERENCE.matcher(kind).matches();
    }

    /** The kind name of a reference ({@code apps/v1/Deployment} → {@code Deployment}). */
    static String kindName(String reference) {
        String[] parts = reference.split("/");
        if (parts.length >= 2 && Character.isLowerCase(parts[parts.length - 1].charAt(0))
                && !Character.isLowerCase(parts[parts.length - 2].charAt(0))) {
            return parts[parts.length - 2];
        }
        return parts[parts.length - 1];
    }

    /** A Guidepost policy's kinds, with the pod controllers its autogen adds ({@code autogen: false} adds none). */
    static List<String> ofGuidepost(Map<String, Object> match, Object autogen) {
        Set<String> kinds = new LinkedHashSet<>();
        for (String k : PlainValues.strings(match, "kinds")) {
            kinds.add(kindName(k));
        }
        kinds.addAll(ofResourceRules(PlainValues.list(match, "resourceRules")));
        if (Boolean.FALSE.equals(autogen)) {
            return List.copyOf(kinds);
        }
        return withControllers(kinds, autogen instanceof List<?> list
                ? list.stream().map(String::valueOf).toList() : POD_CONTROLLERS);
    }

    /**
     * A ValidatingPolicy's kinds; with {@code autogen}, the pod controllers Kyverno generates variants for (a policy
     * on Pods alone). Kubernetes' ValidatingAdmissionPolicy has no autogen.
     */
    static List<String> ofValidatingPolicy(Map<String, Object> spec, boolean autogen) {
        Set<String> kinds = new LinkedHashSet<>(
                ofResourceRules(PlainValues.list(spec, "matchConstraints", "resourceRules")));
        return autogen ? withControllers(kinds, POD_CONTROLLERS) : List.copyOf(kinds);
    }

    /**
     * A ClusterPolicy's kinds; a rule on Pods alone adds the controllers Kyverno's autogen covers, when autogen
     * applies to the policy ({@link ClusterPolicyAutogen#canAutogen}).
     */
    static List<String> ofClusterPolicy(Map<String, Object> spec, Map<String, Object> annotations) {
        Set<String> kinds = new LinkedHashSet<>();
        boolean podRule = false;
        for (Object rule : PlainValues.list(spec, "rules")) {
            Map<String, Object> match = PlainValues.map(rule, "match");
            List<Object> filters = new ArrayList<>(PlainValues.list(match, "any"));
            filters.addAll(PlainValues.list(match, "all"));
            filters.add(match);
            Set<String> ruleKinds = new LinkedHashSet<>();
            for (Object filter : filters) {
                for (String k : PlainValues.strings(filter, "resources", "kinds")) {
                    ruleKinds.add(kindName(k));
                }
            }
            podRule |= ruleKinds.equals(Set.of("Pod"));
            kinds.addAll(ruleKinds);
        }
        if (podRule && ClusterPolicyAutogen.canAutogen(spec)) {
            kinds.addAll(PodControllers.autogenKinds(PodControllers.ofClusterPolicy(annotations)));
        }
        return List.copyOf(kinds);
    }

    private static List<String> ofResourceRules(List<Object> rules) {
        List<String> kinds = new ArrayList<>();
        for (Object rule : rules) {
            for (String resource : PlainValues.strings(rule, "resources")) {
                String base = resource.contains("/") ? resource.substring(0, resource.indexOf('/')) : resource;
                kinds.add(ApiResources.builtIn().kindOfResource(base).orElse(base));
            }
        }
        return kinds;
    }

    /** Kyverno generates controller variants only of a policy on Pods alone. */
    private static List<String> withControllers(Set<String> kinds, List<String> controllers) {
        if (kinds.equals(Set.of("Pod"))) {
            kinds.addAll(controllers);
        }
        return List.copyOf(kinds);
    }
}
