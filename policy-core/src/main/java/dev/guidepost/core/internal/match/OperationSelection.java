package dev.guidepost.core.internal.match;

import java.util.List;
import java.util.Map;

/**
 * Whether a policy's match rules leave out creation: every {@code operations} list they give names only other
 * operations ({@code UPDATE}, {@code DELETE}, {@code CONNECT}). A check of manifests evaluates each as a creation,
 * so such a policy never applies there and a check must say so rather than pass in silence.
 */
public final class OperationSelection {

    private static final List<String> EXCLUSIONS = List.of("exclude", "excludeResourceRules");

    private OperationSelection() {
    }

    /** True when the document's match rules list operations and none of the lists allows CREATE. */
    public static boolean excludesCreate(Object document) {
        int[] lists = new int[2]; // [lists found, lists allowing CREATE]
        walk(document, false, lists);
        return lists[0] > 0 && lists[1] == 0;
    }

    private static void walk(Object node, boolean inMatch, int[] lists) {
        if (node instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String key = String.valueOf(e.getKey());
                if (EXCLUSIONS.contains(key)) {
                    continue;
                }
                if (key.equals("operations") && inMatch && e.getValue() instanceof List<?> operations) {
                    lists[0]++;
                    if (operations.stream().map(String::valueOf).anyMatch(o -> o.equals("CREATE") || o.equals("*"))) {
                        lists[1]++;
                    }
                    continue;
                }
                walk(e.getValue(), inMatch || key.equals("match") || key.equals("matchConstraints"), lists);
            }
        } else if (node instanceof List<?> list) {
            for (Object item : list) {
                walk(item, inMatch, lists);
            }
        }
    }
}
