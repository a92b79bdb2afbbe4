package dev.guidepost.core.internal.emit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import dev.guidepost.core.Policy;
import dev.guidepost.core.PolicyPack;
import dev.guidepost.core.internal.digest.Sha256;
import dev.guidepost.core.internal.json.Json;
import dev.guidepost.core.internal.match.PodControllers;
import dev.guidepost.core.internal.yaml.PlainValues;

/**
 * The annotations every emitted policy carries: Kyverno's {@code policies.kyverno.io/*} text (title, category,
 * severity, subject, description) taken from the plain-English policy, and Guidepost's way back to the pack entry
 * ({@code guidepost.dev/policy-id}, {@code guidepost.dev/pack}, {@code guidepost.dev/source-hash}).
 */
final class PolicyAnnotations {

    static final String POLICY_ID = "guidepost.dev/policy-id";
    static final String PACK = "guidepost.dev/pack";
    static final String SOURCE_HASH = "guidepost.dev/source-hash";

    private static final String KYVERNO = "policies.kyverno.io/";
    private static final Set<String> POD_CONTROLLERS = Set.copyOf(PodControllers.CLUSTER_POLICY);

    private PolicyAnnotations() {
    }

    /** The annotations of a policy of a pack, in a fixed order. */
    static Map<String, Object> of(Policy policy, PolicyPack pack) {
        Map<String, Object> annotations = new LinkedHashMap<>();
        annotations.put(KYVERNO + "title", policy.title());
        if (!policy.category().isEmpty()) {
            annotations.put(KYVERNO + "category", policy.category());
        }
        annotations.put(KYVERNO + "severity", policy.severity().label());
        String subject = subject(policy);
        if (!subject.isEmpty()) {
            annotations.put(KYVERNO + "subject", subject);
        }
        annotations.put(KYVERNO + "description", policy.rationale().isEmpty() ? policy.description()
                : policy.description() + " Why: " + policy.rationale());
        putWayBack(annotations, policy, pack);
        return annotations;
    }

    /** Guidepost's way back from an emitted document to the pack entry it came from. */
    private static void putWayBack(Map<String, Object> annotations, Policy policy, PolicyPack pack) {
        annotations.put(POLICY_ID, policy.id());
        annotations.put(PACK, pack.coordinatesOf(policy.id()));
        annotations.put(SOURCE_HASH, sourceHash(policy));
    }

    /**
     * An imported Kyverno policy as it goes to the cluster: its own document, with Guidepost's way back to the pack
     * entry added to its annotations (after its own, which are kept as written).
     */
    static Map<String, Object> passedThrough(Policy policy, PolicyPack pack) {
        Map<String, Object> document = new LinkedHashMap<>(policy.definition());
        Map<String, Object> metadata = new LinkedHashMap<>(PlainValues.map(document, "metadata"));
        Map<String, Object> annotations = new LinkedHashMap<>(PlainValues.map(metadata, "annotations"));
        putWayBack(annotations, policy, pack);
        metadata.put("annotations", annotations);
        document.put("metadata", metadata);
        return document;
    }

    /** A SHA-256 of the policy's source definition in canonical JSON: it changes exactly when the source does. */
    static String sourceHash(Policy policy) {
        return "sha256:" + Sha256.hex(Json.canonical(policy.definition()));
    }

    /**
     * Kyverno's {@code subject}: the policy's own, otherwise the kinds its match names ({@code match.kinds} as
     * written, or the kinds it selects without the pod controllers autogen adds).
     */
    private static String subject(Policy policy) {
        if (!policy.subject().isEmpty()) {
            return policy.subject();
        }
        Set<String> kinds = new LinkedHashSet<>();
        for (String reference : PlainValues.strings(policy.definition(), "spec", "match", "kinds")) {
            kinds.add(reference.substring(reference.lastIndexOf('/') + 1));
        }
        if (kinds.isEmpty()) {
            boolean pods = policy.kinds().contains("Pod");
            for (String kind : policy.kinds()) {
                if (!pods || !POD_CONTROLLERS.contains(kind)) {
                    kinds.add(kind);
                }
            }
        }
        return String.join(", ", new ArrayList<>(kinds));
    }

    /** The metadata of an emitted document: its name, then the annotations. */
    static Map<String, Object> metadata(String name, Map<String, Object> annotations) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", name);
        metadata.put("annotations", annotations);
        return metadata;
    }

    /** A new map of the annotations with one more at the end. */
    static Map<String, Object> with(Map<String, Object> annotations, String key, String value) {
        Map<String, Object> out = new LinkedHashMap<>(annotations);
        out.put(key, value);
        return out;
    }
}
