package dev.guidepost.core;

/** The file format a policy was written in. */
public enum PolicyFormat {
    /** Guidepost's own plain-English-first format ({@code guidepost.dev/v1alpha1}, kind {@code Policy}). */
    GUIDEPOST("Policy", true),
    /** Kyverno's CEL-based {@code ValidatingPolicy} ({@code policies.kyverno.io}). */
    VALIDATING_POLICY("ValidatingPolicy", true),
    /** Kyverno's namespaced {@code NamespacedValidatingPolicy}. */
    NAMESPACED_VALIDATING_POLICY("NamespacedValidatingPolicy", true),
    /** Kyverno's {@code ClusterPolicy} ({@code kyverno.io}); its {@code validate.cel} rules are evaluated. */
    CLUSTER_POLICY("ClusterPolicy", true),
    /** Kyverno's namespaced {@code Policy} ({@code kyverno.io}). */
    KYVERNO_POLICY("Policy", true),
    /** Kubernetes' {@code ValidatingAdmissionPolicy}. */
    VALIDATING_ADMISSION_POLICY("ValidatingAdmissionPolicy", true),
    /** Kyverno's {@code MutatingPolicy}; searchable, not checked. */
    MUTATING_POLICY("MutatingPolicy", false),
    /** Kyverno's {@code GeneratingPolicy}; searchable, not checked. */
    GENERATING_POLICY("GeneratingPolicy", false),
    /** Kyverno's {@code ImageValidatingPolicy}; searchable, not checked. */
    IMAGE_VALIDATING_POLICY("ImageValidatingPolicy", false),
    /** Kyverno's {@code DeletingPolicy}; searchable, not checked. */
    DELETING_POLICY("DeletingPolicy", false),
    /** Kubernetes' {@code MutatingAdmissionPolicy}; searchable, not checked. */
    MUTATING_ADMISSION_POLICY("MutatingAdmissionPolicy", false);

    private final String kind;
    private final boolean validating;

    PolicyFormat(String kind, boolean validating) {
        this.kind = kind;
        this.validating = validating;
    }

    /** The {@code kind} of the document. */
    public String kind() {
        return kind;
    }

    /** True for formats whose rules validate resources (and so can be checked). */
    public boolean validating() {
        return validating;
    }
}
