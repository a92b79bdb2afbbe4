package dev.guidepost.core.internal.conditions;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import dev.guidepost.core.internal.cel.CelGoText;

/** Values as Kyverno's operators see them after a JSON round trip, and the Go functions they apply to them. */
final class GoValues {

    /** Go's strconv.ParseFloat decimal syntax, underscores allowed between digits as in Go literals. */
    private static final Pattern GO_FLOAT = Pattern.compile(
            "[+-]?((\\d(_?\\d)*)(\\.(\\d(_?\\d)*)?)?|\\.\\d(_?\\d)*)([eE][+-]?\\d(_?\\d)*)?");
    private static final Pattern GO_SPECIAL = Pattern.compile("[+-]?(?i:inf|infinity|nan)");
    private static final Pattern GO_INT = Pattern.compile("[+-]?\\d+");

    private GoValues() {
    }

    /**
     * The value as Kyverno holds it: condition keys and values are decoded from JSON or produced by JMESPath,
     * so every number is a float64 ({@link Double}) and map keys are strings.
     */
    static Object normalise(Object value) {
        if (value instanceof Double || value instanceof String || value instanceof Boolean || value == null) {
            return value;
        }
        if (value instanceof BigInteger || value instanceof BigDecimal || value instanceof Number) {
            return ((Number) value).doubleValue();
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), normalise(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(v -> out.add(normalise(v)));
            return out;
        }
        if (value instanceof Character c) {
            return c.toString();
        }
        return value;
    }

    /** Go's {@code fmt.Sprint} of a JSON value: {@code <nil>}, {@code 1e+06}, {@code map[a:1 b:x]}, {@code [a b]}. */
    static String sprint(Object value) {
        if (value == null) {
            return "<nil>";
        }
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Double d) {
            return CelGoText.formatDouble(d);
        }
        if (value instanceof Map<?, ?> map) {
            StringBuilder out = new StringBuilder("map[");
            Iterator<? extends Map.Entry<?, ?>> entries = new TreeMap<>(map).entrySet().iterator();
            while (entries.hasNext()) {
                Map.Entry<?, ?> e = entries.next();
                out.append(e.getKey()).append(':').append(sprint(e.getValue()));
                if (entries.hasNext()) {
                    out.append(' ');
                }
            }
            return out.append(']').toString();
        }
        if (value instanceof List<?> list) {
            StringBuilder out = new StringBuilder("[");
            for (int i = 0; i < list.size(); i++) {
                out.append(i == 0 ? "" : " ").append(sprint(list.get(i)));
            }
            return out.append(']').toString();
        }
        return String.valueOf(value);
    }

    /** Go's {@code strconv.ParseFloat(s, 64)} (decimal forms, inf and nan); null when Go returns an error. */
    static Double parseFloat(String s) {
        if (GO_SPECIAL.matcher(s).matches()) {
            String lower = s.toLowerCase(Locale.ROOT);
            if (lower.contains("nan")) {
                return Double.NaN;
            }
            return lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (!GO_FLOAT.matcher(s).matches()) {
            return null;
        }
        double d = Double.parseDouble(s.replace("_", ""));
        return Double.isInfinite(d) ? null : d; // out of range is an error in Go
    }

    /** Go's {@code strconv.ParseInt(s, 10, 64)}; null when Go returns an error. */
    static Long parseInt(String s) {
        if (!GO_INT.matcher(s).matches()) {
            return null;
        }
        try {
            return Long.parseLong(s.startsWith("+") ? s.substring(1) : s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Go's {@code reflect.DeepEqual} on JSON values: floats with {@code ==} (NaN unequal, -0 equal to 0). */
    static boolean deepEqual(Object a, Object b) {
        if (a instanceof Double x && b instanceof Double y) {
            return x.doubleValue() == y.doubleValue();
        }
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (Map.Entry<?, ?> e : x.entrySet()) {
                if (!y.containsKey(e.getKey()) || !deepEqual(e.getValue(), y.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!deepEqual(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return a == null ? b == null : a.equals(b);
    }

    /** Go's {@code time.Duration(f)}: a float64 converted to int64 nanoseconds, truncated toward zero. */
    static long durationOf(double f) {
        return (long) f;
    }

    /** Go's {@code Duration.Seconds()}. */
    static double seconds(long nanos) {
        long sec = nanos / 1_000_000_000L;
        long nsec = nanos % 1_000_000_000L;
        return (double) sec + (double) nsec / 1e9;
    }
}
