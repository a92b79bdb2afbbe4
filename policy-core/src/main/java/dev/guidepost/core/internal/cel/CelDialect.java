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
     * Kyverno's {@code MutatingPolicy} environment: {@link #VALIDATING_POLICY}'s, plus Kubernetes' mutation
     * construction types {@code Object.<path>{...}} and {@code JSONPatch{...}} and {@code jsonpatch.escapeKey}.
     */
    MUTATING_POLICY,
    /**
     * Kyverno's {@code GeneratingPolicy} environment: {@link #VALIDATING_POLICY}'s, plus
     * {@code generator.Apply(namespace, objects)}, answered by the evaluation's {@link ClusterData}.
     */
    GENERATING_POLICY,
    /**
     * The environment of ClusterPolicy {@code validate.cel} rules and ValidatingAdmissionPolicy: Kubernetes'
     * admission environment; variables {@code object}, {@code oldObject}, {@code request},
     * {@code namespaceObject}, {@code variables}, {@code params}, {@code authorizer}.
     */
    ADMISSION,
    /**
     * Kyverno authz's environment for ValidatingPolicies in {@code evaluation.mode: Envoy} (kyverno-authz
     * pkg/cel/env.go): the common libraries plus bindings, encoders, math, the envoy and JWT libraries and the
     * cluster-facing functions; variables {@code object} (the envoy CheckRequest) and {@code variables}.
     */
    ENVOY_AUTHZ,
    /** As {@link #ENVOY_AUTHZ}, for {@code evaluation.mode: HTTP}, with the HTTP authorization library. */
    HTTP_AUTHZ;

    /** True for the authorization dialects. */
    public boolean authz() {
        return this == ENVOY_AUTHZ || this == HTTP_AUTHZ;
    }
}
