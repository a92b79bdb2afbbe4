package dev.guidepost.core;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The kind of policies {@link KyvernoEmitter} writes for the cluster. */
public enum EmitFormat {
    /** Kyverno's {@code ValidatingPolicy} ({@code policies.kyverno.io/v1}), the standard since Kyverno 1.17. */
    VALIDATING_POLICY("validating-policy"),
    /** Kyverno's {@code ClusterPolicy} ({@code kyverno.io/v1}) with {@code validate.cel} rules, for older Kyverno. */
    CLUSTER_POLICY("cluster-policy"),
    /**
     * Kubernetes' {@code ValidatingAdmissionPolicy} with a {@code ValidatingAdmissionPolicyBinding}
     * ({@code admissionregistration.k8s.io/v1}), for clusters without Kyverno.
     */
    VALIDATING_ADMISSION_POLICY("vap");

    private final String label;

    EmitFormat(String label) {
        this.label = label;
    }

    /** The name used on the command line: {@code validating-policy}, {@code cluster-policy} or {@code vap}. */
    public String label() {
        return label;
    }

    /** Parses a label (or the enum name), case-insensitively. */
    public static Optional<EmitFormat> parse(String text) {
        String wanted = text.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        return Arrays.stream(values()).filter(f -> f.label.equals(wanted)
                || f.name().toLowerCase(Locale.ROOT).replace('_', '-').equals(wanted)).findFirst();
    }

    /** The labels, for messages: {@code validating-policy, cluster-policy, vap}. */
    public static String labels() {
        return Arrays.stream(values()).map(EmitFormat::label).collect(Collectors.joining(", "));
    }
}
