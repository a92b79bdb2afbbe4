package dev.guidepost.core.internal.conditions;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Pattern;

import dev.guidepost.core.internal.cel.JsonCodec;
import dev.guidepost.core.internal.cel.Quantity;
import dev.guidepost.core.internal.golang.GoDuration;
import dev.guidepost.core.internal.golang.GoValues;
import dev.guidepost.core.internal.golang.Semver;
import dev.guidepost.core.internal.match.Wildcard;
import dev.guidepost.core.internal.pattern.PatternMatcher;

/**
 * Kyverno's operator handlers (pkg/engine/variables/operator) over normalised values: numbers are doubles, as
 * Kyverno's float64s. Each method follows the Go file named in its comment.
 */
final class Operators {

    /** pkg/engine/operator: the range forms {@code 1-5} and {@code 1!-5} of a string pattern. */
    private static final Pattern IN_RANGE =
            Pattern.compile("^([-|+]?\\d+(?:\\.\\d+)?[A-Za-z]*)-([-|+]?\\d+(?:\\.\\d+)?[A-Za-z]*)$");
    private static final Pattern NOT_IN_RANGE =
            Pattern.compile("^([-|+]?\\d+(?:\\.\\d+)?[A-Za-z]*)!-([-|+]?\\d+(?:\\.\\d+)?[A-Za-z]*)$");
    private static final PatternMatcher PATTERNS = new PatternMatcher(false);

    private Operators() {
    }

    // ---- equal.go (NotEquals is its negation) ----

    static boolean equal(Object key, Object value) {
        if (key instanceof Boolean b) {
            return value instanceof Boolean v && v.booleanValue() == b.booleanValue();
        }
        if (key instanceof Double k) {
            if (value instanceof Double v) {
                return v.doubleValue() == k.doubleValue();
            }
            if (value instanceof String s) {
                Double v = GoValues.parseFloat(s);
                return v != null && v.doubleValue() == k.doubleValue();
            }
            return false;
        }
        if (key instanceof String k) {
            return equalString(k, value);
        }
        if (key instanceof Map<?, ?> || key instanceof List<?>) {
            boolean sameKind = key instanceof Map<?, ?> ? value instanceof Map<?, ?> : value instanceof List<?>;
            return sameKind && GoValues.deepEqual(key, value);
        }
        return false; // nil and other types are unsupported
    }

    private static boolean equalString(String key, Object value) {
        long[] durations = parseDurations(key, value);
        if (durations != null) {
            return GoDuration.seconds(durations[0]) == GoDuration.seconds(durations[1]);
        }
        Quantity keyQuantity = quantity(key);
        if (keyQuantity != null) {
            if (value instanceof String s) {
                Quantity valueQuantity = quantity(s);
                return valueQuantity != null && keyQuantity.compareTo(valueQuantity) == 0;
            }
            if (value instanceof Double d) {
                Quantity valueQuantity = Double.isFinite(d) ? quantity(new BigDecimal(d).toPlainString()) : null;
                return valueQuantity != null && keyQuantity.compareTo(valueQuantity) == 0;
            }
        }
        return value instanceof String s && Wildcard.matches(s, key);
    }

    // ---- operator.go parseDuration ----

    /**
     * Both sides as nanoseconds when at least one is a Go duration string (other than {@code "0"}) and the other
     * is a duration string or a number of seconds; null otherwise.
     */
    static long[] parseDurations(Object key, Object value) {
        OptionalLong k = durationString(key);
        OptionalLong v = durationString(value);
        if (k.isEmpty() && v.isEmpty()) {
            return null;
        }
        if (k.isEmpty()) {
            if (!(key instanceof Double d)) {
                return null;
            }
            k = OptionalLong.of(GoDuration.ofFloat64(d) * 1_000_000_000L);
        }
        if (v.isEmpty()) {
            if (!(value instanceof Double d)) {
                return null;
            }
            v = OptionalLong.of(GoDuration.ofFloat64(d) * 1_000_000_000L);
        }
        return new long[] {k.getAsLong(), v.getAsLong()};
    }

    private static OptionalLong durationString(Object o) {
        return o instanceof String s && !s.equals("0") ? GoDuration.parse(s) : OptionalLong.empty();
    }

    private static Quantity quantity(String s) {
        try {
            return Quantity.parse(s);
        } catch (RuntimeException e) {
            return null;
        }
    }

    // ---- numeric.go ----

    /** The comparison of the exact operator name: numeric.go switches on it case-sensitively. */
    enum Comparison {
        GT, GTE, LT, LTE;

        boolean holds(int cmp) {
            return switch (this) {
                case GT -> cmp > 0;
                case GTE -> cmp >= 0;
                case LT -> cmp < 0;
                case LTE -> cmp <= 0;
            };
        }

        boolean holds(double key, double value) {
            return switch (this) {
                case GT -> key > value;
                case GTE -> key >= value;
                case LT -> key < value;
                case LTE -> key <= value;
            };
        }
    }

    /** {@code cmp} is null when the operator was not spelled exactly, which makes every comparison false. */
    static boolean numeric(Object key, Object value, Comparison cmp) {
        if (cmp == null) {
            return false;
        }
        if (key instanceof Double k) {
            return numericFloat(k, value, cmp);
        }
        if (key instanceof String k) {
            long[] durations = parseDurations(k, value);
            if (durations != null) {
                return cmp.holds(GoDuration.seconds(durations[0]), GoDuration.seconds(durations[1]));
            }
            Quantity keyQuantity = quantity(k);
            if (keyQuantity != null && value instanceof String s) {
                Quantity valueQuantity = quantity(s);
                if (valueQuantity != null) {
                    return cmp.holds(keyQuantity.compareTo(valueQuantity));
                }
            }
            Double f = GoValues.parseFloat(k);
            if (f != null) {
                return numericFloat(f, value, cmp);
            }
            // strconv.ParseInt cannot succeed where ParseFloat failed
            Semver version = semver(k);
            if (version != null && value instanceof String s) {
                Semver other = semver(s);
                return other != null && cmp.holds(version.compareTo(other));
            }
            return false;
        }
        return false;
    }

    /** blang/semver's {@code Parse}, or null where it returns an error. */
    private static Semver semver(String s) {
        try {
            return Semver.parse(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean numericFloat(double key, Object value, Comparison cmp) {
        if (value instanceof Double v) {
            return cmp.holds(key, v);
        }
        if (value instanceof String s) {
            long[] durations = parseDurations(key, s);
            if (durations != null) {
                return cmp.holds(GoDuration.seconds(durations[0]), GoDuration.seconds(durations[1]));
            }
            Double v = GoValues.parseFloat(s);
            return v != null && cmp.holds(key, v);
        }
        return false;
    }

    // ---- duration.go (the deprecated Duration* operators) ----

    static boolean duration(Object key, Object value, Comparison cmp) {
        if (cmp == null) {
            return false;
        }
        OptionalLong k = durationOperand(key);
        OptionalLong v = durationOperand(value);
        if (k.isEmpty() || v.isEmpty()) {
            return false;
        }
        return cmp.holds(Long.compare(k.getAsLong(), v.getAsLong()));
    }

    /** A Duration* operand: a number of seconds, or a Go duration string; empty otherwise. */
    private static OptionalLong durationOperand(Object o) {
        if (o instanceof Double d) {
            return OptionalLong.of(GoDuration.ofFloat64(d) * 1_000_000_000L);
        }
        return o instanceof String s ? GoDuration.parse(s) : OptionalLong.empty();
    }

    // ---- anyin.go, allin.go, anynotin.go, allnotin.go ----

    enum SetOp {
        ANY_IN, ALL_IN, ANY_NOT_IN, ALL_NOT_IN;

        boolean negated() {
            return this == ANY_NOT_IN || this == ALL_NOT_IN;
        }
    }

    static boolean setOperator(Object key, Object value, SetOp op) {
        if (key instanceof String || key instanceof Double || key instanceof Boolean) {
            Boolean exists = keyExists(GoValues.sprint(key), value);
            if (exists == null) {
                return false; // the value has an unsupported type
            }
            return op.negated() != exists;
        }
        if (key instanceof List<?> list) {
            List<String> keys = new ArrayList<>();
            list.forEach(v -> keys.add(GoValues.sprint(v)));
            Boolean result = setExists(keys, value, op);
            return result != null && result;
        }
        return false; // nil and maps are unsupported keys
    }

    /** anyin.go anyKeyExistsInArray: whether one key is in the value; null for an invalid value type. */
    private static Boolean keyExists(String key, Object value) {
        if (value instanceof List<?> list) {
            for (Object v : list) {
                String text = GoValues.sprint(v);
                if (Wildcard.matches(text, key) || Wildcard.matches(key, text)) {
                    return true;
                }
            }
            return false;
        }
        if (value instanceof String s) {
            if (Wildcard.matches(s, key)) {
                return true;
            }
            if (isInRange(s)) {
                return inRange(key, s);
            }
            List<String> array = stringArray(s);
            return array == null ? null : array.contains(key);
        }
        return null;
    }

    /** anySetExistsInArray / allSetExistsInArray: the operator's result; null for an invalid value type. */
    private static Boolean setExists(List<String> keys, Object value, SetOp op) {
        List<String> values;
        if (value instanceof List<?> list) {
            values = new ArrayList<>();
            for (Object v : list) {
                values.add(GoValues.sprint(v));
            }
        } else if (value instanceof Double d && (op == SetOp.ANY_IN || op == SetOp.ANY_NOT_IN)) {
            values = List.of(GoValues.sprint(d));
        } else if (value instanceof String s) {
            if (keys.size() == 1 && keys.get(0).equals(s)) {
                return !op.negated();
            }
            if (isInRange(s)) {
                return rangeSet(keys, s, op);
            }
            values = stringArray(s);
            if (values == null) {
                return null;
            }
        } else {
            return null;
        }
        int found = 0;
        for (String k : keys) {
            if (values.stream().anyMatch(v -> Wildcard.matches(k, v) || Wildcard.matches(v, k))) {
                found++;
            }
        }
        return switch (op) {
            case ANY_IN -> found > 0;
            case ANY_NOT_IN -> found < keys.size();
            case ALL_IN -> found == keys.size();
            case ALL_NOT_IN -> found == 0;
        };
    }

    private static boolean rangeSet(List<String> keys, String range, SetOp op) {
        return switch (op) {
            case ANY_IN -> keys.stream().anyMatch(k -> inRange(k, range));
            // anyin.go turns the first "-" into "!-" and asks whether any key is outside
            case ANY_NOT_IN -> keys.stream().anyMatch(k -> inRange(k, range.replaceFirst("-", "!-")));
            case ALL_IN -> keys.stream().allMatch(k -> inRange(k, range));
            case ALL_NOT_IN -> keys.stream().noneMatch(k -> inRange(k, range));
        };
    }

    /** GetOperatorFromStringPattern(value) == InRange: at least two characters, no leading operator, a-b. */
    private static boolean isInRange(String s) {
        if (s.length() < 2 || s.startsWith(">") || s.startsWith("<") || s.startsWith("!")) {
            return false;
        }
        return !NOT_IN_RANGE.matcher(s).matches() && IN_RANGE.matcher(s).matches();
    }

    /** handleRange: pattern.Validate of the key (as a string) against the range pattern. */
    private static boolean inRange(String key, String range) {
        return PATTERNS.matchesValue(key, range);
    }

    /**
     * A string value as a list: a JSON array of strings when the text is valid JSON (null when that JSON is not
     * an array of strings), else the string itself.
     */
    private static List<String> stringArray(String s) {
        Object parsed;
        try {
            parsed = JsonCodec.parse(s);
        } catch (RuntimeException e) {
            return List.of(s);
        }
        if (parsed == null || parsed instanceof dev.cel.common.values.NullValue) {
            return new ArrayList<>(); // JSON null unmarshals to an empty slice
        }
        if (!(parsed instanceof List<?> list)) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (Object o : list) {
            if (o == null || o instanceof dev.cel.common.values.NullValue) {
                out.add(""); // a JSON null element leaves Go's string zero value
            } else if (o instanceof String str) {
                out.add(str);
            } else {
                return null;
            }
        }
        return out;
    }

    // ---- in.go, notin.go (deprecated In and NotIn) ----

    static boolean in(Object key, Object value, boolean notIn) {
        if (key instanceof String || key instanceof Double) {
            Boolean exists = legacyKeyExists(GoValues.sprint(key), value);
            return exists != null && notIn != exists;
        }
        if (key instanceof List<?> list) {
            List<String> keys = new ArrayList<>();
            for (Object o : list) {
                if (!(o instanceof String s)) {
                    // in.go asserts v.(string): Kyverno panics on such a key
                    throw new ConditionException("In/NotIn key list holds a non-string element: " + GoValues.sprint(o));
                }
                keys.add(s);
            }
            return legacySetExists(keys, value, notIn);
        }
        return false;
    }

    /** in.go keyExistsInArray: the key is the wildcard against list elements, the string value against the key. */
    private static Boolean legacyKeyExists(String key, Object value) {
        if (value instanceof List<?> list) {
            return list.stream().anyMatch(v -> Wildcard.matches(key, GoValues.sprint(v)));
        }
        if (value instanceof String s) {
            if (Wildcard.matches(s, key)) {
                return true;
            }
            List<String> array = strictStringArray(s);
            return array == null ? null : array.contains(key);
        }
        return null;
    }

    /** in.go setExistsInArray: exact membership, string elements only. */
    private static boolean legacySetExists(List<String> keys, Object value, boolean notIn) {
        List<String> values = new ArrayList<>();
        if (value instanceof List<?> list) {
            for (Object o : list) {
                if (!(o instanceof String s)) {
                    return false;
                }
                values.add(s);
            }
        } else if (value instanceof String s) {
            if (keys.size() == 1 && keys.get(0).equals(s)) {
                return true; // in.go answers true here for NotIn as well
            }
            values = strictStringArray(s);
            if (values == null) {
                return false;
            }
        } else {
            return false;
        }
        boolean all = values.containsAll(keys);
        return notIn ? !all : all;
    }

    /** json.Unmarshal into []string without a fallback: null when the text is not a JSON array of strings. */
    private static List<String> strictStringArray(String s) {
        try {
            JsonCodec.parse(s);
        } catch (RuntimeException e) {
            return null;
        }
        return stringArray(s);
    }
}
