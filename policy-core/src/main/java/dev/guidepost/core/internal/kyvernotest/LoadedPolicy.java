package dev.guidepost.core.internal.kyvernotest;

import java.util.Optional;

import dev.guidepost.core.Policy;
import dev.guidepost.core.PolicyFormat;
import dev.guidepost.core.internal.engine.PolicyProgram;

/**
 * A policy of a Kyverno CLI test: its program when Guidepost can evaluate it, otherwise the feature it lacks.
 */
record LoadedPolicy(Policy policy, Optional<PolicyProgram> program, String unsupported) {

    String name() {
        return policy.id();
    }

    boolean classic() {
        return policy.format() == PolicyFormat.CLUSTER_POLICY || policy.format() == PolicyFormat.KYVERNO_POLICY;
    }

    boolean admissionPolicy() {
        return policy.format() == PolicyFormat.VALIDATING_ADMISSION_POLICY;
    }

    /** A label for breaking results down: {@code ValidatingPolicy}, {@code ClusterPolicy/cel}, ... */
    String kindLabel() {
        if (classic()) {
            boolean cel = policy.rules().stream().anyMatch(r -> r.type().equals("cel"));
            boolean other = policy.rules().stream().anyMatch(r -> !r.type().equals("cel"));
            return policy.format().kind() + (cel && !other ? "/cel" : cel ? "/mixed" : "/other");
        }
        return policy.format().kind();
    }
}
