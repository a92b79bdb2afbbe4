package dev.guidepost.core.internal.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.cel.runtime.CelEvaluationException;
import dev.guidepost.core.Action;
import dev.guidepost.core.Outcome;
import dev.guidepost.core.internal.cel.CelDialect;
import dev.guidepost.core.internal.cel.CelEnvironment;
import dev.guidepost.core.internal.yaml.PlainValues;

/**
 * A compiled CEL {@code PolicyException} ({@code policies.kyverno.io}): when its match conditions hold for a
 * request, it exempts the policies it names, fully, or only for the images and values it allows (which the
 * policy reads through the {@code exceptions} variable).
 */
public final class PolicyExceptionProgram {

    /** A {@code policyRefs} entry. */
    private record PolicyRef(String name, String kind) {
    }

    private final String name;
    private final List<PolicyRef> policyRefs;
    private final List<NamedExpression> matchConditions;
    private final List<String> images;
    private final List<String> allowedValues;
    private final boolean reportPass;

    private PolicyExceptionProgram(String name, List<PolicyRef> policyRefs, List<NamedExpression> matchConditions,
            List<String> images, List<String> allowedValues, boolean reportPass) {
        this.name = name;
        this.policyRefs = List.copyOf(policyRefs);
        this.matchConditions = matchConditions;
        this.images = images;
        this.allowedValues = allowedValues;
        this.reportPass = reportPass;
    }

    /** Compiles an exception document. */
    public static PolicyExceptionProgram compile(Map<String, Object> document) throws PolicyCompileException {
        Map<String, Object> spec = PlainValues.map(document, "spec");
        List<PolicyRef> policies = new ArrayList<>();
        for (Object ref : PlainValues.list(spec, "policyRefs")) {
            policies.add(new PolicyRef(PlainValues.string(ref, "name"), PlainValues.string(ref, "kind")));
        }
        ExpressionCompiler compiler = new ExpressionCompiler(CelEnvironment.of(CelDialect.VALIDATING_POLICY));
        return new PolicyExceptionProgram(PlainValues.string(document, "metadata", "name"), policies,
                compiler.named(PlainValues.list(spec, "matchConditions"), List.of("spec", "matchConditions")),
                PlainValues.strings(spec, "images"), PlainValues.strings(spec, "allowedValues"),
                "pass".equalsIgnoreCase(PlainValues.string(spec, "reportResult")));
    }

    /**
     * Applies the exceptions for a policy: returns the response of a full exemption, or fills the
     * {@code exceptions} variable for partial ones and returns empty. As in Kyverno, an exception applies to a
     * policy its {@code policyRefs} name with both the policy's name and kind.
     */
    static Optional<RuleResponse> apply(String policy, String kind, EvaluationContext context,
            Activation activation) {
        List<Object> allowedImages = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        for (PolicyExceptionProgram exception : context.exceptions()) {
            if (!exception.policyRefs.contains(new PolicyRef(policy, kind))
                    || !exception.conditionsHold(activation, context)) {
                continue;
            }
            if (exception.images.isEmpty() && exception.allowedValues.isEmpty()) {
                return Optional.of(RuleResponse.of("exception", exception.reportPass ? Outcome.PASS : Outcome.SKIP,
                        "exempted by policy exception '" + exception.name + "'", Action.AUDIT));
            }
            allowedImages.addAll(exception.images);
            values.addAll(exception.allowedValues);
        }
        if (!allowedImages.isEmpty() || !values.isEmpty()) {
            activation.putCel("exceptions", Map.of("allowedImages", allowedImages, "allowedValues", values));
        }
        return Optional.empty();
    }

    private boolean conditionsHold(Activation activation, EvaluationContext context) {
        for (NamedExpression condition : matchConditions) {
            try {
                if (!Boolean.TRUE.equals(condition.expression().evaluate(activation, context.cluster()))) {
                    return false;
                }
            } catch (CelEvaluationException | RuntimeException e) {
                return false;
            }
        }
        return true;
    }
}
