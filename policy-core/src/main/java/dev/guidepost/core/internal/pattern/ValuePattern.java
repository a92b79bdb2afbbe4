package dev.guidepost.core.internal.pattern;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.guidepost.core.internal.cel.Quantity;
import dev.guidepost.core.internal.golang.GoDuration;
import dev.guidepost.core.internal.golang.GoValues;
import dev.guidepost.core.internal.match.Wildcard;

/**
 * Kyverno's check of one resource value against one pattern value: booleans and numbers by value, {@code null}
 * as "empty or absent", a map as "is a map", and strings as expressions: alternatives with {@code |}, conjunctions
 * with {@code &}, the operators {@code >= <= > < !}, ranges {@code a-b} and {@code a!-b}, and operands compared as
 * Go durations, then Kubernetes quantities, then {@code *}/{@code ?} wildcards on the value as text.
 */
final class ValuePattern {

    private enum Operator {
        EQUAL(""), MORE_EQUAL(">="), LESS_EQUAL("<="), MORE(">"), LESS("<"), NOT_EQUAL("!"), IN_RANGE("-"),
        NOT_IN_RANGE("!-");

        final String text;

        Operator(String text) {
            this.text = text;
        }
    }

    private static final Pattern IN_RANGE =
            Pattern.compile("^([-|+]?\\d+(?:\\.\\d+)?[A-Za-z]*)-([-|+]?\\d+(?:\\.\\d+)?[A-Za-z]*)$");
    private static final Pattern NOT_IN_RANGE =
            Pattern.compile("^([-|+]?\\d+(?:\\.\\d+)?[A-Za-z]*)!-([-|+]?\\d+(?:\\.\\d+)?[A-Za-z]*)$");
    /** The float syntax of Go's strconv.ParseFloat (decimal forms). */
    private static final Pattern GO_FLOAT = Pattern.compile(
            "[+-]?(\\d+(_\\d+)*\\.?\\d*([eE][+-]?\\d+)?|\\.\\d+([eE][+-]?\\d+)?|(?i:inf|infinity|nan))");

    private final boolean numbersAsDoubles;

    /** @param numbersAsDoubles whether integers in resources read as floats, as the Kyverno CLI loads them */
    ValuePattern(boolean numbersAsDoubles) {
        this.numbersAsDoubles = numbersAsDoubles;
    }

    /** True when the value satisfies the pattern value. */
    boolean matches(Object value, Object pattern) {
        Object v = normalise(value);
        if (pattern instanceof Boolean b) {
            return v instanceof Boolean vb && vb.booleanValue() == b.booleanValue();
        }
        if (pattern instanceof Number n) {
            // policies are decoded from JSON, where every number is a float64
            return matchesFloat(v, n.doubleValue());
        }
        if (pattern == null) {
            return matchesNull(v);
        }
        if (pattern instanceof Map<?, ?>) {
            return v instanceof Map<?, ?>;
        }
        if (pattern instanceof String s) {
            return matchesStrings(v, s);
        }
        return false;
    }

    private Object normalise(Object value) {
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            long l = ((Number) value).longValue();
            return numbersAsDoubles ? (Object) (double) l : (Object) l;
        }
        if (value instanceof BigInteger b) {
            return numbersAsDoubles || b.bitLength() > 63 ? (Object) b.doubleValue() : (Object) b.longValue();
        }
        if (value instanceof Float || value instanceof BigDecimal) {
            return ((Number) value).doubleValue();
        }
        return value;
    }

    private static boolean matchesFloat(Object value, double pattern) {
        if (value instanceof Long l) {
            return pattern == Math.rint(pattern) && !Double.isInfinite(pattern) && (long) pattern == l;
        }
        if (value instanceof Double d) {
            return d == pattern;
        }
        if (value instanceof String s) {
            if (!GO_FLOAT.matcher(s).matches()) {
                return false;
            }
            try {
                return Double.parseDouble(s.replace("_", "").toLowerCase(Locale.ROOT).replace("infinity", "inf")
                        .replace("inf", "Infinity").replace("nan", "NaN")) == pattern;
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return false;
    }

    private static boolean matchesNull(Object value) {
        if (value == null) {
            return true;
        }
        if (value instanceof Long l) {
            return l == 0;
        }
        if (value instanceof Double d) {
            return d == 0.0;
        }
        if (value instanceof String s) {
            return s.isEmpty();
        }
        if (value instanceof Boolean b) {
            return !b;
        }
        return false;
    }

    private boolean matchesStrings(Object value, String pattern) {
        if (pattern.equals(value)) {
            return true;
        }
        for (String alternative : pattern.split("\\|", -1)) {
            if (allOf(value, trimSpaces(alternative))) {
                return true;
            }
        }
        return false;
    }

    private boolean allOf(Object value, String pattern) {
        for (String condition : pattern.split("&", -1)) {
            if (!matchesOne(value, trimSpaces(condition))) {
                return false;
            }
        }
        return true;
    }

    private boolean matchesOne(Object value, String pattern) {
        Operator op = operatorOf(pattern);
        if (op == Operator.IN_RANGE) {
            Matcher m = IN_RANGE.matcher(pattern);
            return m.matches() && matchesOne(value, ">= " + m.group(1)) && matchesOne(value, "<= " + m.group(2));
        }
        if (op == Operator.NOT_IN_RANGE) {
            Matcher m = NOT_IN_RANGE.matcher(pattern);
            return m.matches() && (matchesOne(value, "< " + m.group(1)) || matchesOne(value, "> " + m.group(2)));
        }
        String operand = pattern.substring(op.text.length()).strip();
        Boolean byDuration = compareDurations(value, operand, op);
        if (byDuration != null) {
            return byDuration;
        }
        Boolean byQuantity = compareQuantities(value, operand, op);
        if (byQuantity != null) {
            return byQuantity;
        }
        return compareText(value, operand, op);
    }

    private static Operator operatorOf(String pattern) {
        if (pattern.length() < 2) {
            return Operator.EQUAL;
        }
        for (Operator op : List.of(Operator.MORE_EQUAL, Operator.LESS_EQUAL, Operator.MORE, Operator.LESS,
                Operator.NOT_EQUAL)) {
            if (pattern.startsWith(op.text)) {
                return op;
            }
        }
        if (NOT_IN_RANGE.matcher(pattern).matches()) {
            return Operator.NOT_IN_RANGE;
        }
        if (IN_RANGE.matcher(pattern).matches()) {
            return Operator.IN_RANGE;
        }
        return Operator.EQUAL;
    }

    private static Boolean compareDurations(Object value, String operand, Operator op) {
        OptionalLong pattern = GoDuration.parse(operand);
        String text = numberText(value);
        if (pattern.isEmpty() || text == null) {
            return null;
        }
        OptionalLong actual = GoDuration.parse(text);
        if (actual.isEmpty()) {
            return null;
        }
        return compare(Long.compare(actual.getAsLong(), pattern.getAsLong()), op);
    }

    private static Boolean compareQuantities(Object value, String operand, Operator op) {
        String text = numberText(value);
        if (text == null) {
            return null;
        }
        try {
            Quantity pattern = Quantity.parse(operand);
            Quantity actual = Quantity.parse(text);
            return compare(actual.compareTo(pattern), op);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static Boolean compare(int result, Operator op) {
        return switch (op) {
            case EQUAL -> result == 0;
            case NOT_EQUAL -> result != 0;
            case MORE -> result > 0;
            case LESS -> result < 0;
            case MORE_EQUAL -> result >= 0;
            case LESS_EQUAL -> result <= 0;
            default -> null;
        };
    }

    private static boolean compareText(Object value, String operand, Operator op) {
        if (op != Operator.EQUAL && op != Operator.NOT_EQUAL) {
            return false;
        }
        String text;
        if (value instanceof Double d) {
            text = GoValues.formatExponent(d);
        } else if (value instanceof Long l) {
            text = Long.toString(l);
        } else if (value instanceof String s) {
            text = s;
        } else if (value instanceof Boolean b) {
            text = b.toString();
        } else {
            return false;
        }
        boolean matched = Wildcard.matches(operand, text);
        return op == Operator.NOT_EQUAL ? !matched : matched;
    }

    /** A value as Kyverno turns numbers into text for durations and quantities; null when it cannot. */
    private static String numberText(Object value) {
        if (value == null) {
            return "0";
        }
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Double d) {
            return GoValues.formatFixed(d);
        }
        if (value instanceof Long l) {
            return Long.toString(l);
        }
        return null;
    }

    /** Go's strings.Trim(s, " "): spaces only, not other whitespace. */
    private static String trimSpaces(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && s.charAt(start) == ' ') {
            start++;
        }
        while (end > start && s.charAt(end - 1) == ' ') {
            end--;
        }
        return s.substring(start, end);
    }
}
