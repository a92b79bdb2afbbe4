package dev.guidepost.core.internal.engine;

import java.util.List;
import java.util.Optional;

import dev.guidepost.core.Policy;

/**
 * A policy and its program, with the expressions that did not compile.
 *
 * @param policy  the policy
 * @param program the program; empty when the policy is not checkable (advisory)
 * @param errors  compile errors, each pointing at a field of the policy document
 */
public record CompiledPolicy(Policy policy, Optional<PolicyProgram> program, List<PolicyCompileException> errors) {

    public CompiledPolicy {
        errors = List.copyOf(errors);
    }
}
