package dev.guidepost.core.internal.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class FusionTest {

    @Test
    void zScoresAreDistancesFromTheMeanInStandardDeviations() {
        // mean 2, population standard deviation sqrt(2/3)
        double sd = Math.sqrt(2.0 / 3);
        assertThat(Fusion.zScores(new double[] {1, 2, 3}))
                .containsExactly(new double[] {-1 / sd, 0, 1 / sd}, within(1e-12));
    }

    @Test
    void scoresThatDoNotVaryGiveZeros() {
        assertThat(Fusion.zScores(new double[] {0, 0, 0})).containsExactly(0, 0, 0);
        assertThat(Fusion.zScores(new double[] {})).isEmpty();
    }

    @Test
    void linearFusionWeighsTheFirstList() {
        assertThat(Fusion.linear(0.75, new double[] {2, 0}, new double[] {0, 4}))
                .containsExactly(new double[] {1.5, 1.0}, within(1e-12));
    }

    @Test
    void aClearLexicalWinnerCanOvertakeASlightSemanticLead() {
        double[] semantic = Fusion.zScores(new double[] {0.52, 0.50, 0.10, 0.12});
        double[] lexical = Fusion.zScores(new double[] {0, 9, 0, 0});
        double[] fused = Fusion.linear(Fusion.SEMANTIC_WEIGHT, semantic, lexical);
        assertThat(fused[1]).isGreaterThan(fused[0]);
    }
}
