package dev.guidepost.core.internal.match;

import java.util.List;

/**
 * Whether a policy's match rules leave out creation: every {@code operations} list they give names only other
 * operations ({@code UPDATE}, {@code DELETE}, {@code CONNECT}). A check of manifests evaluates each as a creation,
 * so such a policy never applies there and a check must say so rather than pass in silence.
 */
public final class OperationSelection {

    private OperationSelection() {
    }

    /** True when the document's match rules list operations and none of the lists allows CREATE. */
    public static boolean excludesCreate(Object document) {
        List<List<?>> lists = MatchSections.valuesOf(document, "operations").stream()
                .filter(List.class::isInstance).<List<?>>map(List.class::cast).toList();
        return !lists.isEmpty() && lists.stream().noneMatch(operations -> operations.stream().map(String::valueOf)
                .anyMatch(o -> o.equals("CREATE") || o.equals("*")));
    }
}
