package dev.guidepost.core;

/**
 * A manifest that opts out of one policy with the annotation {@code guidepost.dev/ignore-<policy-id>: "<reason>"}.
 *
 * @param policyId the policy it opts out of
 * @param resource the manifest's kind, namespace and name
 * @param location the manifest's file and line
 * @param reason   why (required; an exemption without a reason is not honoured)
 */
public record Exemption(String policyId, ResourceRef resource, SourceLocation location, String reason) {

    /** The annotation prefix: {@code guidepost.dev/ignore-} followed by the policy id. */
    public static final String ANNOTATION_PREFIX = "guidepost.dev/ignore-";
}
