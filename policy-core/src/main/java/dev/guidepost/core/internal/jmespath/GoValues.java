package dev.guidepost.core.internal.jmespath;

import dev.guidepost.core.internal.json.Json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Values as Kyverno's Go code sees them: every JSON number is a {@code float64}, maps print with sorted keys, and
 * numbers print the way {@code encoding/json} and {@code strconv} print them.
 */
final class GoValues {

    private static final double TWO_63 = 0x1p63;

    private GoValues() {
    }

    /** A copy with every number as a Double (Go's {@code float64}) and every map key a string; inputs untouched. */
    static Object toKyverno(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>(Math.max(4, map.size() * 2));
            map.forEach((k, v) -> out.put(String.valueOf(k), toKyverno(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object item : list) {
                out.add(toKyverno(item));
            }
            return out;
        }
        if (value instanceof Number n && !(value instanceof Double)) {
            return n.doubleValue();
        }
        return value;
    }

    /**
     * A copy for callers: a whole-number Double within the {@code long} range becomes a Long (what SnakeYAML gives
     * for the same number in YAML); other values are copied as they are.
     */
    static Object toPlain(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>(Math.max(4, map.size() * 2));
            map.forEach((k, v) -> out.put(String.valueOf(k), toPlain(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object item : list) {
                out.add(toPlain(item));
            }
            return out;
        }
        if (value instanceof Double d && d == Math.rint(d) && !d.isInfinite() && Math.abs(d) < TWO_63) {
            return d.longValue();
        }
        if (value instanceof Float f) {
            return toPlain(f.doubleValue());
        }
        return value;
    }

    /** Go's {@code json.Marshal}: compact, keys sorted, HTML characters escaped, float64 formatting. */
    static String marshal(Object value) {
        StringBuilder out = new StringBuilder();
        marshal(value, out);
        return out.toString();
    }

    private static void marshal(Object value, StringBuilder out) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof Map<?, ?> map) {
            Map<String, Object> sorted = new TreeMap<>();
            map.forEach((k, v) -> sorted.put(String.valueOf(k), v));
            out.append('{');
            boolean first = true;
            for (Map.Entry<String, Object> e : sorted.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                Json.string(e.getKey(), out, true);
                out.append(':');
                marshal(e.getValue(), out);
            }
            out.append('}');
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                marshal(list.get(i), out);
            }
            out.append(']');
        } else if (value instanceof Boolean) {
            out.append(value);
        } else if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new JmesPathException("json: unsupported value: " + formatFloat(d, false));
            }
            out.append(jsonFloat(d));
        } else if (value instanceof BigDecimal big) {
            out.append(big.toPlainString());
        } else if (value instanceof Number) {
            out.append(value);
        } else {
            Json.string(String.valueOf(value), out, true);
        }
    }

    /** {@code encoding/json}'s float64 text: 'f' format, or 'e' below 1e-6 and from 1e21 on. */
    static String jsonFloat(double d) {
        double abs = Math.abs(d);
        boolean exponent = abs != 0 && (abs < 1e-6 || abs >= 1e21);
        return exponent ? expFormat(d) : formatFloat(d, false);
    }

    /** {@code strconv.FormatFloat(d, 'f', -1, 64)}, or with {@code bits32} {@code FormatFloat(d, 'f', -1, 32)}. */
    static String formatFloat(double d, boolean bits32) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "+Inf" : "-Inf";
        }
        if (d == 0) {
            return 1 / d < 0 ? "-0" : "0";
        }
        String shortest = bits32 ? Float.toString((float) d) : Double.toString(d);
        if (bits32 && Float.isInfinite((float) d)) {
            return d > 0 ? "+Inf" : "-Inf";
        }
        return new BigDecimal(shortest).stripTrailingZeros().toPlainString();
    }

    private static String expFormat(double d) {
        BigDecimal bd = new BigDecimal(Double.toString(d)).stripTrailingZeros();
        String digits = bd.unscaledValue().abs().toString();
        int exp = digits.length() - 1 - bd.scale();
        StringBuilder out = new StringBuilder();
        if (d < 0) {
            out.append('-');
        }
        out.append(digits.charAt(0));
        if (digits.length() > 1) {
            out.append('.').append(digits, 1, digits.length());
        }
        out.append('e').append(exp < 0 ? '-' : '+');
        int absExp = Math.abs(exp);
        // Go writes at least two exponent digits; encoding/json then trims e-07 to e-7
        if (absExp < 10 && exp >= 0) {
            out.append('0');
        }
        out.append(absExp);
        return out.toString();
    }

    /** Kyverno's {@code ifaceToString}: strings as they are, numbers with float32 precision, booleans. */
    static String ifaceToString(Object value) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Double || value instanceof Float) {
            return formatFloat(((Number) value).doubleValue(), true);
        }
        if (value instanceof Long || value instanceof Integer || value instanceof BigInteger) {
            return value.toString();
        }
        if (value instanceof Boolean b) {
            return b.toString();
        }
        return null;
    }

    /** Go's {@code interface{}} equality for JSON values, with Kyverno's numbers (all float64). */
    static boolean jsonEquals(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return x.doubleValue() == y.doubleValue();
        }
        if (a instanceof Map<?, ?> m && b instanceof Map<?, ?> n) {
            if (m.size() != n.size()) {
                return false;
            }
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!n.containsKey(e.getKey()) || !jsonEquals(e.getValue(), n.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof List<?> l && b instanceof List<?> r) {
            if (l.size() != r.size()) {
                return false;
            }
            for (int i = 0; i < l.size(); i++) {
                if (!jsonEquals(l.get(i), r.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return a == null ? b == null : a.equals(b);
    }
}
