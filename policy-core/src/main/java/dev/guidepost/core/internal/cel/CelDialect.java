package dev.guidepost.core.internal.cel;

/** The CEL environments Kyverno offers, which differ in variables and libraries. */
public enum CelDialect {
    /**
     * Kyverno's {@code ValidatingPolicy} environment (also used for Guidepost policies): Kubernetes' base
     * environment plus Kyverno's libraries; variables {@code object}, {@code oldObject}, {@code request},
     * {@code namespaceObject}, {@code variables}, {@code exceptions}.
     */
    VALIDATING_POLICY,
    /**
     * The environment of ClusterPolicy {@code validate.cel} rules and ValidatingAdmissionPolicy: Kubernetes'
     * admission environment; variables {@code object}, {@code oldObject}, {@code request},
     * {@code namespaceObject}, {@code variables}, {@code params}, {@code authorizer}.
     */
    ADMISSION
}
