package dev.guidepost.core.internal.match;

import java.util.List;
import java.util.Map;

/**
 * Whether a policy selects what it checks by the labels of the namespace ({@code namespaceSelector} in its match
 * rules, not in its exclusions). Such a policy cannot be judged for a manifest whose namespace is not among the
 * manifests checked: its labels are unknown, so a check must say so rather than report the manifest compliant.
 */
public final class NamespaceSelection {

    private static final List<String> EXCLUSIONS = List.of("exclude", "excludeResourceRules");

    private NamespaceSelection() {
    }

    /** True when a non-empty {@code namespaceSelector} appears in the document's match rules. */
    public static boolean byLabels(Object document) {
        return find(document, false);
    }

    private static boolean find(Object node, boolean inMatch) {
        if (node instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String key = String.valueOf(e.getKey());
                if (EXCLUSIONS.contains(key)) {
                    continue;
                }
                if (key.equals("namespaceSelector") && inMatch && e.getValue() instanceof Map<?, ?> selector
                        && !selector.isEmpty()) {
                    return true;
                }
                boolean match = inMatch || key.equals("match") || key.equals("matchConstraints");
                if (find(e.getValue(), match)) {
                    return true;
                }
            }
        } else if (node instanceof List<?> list) {
            for (Object item : list) {
                if (find(item, inMatch)) {
                    return true;
                }
            }
        }
        return false;
    }
}
