package dev.guidepost.core.internal.mutate;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Equality of plain JSON values as Go sees two documents after {@code json.Marshal}: maps by their entries (key
 * order ignored), lists element by element, numbers by value (an integer {@code 1} equals a float {@code 1.0}),
 * other scalars by {@code equals}.
 */
public final class JsonEquality {

    private JsonEquality() {
    }

    /** True when both values are the same JSON document. */
    public static boolean equal(Object a, Object b) {
        if (a instanceof Map<?, ?> x) {
            if (!(b instanceof Map<?, ?> y) || x.size() != y.size()) {
                return false;
            }
            for (Map.Entry<?, ?> e : x.entrySet()) {
                if (!y.containsKey(e.getKey()) || !equal(e.getValue(), y.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof List<?> x) {
            if (!(b instanceof List<?> y) || x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!equal(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Number x && b instanceof Number y) {
            return decimal(x).compareTo(decimal(y)) == 0;
        }
        return a == null ? b == null : a.equals(b);
    }

    private static BigDecimal decimal(Number n) {
        if (n instanceof BigDecimal d) {
            return d;
        }
        if (n instanceof Double || n instanceof Float) {
            double d = n.doubleValue();
            return Double.isFinite(d) ? BigDecimal.valueOf(d) : BigDecimal.ZERO;
        }
        return new BigDecimal(n.toString());
    }
}
