package dev.guidepost.cli.render;

import java.util.List;

import dev.guidepost.core.PolicyPack;

/** "Did you mean" for mistyped policy ids, from the pack's own similarity ({@link PolicyPack#similarIds}). */
public final class PolicyIds {

    private PolicyIds() {
    }

    /** {@code " (did you mean a, b?)"} or empty. */
    public static String didYouMean(PolicyPack pack, String id) {
        List<String> similar = pack.similarIds(id);
        return similar.isEmpty() ? "" : " (did you mean " + String.join(", ", similar) + "?)";
    }
}
