package dev.guidepost.core.internal.search;

/**
 * Decides whether a hit answers its query poorly, so that a search can say "no good match" instead of presenting
 * the least bad policy as an answer. With embeddings, a hit is weak when its meaning is far from the query (cosine
 * below {@link #SIMILARITY}) and at most half of the query's words occur in it: one common word such as "time" or
 * "file" is no evidence. By words alone, a hit is weak when none of the query's words occur in it.
 *
 * <p>Calibrated with the quantized all-MiniLM-L6-v2 (the default) on the 308-policy development corpus ({@code WeakMatchCalibrationTest}): the
 * top hits of the 200 development questions, of every policy title and of single technical keywords have cosines
 * of 0.27 or more, or match their words; clearly off-topic questions stay below 0.22.
 */
public final class WeakMatch {

    /** The cosine below which a hit's meaning is not taken as an answer (in the gap between 0.22 and 0.27). */
    public static final double SIMILARITY = 0.25;

    private WeakMatch() {
    }

    /**
     * True when a hit is a weak answer.
     *
     * @param semantic     whether the ranking used meaning (else words alone)
     * @param similarity   the cosine of the query to the hit's closest view
     * @param matchedWords how many distinct query words occur in the hit
     * @param queryWords   how many distinct query words can match at all (stopwords left out)
     */
    public static boolean weak(boolean semantic, double similarity, int matchedWords, int queryWords) {
        if (!semantic) {
            return matchedWords == 0;
        }
        return similarity < SIMILARITY && 2 * matchedWords <= queryWords;
    }
}
