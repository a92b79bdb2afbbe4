package dev.guidepost.core.internal.engine;

/** A compiled, checkable policy; immutable and safe to evaluate from many threads. */
public interface PolicyProgram {

    /** The policy's name. */
    String name();

    /** The policy's answer for a request. */
    PolicyResponse evaluate(PreparedRequest request, EvaluationContext context);

    /** True when at least one of the policy's rules (or autogen variants) selects the request. */
    boolean selects(PreparedRequest request, EvaluationContext context);
}
