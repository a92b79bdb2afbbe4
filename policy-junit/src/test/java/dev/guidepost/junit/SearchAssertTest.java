package dev.guidepost.junit;

import static dev.guidepost.junit.GuidepostAssertions.assertThatSearch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import dev.guidepost.core.KnowledgeBase;
import dev.guidepost.core.PolicyPack;

/** Discoverability assertions, on a knowledge base that ranks by words (the messages do not depend on meaning). */
class SearchAssertTest {

    private static final KnowledgeBase WORDS = KnowledgeBase.builder(PolicyPack.load(Path.of("../samples/pack")))
            .lexicalOnly().build();

    @Test
    void passesWhenThePolicyRanksWithinTheTopK() {
        assertThatCode(() -> assertThatSearch(WORDS, "hostPath volumes").finds("disallow-host-path").withinTop(1)
                .withScoreAtLeast(GuidepostTest.DEFAULT_MINIMUM_SCORE)).doesNotThrowAnyException();
    }

    @Test
    void theDiscoveryScoreIsTheDefaultScaledToSmallPacksOrTheMinimumSet() {
        assertThat(DiscoveryThreshold.of(GuidepostTest.DEFAULT_MINIMUM_SCORE, true, 8)).isCloseTo(1.03,
                org.assertj.core.data.Offset.offset(0.005));
        assertThat(DiscoveryThreshold.of(GuidepostTest.DEFAULT_MINIMUM_SCORE, true, 12)).isCloseTo(1.39,
                org.assertj.core.data.Offset.offset(0.005));
        assertThat(DiscoveryThreshold.of(GuidepostTest.DEFAULT_MINIMUM_SCORE, true, 15)).isEqualTo(1.5);
        assertThat(DiscoveryThreshold.of(2.0, false, 8)).isEqualTo(2.0);
        assertThatCode(() -> assertThatSearch(WORDS, "hostPath volumes").finds("disallow-host-path")
                .withDiscoveryScore()).doesNotThrowAnyException();
    }

    @Test
    void failsWithTheRankAndTheHitsAboveIt() {
        assertThatThrownBy(() -> assertThatSearch(WORDS, "hostPath volumes").finds("disallow-privileged-containers")
                .withinTop(1))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("to find disallow-privileged-containers within the top 1, but it ranks 2nd of 5")
                .hasMessageContaining("  1. disallow-host-path (")
                .hasMessageContaining("(by words only)");
    }

    @Test
    void failsWhenTheScoreIsBelowTheDiscoveryThreshold() {
        assertThatThrownBy(() -> assertThatSearch(WORDS, "hostPath volumes").finds("disallow-host-path")
                .withScoreAtLeast(1000))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("to find disallow-host-path with a score of at least 1000.00, but it scores ");
    }

    @Test
    void aDiscoveryScoreFailureSaysWhichMinimumItUsed() {
        // the policy ranked second by words scores under the default minimum scaled to the 13-policy pack
        assertThatThrownBy(() -> assertThatSearch(WORDS, "hostPath volumes").finds("disallow-privileged-containers")
                .withDiscoveryScore())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("(the discovery minimum: the default, scaled to a pack of ");
    }

    @Test
    void anUnknownPolicyIsAConfigurationError() {
        assertThatThrownBy(() -> assertThatSearch(WORDS, "hostPath volumes").finds("no-host-path"))
                .isInstanceOf(GuidepostConfigurationException.class)
                .hasMessage("no policy 'no-host-path' in pack acme-platform@1.0.0; did you mean disallow-host-path?");
    }

    @Test
    void aBlankQueryIsAConfigurationError() {
        assertThatThrownBy(() -> assertThatSearch(WORDS, " ").finds("disallow-host-path"))
                .isInstanceOf(GuidepostConfigurationException.class).hasMessageContaining("blank");
    }

    @Test
    void withoutAKnowledgeBaseOrTheExtensionTheMessageSaysHowToGetOne() {
        assertThatThrownBy(() -> assertThatSearch("hostPath volumes"))
                .isInstanceOf(GuidepostConfigurationException.class)
                .hasMessageContaining("@GuidepostTest(pack = ");
    }
}
