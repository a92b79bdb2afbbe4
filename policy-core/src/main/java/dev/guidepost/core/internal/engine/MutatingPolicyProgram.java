package dev.guidepost.core.internal.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.cel.runtime.CelEvaluationException;
import dev.guidepost.core.Action;
import dev.guidepost.core.Outcome;
import dev.guidepost.core.internal.cel.CelExpression;
import dev.guidepost.core.internal.cel.CelValues;
import dev.guidepost.core.internal.cel.ConstructedObject;
import dev.guidepost.core.internal.match.MatchConstraints;
import dev.guidepost.core.internal.mutate.ApplyConfiguration;
import dev.guidepost.core.internal.mutate.JsonPatch;
import dev.guidepost.core.internal.mutate.PatchException;
import dev.guidepost.core.internal.yaml.PlainValues;

/**
 * One compiled MutatingPolicy, evaluated as Kyverno's MutatingPolicy engine does (kyverno
 * pkg/cel/policies/mpol/engine and compiler/policy.go): match constraints (no match: no rule response), CEL
 * exceptions, match conditions (the first false skips, rule {@code ""}; an error is an error, rule
 * {@code evaluation}), lazy variables, then the mutations in order, each seeing the object the previous one
 * patched: a {@code JSONPatch} expression returns a list of {@code JSONPatch} values applied as RFC 6902 by the API
 * server (a failed {@code test} leaves the object as it was), an {@code ApplyConfiguration} expression returns an
 * {@code Object} merged as server-side apply merges it. Success is rule {@code ""}, pass. One variant of a
 * {@link MutatingPolicyPrograms}.
 */
final class MutatingPolicyProgram implements PolicyVariant.Selecting {

    /** A compiled mutation: an ApplyConfiguration or a JSONPatch expression. */
    record Mutation(boolean applyConfiguration, CelExpression expression) {
    }

    private final String name;
    private final String kind;
    private final MatchConstraints match;
    private final List<NamedExpression> matchConditions;
    private final Map<String, CelExpression> variables;
    private final List<Mutation> mutations;
    private final Action action;

    MutatingPolicyProgram(String name, String kind, MatchConstraints match, List<NamedExpression> matchConditions,
            Map<String, CelExpression> variables, List<Mutation> mutations, Action action) {
        this.name = name;
        this.kind = kind;
        this.match = match;
        this.matchConditions = List.copyOf(matchConditions);
        this.variables = variables;
        this.mutations = List.copyOf(mutations);
        this.action = action;
    }

    /** The policy's match constraints. */
    MatchConstraints match() {
        return match;
    }

    @Override
    public boolean selects(PreparedRequest prepared, EvaluationContext context) {
        return !prepared.isPayload() && PolicyVariant.matches(match, prepared.request(), context);
    }

    /**
     * The policy's mutation of a request: its rule response (none when its match constraints do not select the
     * request) and the object it patched. Empty when the Kyverno CLI reports nothing for the policy: it selects
     * nothing and its match constraints are complex.
     */
    Optional<PolicyMutation> mutate(PreparedRequest prepared, EvaluationContext context) {
        if (prepared.isPayload()) {
            return Optional.empty();
        }
        AdmissionRequest request = prepared.request();
        if (!PolicyVariant.matches(match, request, context)) {
            return match.isComplex() ? Optional.empty()
                    : Optional.of(new PolicyMutation(List.of(), request.object()));
        }
        Activation activation = new Activation()
                .putCel("object", prepared.object())
                .putCel("oldObject", prepared.oldObject())
                .putCel("request", prepared.requestValue())
                .put("namespaceObject", NamespaceValues.namespaceObject(request, context), prepared.numbers())
                .put("exceptions", Map.of("allowedImages", List.of(), "allowedValues", List.of()),
                        prepared.numbers())
                .variables(variables, context.cluster());
        Optional<RuleResponse> exempted = PolicyExceptionProgram.apply(name, kind, false, context, activation,
                action);
        if (exempted.isPresent()) {
            return Optional.of(new PolicyMutation(List.of(exempted.get()), request.object()));
        }
        MatchConditions conditions = MatchConditions.evaluate(matchConditions, activation, context.cluster());
        if (conditions.falseCondition() != null) {
            return Optional.of(new PolicyMutation(List.of(RuleResponse.of("", Outcome.SKIP, "match condition '"
                    + conditions.falseCondition() + "' is false", action)), request.object()));
        }
        String conditionError = conditions.error();
        if (conditionError != null) {
            return Optional.of(error(conditionError, request));
        }
        Map<String, Object> object = request.object();
        for (int i = 0; i < mutations.size(); i++) {
            Mutation mutation = mutations.get(i);
            try {
                Object result = mutation.expression().evaluate(activation, context.cluster());
                object = mutation.applyConfiguration() ? ApplyConfiguration.apply(object, configuration(result))
                        : patched(object, result);
            } catch (ApplyConfiguration.UnsupportedException e) {
                return Optional.of(new PolicyMutation(List.of(RuleResponse.unsupported("", e.getMessage(),
                        action)), request.object()));
            } catch (CelEvaluationException | RuntimeException e) {
                return Optional.of(error("mutation " + i + ": " + e.getMessage(), request));
            }
            object = jsonRoundTrip(object);
            activation.putCel("object", CelValues.toCel(object, CelValues.Numbers.AS_READ));
        }
        return Optional.of(new PolicyMutation(List.of(RuleResponse.of("", Outcome.PASS, "success", action)),
                object));
    }

    private PolicyMutation error(String message, AdmissionRequest request) {
        return new PolicyMutation(List.of(RuleResponse.of("evaluation", Outcome.ERROR,
                "failed to evaluate policy: " + message, action)), request.object());
    }

    /** The apply configuration an expression returned, checked as the API server checks it. */
    private static Map<String, Object> configuration(Object result) {
        if (!(result instanceof ConstructedObject object) || !object.typeName().equals("Object")) {
            throw new PatchException("unsupported return type from ApplyConfiguration expression: "
                    + describeType(result));
        }
        List<String> mismatches = new ArrayList<>();
        checkTypeNames(object, "Object", mismatches);
        if (!mismatches.isEmpty()) {
            throw new PatchException("type mismatch: " + String.join("\n", mismatches));
        }
        return PlainValues.map(CelValues.fromCel(object));
    }

    /** The object after the JSON patch operations an expression returned. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> patched(Map<String, Object> object, Object result) {
        if (!(result instanceof List<?> list)) {
            throw new PatchException("type mismatch: JSONPatchType.expression should evaluate to array");
        }
        List<Object> operations = new ArrayList<>();
        for (Object item : list) {
            if (!(item instanceof ConstructedObject patch) || !patch.typeName().equals("JSONPatch")) {
                throw new PatchException("type mismatch: JSONPatchType.expression should evaluate to array of "
                        + "JSONPatch, got element of " + describeType(item));
            }
            Map<String, Object> operation = new LinkedHashMap<>();
            operation.put("op", patch.getOrDefault("op", ""));
            operation.put("path", patch.getOrDefault("path", ""));
            if (patch.get("from") instanceof String from && !from.isEmpty()) {
                operation.put("from", from);
            }
            if (patch.containsKey("value")) {
                Object value = patch.get("value");
                if (value instanceof ConstructedObject typed) {
                    List<String> mismatches = new ArrayList<>();
                    checkTypeNames(typed, typed.typeName(), mismatches);
                    if (!mismatches.isEmpty()) {
                        throw new PatchException("type mismatch: " + String.join("\n", mismatches));
                    }
                }
                operation.put("value", CelValues.fromCel(value));
            }
            operations.add(operation);
        }
        try {
            return (Map<String, Object>) JsonPatch.applyStrict(object, operations);
        } catch (PatchException e) {
            if (e.testFailed()) {
                return object; // a failed test leaves the object as it was
            }
            throw new PatchException("JSONPath: " + e.getMessage());
        } catch (ClassCastException e) {
            throw new PatchException("JSONPath: the patched document is not an object");
        }
    }

    /**
     * The API server's check of constructed objects: an {@code Object} value under field {@code f} of one typed
     * {@code T} must be typed {@code T.f}; lists and maps in between are transparent.
     */
    private static void checkTypeNames(Object value, String expected, List<String> mismatches) {
        if (value instanceof ConstructedObject object) {
            if (!object.typeName().equals(expected)) {
                mismatches.add("unexpected type name \"" + object.typeName() + "\", expected \"" + expected
                        + "\", which matches field name path from root Object type");
            }
            object.forEach((field, child) -> checkTypeNames(child, expected + "." + field, mismatches));
        } else if (value instanceof List<?> list) {
            list.forEach(item -> checkTypeNames(item, expected, mismatches));
        } else if (value instanceof Map<?, ?> map) {
            map.values().forEach(item -> checkTypeNames(item, expected, mismatches));
        }
    }

    private static String describeType(Object value) {
        if (value instanceof ConstructedObject object) {
            return object.typeName();
        }
        return value == null ? "null" : value instanceof List<?> ? "list" : value instanceof Map<?, ?> ? "map"
                : value.getClass().getSimpleName();
    }

    /**
     * The object as the API server hands it on after a mutation, through JSON: whole numbers are integers.
     */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> jsonRoundTrip(Map<String, Object> object) {
        return (Map<String, Object>) wholeNumbers(object);
    }

    private static Object wholeNumbers(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), wholeNumbers(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(v -> out.add(wholeNumbers(v)));
            return out;
        }
        if (value instanceof Double d && !d.isInfinite() && d == Math.rint(d) && Math.abs(d) < 1e15) {
            return d.longValue();
        }
        return value;
    }
}
