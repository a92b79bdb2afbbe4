package dev.guidepost.core.internal.engine;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.guidepost.core.internal.cel.Quantity;
import dev.guidepost.core.internal.match.QuantityFields;

/**
 * Quantities as the API server passes them on. A manifest may write a quantity as a YAML number ({@code cpu: 2},
 * {@code memory: 2147483648}) or in any form of its text ({@code 1024Mi}, {@code 1000m}); the API server accepts
 * either, and the object Kyverno receives holds the quantity's canonical string ({@code "2"}, {@code 0.5} as
 * {@code "500m"}, {@code 1000} as {@code "1k"}, {@code 1024Mi} as {@code "1Gi"}, {@code 100u} in a resource list as
 * {@code "1m"}). A check reads the quantity fields of the common kinds that way, so {@code quantity(...)} and string
 * comparisons give the cluster's verdict instead of failing on a number or a spelling.
 */
public final class ApiServerQuantities {

    private ApiServerQuantities() {
    }

    /**
     * The object with every number at a quantity field of its kind replaced by the canonical string the API server
     * gives it; the object itself when there is none (the object is never changed).
     */
    public static Map<String, Object> of(String kind, Map<String, Object> object) {
        Object out = object;
        for (List<String> path : QuantityFields.paths(kind)) {
            out = rewrite(out, path, 0);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) out;
        return result;
    }

    /** The node with the numbers at {@code path} (from {@code at}) made strings; the node itself if none was. */
    private static Object rewrite(Object node, List<String> path, int at) {
        if (at == path.size()) {
            // a resource list's entries (cpu, memory, ...) are rounded up to milli units; a single quantity is not
            boolean resourceList = path.get(path.size() - 1).equals("*");
            if (node instanceof Number n) {
                return canonical(decimal(n), Quantity.Format.DECIMAL_SI, resourceList);
            }
            if (node instanceof String text) {
                try {
                    String written = canonical(Quantity.parse(text.strip()).exact(), Quantity.formatOf(text.strip()),
                            resourceList);
                    return written.equals(text) ? node : written;
                } catch (IllegalArgumentException notAQuantity) {
                    return node; // the manifest check names it; the cluster refuses it
                }
            }
            return node;
        }
        String step = path.get(at);
        if (node instanceof Map<?, ?> map) {
            Map<Object, Object> copy = null;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!step.equals("*") && !step.equals(e.getKey())) {
                    continue;
                }
                Object changed = rewrite(e.getValue(), path, at + 1);
                if (changed != e.getValue()) {
                    if (copy == null) {
                        copy = new LinkedHashMap<>(map);
                    }
                    copy.put(e.getKey(), changed);
                }
            }
            return copy == null ? node : copy;
        }
        if (node instanceof List<?> list && step.equals("*")) {
            List<Object> copy = null;
            for (int i = 0; i < list.size(); i++) {
                Object changed = rewrite(list.get(i), path, at + 1);
                if (changed != list.get(i)) {
                    if (copy == null) {
                        copy = new ArrayList<>(list);
                    }
                    copy.set(i, changed);
                }
            }
            return copy == null ? node : copy;
        }
        return node;
    }

    /**
     * The text Kubernetes writes for a quantity: the value rounded up to nano units (to milli units in a resource
     * list, as {@code SetDefaults_ResourceList} does), in the canonical form of its format ({@code 1000} is
     * {@code 1k}, {@code 0.5} is {@code 500m}, {@code 1024Mi} is {@code 1Gi}, {@code 1500} stays {@code 1500}).
     */
    static String canonical(BigDecimal value, Quantity.Format format, boolean resourceList) {
        if (value.signum() == 0) {
            return "0";
        }
        int places = resourceList ? 3 : 9;
        BigDecimal rounded = value.scale() > places
                ? value.setScale(places, value.signum() < 0 ? RoundingMode.FLOOR : RoundingMode.CEILING) : value;
        return Quantity.canonical(rounded, format);
    }

    private static BigDecimal decimal(Number number) {
        return number instanceof BigDecimal b ? b
                : number instanceof Double || number instanceof Float ? BigDecimal.valueOf(number.doubleValue())
                : new BigDecimal(number.toString());
    }
}
