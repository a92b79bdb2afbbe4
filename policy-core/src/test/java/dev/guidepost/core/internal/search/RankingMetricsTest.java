package dev.guidepost.core.internal.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

class RankingMetricsTest {

    private static final List<String> RANKING = List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l");

    @Test
    void recallCountsOnlyThePrimaryNames() {
        // relevant [d, b], primary 1: only d counts for recall
        assertThat(RankingMetrics.hitAt(RANKING, List.of("d", "b"), 1, 3)).isFalse();
        assertThat(RankingMetrics.hitAt(RANKING, List.of("d", "b"), 1, 5)).isTrue();
        assertThat(RankingMetrics.hitAt(RANKING, List.of("d", "b"), 2, 3)).isTrue();
    }

    @Test
    void reciprocalRankUsesTheFirstRelevantNameOfAny() {
        assertThat(RankingMetrics.reciprocalRank(RANKING, List.of("d", "b"))).isEqualTo(0.5);
        assertThat(RankingMetrics.reciprocalRank(RANKING, List.of("j"))).isEqualTo(0.1);
    }

    @Test
    void reciprocalRankIsZeroPastTen() {
        assertThat(RankingMetrics.reciprocalRank(RANKING, List.of("k", "l"))).isZero();
    }

    @Test
    void ndcgAtFiveWithBinaryGain() {
        // hits at ranks 2 and 4 of relevant [b, d, z]: DCG = 1/log2(3) + 1/log2(5); IDCG = 1 + 1/log2(3) + 1/2
        double dcg = 1 / log2(3) + 1 / log2(5);
        double ideal = 1 + 1 / log2(3) + 1 / log2(4);
        assertThat(RankingMetrics.ndcg(RANKING, List.of("b", "d", "z"), 5)).isCloseTo(dcg / ideal, within(1e-12));
    }

    @Test
    void ndcgIdealIsCappedAtFiveHits() {
        List<String> six = List.of("a", "b", "c", "d", "e", "z");
        assertThat(RankingMetrics.ndcg(RANKING, six, 5)).isCloseTo(1.0, within(1e-12));
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
