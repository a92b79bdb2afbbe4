package dev.guidepost.core.internal.golang;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

import dev.guidepost.core.internal.json.Json;

/**
 * JSON values as Kyverno's Go code holds and prints them: every number a {@code float64}, {@code reflect.DeepEqual},
 * {@code strconv} parsing and float formatting, {@code fmt.Sprint}, {@code %q} and {@code encoding/json}'s
 * {@code Marshal}.
 */
public final class GoValues {

    /** Go's strconv.ParseFloat decimal syntax, underscores allowed between digits as in Go literals. */
    private static final Pattern GO_FLOAT = Pattern.compile(
            "[+-]?((\\d(_?\\d)*)(\\.(\\d(_?\\d)*)?)?|\\.\\d(_?\\d)*)([eE][+-]?\\d(_?\\d)*)?");
    private static final Pattern GO_SPECIAL = Pattern.compile("[+-]?(?i:inf|infinity|nan)");
    private static final Pattern GO_INT = Pattern.compile("[+-]?\\d+");

    private GoValues() {
    }

    // ---- values ----

    /**
     * A copy as Go decodes JSON into {@code any}: every number a {@link Double} ({@code float64}), every map key a
     * string, a Character a String; the input is untouched.
     */
    public static Object toFloat64s(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>(Math.max(4, map.size() * 2));
            map.forEach((k, v) -> out.put(String.valueOf(k), toFloat64s(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object item : list) {
                out.add(toFloat64s(item));
            }
            return out;
        }
        if (value instanceof Number n && !(value instanceof Double)) {
            return n.doubleValue();
        }
        if (value instanceof Character c) {
            return c.toString();
        }
        return value;
    }

    /**
     * Go's {@code reflect.DeepEqual} on JSON values, numbers compared as float64 with {@code ==} (NaN unequal, -0
     * equal to 0).
     */
    public static boolean deepEqual(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return x.doubleValue() == y.doubleValue();
        }
        if (a instanceof Map<?, ?> m && b instanceof Map<?, ?> n) {
            if (m.size() != n.size()) {
                return false;
            }
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!n.containsKey(e.getKey()) || !deepEqual(e.getValue(), n.get(e.getKey()))) {
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
                if (!deepEqual(l.get(i), r.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return a == null ? b == null : a.equals(b);
    }

    // ---- strconv ----

    /** Go's {@code strconv.ParseFloat(s, 64)} (decimal forms, inf and nan); null when Go returns an error. */
    public static Double parseFloat(String s) {
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
    public static Long parseInt(String s) {
        if (!GO_INT.matcher(s).matches()) {
            return null;
        }
        try {
            return Long.parseLong(s.startsWith("+") ? s.substring(1) : s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** {@code strconv.FormatFloat(d, 'f', -1, 64)}, or with {@code bits32} {@code FormatFloat(d, 'f', -1, 32)}. */
    public static String formatFloat(double d, boolean bits32) {
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

    /** {@code strconv.FormatFloat(f, 'g', -1, 64)}, also {@code fmt}'s {@code %v}: {@code 3}, {@code 1e+06}. */
    public static String formatG(double value) {
        String special = special(value);
        if (special != null) {
            return value == 0 ? special.replace("0E+00", "0") : special;
        }
        BigDecimal decimal = new BigDecimal(Double.toString(Math.abs(value))).stripTrailingZeros();
        int exponent = decimal.precision() - decimal.scale() - 1;
        if (exponent < -4 || exponent >= 6) {
            return scientific(value, decimal, 'e');
        }
        return (value < 0 ? "-" : "") + decimal.toPlainString();
    }

    /** {@code strconv.FormatFloat(f, 'E', -1, 64)}: shortest digits as {@code d.dddE±XX}. */
    public static String formatExponent(double value) {
        String special = special(value);
        return special != null ? special
                : scientific(value, new BigDecimal(Double.toString(Math.abs(value))).stripTrailingZeros(), 'E');
    }

    /** {@code fmt.Sprintf("%f", f)}: six decimals. */
    public static String formatFixed(double value) {
        String special = special(value);
        if (special != null && value != 0) {
            return special;
        }
        return new BigDecimal(value).setScale(6, RoundingMode.HALF_EVEN).toPlainString();
    }

    /** NaN, infinities and zeros as Go prints them ({@code 0E+00} for a zero in exponent form), else null. */
    private static String special(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        if (value == 0) {
            return (1 / value < 0 ? "-" : "") + "0E+00";
        }
        return null;
    }

    private static String scientific(double value, BigDecimal decimal, char marker) {
        String digits = decimal.unscaledValue().toString();
        int exponent = digits.length() - decimal.scale() - 1;
        StringBuilder out = new StringBuilder(value < 0 ? "-" : "");
        out.append(digits.charAt(0));
        if (digits.length() > 1) {
            out.append('.').append(digits, 1, digits.length());
        }
        out.append(marker).append(exponent < 0 ? '-' : '+');
        int abs = Math.abs(exponent);
        if (abs < 10) {
            out.append('0');
        }
        return out.append(abs).toString();
    }

    // ---- fmt ----

    /** Go's {@code %q} for valid UTF-8 text. */
    public static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        s.codePoints().forEach(cp -> {
            switch (cp) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case 0x07 -> out.append("\\a");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case 0x0b -> out.append("\\v");
                default -> {
                    if (cp < 0x20 || cp == 0x7f) {
                        out.append(String.format("\\x%02x", cp));
                    } else if (!Character.isDefined(cp) || Character.getType(cp) == Character.FORMAT
                            || Character.isISOControl(cp)) {
                        out.append(cp > 0xffff ? String.format("\\U%08x", cp) : String.format("\\u%04x", cp));
                    } else {
                        out.appendCodePoint(cp);
                    }
                }
            }
        });
        return out.append('"').toString();
    }

    /** Go's {@code fmt.Sprint} of a JSON value: {@code <nil>}, {@code 1e+06}, {@code map[a:1 b:x]}, {@code [a b]}. */
    public static String sprint(Object value) {
        if (value == null) {
            return "<nil>";
        }
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Double d) {
            return formatG(d);
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

    // ---- encoding/json ----

    /**
     * Go's {@code json.Marshal}: compact, keys sorted, HTML characters escaped, float64 formatting; a value that is
     * neither null, map, list, boolean nor number is written as the string of its {@code toString}.
     *
     * @throws IllegalArgumentException for NaN and infinities, with Go's message
     */
    public static String marshal(Object value) {
        return marshal(value, UnaryOperator.identity());
    }

    /** {@link #marshal(Object)} after {@code nativeForm} has turned each value (at any depth) into its Go form. */
    public static String marshal(Object value, UnaryOperator<Object> nativeForm) {
        StringBuilder out = new StringBuilder();
        marshal(value, nativeForm, out);
        return out.toString();
    }

    private static void marshal(Object original, UnaryOperator<Object> nativeForm, StringBuilder out) {
        Object value = nativeForm.apply(original);
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
                marshal(e.getValue(), nativeForm, out);
            }
            out.append('}');
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                marshal(list.get(i), nativeForm, out);
            }
            out.append(']');
        } else if (value instanceof Boolean) {
            out.append(value);
        } else if (value instanceof Double || value instanceof Float) {
            out.append(jsonFloat(((Number) value).doubleValue()));
        } else if (value instanceof BigDecimal big) {
            out.append(big.toPlainString());
        } else if (value instanceof Number) {
            out.append(value);
        } else {
            Json.string(String.valueOf(value), out, true);
        }
    }

    /**
     * {@code encoding/json}'s float64 text: 'f' format, or 'e' below 1e-6 and from 1e21 on (exponent not
     * zero-padded).
     *
     * @throws IllegalArgumentException for NaN and infinities, with Go's message
     */
    public static String jsonFloat(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new IllegalArgumentException("json: unsupported value: " + formatG(d));
        }
        double abs = Math.abs(d);
        if (abs != 0 && (abs < 1e-6 || abs >= 1e21)) {
            // Go's 'e' format, then encoding/json trims e-07 to e-7
            return formatG(d).replaceFirst("e([+-])0(\\d)$", "e$1$2");
        }
        return formatFloat(d, false);
    }
}
