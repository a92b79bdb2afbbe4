package dev.guidepost.core.internal.engine;

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
 * the first that is not true), then audit annotations. A Kubernetes ValidatingAdmissionPolicy is evaluated the
 * same way, in its own {@link Flavor}.
 */
final class ValidatingPolicyProgram {

    /** Which kind of policy the program evaluates; they differ in namespaces, exceptions and rule names. */
    enum Flavor {
        /** Kyverno's ValidatingPolicy: CEL policy exceptions apply; responses have no rule name. */
        VALIDATING_POLICY,
        /**
         * Kubernetes' ValidatingAdmissionPolicy as Kyverno evaluates it: no policy exceptions; offline the
         * namespace is only its name and the labels a values file gives; responses are named after the policy.
         */
        ADMISSION_POLICY
    }

    private final String policy;
    private final MatchConstraints match;
    private final List<NamedExpression> matchConditions;
    private final Map<String, CelExpression> variables;
    private final List<ValidationProgram> validations;
    private final List<NamedExpression> auditAnnotations;
    private final boolean failurePolicyIgnore;
    private final Action action;
    private final Flavor flavor;

    ValidatingPolicyProgram(String policy, MatchConstraints match, List<NamedExpression> matchConditions,
            Map<String, CelExpression> variables, List<ValidationProgram> validations,
            List<NamedExpression> auditAnnotations, boolean failurePolicyIgnore, Action action, Flavor flavor) {
        this.policy = policy;
        this.match = match;
        this.matchConditions = List.copyOf(matchConditions);
        this.variables = variables;
        this.validations = List.copyOf(validations);
        this.auditAnnotations = List.copyOf(auditAnnotations);
        this.failurePolicyIgnore = failurePolicyIgnore;
        this.action = action;
        this.flavor = flavor;
    }

    MatchConstraints match() {
        return match;
    }

    /** True when the policy's match constraints select the request. */
    boolean selects(PreparedRequest prepared, EvaluationContext context) {
        return selects(match, prepared, context);
    }

    /** True when these match constraints (the policy's or a binding's) select the request. */
    boolean selects(MatchConstraints constraints, PreparedRequest prepared, EvaluationContext context) {
        AdmissionRequest request = prepared.request();
        return constraints.matches(request.operation(), request.resource(), request.namespace(), request.name(),
                request.labels(), () -> flavor == Flavor.VALIDATING_POLICY
                        ? NamespaceValues.selectorLabels(request, context)
                        : NamespaceValues.admissionSelectorLabels(request, context));
    }

    /** The response, or empty when the policy does not select the request. */
    Optional<RuleResponse> evaluate(PreparedRequest prepared, EvaluationContext context) {
        if (!selects(prepared, context)) {
            return Optional.empty();
        }
        return Optional.of(evaluateSelected(prepared, context));
    }

    /** The response for a request that has already been selected. */
    RuleResponse evaluateSelected(PreparedRequest prepared, EvaluationContext context) {
        return evaluateSelected(prepared, context, flavor == Flavor.VALIDATING_POLICY ? "" : policy)
                .orElseThrow();
    }

    private Optional<RuleResponse> evaluateSelected(PreparedRequest prepared, EvaluationContext context,
            String rule) {
        AdmissionRequest request = prepared.request();
        Activation activation = new Activation()
                .putCel("object", prepared.object())
                .putCel("oldObject", prepared.oldObject())
                .putCel("request", prepared.requestValue());
        if (flavor == Flavor.VALIDATING_POLICY) {
            activation.put("namespaceObject", NamespaceValues.namespaceObject(request, context), prepared.numbers())
                    .put("exceptions", Map.of("allowedImages", List.of(), "allowedValues", List.of()),
                            prepared.numbers());
        } else {
            activation.put("namespaceObject", NamespaceValues.admissionNamespaceObject(request, context),
                    prepared.numbers())
                    .put("params", null, prepared.numbers())
                    .put("authorizer", null, prepared.numbers());
        }
        activation.variables(variables, context.cluster());

        if (flavor == Flavor.VALIDATING_POLICY) {
            Optional<RuleResponse> exempted = PolicyExceptionProgram.apply(policy, context, activation);
            if (exempted.isPresent()) {
                return exempted;
            }
        }

        String conditionError = null;
        for (NamedExpression condition : matchConditions) {
            try {
                Object value = condition.expression().evaluate(activation, context.cluster());
                if (Boolean.FALSE.equals(value)) {
                    return Optional.of(RuleResponse.of(rule, Outcome.SKIP,
                            "match condition '" + condition.name() + "' is false", action));
                }
                if (!(value instanceof Boolean) && conditionError == null) {
                    conditionError = "match condition '" + condition.name() + "' returned " + value
                            + ", not a bool";
                }
            } catch (CelEvaluationException | RuntimeException e) {
                if (conditionError == null) {
                    conditionError = "match condition '" + condition.name() + "' failed: " + e.getMessage();
                }
            }
        }
        if (conditionError != null) {
            return Optional.of(failurePolicyIgnore ? RuleResponse.of(rule, Outcome.SKIP, conditionError, action)
                    : RuleResponse.of(rule, Outcome.ERROR, conditionError, action));
        }

        for (int i = 0; i < validations.size(); i++) {
            ValidationProgram validation = validations.get(i);
            Object value;
            try {
                value = validation.expression().evaluate(activation, context.cluster());
            } catch (CelEvaluationException | RuntimeException e) {
                return Optional.of(RuleResponse.of(rule, Outcome.ERROR, "error: " + e.getMessage(), action));
            }
            if (Boolean.TRUE.equals(value)) {
                continue;
            }
            if (!(value instanceof Boolean)) {
                return Optional.of(RuleResponse.of(rule, Outcome.ERROR, "error: validation expression returned "
                        + value + ", not a bool", action));
            }
            return Optional.of(RuleResponse.of(rule, Outcome.FAIL, message(validation, i, activation, context),
                    action));
        }

        for (NamedExpression annotation : auditAnnotations) {
            try {
                annotation.expression().evaluate(activation, context.cluster());
            } catch (CelEvaluationException | RuntimeException e) {
                return Optional.of(RuleResponse.of(rule, Outcome.ERROR, "audit annotation '" + annotation.name()
                        + "' failed: " + e.getMessage(), action));
            }
        }
        return Optional.of(RuleResponse.of(rule, Outcome.PASS, "", action));
    }

    private static String message(ValidationProgram validation, int index, Activation activation,
            EvaluationContext context) {
        if (validation.messageExpression() != null) {
            try {
                Object value = validation.messageExpression().evaluate(activation, context.cluster());
                if (value instanceof String s && !s.isBlank()) {
                    return s.strip();
                }
            } catch (CelEvaluationException | RuntimeException e) {
                // fall back to the literal message, as the API server does
            }
        }
        if (!validation.message().isEmpty()) {
            return validation.message();
        }
        return "CEL expression validation failed at index " + index;
    }
}
