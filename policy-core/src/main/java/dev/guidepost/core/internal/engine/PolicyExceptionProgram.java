package dev.guidepost.core.internal.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.cel.runtime.CelEvaluationException;
import dev.guidepost.core.Action;
import dev.guidepost.core.Outcome;
import dev.guidepost.core.internal.cel.CelDialect;
import dev.guidepost.core.internal.cel.CelEnvironment;
import dev.guidepost.core.internal.pack.ExceptionDocument;
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
    private final Optional<Instant> expiresAt;

    private PolicyExceptionProgram(String name, List<PolicyRef> policyRefs, List<NamedExpression> matchConditions,
            List<String> images, List<String> allowedValues, boolean reportPass, Optional<Instant> expiresAt) {
        this.name = name;
        this.expiresAt = expiresAt;
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
        Optional<Instant> expiresAt;
        try {
            expiresAt = ExceptionDocument.expiresAt(document);
        } catch (IllegalArgumentException e) {
            throw new PolicyCompileException(List.of("spec", "expiresAt"), e.getMessage());
        }
        ExpressionCompiler compiler = new ExpressionCompiler(CelEnvironment.of(CelDialect.VALIDATING_POLICY));
        return new PolicyExceptionProgram(PlainValues.string(document, "metadata", "name"), policies,
                compiler.exceptionConditions(PlainValues.list(spec, "matchConditions"),
                        List.of("spec", "matchConditions")),
                PlainValues.strings(spec, "images"), PlainValues.strings(spec, "allowedValues"),
                "pass".equalsIgnoreCase(PlainValues.string(spec, "reportResult")), expiresAt);
    }

    /**
     * Whether the exception has expired at {@code now} ({@code spec.expiresAt}): the cluster's admission leaves it
     * out then, while {@code kyverno test} and {@code kyverno apply} still apply it.
     */
    public boolean expiredAt(Instant now) {
        return expiresAt.filter(now::isAfter).isPresent();
    }

    /**
     * Applies the exceptions for a policy as Kyverno's ValidatingPolicy evaluation does: every exception whose
     * {@code policyRefs} name the policy (name and kind) and whose match conditions hold is collected; when some
     * matched and none of them allows images or values, the policy is exempted (rule {@code exception}: skip, or
     * pass with {@code reportResult: pass}); otherwise the allowed images and values fill the {@code exceptions}
     * variable and the policy is evaluated. A match condition that errors (with none false) is an evaluation error
     * under failure policy Fail, and means no match under Ignore.
     */
    static Optional<RuleResponse> apply(String policy, String kind, boolean failurePolicyIgnore,
            EvaluationContext context, Activation activation, Action action) {
        List<Object> allowedImages = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        PolicyExceptionProgram first = null;
        for (PolicyExceptionProgram exception : context.exceptions()) {
            if (!exception.policyRefs.contains(new PolicyRef(policy, kind))) {
                continue;
            }
            ConditionResult result = exception.evaluateConditions(activation, context);
            if (result.error() != null) {
                if (failurePolicyIgnore) {
                    continue;
                }
                return Optional.of(RuleResponse.of("", Outcome.ERROR, "policy exception '" + exception.name
                        + "': " + result.error(), action));
            }
            if (!result.holds()) {
                continue;
            }
            first = first == null ? exception : first;
            allowedImages.addAll(exception.images);
            values.addAll(exception.allowedValues);
        }
        if (first != null && allowedImages.isEmpty() && values.isEmpty()) {
            return Optional.of(RuleResponse.exempted("exception", first.reportPass ? Outcome.PASS : Outcome.SKIP,
                    "exempted by policy exception '" + first.name + "'", Action.AUDIT, first.name));
        }
        if (!allowedImages.isEmpty() || !values.isEmpty()) {
            activation.putCel("exceptions", Map.of("allowedImages", allowedImages, "allowedValues", values));
        }
        return Optional.empty();
    }

    /** Whether the match conditions hold, or the error when none is false but some failed. */
    private record ConditionResult(boolean holds, String error) {
    }

    /**
     * Evaluates the match conditions in Kyverno's way: the first false decides; errors and non-bool results are
     * collected and matter only when no condition is false.
     */
    private ConditionResult evaluateConditions(Activation activation, EvaluationContext context) {
        String error = null;
        for (NamedExpression condition : matchConditions) {
            Object value;
            try {
                value = condition.expression().evaluate(activation, context.cluster());
            } catch (CelEvaluationException | RuntimeException e) {
                error = error != null ? error : "match condition '" + condition.name() + "': " + e.getMessage();
                continue;
            }
            if (!(value instanceof Boolean b)) {
                error = error != null ? error : "match condition '" + condition.name() + "' is not a bool";
                continue;
            }
            if (!b) {
                return new ConditionResult(false, null);
            }
        }
        return new ConditionResult(error == null, error);
    }
}
