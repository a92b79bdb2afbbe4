package dev.guidepost.core.internal.search;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WeakMatchTest {

    @Test
    void aDistantMeaningWithOneCommonWordOutOfThreeIsWeak() {
        assertThat(WeakMatch.weak(true, 0.15, 1, 3)).isTrue();
        assertThat(WeakMatch.weak(true, 0.12, 0, 3)).isTrue();
    }

    @Test
    void aCloseMeaningIsNeverWeakEvenWithoutSharedWords() {
        assertThat(WeakMatch.weak(true, 0.30, 0, 8)).isFalse();
    }

    @Test
    void anAcronymFoundByItsWordIsNotWeakThoughItsMeaningIsDistant() {
        assertThat(WeakMatch.weak(true, 0.20, 1, 1)).isFalse();
        assertThat(WeakMatch.weak(true, 0.20, 2, 3)).isFalse();
    }

    @Test
    void byWordsAloneOnlyAHitWithoutAnyQueryWordIsWeak() {
        assertThat(WeakMatch.weak(false, 0, 0, 4)).isTrue();
        assertThat(WeakMatch.weak(false, 0, 1, 9)).isFalse();
    }
}
