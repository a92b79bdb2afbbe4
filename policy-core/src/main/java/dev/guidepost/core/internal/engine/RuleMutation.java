package dev.guidepost.core.internal.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.guidepost.core.Action;
import dev.guidepost.core.Outcome;
import dev.guidepost.core.internal.cel.CelValues;
import dev.guidepost.core.internal.conditions.ConditionException;
import dev.guidepost.core.internal.conditions.Conditions;
import dev.guidepost.core.internal.golang.GoValues;
import dev.guidepost.core.internal.jmespath.JmesPath;
import dev.guidepost.core.internal.jmespath.JmesPathException;
import dev.guidepost.core.internal.jmespath.Variables;
import dev.guidepost.core.internal.mutate.JsonPatch;
import dev.guidepost.core.internal.mutate.PatchException;
import dev.guidepost.core.internal.mutate.StrategicMergePatch;
import dev.guidepost.core.internal.pattern.PatternMatcher;
import dev.guidepost.core.internal.yaml.PlainValues;

/**
 * A ClusterPolicy {@code mutate} rule applied to a request's object as Kyverno's mutate-resource handler does: the
 * rule's context entries and preconditions (not met: skip), then {@code patchStrategicMerge} (with its anchors) or
 * {@code patchesJson6902} with {@code {{ }}} variables substituted, or {@code foreach} over JMESPath lists (elements
 * in reverse for strategic merge patches unless {@code order} says otherwise, per-element context and
 * preconditions, nesting). A rule that changes nothing is skipped ("no patches applied"); a failing patch is an
 * error. Mutating existing resources ({@code targets}) is not evaluated.
 */
final class RuleMutation {

    /** A rule's response and the object after it. */
    record Result(RuleResponse response, Map<String, Object> patched) {
    }

    private final String policy;
    private final String rule;
    private final Map<String, Object> definition;

    RuleMutation(String policy, String rule, Map<String, Object> definition) {
        this.policy = policy;
        this.rule = rule;
        this.definition = definition;
    }

    /** The rule applied to the prepared request's object. */
    Result apply(PreparedRequest prepared, EvaluationContext evaluation, Action action) {
        Map<String, Object> object = prepared.request().object();
        Map<String, Object> mutate = PlainValues.map(definition, "mutate");
        if (!PlainValues.list(mutate, "targets").isEmpty()
                || Boolean.TRUE.equals(mutate.get("mutateExistingOnPolicyUpdate"))) {
            return new Result(RuleResponse.unsupported(rule, RuleResponse.MUTATE_EXISTING, action),
                    object);
        }
        if (!PlainValues.list(definition, "celPreconditions").isEmpty()) {
            return new Result(RuleResponse.unsupported(rule, "CEL preconditions on mutate rules", action), object);
        }
        Map<String, Object> ruleValues = evaluation.variables().forRule(policy, rule);
        ForeachValues foreachValues = evaluation.variables().forEachValues(policy, rule);
        Map<String, Object> context = ContextEntries.start(prepared, evaluation, policy, ruleValues);
        java.util.Set<String> given = foreachValues.givenWith(ruleValues.keySet());
        Step step = new Step(context, new PatternMatcher(prepared.numbers() == CelValues.Numbers.ALL_DOUBLE),
                given, foreachValues);
        try {
            return outcome(step, object, mutate, action);
        } catch (ContextEntries.Unsupported e) {
            return new Result(RuleResponse.unsupported(rule, e.getMessage(), action), object);
        } catch (JmesPathException e) {
            if (e.isUnsupported()) {
                return new Result(RuleResponse.unsupported(rule, "JMESPath: " + e.getMessage(), action), object);
            }
            throw e;
        }
    }

    /**
     * The JMESPath data, the matcher for condition anchors, which context entries the test's values give, and the
     * values it gives per foreach element.
     */
    private record Step(Map<String, Object> context, PatternMatcher matcher, java.util.Set<String> ruleValueNames,
            ForeachValues foreachValues) {
        Step with(Map<String, Object> newContext) {
            return new Step(newContext, matcher, ruleValueNames, foreachValues);
        }
    }

    /** A patch outcome: status, message, the patched object. */
    private record Patched(Outcome status, String message, Map<String, Object> object) {
    }

    private Result outcome(Step step, Map<String, Object> object, Map<String, Object> mutate, Action action) {
        ContextEntries.Unloaded unloaded;
        try {
            unloaded = ContextEntries.load(step.context(), PlainValues.list(definition, "context"),
                    step.ruleValueNames());
        } catch (JmesPathException e) {
            rethrowUnsupported(e);
            return result(Outcome.ERROR, "failed to load context: " + e.getMessage(), object, action);
        }
        Object preconditions = definition.get("preconditions");
        unloaded.requireUnusedBy(preconditions);
        if (preconditions != null) {
            Conditions.Result holds;
            try {
                holds = Conditions.evaluateBlock(preconditions,
                        value -> Variables.substitute(value, step.context()));
            } catch (JmesPathException | ConditionException e) {
                rethrowUnsupported(e);
                return result(Outcome.ERROR, "failed to evaluate preconditions: " + e.getMessage(), object, action);
            }
            if (!holds.holds()) {
                return result(Outcome.SKIP, "preconditions not met", object, action);
            }
        }
        unloaded.requireUnusedByBody(mutate);
        Patched patched = mutate.get("foreach") != null
                ? forEach(step, PlainValues.list(mutate, "foreach"), object, 0)
                : patch(step, mutate, object);
        if (patched.status() == Outcome.PASS) {
            return result(Outcome.PASS, successMessage(patched.object()), patched.object(), action);
        }
        // a patch that errs leaves Kyverno with an empty object, which the policy's later rules and the later
        // policies of a test then see (and match nothing in)
        return result(patched.status(), patched.message(), patched.status() == Outcome.SKIP ? patched.object()
                : patched.status() == Outcome.ERROR ? Map.of() : object, action);
    }

    private Result result(Outcome outcome, String message, Map<String, Object> object, Action action) {
        return new Result(RuleResponse.of(rule, outcome, message, action), object);
    }

    /** One {@code patchStrategicMerge} or {@code patchesJson6902}, its variables substituted first. */
    @SuppressWarnings("unchecked")
    private static Patched patch(Step step, Map<String, Object> holder, Map<String, Object> object) {
        Map<String, Object> patches = new LinkedHashMap<>();
        patches.put("patchStrategicMerge", holder.get("patchStrategicMerge"));
        patches.put("patchesJson6902", holder.get("patchesJson6902"));
        Object substituted;
        try {
            substituted = Variables.needsSubstitution(patches) ? Variables.substitute(patches, step.context())
                    : patches;
        } catch (JmesPathException e) {
            rethrowUnsupported(e);
            return new Patched(Outcome.ERROR, "variable substitution failed: " + e.getMessage(), object);
        }
        Object overlay = PlainValues.at(substituted, "patchStrategicMerge");
        Object jsonPatch = PlainValues.at(substituted, "patchesJson6902");
        Object out;
        try {
            if (overlay != null) {
                out = new StrategicMergePatch(step.matcher()).apply(object, overlay);
            } else if (jsonPatch instanceof String text && !text.isEmpty()) {
                out = JsonPatch.apply(object, text);
            } else {
                return new Patched(Outcome.ERROR, "empty mutate rule", object);
            }
        } catch (PatchException e) {
            return new Patched(Outcome.ERROR, "failed to patch resource: " + e.getMessage(), object);
        }
        if (!(out instanceof Map<?, ?> map)) {
            return new Patched(Outcome.ERROR, "failed to unmarshal patched resource: not an object", object);
        }
        if (GoValues.deepEqual(object, map)) {
            return new Patched(Outcome.SKIP, "no patches applied", object);
        }
        return new Patched(Outcome.PASS, "resource patched", (Map<String, Object>) frozen(map));
    }

    /** Kyverno's mutateForEach: each foreach entry in turn; skip when none applied. */
    private Patched forEach(Step step, List<Object> entries, Map<String, Object> object, int nesting) {
        int applied = 0;
        Map<String, Object> current = object;
        for (int block = 0; block < entries.size(); block++) {
            Map<String, Object> foreach = PlainValues.map(entries.get(block));
            List<Object> elements;
            try {
                elements = list(PlainValues.string(foreach, "list"), step.context());
            } catch (JmesPathException e) {
                rethrowUnsupported(e);
                return new Patched(Outcome.ERROR, "failed to evaluate list " + PlainValues.string(foreach, "list")
                        + ": " + e.getMessage(), object);
            }
            Patched elementsPatched = elements(step, foreach, block, elements, current, nesting);
            if (elementsPatched.status() == Outcome.ERROR || elementsPatched.status() == Outcome.FAIL) {
                return new Patched(Outcome.ERROR, "failed to mutate elements: " + elementsPatched.message(), object);
            }
            if (elementsPatched.status() != Outcome.SKIP) {
                applied++;
                current = elementsPatched.object();
                JsonContext.put(step.context(), "request.object", current);
            }
        }
        if (applied == 0) {
            return new Patched(Outcome.SKIP, "0 elements processed", current);
        }
        return new Patched(Outcome.PASS, applied + " elements processed", current);
    }

    /** Kyverno's mutateElements: one foreach entry over its elements. */
    private Patched elements(Step step, Map<String, Object> foreach, int block, List<Object> elements,
            Map<String, Object> object, int nesting) {
        boolean reverse = foreach.get("patchStrategicMerge") != null;
        if (foreach.get("order") != null) {
            reverse = "Descending".equals(foreach.get("order"));
        }
        List<Object> ordered = new ArrayList<>(elements);
        if (reverse) {
            Collections.reverse(ordered);
        }
        Map<String, Object> patched = object;
        for (int i = 0; i < ordered.size(); i++) {
            Object element = ordered.get(i);
            if (element == null) {
                continue;
            }
            int index = reverse ? ordered.size() - 1 - i : i;
            Map<String, Object> context = JsonContext.copy(step.context());
            context.put("element", element);
            context.put("element" + nesting, element);
            context.put("elementIndex", (long) index);
            context.put("elementIndex" + nesting, (long) index);
            step.foreachValues().put(context, block, index);
            Step inner = step.with(context);
            ContextEntries.Unloaded unloaded;
            try {
                unloaded = ContextEntries.load(context, PlainValues.list(foreach, "context"), step.ruleValueNames());
            } catch (JmesPathException e) {
                rethrowUnsupported(e);
                return new Patched(Outcome.ERROR, "failed to load to mutate.foreach[" + index + "].context: "
                        + e.getMessage(), object);
            }
            Object preconditions = foreach.get("preconditions");
            unloaded.requireUnusedBy(preconditions);
            if (preconditions != null) {
                try {
                    if (!Conditions.evaluateBlock(preconditions,
                            value -> Variables.substitute(value, context)).holds()) {
                        continue;
                    }
                } catch (JmesPathException | ConditionException e) {
                    rethrowUnsupported(e);
                    return new Patched(Outcome.ERROR, "failed to evaluate mutate.foreach[" + index
                            + "].preconditions: " + e.getMessage(), object);
                }
            }
            unloaded.requireUnusedByBody(foreach);
            Patched result = foreach.get("foreach") != null
                    ? forEach(inner, PlainValues.list(foreach, "foreach"), patched, nesting + 1)
                    : patch(inner, foreach, patched);
            if (result.status() == Outcome.FAIL || result.status() == Outcome.ERROR) {
                return result;
            }
            if (result.status() == Outcome.PASS) {
                patched = result.object();
            }
        }
        if (!GoValues.deepEqual(object, patched)) {
            return new Patched(Outcome.PASS, "", patched);
        }
        return new Patched(Outcome.SKIP, "no patches applied", patched);
    }

    /** Kyverno's EvaluateList: the JMESPath result, a single value made a one-element list. */
    private static List<Object> list(String expression, Map<String, Object> context) {
        Object value = JmesPath.kyverno().search(expression, context);
        if (value instanceof List<?> l) {
            return new ArrayList<>(l);
        }
        List<Object> one = new ArrayList<>();
        one.add(value);
        return one;
    }

    private static String successMessage(Map<String, Object> object) {
        String kind = PlainValues.string(object, "kind");
        String name = PlainValues.string(object, "metadata", "name");
        String namespace = PlainValues.string(object, "metadata", "namespace");
        return namespace.isEmpty() ? "mutated " + kind + "/" + name
                : "mutated " + kind + "/" + name + " in namespace " + namespace;
    }

    private static Object frozen(Object value) {
        return PlainValues.immutableCopy(value);
    }

    private static void rethrowUnsupported(RuntimeException e) {
        if (e instanceof JmesPathException j && j.isUnsupported()) {
            throw j;
        }
    }
}
