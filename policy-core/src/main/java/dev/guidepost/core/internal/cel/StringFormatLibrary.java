package dev.guidepost.core.internal.cel;

import static dev.cel.common.CelOverloadDecl.newMemberOverload;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.google.common.primitives.UnsignedLong;

import dev.cel.common.types.ListType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.values.CelByteString;
import dev.cel.common.values.NullValue;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;

import dev.guidepost.core.internal.golang.GoValues;

/**
 * {@code <string>.format(<list>)} from cel-go's strings extension at the version Kubernetes uses (ext/strings.go
 * v2, ext/formatting.go): clauses {@code %s %d %f %e %b %o %x %X %%} with an optional {@code .N} precision.
 * Quirks kept from Go: {@code %f} groups thousands with commas (the en_US locale printer), {@code %e} reads the
 * precision as a width (so it always prints six decimals), and list/map elements are rendered as CEL literals.
 */
final class StringFormatLibrary extends FunctionLibrary {

    private static final int DEFAULT_PRECISION = 6;

    StringFormatLibrary() {
        function("format", newMemberOverload("string_format", SimpleType.STRING, SimpleType.STRING,
                ListType.create(SimpleType.DYN)),
                CelFunctionBinding.from("string_format", String.class, List.class, StringFormatLibrary::format));
    }

    static String format(String template, List<?> args) throws CelEvaluationException {
        StringBuilder out = new StringBuilder();
        int argIndex = 0;
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c != '%') {
                out.append(c);
                i++;
                continue;
            }
            if (i + 1 < template.length() && template.charAt(i + 1) == '%') {
                out.append('%');
                i += 2;
                continue;
            }
            if (argIndex >= args.size()) {
                throw error("index %d out of range", argIndex);
            }
            if (i + 1 >= template.length()) {
                throw error("unexpected end of string");
            }
            int pos = i + 1;
            Integer precision = null;
            if (template.charAt(pos) == '.') {
                pos++;
                int start = pos;
                while (pos < template.length() && Character.isDigit(template.charAt(pos))
                        && template.charAt(pos) < 128) {
                    pos++;
                }
                if (pos >= template.length()) {
                    throw error("could not parse formatting clause: error while parsing precision: "
                            + "could not find end of precision specifier");
                }
                String digits = template.substring(start, pos);
                if (digits.isEmpty()) {
                    throw error("could not parse formatting clause: error while parsing precision: error while "
                            + "converting precision to integer: strconv.Atoi: parsing \"\": invalid syntax");
                }
                precision = Integer.parseInt(digits);
            }
            char verb = template.charAt(pos);
            Object arg = args.get(argIndex);
            String text;
            try {
                text = switch (verb) {
                    case 's' -> string(arg);
                    case 'd' -> decimal(arg);
                    case 'f' -> fixed(arg, precision == null ? DEFAULT_PRECISION : precision);
                    case 'e' -> scientific(arg);
                    case 'b' -> binary(arg);
                    case 'x' -> hex(arg, false);
                    case 'X' -> hex(arg, true);
                    case 'o' -> octal(arg);
                    default -> throw new ClauseError("could not parse formatting clause: unrecognized formatting "
                            + "clause \"" + verb + "\"");
                };
            } catch (ClauseError e) {
                throw error("%s", e.getMessage());
            }
            out.append(text);
            i = pos + 1;
            argIndex++;
        }
        return out.toString();
    }

    /** A formatting failure, with cel-go's message. */
    private static final class ClauseError extends Exception {
        private static final long serialVersionUID = 1L;

        ClauseError(String message) {
            super(message, null, false, false);
        }
    }

    private static ClauseError formattingError(String message, Object arg) {
        return new ClauseError("error during formatting: " + message + ", was given " + typeName(arg));
    }

    private static String string(Object arg) throws ClauseError {
        if (arg instanceof List<?> list) {
            return list(list);
        }
        if (arg instanceof Map<?, ?> map) {
            return map(map);
        }
        if (arg instanceof NullValue || arg == null) {
            return "null";
        }
        if (arg instanceof String s) {
            return s;
        }
        if (arg instanceof Double d) {
            return GoValues.formatG(d);
        }
        if (arg instanceof Long || arg instanceof UnsignedLong || arg instanceof Boolean) {
            return arg.toString();
        }
        if (arg instanceof CelByteString bytes) {
            return new String(bytes.toByteArray(), StandardCharsets.UTF_8);
        }
        if (arg instanceof Duration d) {
            return CelGoText.formatDuration(d);
        }
        if (arg instanceof Instant t) {
            return CelGoText.formatTimestamp(t);
        }
        if (arg instanceof dev.cel.common.types.CelType type) {
            return type.name();
        }
        throw formattingError("string clause can only be used on strings, bools, bytes, ints, doubles, maps, "
                + "lists, types, durations, and timestamps", arg);
    }

    /** An element of a list or map, rendered as a CEL literal (ext/formatting.go clauseForType, quoteForCEL). */
    private static String literal(Object arg) throws ClauseError {
        if (arg instanceof String s) {
            return GoValues.quote(s);
        }
        if (arg instanceof CelByteString bytes) {
            return "b" + GoValues.quote(new String(bytes.toByteArray(), StandardCharsets.UTF_8));
        }
        if (arg instanceof Double d) {
            if (d.isNaN() || d.isInfinite()) {
                return GoValues.quote(goFixed(d, DEFAULT_PRECISION));
            }
            return goFixed(d, DEFAULT_PRECISION);
        }
        if (arg instanceof Instant t) {
            return "timestamp(" + GoValues.quote(CelGoText.formatTimestamp(t)) + ")";
        }
        if (arg instanceof Duration d) {
            return "duration(" + GoValues.quote(CelGoText.formatDuration(d)) + ")";
        }
        if (arg instanceof Long || arg instanceof UnsignedLong || arg instanceof Boolean || arg instanceof List
                || arg instanceof Map || arg instanceof NullValue || arg instanceof dev.cel.common.types.CelType) {
            return string(arg);
        }
        throw new ClauseError("error during formatting: no formatting function for " + typeName(arg));
    }

    private static String list(List<?> list) throws ClauseError {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < list.size(); i++) {
            if (i > 0) {
                out.append(", ");
            }
            out.append(literal(list.get(i)));
        }
        return out.append(']').toString();
    }

    private static String map(Map<?, ?> map) throws ClauseError {
        List<String[]> pairs = new ArrayList<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            Object key = entry.getKey();
            String keyText;
            if (key instanceof String s) {
                keyText = GoValues.quote(s);
            } else if (key instanceof Boolean || key instanceof Long || key instanceof UnsignedLong) {
                keyText = key.toString();
            } else {
                throw new ClauseError("error during formatting: no formatting function for map key of type "
                        + typeName(key));
            }
            pairs.add(new String[] {keyText, literal(entry.getValue())});
        }
        pairs.sort(Comparator.comparing((String[] p) -> p[0]));
        StringBuilder out = new StringBuilder("{");
        for (int i = 0; i < pairs.size(); i++) {
            if (i > 0) {
                out.append(", ");
            }
            out.append(pairs.get(i)[0]).append(':').append(pairs.get(i)[1]);
        }
        return out.append('}').toString();
    }

    private static String decimal(Object arg) throws ClauseError {
        if (arg instanceof Long || arg instanceof UnsignedLong) {
            return arg.toString();
        }
        throw formattingError("decimal clause can only be used on integers", arg);
    }

    private static double floatArg(Object arg, String clause) throws ClauseError {
        if (arg instanceof Double d) {
            return d;
        }
        if (arg instanceof String s) {
            switch (s) {
                case "NaN":
                    return Double.NaN;
                case "Infinity":
                    return Double.POSITIVE_INFINITY;
                case "-Infinity":
                    return Double.NEGATIVE_INFINITY;
                default:
                    break;
            }
        }
        throw formattingError(clause + " clause can only be used on doubles", arg);
    }

    private static String fixed(Object arg, int precision) throws ClauseError {
        double value = floatArg(arg, "fixed-point");
        String plain = goFixed(value, precision);
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return plain;
        }
        // golang.org/x/text/message with the en_US locale groups the integer digits
        boolean negative = plain.startsWith("-");
        String unsigned = negative ? plain.substring(1) : plain;
        int dot = unsigned.indexOf('.');
        String integer = dot < 0 ? unsigned : unsigned.substring(0, dot);
        StringBuilder grouped = new StringBuilder();
        for (int i = 0; i < integer.length(); i++) {
            if (i > 0 && (integer.length() - i) % 3 == 0) {
                grouped.append(',');
            }
            grouped.append(integer.charAt(i));
        }
        return (negative ? "-" : "") + grouped + (dot < 0 ? "" : unsigned.substring(dot));
    }

    /** Go's {@code %.Nf}: the exact binary value rounded half-to-even. */
    private static String goFixed(double value, int precision) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        String text = new BigDecimal(value).setScale(precision, RoundingMode.HALF_EVEN).toPlainString();
        if (value < 0 || (value == 0 && 1 / value < 0)) {
            return text.startsWith("-") ? text : "-" + text;
        }
        return text;
    }

    /** Go's {@code %e} with the default precision (cel-go passes the precision as a width). */
    private static String scientific(Object arg) throws ClauseError {
        double value = floatArg(arg, "scientific");
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        if (value == 0) {
            return (1 / value < 0 ? "-" : "") + "0.000000e+00";
        }
        BigDecimal exact = new BigDecimal(Math.abs(value));
        int exponent = exact.precision() - exact.scale() - 1;
        BigDecimal mantissa = exact.movePointLeft(exponent).setScale(DEFAULT_PRECISION, RoundingMode.HALF_EVEN);
        if (mantissa.compareTo(BigDecimal.TEN) >= 0) {
            exponent++;
            mantissa = exact.movePointLeft(exponent).setScale(DEFAULT_PRECISION, RoundingMode.HALF_EVEN);
        }
        int abs = Math.abs(exponent);
        return (value < 0 ? "-" : "") + mantissa.toPlainString() + "e" + (exponent < 0 ? "-" : "+")
                + (abs < 10 ? "0" : "") + abs;
    }

    private static String binary(Object arg) throws ClauseError {
        if (arg instanceof Long l) {
            return l < 0 ? "-" + Long.toBinaryString(-l) : Long.toBinaryString(l);
        }
        if (arg instanceof UnsignedLong u) {
            return u.bigIntegerValue().toString(2);
        }
        if (arg instanceof Boolean b) {
            return b ? "1" : "0";
        }
        throw formattingError("only integers and bools can be formatted as binary", arg);
    }

    private static String octal(Object arg) throws ClauseError {
        if (arg instanceof Long l) {
            return BigInteger.valueOf(l).toString(8);
        }
        if (arg instanceof UnsignedLong u) {
            return u.bigIntegerValue().toString(8);
        }
        throw formattingError("octal clause can only be used on integers", arg);
    }

    private static String hex(Object arg, boolean upper) throws ClauseError {
        String text;
        if (arg instanceof Long l) {
            text = BigInteger.valueOf(l).toString(16);
        } else if (arg instanceof UnsignedLong u) {
            text = u.bigIntegerValue().toString(16);
        } else if (arg instanceof String s) {
            text = hexBytes(s.getBytes(StandardCharsets.UTF_8));
        } else if (arg instanceof CelByteString bytes) {
            text = hexBytes(bytes.toByteArray());
        } else {
            throw formattingError("only integers, byte buffers, and strings can be formatted as hex", arg);
        }
        return upper ? text.toUpperCase(java.util.Locale.ROOT) : text;
    }

    private static String hexBytes(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        for (byte b : bytes) {
            out.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return out.toString();
    }

    /** The CEL type name cel-go reports in formatting errors. */
    static String typeName(Object value) {
        if (value instanceof String) {
            return "string";
        }
        if (value instanceof Long) {
            return "int";
        }
        if (value instanceof UnsignedLong) {
            return "uint";
        }
        if (value instanceof Double) {
            return "double";
        }
        if (value instanceof Boolean) {
            return "bool";
        }
        if (value instanceof CelByteString) {
            return "bytes";
        }
        if (value instanceof List) {
            return "list";
        }
        if (value instanceof Map) {
            return "map";
        }
        if (value instanceof NullValue || value == null) {
            return "null_type";
        }
        if (value instanceof Duration) {
            return "google.protobuf.Duration";
        }
        if (value instanceof Instant) {
            return "google.protobuf.Timestamp";
        }
        if (value instanceof Optional) {
            return "optional_type";
        }
        if (value instanceof Quantity) {
            return "kubernetes.Quantity";
        }
        return value.getClass().getSimpleName();
    }
}
