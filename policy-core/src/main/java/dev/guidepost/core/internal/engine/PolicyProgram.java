package dev.guidepost.core.internal.engine;

/** A compiled, checkable policy; immutable and safe to evaluate from many threads. */
public interface PolicyProgram {

    /** The policy's name. */
    String name();

    /** The policy's answer for a request. */
    PolicyResponse evaluate(PreparedRequest request, EvaluationContext context);

    /**
     * Kyverno's mutation phase for a request: the responses of the policy's mutate rules and the object they
     * patched; empty for policies that do not mutate.
     */
    default java.util.Optional<PolicyMutation> mutate(PreparedRequest request, EvaluationContext context) {
        return java.util.Optional.empty();
    }

    /**
     * The Kyverno CLI's generate step for a request: the responses of the policy's generate rules and what each
     * generated; empty for policies that do not generate. {@code cloneSources} are the objects a clone may copy.
     */
    default java.util.Optional<PolicyGeneration> generate(PreparedRequest request, EvaluationContext context,
            java.util.List<java.util.Map<String, Object>> cloneSources) {
        return java.util.Optional.empty();
    }

    /**
     * The policy's answer after the mutation phase: its mutation's rule responses, then its other rules evaluated
     * on the request (whose object is the one every mutating policy patched).
     */
    default PolicyResponse evaluateAfterMutation(PreparedRequest request, EvaluationContext context,
            PolicyMutation mutation) {
        return evaluate(request, context);
    }

    /** True when at least one of the policy's rules (or autogen variants) selects the request. */
    boolean selects(PreparedRequest request, EvaluationContext context);

    /**
     * True when the rule (as reported, autogen variants included) selects the request only through match blocks
     * that name users ({@code subjects}, {@code roles}, {@code clusterRoles}): at admission it then applies to those
     * users alone, which a check of manifests cannot know. Kyverno's CLI drops those criteria when the request
     * names no user, and so does evaluation; this says what the cluster would do.
     */
    default boolean selectsOnlyForSomeUsers(String rule, PreparedRequest request, EvaluationContext context) {
        return false;
    }
}
