package dev.guidepost.core.internal.conditions;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

import dev.guidepost.core.internal.conditions.Operators.Comparison;
import dev.guidepost.core.internal.conditions.Operators.SetOp;
import dev.guidepost.core.internal.golang.GoValues;

/**
 * Kyverno's conditions over values whose {@code {{ }}} variables are already substituted. Stateless, thread-safe.
 *
 * <p>Numbers are compared as Kyverno sees them, as JSON float64s: integers of any Java type are read as doubles.
 * Operator names are matched case-insensitively (operator.go lowercases them), but the numeric and Duration*
 * comparisons switch on the exact spelling (numeric.go, duration.go), so {@code greaterthan} always yields false.
 */
public final class Conditions {

    private Conditions() {
    }

    /**
     * One condition {key, operator, value} (plus optional message), as Kyverno's operator handlers decide it.
     * Throws ConditionException for an unknown operator or a malformed condition.
     */
    public static boolean evaluate(Object key, String operator, Object value) {
        if (operator == null) {
            throw new ConditionException("condition has no operator");
        }
        Object k = GoValues.toFloat64s(key);
        Object v = GoValues.toFloat64s(value);
        return switch (operator.toLowerCase(Locale.ROOT)) {
            case "equal", "equals" -> Operators.equal(k, v);
            case "notequal", "notequals" -> !Operators.equal(k, v);
            case "in" -> Operators.in(k, v, false);
            case "notin" -> Operators.in(k, v, true);
            case "anyin" -> Operators.setOperator(k, v, SetOp.ANY_IN);
            case "allin" -> Operators.setOperator(k, v, SetOp.ALL_IN);
            case "anynotin" -> Operators.setOperator(k, v, SetOp.ANY_NOT_IN);
            case "allnotin" -> Operators.setOperator(k, v, SetOp.ALL_NOT_IN);
            case "greaterthan", "greaterthanorequals", "lessthan", "lessthanorequals" ->
                    Operators.numeric(k, v, exact(operator, ""));
            case "durationgreaterthan", "durationgreaterthanorequals", "durationlessthan",
                    "durationlessthanorequals" -> Operators.duration(k, v, exact(operator, "Duration"));
            default -> throw new ConditionException("unknown condition operator: " + operator);
        };
    }

    /** The comparison when the operator is spelled exactly as Kyverno's constant, else null. */
    private static Comparison exact(String operator, String prefix) {
        return switch (operator.startsWith(prefix) ? operator.substring(prefix.length()) : "") {
            case "GreaterThan" -> Comparison.GT;
            case "GreaterThanOrEquals" -> Comparison.GTE;
            case "LessThan" -> Comparison.LT;
            case "LessThanOrEquals" -> Comparison.LTE;
            default -> null;
        };
    }

    /**
     * A whole block as Kyverno's EvaluateConditions / EvaluateAnyAllConditions: a list (legacy form: all must hold)
     * or a map with {@code any} and/or {@code all} lists. Returns whether it holds and, when it does not, the
     * message(s) of the failing conditions joined as Kyverno joins them (conditions carry an optional
     * {@code message}). When it holds, the message joins those of the conditions that held.
     */
    public static Result evaluateBlock(Object conditions) {
        return evaluateBlock(conditions, UnaryOperator.identity());
    }

    /**
     * A block whose conditions are resolved one by one as they are evaluated, as Kyverno substitutes each
     * condition's key and then its value just before deciding it: a condition the block never reaches (after the
     * first that holds in {@code any}, after the first that fails in {@code all}) is never resolved, so its errors
     * do not count. {@code resolve} throws for a variable it cannot resolve; a message that cannot be resolved is
     * kept as written.
     */
    public static Result evaluateBlock(Object conditions, UnaryOperator<Object> resolve) {
        if (conditions == null) {
            return new Result(true, "");
        }
        if (conditions instanceof List<?> list) {
            return legacy(list, resolve);
        }
        if (conditions instanceof Map<?, ?> map) {
            return anyAll(map, resolve);
        }
        throw new ConditionException("conditions must be a list or a map with any/all, not " + typeOf(conditions));
    }

    /** evaluate.go evaluateOldConditions: the first failing condition decides; messages join with ";". */
    private static Result legacy(List<?> conditions, UnaryOperator<Object> resolve) {
        List<String> held = new ArrayList<>();
        for (Object c : conditions) {
            Condition condition = Condition.of(c, resolve);
            if (!condition.evaluate()) {
                return new Result(false, condition.message());
            }
            held.add(condition.message());
        }
        return new Result(true, joinNonEmpty(held, ";"));
    }

    /**
     * evaluate.go evaluateAnyAllConditions: {@code any} (when present, even empty) needs one condition to hold and
     * stops at it; {@code all} stops at its first failure; both must hold. Messages join with "; ": those that held
     * when the block holds, else those that failed ({@code any}'s failures, then {@code all}'s).
     */
    private static Result anyAll(Map<?, ?> block, UnaryOperator<Object> resolve) {
        List<?> any = conditionList(block, "any");
        List<?> all = conditionList(block, "all");
        List<String> held = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        boolean anyHolds = true;
        if (any != null) {
            anyHolds = false;
            for (Object c : any) {
                Condition condition = Condition.of(c, resolve);
                if (condition.evaluate()) {
                    anyHolds = true;
                    held.add(condition.message());
                    break;
                }
                failed.add(condition.message());
            }
        }
        boolean allHolds = true;
        if (all != null) {
            for (Object c : all) {
                Condition condition = Condition.of(c, resolve);
                if (!condition.evaluate()) {
                    allHolds = false;
                    failed.add(condition.message());
                    break;
                }
                held.add(condition.message());
            }
        }
        boolean holds = anyHolds && allHolds;
        return new Result(holds, joinNonEmpty(holds ? held : failed, "; "));
    }

    private static List<?> conditionList(Map<?, ?> block, String name) {
        Object value = block.get(name);
        if (value == null) {
            return null;
        }
        if (value instanceof List<?> list) {
            return list;
        }
        throw new ConditionException("'" + name + "' must be a list of conditions, not " + typeOf(value));
    }

    /** Kyverno's stringutils.JoinNonEmpty. */
    private static String joinNonEmpty(List<String> messages, String separator) {
        return String.join(separator, messages.stream().filter(m -> !m.isEmpty()).toList());
    }

    private static String typeOf(Object value) {
        return value instanceof String ? "a string" : value instanceof Boolean ? "a boolean"
                : value instanceof Number ? "a number" : value.getClass().getSimpleName();
    }

    /** One condition of a block. */
    private record Condition(Object key, String operator, Object value, String message) {

        static Condition of(Object c, UnaryOperator<Object> resolve) {
            if (!(c instanceof Map<?, ?> m)) {
                throw new ConditionException("a condition must be a map with key, operator and value, not "
                        + (c == null ? "null" : typeOf(c)));
            }
            Object operator = m.get("operator");
            if (operator != null && !(operator instanceof String)) {
                throw new ConditionException("condition operator must be a string, not " + typeOf(operator));
            }
            Object message = m.get("message");
            if (message != null && !(message instanceof String)) {
                throw new ConditionException("condition message must be a string, not " + typeOf(message));
            }
            Object key = resolve.apply(m.get("key"));
            Object value = resolve.apply(m.get("value"));
            String text = message == null ? "" : (String) message;
            try {
                text = String.valueOf(resolve.apply(text));
            } catch (RuntimeException unresolved) {
                // a message is shown as written when its variables cannot be resolved
            }
            return new Condition(key, operator == null ? "" : (String) operator, value, text);
        }

        boolean evaluate() {
            return Conditions.evaluate(key, operator, value);
        }
    }

    /** Whether a block holds, and the joined messages (empty when none). */
    public record Result(boolean holds, String message) {
    }
}
