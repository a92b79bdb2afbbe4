package dev.guidepost.core.internal.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.guidepost.core.Action;
import dev.guidepost.core.Outcome;
import dev.guidepost.core.internal.cel.CelValues;
import dev.guidepost.core.internal.conditions.ConditionException;
import dev.guidepost.core.internal.conditions.Conditions;
import dev.guidepost.core.internal.jmespath.JmesPath;
import dev.guidepost.core.internal.jmespath.JmesPathException;
import dev.guidepost.core.internal.jmespath.Variables;
import dev.guidepost.core.internal.pattern.PatternMatcher;
import dev.guidepost.core.internal.yaml.PlainValues;

/**
 * A ClusterPolicy {@code validate} rule in Kyverno's JMESPath language, evaluated as Kyverno's validation handler
 * does: the rule's context entries ({@code variable} ones; others come from the test's rule values, as the Kyverno
 * CLI has no cluster), its {@code preconditions}, then {@code deny} conditions, a {@code pattern}/{@code anyPattern}
 * with its {@code {{ }}} variables substituted, or {@code foreach} over a JMESPath list (element scope, nesting,
 * per-element preconditions). Variables that cannot be resolved make the rule an error, as in Kyverno.
 */
final class LegacyValidation {

    private final String policy;
    private final String rule;
    private final Map<String, Object> definition;

    LegacyValidation(String policy, String rule, Map<String, Object> definition) {
        this.policy = policy;
        this.rule = rule;
        this.definition = definition;
    }

    /** The rule's response, or null when Kyverno gives none (DELETE with a pattern). */
    RuleResponse evaluate(PreparedRequest prepared, EvaluationContext evaluation, Action action) {
        Map<String, Object> ruleValues = evaluation.variables().forRule(policy, rule);
        ForeachValues foreachValues = evaluation.variables().forEachValues(policy, rule);
        Map<String, Object> context = ContextEntries.start(prepared, evaluation, policy, ruleValues);
        java.util.Set<String> given = foreachValues.givenWith(ruleValues.keySet());
        Scope scope = new Scope(context, null, new PatternMatcher(prepared.numbers() == CelValues.Numbers.ALL_DOUBLE),
                action, given, foreachValues);
        try {
            return validate(scope, definition, PlainValues.map(definition, "validate"), 0, prepared);
        } catch (ContextEntries.Unsupported e) {
            return RuleResponse.unsupported(rule, e.getMessage(), action);
        } catch (JmesPathException e) {
            if (e.isUnsupported()) {
                return RuleResponse.unsupported(rule, "JMESPath: " + e.getMessage(), action);
            }
            throw e;
        }
    }

    /**
     * What a validator sees: its JMESPath data, the foreach element under validation, the names of the context
     * entries the test's values give, and the values it gives per foreach element.
     */
    private record Scope(Map<String, Object> context, Object element, PatternMatcher matcher, Action action,
            java.util.Set<String> ruleValueNames, ForeachValues foreachValues) {
    }

    /**
     * One validator: the rule itself (nesting 0, entries from the rule) or one foreach entry for one element.
     * {@code holder} holds {@code context} and {@code preconditions}; {@code validate} holds the checks.
     */
    private RuleResponse validate(Scope scope, Map<String, Object> holder, Map<String, Object> validate, int nesting,
            PreparedRequest prepared) {
        ContextEntries.Unloaded unloaded;
        try {
            unloaded = ContextEntries.load(scope.context(), PlainValues.list(holder, "context"),
                    scope.ruleValueNames());
        } catch (JmesPathException e) {
            rethrowUnsupported(e);
            return RuleResponse.of(rule, Outcome.ERROR, "failed to load context: " + e.getMessage(), scope.action());
        }
        Object preconditions = holder.get("preconditions");
        unloaded.requireUnusedBy(preconditions);
        if (preconditions != null) {
            Conditions.Result result;
            try {
                result = Conditions.evaluateBlock(preconditions,
                        value -> Variables.substitute(value, scope.context()));
            } catch (JmesPathException | ConditionException e) {
                rethrowUnsupported(e);
                return RuleResponse.of(rule, Outcome.ERROR, "failed to evaluate preconditions: " + e.getMessage()
                        + conditionHint(e.getMessage(), unloaded.leftOut()), scope.action());
            }
            if (!result.holds()) {
                return RuleResponse.of(rule, Outcome.SKIP, join("preconditions not met", result.message()),
                        scope.action());
            }
        }
        unloaded.requireUnusedByBody(validate);
        if (validate.get("deny") != null) {
            return deny(scope, PlainValues.map(validate, "deny"), unloaded.leftOut());
        }
        if (validate.get("pattern") != null || validate.get("anyPattern") != null) {
            return pattern(scope, validate, prepared);
        }
        if (validate.get("foreach") != null) {
            return foreach(scope, PlainValues.list(validate, "foreach"), nesting, prepared);
        }
        return null;
    }


    private RuleResponse deny(Scope scope, Map<String, Object> deny, java.util.Collection<String> variables) {
        Conditions.Result result;
        try {
            result = Conditions.evaluateBlock(deny.get("conditions"),
                    value -> Variables.substitute(value, scope.context()));
        } catch (JmesPathException | ConditionException e) {
            rethrowUnsupported(e);
            return RuleResponse.of(rule, Outcome.ERROR, "failed to check deny conditions: " + e.getMessage()
                    + conditionHint(e.getMessage(), variables), scope.action());
        }
        // the deny conditions holding means the request is denied
        if (result.holds()) {
            return RuleResponse.of(rule, Outcome.FAIL, denyMessage(scope, result.message()), scope.action());
        }
        return RuleResponse.of(rule, Outcome.PASS, "validation rule '" + rule + "' passed.", scope.action());
    }

    /**
     * Why a condition errs when the object lacks a field it reads, or a context variable of the rule
     * ({@code variables}) could not be computed, which the cluster's Kyverno reports the same way: what the policy
     * should write instead; empty for other errors.
     */
    static String conditionHint(String message, java.util.Collection<String> variables) {
        if (message == null) {
            return "";
        }
        java.util.regex.Matcher unknown = UNKNOWN_KEY.matcher(message);
        if (unknown.find() && variables.contains(unknown.group(1))) {
            return " (the context variable '" + unknown.group(1) + "' could not be computed, so it is left out, as the "
                    + "cluster's Kyverno leaves it: what it reads is missing from the object; give the variable a "
                    + "default, or read it as {{ " + unknown.group(1) + " || '' }})";
        }
        if (unknown.find(0) && !REQUEST_USER_KEYS.contains(unknown.group(1))) {
            return " (the object has no '" + unknown.group(1) + "', which the condition reads; the cluster's Kyverno "
                    + "gives this error too: if the field is optional, the policy should give a default, such as "
                    + "{{ ... || '' }})";
        }
        if (message.contains("but was null")) {
            return " (a field the condition reads is missing from the object, so a function got null; the cluster's "
                    + "Kyverno gives this error too: the policy should give a default, such as `[]` with ||)";
        }
        return "";
    }

    /** What a request without a user lacks: no mistake of the policy, which the cluster always has. */
    private static final java.util.Set<String> REQUEST_USER_KEYS = java.util.Set.of("userInfo", "roles",
            "clusterRoles");

    private static final java.util.regex.Pattern UNKNOWN_KEY = java.util.regex.Pattern.compile(
            "Unknown key \"([^\"]+)\" in path");

    private String denyMessage(Scope scope, String conditionMessage) {
        String ruleMessage = PlainValues.string(definition, "validate", "message");
        if (ruleMessage.isEmpty() && conditionMessage.isEmpty()) {
            return "validation error: rule " + rule + " failed";
        }
        String text = join(ruleMessage, conditionMessage);
        try {
            Object value = substitute(text, scope);
            return value instanceof String s ? s
                    : "the produced message didn't resolve to a string, check your policy definition.";
        } catch (JmesPathException e) {
            rethrowUnsupported(e);
            // as Kyverno's deny message: the message as written when its variables cannot be substituted
            return text;
        }
    }

    private RuleResponse pattern(Scope scope, Map<String, Object> validate, PreparedRequest prepared) {
        Object pattern;
        Object anyPattern;
        try {
            pattern = validate.get("pattern") == null ? null : substitute(validate.get("pattern"), scope);
            anyPattern = validate.get("anyPattern") == null ? null : substitute(validate.get("anyPattern"), scope);
        } catch (JmesPathException e) {
            rethrowUnsupported(e);
            return RuleResponse.of(rule, Outcome.ERROR, "variable substitution failed: " + e.getMessage(),
                    scope.action());
        }
        String message = ruleMessage(scope);
        PatternValidation patterns = PatternValidation.of(rule, message, pattern, anyPattern);
        if (scope.element() != null) {
            return patterns.validate(scope.matcher(), scope.element(), scope.action());
        }
        return patterns.evaluate(prepared, scope.action());
    }

    /** The rule's message with its variables substituted (unchanged when they cannot be). */
    private String ruleMessage(Scope scope) {
        String message = PlainValues.string(definition, "validate", "message");
        if (!Variables.needsSubstitution(message)) {
            return message;
        }
        try {
            Object value = substitute(message, scope);
            return value instanceof String s ? s : message;
        } catch (JmesPathException e) {
            rethrowUnsupported(e);
            return message;
        }
    }

    private RuleResponse foreach(Scope scope, List<Object> entries, int nesting, PreparedRequest prepared) {
        int applied = 0;
        for (int block = 0; block < entries.size(); block++) {
            Map<String, Object> foreach = PlainValues.map(entries.get(block));
            List<Object> elements;
            try {
                elements = list(PlainValues.string(foreach, "list"), scope);
            } catch (JmesPathException e) {
                rethrowUnsupported(e);
                continue; // Kyverno logs the failed list and goes on with the next foreach
            }
            Object elementScope = foreach.get("elementScope");
            int count = 0;
            for (int index = 0; index < elements.size(); index++) {
                Object element = elements.get(index);
                if (element == null) {
                    continue;
                }
                Map<String, Object> context = JsonContext.copy(scope.context());
                context.put("element", element);
                context.put("element" + nesting, element);
                context.put("elementIndex", (long) index);
                context.put("elementIndex" + nesting, (long) index);
                scope.foreachValues().put(context, block, index);
                boolean isMap = element instanceof Map<?, ?>;
                if (Boolean.TRUE.equals(elementScope) && !isMap) {
                    return RuleResponse.of(rule, Outcome.ERROR, "failed to process foreach: cannot use "
                            + "elementScope=true foreach rules for elements that are not maps", scope.action());
                }
                boolean scoped = elementScope instanceof Boolean b ? b : isMap;
                Scope inner = new Scope(context, scoped ? element : null, scope.matcher(), scope.action(),
                        scope.ruleValueNames(), scope.foreachValues());
                RuleResponse response = validate(inner, foreach, foreach, nesting + 1, prepared);
                if (response == null || response.outcome() == Outcome.SKIP && response.evaluated()) {
                    continue;
                }
                if (!response.evaluated()) {
                    return response;
                }
                if (response.outcome() == Outcome.ERROR && index < elements.size() - 1) {
                    continue;
                }
                if (response.outcome() != Outcome.PASS) {
                    // the innermost element that failed, where the message's path starts
                    List<Object> at = !response.element().isEmpty() ? response.element()
                            : ElementPaths.locate(PlainValues.at(scope.context(), "request", "object"), element);
                    return RuleResponse.of(rule, response.outcome(), "validation failure: " + response.message(),
                            scope.action()).withElement(at);
                }
                count++;
            }
            applied += count;
        }
        if (applied == 0) {
            return RuleResponse.of(rule, Outcome.SKIP, "rule skipped", scope.action());
        }
        return RuleResponse.of(rule, Outcome.PASS, "rule passed", scope.action());
    }

    /** Kyverno's EvaluateList: the JMESPath result, a single value made a one-element list. */
    private static List<Object> list(String expression, Scope scope) {
        Object value = JmesPath.kyverno().search(expression, scope.context());
        if (value instanceof List<?> l) {
            return new ArrayList<>(l);
        }
        List<Object> one = new ArrayList<>();
        one.add(value);
        return one;
    }

    private static void rethrowUnsupported(RuntimeException e) {
        if (e instanceof JmesPathException j && j.isUnsupported()) {
            throw j;
        }
    }

    private static Object substitute(Object value, Scope scope) {
        return Variables.needsSubstitution(value) ? Variables.substitute(value, scope.context()) : value;
    }

    private static String join(String a, String b) {
        if (a.isEmpty()) {
            return b;
        }
        return b.isEmpty() ? a : a + "; " + b;
    }
}
