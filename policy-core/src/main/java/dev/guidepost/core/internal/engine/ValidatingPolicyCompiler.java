package dev.guidepost.core.internal.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.guidepost.core.Action;
import dev.guidepost.core.internal.cel.CelDialect;
import dev.guidepost.core.internal.cel.CelEnvironment;
import dev.guidepost.core.internal.cel.CelExpression;
import dev.guidepost.core.internal.match.MatchConstraints;
import dev.guidepost.core.internal.yaml.PlainValues;
import dev.guidepost.core.internal.yaml.YamlDocument;

/**
 * Compiles a ValidatingPolicy spec, with Kyverno's autogen ({@link ValidatingPolicyAutogen}): a policy whose only
 * resource rule is core/v1 pods also gets variants for pod controllers, compiled on first use.
 */
final class ValidatingPolicyCompiler {

    private final ExpressionCompiler compiler;

    ValidatingPolicyCompiler(CelDialect dialect) {
        this.compiler = new ExpressionCompiler(CelEnvironment.of(dialect));
    }

    /**
     * The policy and its autogen variants; the first program is the policy as written.
     *
     * @param kind the policy's kind ({@code ValidatingPolicy} or {@code NamespacedValidatingPolicy}), which
     *             exceptions' {@code policyRefs} must name
     */
    ValidatingPolicyPrograms compile(String name, String kind, Map<String, Object> spec, Action action)
            throws PolicyCompileException {
        List<PolicyVariant<ValidatingPolicyProgram>> variants = new ArrayList<>();
        ValidatingPolicyProgram program = compileSpec(name, kind, spec, action, List.of("spec"));
        variants.add(PolicyVariant.compiled(program.match(), program));
        for (ValidatingPolicyAutogen.Variant variant : ValidatingPolicyAutogen.variants(spec)) {
            variants.add(PolicyVariant.lazy(MatchConstraints.of(variant.matchConstraints()),
                    () -> compileSpec(name, kind, variant.spec(), action, List.of("spec"))));
        }
        return new ValidatingPolicyPrograms(name, variants);
    }

    /** A compilation step whose problem is noted rather than thrown. */
    private interface Step<T> {
        T run() throws PolicyCompileException;
    }

    /** The step's result, or null with its problem added to {@code errors}. */
    private static <T> T attempt(List<PolicyCompileException> errors, Step<T> step) {
        try {
            return step.run();
        } catch (PolicyCompileException e) {
            errors.add(e);
            return null;
        }
    }

    ValidatingPolicyProgram compileSpec(String name, String kind, Map<String, Object> spec, Action action,
            List<Object> path) throws PolicyCompileException {
        // every expression is compiled, so one error report shows every fix
        List<PolicyCompileException> errors = new ArrayList<>();
        List<NamedExpression> conditions = attempt(errors, () -> compiler.conditionsBeforeVariables(
                PlainValues.list(spec, "matchConditions"), YamlDocument.path(path, "matchConditions")));
        Map<String, CelExpression> variables = attempt(errors, () -> compiler.variables(
                PlainValues.list(spec, "variables"), YamlDocument.path(path, "variables")));
        List<ValidationProgram> validations = new ArrayList<>();
        List<Object> entries = PlainValues.list(spec, "validations");
        for (int i = 0; i < entries.size(); i++) {
            Object v = entries.get(i);
            List<Object> at = YamlDocument.path(path, "validations", i);
            String expression = PlainValues.string(v, "expression");
            String messageExpression = PlainValues.string(v, "messageExpression");
            // variables is null when they did not compile: which are declared, and their types, are unknown then
            CelExpression condition = attempt(errors, () -> compiler.condition(expression,
                    YamlDocument.path(at, "expression"), variables));
            CelExpression message = messageExpression.isBlank() ? null : attempt(errors,
                    () -> compiler.message(messageExpression, YamlDocument.path(at, "messageExpression"),
                            variables));
            validations.add(new ValidationProgram(condition, PlainValues.string(v, "message"), message));
        }
        List<NamedExpression> annotations = attempt(errors, () -> compiler.auditAnnotations(
                PlainValues.list(spec, "auditAnnotations"), YamlDocument.path(path, "auditAnnotations"),
                variables));
        if (!errors.isEmpty()) {
            throw PolicyCompileException.of(errors);
        }
        boolean jsonMode = "JSON".equals(PlainValues.string(spec, "evaluation", "mode"));
        return new ValidatingPolicyProgram(name, kind, jsonMode,
                MatchConstraints.of(PlainValues.at(spec, "matchConstraints")),
                conditions, variables, validations, annotations,
                "Ignore".equals(PlainValues.string(spec, "failurePolicy")), action);
    }
}
