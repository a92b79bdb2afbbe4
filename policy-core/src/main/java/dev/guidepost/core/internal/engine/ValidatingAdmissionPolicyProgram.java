package dev.guidepost.core.internal.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.cel.runtime.CelEvaluationException;
import dev.guidepost.core.internal.yaml.PlainValues;
import dev.guidepost.core.Action;
import dev.guidepost.core.Outcome;
import dev.guidepost.core.internal.cel.CelValues;
import dev.guidepost.core.internal.match.LabelSelector;
import dev.guidepost.core.internal.match.MatchConstraints;

/**
 * A Kubernetes ValidatingAdmissionPolicy with its bindings and parameter resources, evaluated as the Kyverno CLI
 * evaluates one offline (kyverno/kyverno pkg/admissionpolicy/validate.go, with the API server's validator):
 * <ul>
 * <li>the request is always a CREATE of the resource, with the test's user and a namespace object that has only
 * the namespace's name and the labels the values file gives it ({@code null} for cluster-scoped resources);</li>
 * <li>without bindings, the policy's {@code matchConstraints} decide whether it applies;</li>
 * <li>with bindings, only the bindings' {@code matchResources} are checked (a binding without them matches
 * everything) and the last matching binding gives the answer; the policy's own {@code matchConstraints} are not
 * consulted;</li>
 * <li>{@code paramRef} picks parameter objects from the test's {@code paramResources}: with a selector, all whose
 * labels match (as a list, {@code params.items}); otherwise the first whose name (or, without a name, namespace)
 * matches; none gives {@code params == null}. {@code parameterNotFoundAction} is not applied offline;</li>
 * <li>match conditions: a false one skips; errors (with no false) give an error whatever the failure policy;</li>
 * <li>validations in order: the first error gives error, the first that is not {@code true} gives fail;
 * {@code validationActions} and audit annotations do not change the result.</li>
 * </ul>
 * The answer is one rule response named after the policy; a policy that does not apply answers with none.
 */
final class ValidatingAdmissionPolicyProgram implements PolicyProgram {

    /** A compiled expression, or why it does not compile (an error when evaluated, as in the API server). */
    record Expression(String text, dev.guidepost.core.internal.cel.CelExpression compiled, String error) {
    }

    /** A named expression (match condition). */
    record Named(String name, Expression expression) {
    }

    /** A validation with its messages. */
    record Validation(Expression expression, String message, Expression messageExpression) {
    }

    /** A binding of the policy. */
    record Binding(String name, MatchConstraints matchResources, Map<String, Object> paramRef, Action action) {
    }

    private static final int MAX_MESSAGE_LENGTH = 5 * 1024;

    private final String name;
    private final MatchConstraints matchConstraints;
    private final List<Named> matchConditions;
    private final Map<String, dev.guidepost.core.internal.cel.CelExpression> variables;
    private final Map<String, String> failedVariables;
    private final List<Validation> validations;
    private final List<Binding> bindings;
    private final List<Map<String, Object>> params;

    ValidatingAdmissionPolicyProgram(String name, MatchConstraints matchConstraints, List<Named> matchConditions,
            Map<String, dev.guidepost.core.internal.cel.CelExpression> variables, Map<String, String> failedVariables,
            List<Validation> validations, List<Binding> bindings, List<Map<String, Object>> params) {
        this.name = name;
        this.matchConstraints = matchConstraints;
        this.matchConditions = List.copyOf(matchConditions);
        this.variables = variables;
        this.failedVariables = failedVariables;
        this.validations = List.copyOf(validations);
        this.bindings = List.copyOf(bindings);
        this.params = List.copyOf(params);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean selects(PreparedRequest prepared, EvaluationContext context) {
        if (prepared.isPayload()) {
            return false;
        }
        AdmissionRequest request = createRequest(prepared.request());
        if (bindings.isEmpty()) {
            return matches(matchConstraints, request, context);
        }
        return bindings.stream().anyMatch(b -> b.matchResources() == null || matches(b.matchResources(), request,
                context));
    }

    @Override
    public PolicyResponse evaluate(PreparedRequest prepared, EvaluationContext context) {
        if (prepared.isPayload()) {
            return PolicyResponse.none(name);
        }
        AdmissionRequest request = createRequest(prepared.request());
        PreparedRequest create = new PreparedRequest(request, prepared.numbers());
        if (bindings.isEmpty()) {
            if (!matches(matchConstraints, request, context)) {
                return new PolicyResponse(name, true, List.of());
            }
            return new PolicyResponse(name, true, List.of(validate(create, null, Action.ENFORCE, context)));
        }
        RuleResponse last = null;
        for (Binding binding : bindings) {
            if (binding.matchResources() != null && !matches(binding.matchResources(), request, context)) {
                continue;
            }
            last = validate(create, selectParams(binding.paramRef()), binding.action(), context);
        }
        return new PolicyResponse(name, true, last == null ? List.of() : List.of(last));
    }

    /** The Kyverno CLI always sends a VAP a CREATE of the resource. */
    private static AdmissionRequest createRequest(AdmissionRequest request) {
        return new AdmissionRequest("CREATE", request.subject(), null, request.resource(), request.namespace(),
                request.name(), request.user());
    }

    private static boolean matches(MatchConstraints constraints, AdmissionRequest request,
            EvaluationContext context) {
        return constraints.matches(request.operation(), request.resource(), request.namespace(), request.name(),
                request.labels(), () -> NamespaceValues.isNamespace(request) ? request.labels()
                        : context.namespaces().selectorLabels(request.namespace()).orElse(Map.of()));
    }

    /** The {@code namespaceObject}: only a name and the labels the test gives the namespace. */
    private static Map<String, Object> namespaceObject(AdmissionRequest request, EvaluationContext context) {
        if (request.namespace().isEmpty() || NamespaceValues.isNamespace(request)) {
            return null;
        }
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", request.namespace());
        metadata.put("creationTimestamp", null);
        context.namespaces().selectorLabels(request.namespace()).filter(l -> !l.isEmpty())
                .ifPresent(l -> metadata.put("labels", l));
        Map<String, Object> namespace = new LinkedHashMap<>();
        namespace.put("metadata", metadata);
        namespace.put("spec", Map.of());
        namespace.put("status", Map.of());
        return namespace;
    }

    /** The parameter object(s) a binding's {@code paramRef} selects from the test's parameter resources. */
    private Object selectParams(Map<String, Object> paramRef) {
        if (paramRef == null) {
            return null;
        }
        Object selector = paramRef.get("selector");
        List<Object> selected = new ArrayList<>();
        for (Map<String, Object> param : params) {
            if (!paramMatches(param, paramRef, selector)) {
                continue;
            }
            if (selector == null) {
                return param;
            }
            selected.add(param);
        }
        return selected.isEmpty() ? null : Map.of("items", selected);
    }

    private static boolean paramMatches(Map<String, Object> param, Map<String, Object> paramRef, Object selector) {
        Map<String, Object> metadata = param.get("metadata") instanceof Map<?, ?> m ? cast(m) : Map.of();
        if (selector != null) {
            return LabelSelector.of(selector).matches(PlainValues.stringMap(metadata, "labels"));
        }
        String namespace = paramRef.get("namespace") == null ? "" : String.valueOf(paramRef.get("namespace"));
        String refName = paramRef.get("name") == null ? "" : String.valueOf(paramRef.get("name"));
        boolean matches = false;
        if (!namespace.isEmpty()) {
            matches = namespace.equals(String.valueOf(metadata.getOrDefault("namespace", "")));
        }
        if (!refName.isEmpty()) {
            matches = refName.equals(String.valueOf(metadata.getOrDefault("name", "")));
        }
        return matches;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }

    private RuleResponse validate(PreparedRequest prepared, Object params, Action action,
            EvaluationContext context) {
        Activation activation = new Activation()
                .putCel("object", prepared.object())
                .putCel("oldObject", prepared.oldObject())
                .putCel("request", prepared.requestValue())
                .put("namespaceObject", namespaceObject(prepared.request(), context), CelValues.Numbers.AS_READ)
                .put("params", params, CelValues.Numbers.AS_READ)
                .put("authorizer", null, CelValues.Numbers.AS_READ)
                .variables(variables, failedVariables, context.cluster());

        List<String> conditionErrors = new ArrayList<>();
        for (Named condition : matchConditions) {
            Object value;
            try {
                value = evaluate(condition.expression(), activation, context);
            } catch (CelEvaluationException | RuntimeException e) {
                conditionErrors.add("failed to evaluate match condition '" + condition.name() + "': "
                        + e.getMessage());
                continue;
            }
            if (Boolean.FALSE.equals(value)) {
                return RuleResponse.of(name, Outcome.SKIP, "match conditions aren't met", action);
            }
        }
        if (!conditionErrors.isEmpty()) {
            return RuleResponse.of(name, Outcome.ERROR, String.join("; ", conditionErrors), action);
        }

        for (Validation validation : validations) {
            Object value;
            try {
                value = evaluate(validation.expression(), activation, context);
            } catch (CelEvaluationException | RuntimeException e) {
                return RuleResponse.of(name, Outcome.ERROR, "expression '" + validation.expression().text().strip()
                        + "' resulted in error: " + e.getMessage(), action);
            }
            if (!Boolean.TRUE.equals(value)) {
                return RuleResponse.of(name, Outcome.FAIL, message(validation, activation, context), action);
            }
        }
        return RuleResponse.of(name, Outcome.PASS, "", action);
    }

    private static Object evaluate(Expression expression, Activation activation, EvaluationContext context)
            throws CelEvaluationException {
        if (expression.compiled() == null) {
            throw new CelEvaluationException("compilation failed: " + expression.error());
        }
        return expression.compiled().evaluate(activation, context.cluster());
    }

    /** The API server's failure message: messageExpression, else message, else the failed expression. */
    private static String message(Validation validation, Activation activation, EvaluationContext context) {
        Exception failure = null;
        if (validation.messageExpression() != null) {
            try {
                Object value = evaluate(validation.messageExpression(), activation, context);
                if (value instanceof String s) {
                    String trimmed = s.strip();
                    if (!trimmed.isEmpty() && trimmed.length() <= MAX_MESSAGE_LENGTH && !trimmed.contains("\n")) {
                        return trimmed;
                    }
                }
            } catch (CelEvaluationException | RuntimeException e) {
                failure = e; // falls back to the static message
            }
        }
        if (!validation.message().isEmpty()) {
            return FallbackMessage.of(validation.message(), failure);
        }
        return FallbackMessage.of("failed expression: " + validation.expression().text().strip(), failure);
    }
}
