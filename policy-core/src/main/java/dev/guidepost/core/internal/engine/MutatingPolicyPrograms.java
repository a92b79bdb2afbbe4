package dev.guidepost.core.internal.engine;

import java.util.List;
import java.util.Optional;

import dev.guidepost.core.Action;
import dev.guidepost.core.Outcome;

/**
 * A MutatingPolicy with its autogen variants, which Kyverno compiles under the policy's name (kyverno
 * pkg/cel/policies/mpol/engine/provider.go): a request is mutated by the variant that selects it, and answered as
 * the policy as written answers when none does.
 */
final class MutatingPolicyPrograms extends PolicyVariants<MutatingPolicyProgram> {

    private final Action action;

    /** {@code variants} starts with the policy as written, compiled. */
    MutatingPolicyPrograms(String name, Action action, List<PolicyVariant<MutatingPolicyProgram>> variants) {
        super(name, variants);
        this.action = action;
    }

    /** A MutatingPolicy answers only in the mutation phase ({@link #mutate}). */
    @Override
    public PolicyResponse evaluate(PreparedRequest request, EvaluationContext context) {
        return PolicyResponse.none(name());
    }

    @Override
    public PolicyResponse evaluateAfterMutation(PreparedRequest request, EvaluationContext context,
            PolicyMutation mutation) {
        return new PolicyResponse(name(), true, mutation.rules());
    }

    @Override
    public Optional<PolicyMutation> mutate(PreparedRequest request, EvaluationContext context) {
        PolicyVariant<MutatingPolicyProgram> chosen = variants().stream().filter(v -> v.selects(request, context))
                .findFirst().orElse(variants().get(0));
        try {
            return chosen.program().mutate(request, context);
        } catch (PolicyCompileException e) {
            return Optional.of(new PolicyMutation(List.of(RuleResponse.of("", Outcome.ERROR, "the autogen variant of "
                    + "the policy does not compile: " + e.getMessage(), action)), request.request().object()));
        }
    }
}
