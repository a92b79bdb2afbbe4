package dev.guidepost.junit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.guidepost.core.SourceLocation;

class TestSourcesTest {

    @Test
    void onlySurefire353LosesDynamicTestsWithAFileSource() {
        assertThat(TestSources.dropsFileSources("3.5.3")).isTrue();
        assertThat(TestSources.dropsFileSources("3.5.4")).isFalse();
        assertThat(TestSources.dropsFileSources("3.5.2")).isFalse();
        assertThat(TestSources.dropsFileSources("")).isFalse();
    }

    @Test
    void theSurefireRunningTheseTestsIsFoundAndTheirSourceNamesFileAndLine() {
        String version = TestSources.runningSurefireVersion();

        org.junit.jupiter.api.Assumptions.assumeFalse(version.isEmpty(), "not run by Surefire");
        assertThat(TestSources.dropsFileSources(version)).as("the build pins a Surefire that keeps them").isFalse();
        assertThat(TestSources.of(SourceLocation.of("k8s/web.yaml", 12)))
                .satisfies(uri -> assertThat(uri.toString()).endsWith("k8s/web.yaml?line=12"));
    }
}
