package com.acme.shop;

import static dev.guidepost.junit.GuidepostAssertions.assertThatSearch;

import org.junit.jupiter.api.Test;

import dev.guidepost.junit.GuidepostTest;

/**
 * What pack authors keep beside a pack: the questions people ask must find the rule that answers them, clearly
 * enough for {@code satisfyPoliciesDiscoveredFor} to pick it up.
 */
@GuidepostTest(pack = "../pack")
class PackDiscoverabilityTest {

    @Test
    void aQuestionAboutRootFindsTheNonRootRule() {
        assertThatSearch("can my container run as root?").finds("require-run-as-non-root").withinTop(1)
                .withScoreAtLeast(GuidepostTest.DEFAULT_MINIMUM_SCORE);
    }

    @Test
    void aQuestionAboutPublicTrafficFindsTheLoadBalancerRule() {
        assertThatSearch("how do I expose my app on the internet?").finds("restrict-loadbalancer-services")
                .withinTop(3);
    }

    @Test
    void aQuestionAboutImagesFindsTheRegistryRule() {
        assertThatSearch("which container registries may I pull images from?").finds("allowed-registries")
                .withinTop(1);
    }
}
