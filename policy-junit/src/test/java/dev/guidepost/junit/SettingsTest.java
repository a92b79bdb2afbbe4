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

    @GuidepostTest(pack = "../samples/pack, classpath:tiny-pack")
    static class TwoPacks {
    }

    @GuidepostTest(pack = "../samples/pack,../samples/no-such-pack")
    static class OneMissing {
    }

    @Test
    void severalPacksSeparatedByCommasAreCombinedAsThePluginCombinesThem() {
        dev.guidepost.core.PolicyPack pack = settings(TwoPacks.class).loadPack();

        assertThat(pack.coordinates()).isEqualTo("acme-platform@1.0.0+tiny-pack@0.0.1");
        assertThat(pack.policy("configmaps-have-owner")).isPresent();
        assertThat(pack.policy("require-run-as-non-root")).isPresent();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> settings(OneMissing.class).loadPack())
                .hasMessageContaining("no pack at").hasMessageContaining("no-such-pack");
    }

    private static Settings settings(Class<?> type) {
        return Settings.of(type.getAnnotation(GuidepostTest.class), type);
    }
}
