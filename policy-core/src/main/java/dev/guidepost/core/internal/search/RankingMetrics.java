package dev.guidepost.core.internal.search;

import java.util.List;

/**
 * The retrieval measures of one ranked list against a labelled query, as defined for Guidepost's retrieval
 * sets: recall@k counts a hit when one of the {@code primary} leading relevant names is in the top k; reciprocal
 * rank counts the first of any relevant name, and 0 beyond rank 10; nDCG@5 uses binary gain over every relevant
 * name, divided by the ideal DCG of {@code min(5, relevant)} hits.
 */
final class RankingMetrics {

    /** Ranks past this count as a miss for the reciprocal rank. */
    static final int MRR_CUTOFF = 10;

    private RankingMetrics() {
    }

    /** True when one of the first {@code primary} relevant names is in the first {@code k} of the ranking. */
    static boolean hitAt(List<String> ranking, List<String> relevant, int primary, int k) {
        List<String> top = ranking.subList(0, Math.min(k, ranking.size()));
        for (String name : relevant.subList(0, Math.min(primary, relevant.size()))) {
            if (top.contains(name)) {
                return true;
            }
        }
        return false;
    }

    /** 1 / the rank of the first relevant name, or 0 when none is in the first {@link #MRR_CUTOFF}. */
    static double reciprocalRank(List<String> ranking, List<String> relevant) {
        for (int i = 0; i < Math.min(MRR_CUTOFF, ranking.size()); i++) {
            if (relevant.contains(ranking.get(i))) {
                return 1.0 / (i + 1);
            }
        }
        return 0;
    }

    /** nDCG over the first {@code k} with binary gain. */
    static double ndcg(List<String> ranking, List<String> relevant, int k) {
        double dcg = 0;
        for (int i = 0; i < Math.min(k, ranking.size()); i++) {
            if (relevant.contains(ranking.get(i))) {
                dcg += 1 / log2(i + 2);
            }
        }
        double ideal = 0;
        for (int i = 0; i < Math.min(k, relevant.size()); i++) {
            ideal += 1 / log2(i + 2);
        }
        return ideal == 0 ? 0 : dcg / ideal;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
