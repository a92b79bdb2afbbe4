package dev.guidepost.core.internal.kyvernotest;

import java.util.Optional;

import dev.guidepost.core.Policy;
import dev.guidepost.core.PolicyFormat;
import dev.guidepost.core.internal.engine.PolicyProgram;
import dev.guidepost.core.internal.yaml.PlainValues;

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

    /**
     * True when the policy is annotated {@code policies.kyverno.io/scored: "false"}: its failures are reported as
     * warnings ({@code ToPolicyReportResult} in Kyverno's report utilities, which the CLI's test results go through).
     */
    boolean unscored() {
        return "false".equals(PlainValues.string(policy.definition(), "metadata", "annotations",
                "policies.kyverno.io/scored"));
    }

    boolean mutating() {
        return policy.format() == PolicyFormat.MUTATING_POLICY;
    }

    boolean generating() {
        return policy.format() == PolicyFormat.GENERATING_POLICY;
    }

    boolean admissionPolicy() {
        return policy.format() == PolicyFormat.VALIDATING_ADMISSION_POLICY;
    }

    /** A label for breaking results down: {@code ValidatingPolicy}, {@code ClusterPolicy/cel}, {@code .../pattern}. */
    String kindLabel() {
        if (classic()) {
            java.util.Set<String> types = new java.util.TreeSet<>();
            policy.rules().forEach(r -> types.add(r.type()));
            return policy.format().kind() + (types.size() == 1 ? "/" + types.iterator().next()
                    : types.contains("cel") ? "/mixed" : "/other");
        }
        return policy.format().kind();
    }
}
