package dev.guidepost.core;

/**
 * A manifest exempted from one policy: by the annotation {@code guidepost.dev/ignore-<policy-id>: "<reason>"},
 * which only Guidepost's checks read, or by a Kyverno PolicyException of the pack, which the cluster applies too.
 *
 * @param policyId  the policy it is exempted from
 * @param resource  the manifest's kind, namespace and name
 * @param location  the manifest's file and line
 * @param reason    why (the annotation's value, or which PolicyException)
 * @param exception the PolicyException's name; empty for the annotation
 */
public record Exemption(String policyId, ResourceRef resource, SourceLocation location, String reason,
        String exception) {

    /** The annotation prefix: {@code guidepost.dev/ignore-} followed by the policy id. */
    public static final String ANNOTATION_PREFIX = "guidepost.dev/ignore-";

    public Exemption {
        exception = exception == null ? "" : exception;
    }

    /** An exemption by the annotation. */
    public Exemption(String policyId, ResourceRef resource, SourceLocation location, String reason) {
        this(policyId, resource, location, reason, "");
    }

    /** True for an exemption by a Kyverno PolicyException, which holds in the cluster too. */
    public boolean byPolicyException() {
        return !exception.isEmpty();
    }
}
