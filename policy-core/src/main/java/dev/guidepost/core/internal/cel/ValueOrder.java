package dev.guidepost.core.internal.cel;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.google.common.primitives.UnsignedLong;

import dev.cel.common.values.CelByteString;

/**
 * Ordering and equality of CEL values as cel-go's {@code traits.Comparer} and {@code Equal} define them: numbers
 * compare across int, uint and double; strings, bytes, bools, durations and timestamps compare within their type;
 * anything else is not comparable.
 */
final class ValueOrder {

    private ValueOrder() {
    }

    /** True when the value can be ordered. */
    static boolean isComparable(Object value) {
        return value instanceof Long || value instanceof UnsignedLong || value instanceof Double
                || value instanceof String || value instanceof Boolean || value instanceof CelByteString
                || value instanceof Duration || value instanceof Instant;
    }

    /** Compares two values; throws {@link IllegalArgumentException} when they cannot be compared. */
    static int compare(Object a, Object b) {
        if (isNumber(a) && isNumber(b)) {
            return compareNumbers(a, b);
        }
        if (a instanceof String x && b instanceof String y) {
            return Integer.signum(x.compareTo(y));
        }
        if (a instanceof Boolean x && b instanceof Boolean y) {
            return Boolean.compare(x, y);
        }
        if (a instanceof Duration x && b instanceof Duration y) {
            return Integer.signum(x.compareTo(y));
        }
        if (a instanceof Instant x && b instanceof Instant y) {
            return Integer.signum(x.compareTo(y));
        }
        if (a instanceof CelByteString x && b instanceof CelByteString y) {
            byte[] p = x.toByteArray();
            byte[] q = y.toByteArray();
            return Integer.signum(java.util.Arrays.compareUnsigned(p, q));
        }
        throw new IllegalArgumentException("no such overload");
    }

    /** CEL equality: numeric across types, structural for lists and maps. */
    static boolean equal(Object a, Object b) {
        if (isNumber(a) && isNumber(b)) {
            return compareNumbers(a, b) == 0 && !isNaN(a) && !isNaN(b);
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!equal(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (Map.Entry<?, ?> entry : x.entrySet()) {
                if (!y.containsKey(entry.getKey()) || !equal(entry.getValue(), y.get(entry.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        return a != null && a.equals(b);
    }

    private static boolean isNumber(Object value) {
        return value instanceof Long || value instanceof UnsignedLong || value instanceof Double;
    }

    private static boolean isNaN(Object value) {
        return value instanceof Double d && d.isNaN();
    }

    private static int compareNumbers(Object a, Object b) {
        if (a instanceof Double || b instanceof Double) {
            double x = toDouble(a);
            double y = toDouble(b);
            return x < y ? -1 : x > y ? 1 : 0;
        }
        return toBig(a).compareTo(toBig(b));
    }

    private static double toDouble(Object n) {
        return n instanceof UnsignedLong u ? u.doubleValue() : ((Number) n).doubleValue();
    }

    private static java.math.BigInteger toBig(Object n) {
        return n instanceof UnsignedLong u ? u.bigIntegerValue() : java.math.BigInteger.valueOf((Long) n);
    }
}
