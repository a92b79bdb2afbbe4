package dev.guidepost.core.internal.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.guidepost.core.internal.cel.CelCompileException;
import dev.guidepost.core.internal.cel.CelDialect;
import dev.guidepost.core.internal.cel.CelEnvironment;
import dev.guidepost.core.internal.cel.CelExpression;
import dev.guidepost.core.internal.match.MatchConstraints;
import dev.guidepost.core.internal.pack.KyvernoActions;
import dev.guidepost.core.internal.yaml.PlainValues;

/**
 * Compiles a ValidatingAdmissionPolicy in the admission CEL environment as Kyverno does offline: {@code params}
 * exists only when the policy declares a {@code paramKind}, {@code authorizer} never does, and Kyverno's own
 * libraries are absent. As in the API server, an expression that does not compile is not fatal: it is an error
 * when (and only if) it is evaluated.
 */
final class ValidatingAdmissionPolicyCompiler {

    private final CelEnvironment environment = CelEnvironment.of(CelDialect.ADMISSION);
    private final List<String> errors = new ArrayList<>();
    private boolean hasParams;

    /** The expressions of the last compiled policy that do not compile, each with its error. */
    List<String> errors() {
        return List.copyOf(errors);
    }

    /**
     * Compiles a policy with the bindings that name it and the test's parameter resources.
     *
     * @param policy   the ValidatingAdmissionPolicy document
     * @param bindings its ValidatingAdmissionPolicyBinding documents (already selected by {@code policyName})
     * @param params   parameter resources, as plain maps
     */
    ValidatingAdmissionPolicyProgram compile(Map<String, Object> policy, List<Map<String, Object>> bindings,
            List<Map<String, Object>> params) {
        Map<String, Object> spec = PlainValues.map(policy, "spec");
        errors.clear();
        hasParams = spec.get("paramKind") instanceof Map<?, ?>;
        List<ValidatingAdmissionPolicyProgram.Named> conditions = new ArrayList<>();
        for (Object c : PlainValues.list(spec, "matchConditions")) {
            conditions.add(new ValidatingAdmissionPolicyProgram.Named(PlainValues.string(c, "name"),
                    expression(PlainValues.string(c, "expression"))));
        }
        Map<String, CelExpression> variables = new LinkedHashMap<>();
        Map<String, String> failed = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        for (Object v : PlainValues.list(spec, "variables")) {
            names.add(PlainValues.string(v, "name"));
        }
        List<Object> variableEntries = PlainValues.list(spec, "variables");
        for (int i = 0; i < variableEntries.size(); i++) {
            String name = names.get(i);
            String text = PlainValues.string(variableEntries.get(i), "expression");
            ValidatingAdmissionPolicyProgram.Expression e = expression(text);
            String forward = e.compiled() == null ? null : ExpressionCompiler.forwardReference(e.compiled(), names, i)
                    .map(variable -> "undefined field '" + variable + "'").orElse(null);
            if (forward != null) {
                errors.add("'" + text.strip() + "': " + forward);
                e = new ValidatingAdmissionPolicyProgram.Expression(text, null, forward);
            }
            if (e.compiled() != null) {
                variables.put(name, e.compiled());
            } else {
                failed.put(name, e.error());
            }
        }
        List<ValidatingAdmissionPolicyProgram.Validation> validations = new ArrayList<>();
        for (Object v : PlainValues.list(spec, "validations")) {
            String messageExpression = PlainValues.string(v, "messageExpression");
            validations.add(new ValidatingAdmissionPolicyProgram.Validation(
                    expression(PlainValues.string(v, "expression")), PlainValues.string(v, "message"),
                    messageExpression.isBlank() ? null : expression(messageExpression)));
        }
        List<ValidatingAdmissionPolicyProgram.Binding> compiledBindings = new ArrayList<>();
        for (Map<String, Object> binding : bindings) {
            Map<String, Object> bindingSpec = PlainValues.map(binding, "spec");
            Object matchResources = bindingSpec.get("matchResources");
            compiledBindings.add(new ValidatingAdmissionPolicyProgram.Binding(
                    PlainValues.string(binding, "metadata", "name"),
                    matchResources instanceof Map<?, ?> ? MatchConstraints.of(matchResources) : null,
                    bindingSpec.get("paramRef") instanceof Map<?, ?> ? PlainValues.map(bindingSpec, "paramRef") : null,
                    KyvernoActions.validationActions(PlainValues.strings(bindingSpec, "validationActions"))));
        }
        return new ValidatingAdmissionPolicyProgram(PlainValues.string(policy, "metadata", "name"),
                MatchConstraints.of(spec.get("matchConstraints")), conditions, variables, failed, validations,
                compiledBindings, params);
    }

    private ValidatingAdmissionPolicyProgram.Expression expression(String text) {
        ValidatingAdmissionPolicyProgram.Expression expression = compileExpression(text);
        if (expression.error() != null) {
            errors.add("'" + text.strip() + "': " + expression.error());
        }
        return expression;
    }

    private ValidatingAdmissionPolicyProgram.Expression compileExpression(String text) {
        if (text.isBlank()) {
            return new ValidatingAdmissionPolicyProgram.Expression(text, null, "the expression is empty");
        }
        try {
            CelExpression compiled = environment.compile(text);
            if (compiled.variables().contains("authorizer")) {
                return new ValidatingAdmissionPolicyProgram.Expression(text, null,
                        "undeclared reference to 'authorizer' (the Kyverno CLI does not declare it)");
            }
            if (!hasParams && compiled.variables().contains("params")) {
                return new ValidatingAdmissionPolicyProgram.Expression(text, null,
                        "undeclared reference to 'params' (the policy has no paramKind)");
            }
            return new ValidatingAdmissionPolicyProgram.Expression(text, compiled, null);
        } catch (CelCompileException e) {
            return new ValidatingAdmissionPolicyProgram.Expression(text, null, e.getMessage());
        }
    }
}
