package dev.guidepost.junit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SettingsTest {

    @GuidepostTest(pack = "../samples/pack")
    static class Unset {
    }

    @GuidepostTest(pack = "../samples/pack", minimumScore = 1.5)
    static class SetToTheDefaultValue {
    }

    @Test
    void aMinimumScoreSetOnTheAnnotationIsKeptEvenWhenItEqualsTheDefault() {
        assertThat(settings(Unset.class).minimumScore()).isEqualTo(GuidepostTest.UNSET_MINIMUM_SCORE);
        assertThat(settings(SetToTheDefaultValue.class).minimumScore()).isEqualTo(GuidepostTest.DEFAULT_MINIMUM_SCORE)
                .isNotEqualTo(GuidepostTest.UNSET_MINIMUM_SCORE);
        assertThat(Settings.defaults().minimumScore()).isEqualTo(GuidepostTest.UNSET_MINIMUM_SCORE);
    }

    private static Settings settings(Class<?> type) {
        return Settings.of(type.getAnnotation(GuidepostTest.class), type);
    }
}
