package dev.guidepost.core.internal.match;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The namespaces a policy names in its match rules, whole names only: Guidepost's and Kyverno's
 * {@code namespaces} lists, and {@code kubernetes.io/metadata.name In [...]} namespace selectors. Patterns with
 * {@code *} or {@code ?} are left out. For telling a manifest without a namespace where a policy would apply to it.
 */
public final class NamespaceNames {

    private static final String NAME_LABEL = "kubernetes.io/metadata.name";

    private NamespaceNames() {
    }

    /** The names, in the order the policy document gives them, each once. */
    public static List<String> of(Map<String, Object> definition) {
        Set<String> names = new LinkedHashSet<>();
        collect(definition, names, false);
        return List.copyOf(names);
    }

    private static void collect(Object node, Set<String> names, boolean underExclude) {
        if (node instanceof Map<?, ?> map) {
            if (!underExclude && NAME_LABEL.equals(map.get("key")) && "In".equals(map.get("operator"))
                    && map.get("values") instanceof List<?> values) {
                addNames(values, names);
            }
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String key = String.valueOf(e.getKey());
                boolean exclude = underExclude || key.startsWith("exclude");
                if (!exclude && key.equals("namespaces") && e.getValue() instanceof List<?> values) {
                    addNames(values, names);
                } else {
                    collect(e.getValue(), names, exclude);
                }
            }
        } else if (node instanceof List<?> list) {
            list.forEach(item -> collect(item, names, underExclude));
        }
    }

    private static void addNames(List<?> values, Set<String> names) {
        for (Object value : values) {
            if (value instanceof String name && !name.isBlank() && !name.contains("*") && !name.contains("?")) {
                names.add(name);
            }
        }
    }
}
