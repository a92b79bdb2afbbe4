package dev.guidepost.core.internal.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.guidepost.core.Outcome;

/**
 * A ValidatingPolicy with its autogen variants: each request is answered by the variants that select it. The policy
 * as written is compiled up front (so errors surface at once); an autogen variant, a text rewrite of it, is
 * compiled the first time a manifest of its kinds turns up.
 */
final class ValidatingPolicyPrograms extends PolicyVariants<ValidatingPolicyProgram> {

    ValidatingPolicyPrograms(String name, List<PolicyVariant<ValidatingPolicyProgram>> variants) {
        super(name, variants);
    }

    @Override
    public PolicyResponse evaluate(PreparedRequest request, EvaluationContext context) {
        List<RuleResponse> responses = new ArrayList<>();
        for (PolicyVariant<ValidatingPolicyProgram> variant : variants()) {
            if (!variant.selects(request, context)) {
                continue;
            }
            try {
                Optional<RuleResponse> response = variant.program().evaluate(request, context);
                response.ifPresent(responses::add);
            } catch (PolicyCompileException e) {
                responses.add(RuleResponse.of("", Outcome.ERROR, "the autogen variant of the policy does not "
                        + "compile: " + e.getMessage(), dev.guidepost.core.Action.AUDIT));
            }
        }
        if (responses.isEmpty() && request.isPayload()) {
            return PolicyResponse.none(name()); // Kubernetes-mode policies are not run on JSON payloads
        }
        if (responses.isEmpty()) {
            // the Kyverno CLI answers (with no rule) only for policies whose match constraints are complex
            return new PolicyResponse(name(), variants().get(0).match().isComplex(), List.of());
        }
        return new PolicyResponse(name(), true, responses);
    }
}
