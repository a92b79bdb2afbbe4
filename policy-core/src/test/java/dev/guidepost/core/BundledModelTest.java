package dev.guidepost.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The real in-process model (the default, quantized) loads from its jar and ranks by meaning. */
class BundledModelTest {

    @Test
    void theDefaultModelRanksAParaphraseByMeaning() {
        KnowledgeBase kb = KnowledgeBase.builder(PolicyPack.load(KnowledgeBaseTest.FIXTURE_PACK)).classLoader(null)
                .build();

        assertThat(kb.semantic()).as("warnings: %s", kb.warnings()).isTrue();
        SearchHit hit = kb.search("may my workload mount directories from the node's disk?", 1).get(0);
        assertThat(hit.policy().id()).isEqualTo("disallow-host-path");
        assertThat(hit.why().similarity()).isGreaterThan(0.3);
        assertThat(hit.why().view()).isEqualTo("summary");
    }
}
