package dev.guidepost.cli.render;

import dev.guidepost.core.PolicyPack;

/** The values the category and kind filters can take in a pack, for an answer that a filter left empty. */
public final class FilterValues {

    private FilterValues() {
    }

    /** "Categories in this pack: ... Kinds its policies select: ..." (no final full stop). */
    public static String describe(PolicyPack pack) {
        return "Categories in this pack: " + String.join(", ", pack.categories())
                + ". Kinds its policies select: " + String.join(", ", pack.kinds());
    }
}
