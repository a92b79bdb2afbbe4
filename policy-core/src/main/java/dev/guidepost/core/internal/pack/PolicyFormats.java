package dev.guidepost.core.internal.pack;

import java.util.Optional;

import dev.guidepost.core.PolicyFormat;
import dev.guidepost.core.internal.match.ApiResources;

/** Recognises policy documents by apiVersion and kind. */
public final class PolicyFormats {

    private PolicyFormats() {
    }

    /** The policy format of a document, or empty when the document is not a policy. */
    public static Optional<PolicyFormat> of(String apiVersion, String kind) {
        String group = ApiResources.groupOf(apiVersion);
        switch (group) {
            case GuidepostPolicyReader.API_GROUP:
                return "Policy".equals(kind) ? Optional.of(PolicyFormat.GUIDEPOST) : Optional.empty();
            case "kyverno.io":
                if ("ClusterPolicy".equals(kind)) {
                    return Optional.of(PolicyFormat.CLUSTER_POLICY);
                }
                return "Policy".equals(kind) ? Optional.of(PolicyFormat.KYVERNO_POLICY) : Optional.empty();
            case "policies.kyverno.io":
                return switch (kind) {
                    case "ValidatingPolicy" -> Optional.of(PolicyFormat.VALIDATING_POLICY);
                    case "NamespacedValidatingPolicy" -> Optional.of(PolicyFormat.NAMESPACED_VALIDATING_POLICY);
                    case "MutatingPolicy", "NamespacedMutatingPolicy" -> Optional.of(PolicyFormat.MUTATING_POLICY);
                    case "GeneratingPolicy", "NamespacedGeneratingPolicy" ->
                            Optional.of(PolicyFormat.GENERATING_POLICY);
                    case "ImageValidatingPolicy", "NamespacedImageValidatingPolicy" ->
                            Optional.of(PolicyFormat.IMAGE_VALIDATING_POLICY);
                    case "DeletingPolicy", "NamespacedDeletingPolicy" -> Optional.of(PolicyFormat.DELETING_POLICY);
                    default -> Optional.empty();
                };
            case "admissionregistration.k8s.io":
                if ("ValidatingAdmissionPolicy".equals(kind)) {
                    return Optional.of(PolicyFormat.VALIDATING_ADMISSION_POLICY);
                }
                return "MutatingAdmissionPolicy".equals(kind) ? Optional.of(PolicyFormat.MUTATING_ADMISSION_POLICY)
                        : Optional.empty();
            default:
                return Optional.empty();
        }
    }

    /** True for documents in Guidepost's API group (a wrong kind there is an error, not a stray file). */
    public static boolean isGuidepostGroup(String apiVersion) {
        return GuidepostPolicyReader.API_GROUP.equals(ApiResources.groupOf(apiVersion));
    }
}
