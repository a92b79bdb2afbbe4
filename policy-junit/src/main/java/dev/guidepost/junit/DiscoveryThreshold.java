package dev.guidepost.junit;

/**
 * The minimum score at which {@link ManifestsAssert#satisfyPoliciesDiscoveredFor(String)} discovers a policy: the
 * class's {@link GuidepostTest#minimumScore()} when set, else {@link GuidepostTest#DEFAULT_MINIMUM_SCORE} scaled to
 * small packs. When k of a pack's n policies fit a question equally and the rest not at all, each scores
 * √((n−k)/k): policies that share a topic share the score, so in a small pack the default would leave them all out;
 * there it becomes 80% of that score for three policies, 0.8 √((n−3)/3).
 */
final class DiscoveryThreshold {

    /** How many policies may fit one intent equally well and still all be discovered at the default minimum. */
    private static final int EQUALLY_FITTING = 3;

    /** The share of that shared score the default minimum becomes where it is out of reach (under 14 policies). */
    private static final double SMALL_PACK_SHARE = 0.8;

    private DiscoveryThreshold() {
    }

    /** The minimum for a pack of {@code policies}, from a minimum set explicitly or, when unset, the default. */
    static double of(double minimumScore, boolean scaleToPack, int policies) {
        double shared = Math.sqrt(Math.max(0, policies - EQUALLY_FITTING) / (double) EQUALLY_FITTING);
        return scaleToPack ? Math.min(minimumScore, SMALL_PACK_SHARE * shared) : minimumScore;
    }

    /** ", and when 3 policies fit a question equally each scores √((n−3)/3) = x", for packs larger than 3. */
    static String sharedNote(int policies) {
        if (policies <= EQUALLY_FITTING) {
            return "";
        }
        double shared = Math.sqrt((policies - EQUALLY_FITTING) / (double) EQUALLY_FITTING);
        return ", and when " + EQUALLY_FITTING + " policies fit a question equally each scores √("
                + (policies - EQUALLY_FITTING) + "/" + EQUALLY_FITTING + ") = " + FailureText.score(shared);
    }

    /** The minimum under the current test class's settings. */
    static double current(int policies) {
        double minimum = TestScope.currentSettings().minimumScore();
        return minimum == GuidepostTest.UNSET_MINIMUM_SCORE
                ? of(GuidepostTest.DEFAULT_MINIMUM_SCORE, true, policies) : minimum;
    }
}
