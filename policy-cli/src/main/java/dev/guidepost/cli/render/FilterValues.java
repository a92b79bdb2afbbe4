package dev.guidepost.cli.render;

import java.util.Arrays;
import java.util.List;

import dev.guidepost.core.Policy;

/**
 * The values the category and kind filters can take in a pack, for an answer that a filter left empty. A category
 * annotation may list several ({@code Best Practices, EKS Best Practices}), as filters read it.
 */
public final class FilterValues {

    private FilterValues() {
    }

    /** "Categories in this pack: ... Kinds its policies select: ..." (no final full stop). */
    public static String describe(List<Policy> policies) {
        return "Categories in this pack: " + String.join(", ", categories(policies))
                + ". Kinds its policies select: " + String.join(", ", kinds(policies));
    }

    /** Every category of the policies, each once, sorted. */
    public static List<String> categories(List<Policy> policies) {
        return policies.stream().flatMap(p -> Arrays.stream(p.category().split(","))).map(String::strip)
                .filter(c -> !c.isEmpty()).distinct().sorted().toList();
    }

    /** Every kind the policies are about, each once, sorted. */
    public static List<String> kinds(List<Policy> policies) {
        return policies.stream().flatMap(p -> PolicyMaps.kinds(p).stream()).distinct().sorted().toList();
    }
}
