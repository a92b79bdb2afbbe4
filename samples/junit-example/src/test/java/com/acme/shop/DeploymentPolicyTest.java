package com.acme.shop;

import static dev.guidepost.junit.GuidepostAssertions.assertThatManifests;
import static dev.guidepost.junit.GuidepostAssertions.assertThatSearch;

import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import dev.guidepost.core.KnowledgeBase;
import dev.guidepost.junit.Guidepost;
import dev.guidepost.junit.GuidepostTest;

/** The shop's manifests follow ACME's rules (the sample pack beside this project). */
@GuidepostTest(pack = "../pack")
class DeploymentPolicyTest {

    @Test
    void databaseManifestsFollowTheRules() {
        assertThatManifests("src/main/k8s/postgres.yaml")
                .satisfyPoliciesDiscoveredFor("deploying a PostgreSQL database");
    }

    @Test
    void allManifestsSatisfyEveryApplicablePolicy() {
        assertThatManifests("src/main/k8s").satisfyAllApplicablePolicies();
    }

    @Test
    void theWebFrontEndRunsAsNonRootFromOurRegistry() {
        assertThatManifests("src/main/k8s/web.yaml").satisfy("require-run-as-non-root", "allowed-registries");
    }

    @Test
    void theBadExampleIsRejected() {
        assertThatManifests("src/test/k8s/public-db.yaml").violate("databases-in-us-east-1");
    }

    @Test
    void theRuleIsFindable(KnowledgeBase kb) {
        assertThatSearch(kb, "where can my database run?").finds("databases-in-us-east-1").withinTop(3);
    }

    @TestFactory
    Stream<DynamicTest> everyManifestAgainstEveryPolicy() {
        return Guidepost.dynamicTests("src/main/k8s");
    }
}
