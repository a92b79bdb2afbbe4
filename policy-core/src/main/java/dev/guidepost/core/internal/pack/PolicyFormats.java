package dev.guidepost.core.internal.pack;

import java.util.List;
import java.util.Map;
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

    /** The policy kinds of each API group that has them, by group (a stable order for the lookup below). */
    private static final Map<String, List<String>> POLICY_KINDS = new java.util.TreeMap<>(Map.of(
            GuidepostPolicyReader.API_GROUP, List.of("Policy"),
            "kyverno.io", List.of("ClusterPolicy", "Policy"),
            "policies.kyverno.io", List.of("ValidatingPolicy", "NamespacedValidatingPolicy", "MutatingPolicy",
                    "NamespacedMutatingPolicy", "GeneratingPolicy", "NamespacedGeneratingPolicy",
                    "ImageValidatingPolicy", "NamespacedImageValidatingPolicy", "DeletingPolicy",
                    "NamespacedDeletingPolicy"),
            "admissionregistration.k8s.io", List.of("ValidatingAdmissionPolicy", "MutatingAdmissionPolicy")));

    /** How many edits still count as a misspelling. */
    private static final int MISSPELT = 2;

    /**
     * What a document that is not a policy was probably meant to be, when its kind or API group is a misspelling
     * of a policy's ({@code ClusterPolcy}, {@code guidpost.dev/v1alpha1}); empty for other documents, which a pack
     * folder may hold.
     */
    public static Optional<String> misspelling(String apiVersion, String kind) {
        String group = ApiResources.groupOf(apiVersion);
        List<String> kinds = POLICY_KINDS.get(group);
        if (kinds != null) {
            return nearest(kinds, kind).map(k -> "unknown kind '" + kind + "' for " + apiVersion
                    + "; did you mean " + k + "? (a document that is not a policy has no place in a pack)");
        }
        for (Map.Entry<String, List<String>> known : POLICY_KINDS.entrySet()) {
            if (IdSimilarity.distance(group, known.getKey()) <= MISSPELT
                    && (known.getValue().contains(kind) || nearest(known.getValue(), kind).isPresent())) {
                String version = apiVersion.contains("/") ? apiVersion.substring(apiVersion.indexOf('/')) : "";
                return Optional.of("unknown API group '" + group + "' in apiVersion " + apiVersion
                        + "; did you mean " + known.getKey() + version + "?");
            }
        }
        return Optional.empty();
    }

    /**
     * Why a Kyverno document that is no policy is not part of a pack, for the documents a pack author would expect
     * to take effect: cleanup policies (PolicyExceptions are kept). Empty for everything else.
     */
    public static Optional<String> notApplied(String apiVersion, String kind) {
        String group = ApiResources.groupOf(apiVersion);
        if (!group.equals("kyverno.io") && !group.equals("policies.kyverno.io")) {
            return Optional.empty();
        }
        if (kind.equals("CleanupPolicy") || kind.equals("ClusterCleanupPolicy")) {
            return Optional.of("this " + kind + " is not part of the pack: Guidepost neither checks nor emits "
                    + "cleanup policies; apply it to the cluster yourself");
        }
        return Optional.empty();
    }

    private static Optional<String> nearest(List<String> kinds, String kind) {
        return kinds.stream().filter(k -> !k.equals(kind) && IdSimilarity.distance(k, kind) <= MISSPELT).findFirst();
    }

    /** True for documents in Guidepost's API group (a wrong kind there is an error, not a stray file). */
    public static boolean isGuidepostGroup(String apiVersion) {
        return GuidepostPolicyReader.API_GROUP.equals(ApiResources.groupOf(apiVersion));
    }
}
