package dev.guidepost.core.internal.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A ValidatingPolicy with its autogen variants: each request is answered by the variants that select it. */
final class ValidatingPolicyPrograms implements PolicyProgram {

    private final String name;
    private final List<ValidatingPolicyProgram> variants;

    ValidatingPolicyPrograms(String name, List<ValidatingPolicyProgram> variants) {
        this.name = name;
        this.variants = List.copyOf(variants);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public PolicyResponse evaluate(PreparedRequest request, EvaluationContext context) {
        List<RuleResponse> responses = new ArrayList<>();
        for (ValidatingPolicyProgram variant : variants) {
            Optional<RuleResponse> response = variant.evaluate(request, context);
            response.ifPresent(responses::add);
        }
        if (responses.isEmpty() && request.isPayload()) {
            return PolicyResponse.none(name); // Kubernetes-mode policies are not run on JSON payloads
        }
        if (responses.isEmpty()) {
            // the Kyverno CLI answers (with no rule) only for policies whose match constraints are complex
            return new PolicyResponse(name, variants.get(0).match().isComplex(), List.of());
        }
        return new PolicyResponse(name, true, responses);
    }

    @Override
    public boolean selects(PreparedRequest request, EvaluationContext context) {
        return variants.stream().anyMatch(v -> v.selects(request, context));
    }
}
