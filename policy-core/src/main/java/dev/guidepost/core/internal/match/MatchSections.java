package dev.guidepost.core.internal.match;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The match sections of a policy document: whatever stands under {@code match} (ClusterPolicy rules) or
 * {@code matchConstraints} (CEL policies), leaving out the exclusions ({@code exclude}, {@code excludeResourceRules})
 * wherever they stand. What a policy selects (namespace labels, operations) is read from here, never from what it
 * excludes.
 */
public final class MatchSections {

    private static final List<String> EXCLUSIONS = List.of("exclude", "excludeResourceRules");

    private MatchSections() {
    }

    /** The values of {@code key} inside the document's match sections, in document order. */
    public static List<Object> valuesOf(Object document, String key) {
        List<Object> out = new ArrayList<>();
        collect(document, key, false, out);
        return out;
    }

    /** The entries of the lists {@code key} holds in the document's match sections, as text, in document order. */
    public static List<String> stringsOf(Object document, String key) {
        List<String> out = new ArrayList<>();
        for (Object listed : valuesOf(document, key)) {
            if (listed instanceof List<?> entries) {
                entries.forEach(entry -> out.add(String.valueOf(entry)));
            }
        }
        return out;
    }

    private static void collect(Object node, String wanted, boolean inMatch, List<Object> out) {
        if (node instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String key = String.valueOf(e.getKey());
                if (EXCLUSIONS.contains(key)) {
                    continue;
                }
                if (inMatch && key.equals(wanted)) {
                    out.add(e.getValue());
                    continue;
                }
                collect(e.getValue(), wanted, inMatch || key.equals("match") || key.equals("matchConstraints"), out);
            }
        } else if (node instanceof List<?> list) {
            for (Object item : list) {
                collect(item, wanted, inMatch, out);
            }
        }
    }
}
