package dev.guidepost.core.internal.pack;

import dev.guidepost.core.internal.match.PodControllers;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import dev.guidepost.core.internal.match.ApiResources;
import dev.guidepost.core.internal.yaml.PlainValues;

/** Works out which kinds a policy's match rules select, for search filters and listings. */
final class MatchKinds {

    static final List<String> POD_CONTROLLERS = PodControllers.VALIDATING_POLICY;
    static final List<String> CLASSIC_POD_CONTROLLERS = PodControllers.CLUSTER_POLICY;

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

    static List<String> ofGuidepost(Map<String, Object> match) {
        Set<String> kinds = new LinkedHashSet<>();
        for (String k : PlainValues.strings(match, "kinds")) {
            kinds.add(kindName(k));
        }
        kinds.addAll(ofResourceRules(PlainValues.list(match, "resourceRules")));
        return withControllers(kinds, POD_CONTROLLERS);
    }

    static List<String> ofValidatingPolicy(Map<String, Object> spec) {
        Set<String> kinds = new LinkedHashSet<>(
                ofResourceRules(PlainValues.list(spec, "matchConstraints", "resourceRules")));
        return withControllers(kinds, POD_CONTROLLERS);
    }

    static List<String> ofClusterPolicy(Map<String, Object> spec) {
        Set<String> kinds = new LinkedHashSet<>();
        for (Object rule : PlainValues.list(spec, "rules")) {
            Map<String, Object> match = PlainValues.map(rule, "match");
            List<Object> filters = new ArrayList<>(PlainValues.list(match, "any"));
            filters.addAll(PlainValues.list(match, "all"));
            filters.add(match);
            for (Object filter : filters) {
                for (String k : PlainValues.strings(filter, "resources", "kinds")) {
                    kinds.add(kindName(k));
                }
            }
        }
        return withControllers(kinds, CLASSIC_POD_CONTROLLERS);
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

    private static List<String> withControllers(Set<String> kinds, List<String> controllers) {
        if (kinds.contains("Pod")) {
            kinds.addAll(controllers);
        }
        return List.copyOf(kinds);
    }
}
