package dev.guidepost.core;

import java.util.List;

import dev.guidepost.core.internal.pack.IdSimilarity;

/**
 * An exemption annotation ({@code guidepost.dev/ignore-<policy-id>}) that names no policy of the pack, most often a
 * misspelt id: it exempts nothing, so a report says so rather than let the author believe the manifest is exempt.
 *
 * @param policyId   the id the annotation names
 * @param resource   the manifest's kind, namespace and name
 * @param location   the manifest's file and line
 * @param similarIds ids of the pack that look like it, closest first (may be empty)
 */
public record UnknownExemption(String policyId, ResourceRef resource, SourceLocation location,
        List<String> similarIds) {

    public UnknownExemption {
        similarIds = List.copyOf(similarIds);
    }

    /** One sentence for reports: what is wrong and what to do. */
    public String describe() {
        return "the annotation " + Exemption.ANNOTATION_PREFIX + policyId + " names no policy of the pack, so it "
                + "exempts nothing" + (similarIds.isEmpty() ? "; check the policy id"
                        : IdSimilarity.didYouMean(similarIds));
    }
}
