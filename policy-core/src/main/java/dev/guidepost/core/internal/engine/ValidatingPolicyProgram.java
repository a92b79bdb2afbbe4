package dev.guidepost.core.internal.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.cel.runtime.CelEvaluationException;
import dev.guidepost.core.Action;
import dev.guidepost.core.Outcome;
import dev.guidepost.core.internal.cel.CelExpression;
import dev.guidepost.core.internal.match.MatchConstraints;

/**
 * One compiled ValidatingPolicy (or one of its autogen variants for pod controllers), evaluated as Kyverno's
 * ValidatingPolicy engine does: exceptions, match conditions, lazy variables, validations in order (stopping at
 * the first that is not true), then audit annotations.
 */
final class ValidatingPolicyProgram implements PolicyVariant.Selecting {

    private final String policy;
    private final String kind;
    private final boolean jsonMode;
    private final MatchConstraints match;
    private final List<NamedExpression> matchConditions;
    private final Map<String, CelExpression> variables;
    private final List<ValidationProgram> validations;
    private final List<NamedExpression> auditAnnotations;
    private final boolean failurePolicyIgnore;
    private final Action action;

    ValidatingPolicyProgram(String policy, String kind, boolean jsonMode, MatchConstraints match,
            List<NamedExpression> matchConditions, Map<String, CelExpression> variables,
            List<ValidationProgram> validations, List<NamedExpression> auditAnnotations, boolean failurePolicyIgnore,
            Action action) {
        this.policy = policy;
        this.kind = kind;
        this.jsonMode = jsonMode;
        this.match = match;
        this.matchConditions = List.copyOf(matchConditions);
        this.variables = variables;
        this.validations = List.copyOf(validations);
        this.auditAnnotations = List.copyOf(auditAnnotations);
        this.failurePolicyIgnore = failurePolicyIgnore;
        this.action = action;
    }

    MatchConstraints match() {
        return match;
    }

    /** True for {@code evaluation.mode: JSON}: any document, no match constraints, no admission request. */
    boolean jsonMode() {
        return jsonMode;
    }

    /**
     * True when the policy's match constraints select the request. A JSON-mode policy selects every document
     * (payloads and resources alike); a Kubernetes-mode policy never selects a JSON payload.
     */
    @Override
    public boolean selects(PreparedRequest prepared, EvaluationContext context) {
        if (jsonMode) {
            return true;
        }
        if (prepared.isPayload()) {
            return false;
        }
        return PolicyVariant.matches(match, prepared.request(), context);
    }

    /** The response, or empty when the policy does not select the request. */
    Optional<RuleResponse> evaluate(PreparedRequest prepared, EvaluationContext context) {
        if (!selects(prepared, context)) {
            return Optional.empty();
        }
        AdmissionRequest request = prepared.request();
        Activation activation = new Activation()
                .putCel("object", prepared.object())
                .put("exceptions", Map.of("allowedImages", List.of(), "allowedValues", List.of()),
                        prepared.numbers())
                .variables(variables, context.cluster());
        if (jsonMode) {
            // Kyverno's JSON request: the document is the object; there is no admission request or namespace
            activation.put("oldObject", null, prepared.numbers())
                    .put("request", null, prepared.numbers())
                    .put("namespaceObject", null, prepared.numbers());
        } else {
            activation.putCel("oldObject", prepared.oldObject())
                    .putCel("request", prepared.requestValue())
                    .put("namespaceObject", NamespaceValues.namespaceObject(request, context), prepared.numbers());
        }

        Optional<RuleResponse> exempted = PolicyExceptionProgram.apply(policy, kind, failurePolicyIgnore, context,
                activation, action);
        if (exempted.isPresent()) {
            return exempted;
        }

        MatchConditions conditions = context.matchConditionsAssumed() ? MatchConditions.evaluate(List.of(),
                activation, context.cluster()) : MatchConditions.evaluate(matchConditions, activation, context.cluster());
        if (conditions.falseCondition() != null) {
            return Optional.of(RuleResponse.of("", Outcome.SKIP,
                    "match condition '" + conditions.falseCondition() + "' is false", action));
        }
        String conditionError = conditions.error();
        if (conditionError != null) {
            return Optional.of(failurePolicyIgnore ? RuleResponse.of("", Outcome.SKIP, conditionError, action)
                    : RuleResponse.of("", Outcome.ERROR, conditionError, action));
        }

        for (int i = 0; i < validations.size(); i++) {
            ValidationProgram validation = validations.get(i);
            Object value;
            try {
                value = validation.expression().evaluate(activation, context.cluster());
            } catch (CelEvaluationException | RuntimeException e) {
                return Optional.of(RuleResponse.of("", Outcome.ERROR, "error: " + e.getMessage()
                        + missingFieldHint(e.getMessage()), action));
            }
            if (Boolean.TRUE.equals(value)) {
                continue;
            }
            if (!(value instanceof Boolean)) {
                return Optional.of(RuleResponse.of("", Outcome.ERROR, "error: validation expression returned "
                        + value + ", not a bool (spec.validations[" + i + "])", action));
            }
            String message = message(validation, i, activation, context);
            List<String> also = laterFailures(i + 1, activation, context);
            return Optional.of(auditAnnotationError(activation, context)
                    .orElseGet(() -> RuleResponse.of("", Outcome.FAIL, message, action).withAlsoFailing(also)));
        }
        return Optional.of(auditAnnotationError(activation, context)
                .orElseGet(() -> RuleResponse.of("", Outcome.PASS, "", action)));
    }

    /**
     * The messages of the validations after the first failing one that fail too. Kyverno stops at the first and
     * the verdict is its; the others are for whoever fixes the manifest, so that one round shows every fix. A later
     * validation that errors is left out: it may only hold once the first is fixed.
     */
    private List<String> laterFailures(int from, Activation activation, EvaluationContext context) {
        List<String> out = new ArrayList<>();
        for (int i = from; i < validations.size(); i++) {
            try {
                if (Boolean.FALSE.equals(validations.get(i).expression().evaluate(activation, context.cluster()))) {
                    String message = message(validations.get(i), i, activation, context);
                    if (!out.contains(message)) {
                        out.add(message);
                    }
                }
            } catch (CelEvaluationException | RuntimeException e) {
                // an error after a failure says nothing the fix of the first would not change
            }
        }
        return out;
    }

    /**
     * What to do about a field the object does not set: neither the manifest nor, in a check, the API server's
     * defaults set it, so the cluster's Kyverno errs the same way.
     */
    private static String missingFieldHint(String message) {
        if (message != null && (message.contains("no such key") || message.contains("is not present in map"))) {
            String key = missingKey(message);
            return " (the manifest does not set " + (key.isEmpty() ? "this field" : "'" + key + "'") + ", which the "
                    + "rule reads: if the object needs it, add it to the manifest; if the field is optional, the "
                    + "policy should read it with has(...) or .?field.orValue(default))";
        }
        if (message != null && message.contains("No matching overload")) {
            return " (a value the rule reads has another type than it expects, for example a mapping where "
                    + "Kubernetes wants a list such as containers; check the manifest's fields against the API)";
        }
        if (message != null && message.contains("Field selections must be performed on messages or maps")) {
            return " (a field on the way is empty in the manifest, for example 'spec:' with nothing under it; fill "
                    + "it in, or read optional fields with has(...) or .?field.orValue(default))";
        }
        return "";
    }

    /** The key a missing-key message names ({@code key 'spec' is not present in map}), or empty. */
    private static String missingKey(String message) {
        java.util.regex.Matcher m = MISSING_KEY.matcher(message);
        return !m.find() ? "" : m.group(1) != null ? m.group(1) : m.group(2);
    }

    private static final java.util.regex.Pattern MISSING_KEY = java.util.regex.Pattern.compile(
            "(?:key '([^']+)' is not present in map|no such key: (\\S+))");

    /** Kyverno evaluates audit annotations after a pass or a fail; one that errors or is not a string errors. */
    private Optional<RuleResponse> auditAnnotationError(Activation activation, EvaluationContext context) {
        for (NamedExpression annotation : auditAnnotations) {
            try {
                Object value = annotation.expression().evaluate(activation, context.cluster());
                if (!(value instanceof String)) {
                    return Optional.of(RuleResponse.of("", Outcome.ERROR, "failed to convert auditAnnotation '"
                            + annotation.name() + "' expression", action));
                }
            } catch (CelEvaluationException | RuntimeException e) {
                return Optional.of(RuleResponse.of("", Outcome.ERROR, "failed to evaluate auditAnnotation '"
                        + annotation.name() + "': " + e.getMessage(), action));
            }
        }
        return Optional.empty();
    }

    private static String message(ValidationProgram validation, int index, Activation activation,
            EvaluationContext context) {
        Exception failure = null;
        if (validation.messageExpression() != null) {
            try {
                Object value = validation.messageExpression().evaluate(activation, context.cluster());
                if (value instanceof String s && !s.isBlank()) {
                    return s.strip();
                }
            } catch (CelEvaluationException | RuntimeException e) {
                failure = e; // fall back to the literal message, as the API server does
            }
        }
        if (!validation.message().isEmpty()) {
            return FallbackMessage.of(validation.message(), failure);
        }
        return FallbackMessage.of("CEL expression validation failed at index " + index, failure);
    }
}
