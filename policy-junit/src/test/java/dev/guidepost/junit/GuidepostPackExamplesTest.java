package dev.guidepost.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

import dev.guidepost.core.PolicyEngine;
import dev.guidepost.core.PolicyPack;

class GuidepostPackExamplesTest {

    private static final PolicyEngine SAMPLE = PolicyEngine.of(PolicyPack.load(Path.of("../samples/pack")));

    @TestFactory
    Stream<DynamicTest> everyExampleOfTheSamplePackIsATestThatPasses() {
        List<DynamicTest> tests = Guidepost.packExamples(SAMPLE).toList();

        assertThat(tests).hasSize(32).allSatisfy(t -> assertThat(t.getDisplayName()).contains(" ▸ ")
                .containsAnyOf(" pass example ", " fail example "));
        assertThat(tests).allSatisfy(t -> assertThat(t.getTestSourceUri()).isPresent());
        return tests.stream();
    }

    @Test
    void aWrongExampleFailsWithWhereItIsWritten() {
        PolicyPack pack = PolicyPack.parse("""
                apiVersion: guidepost.dev/v1alpha1
                kind: Policy
                metadata:
                  name: two-replicas
                spec:
                  title: Two replicas
                  description: Deployments run at least two replicas.
                  match:
                    kinds: [Deployment]
                  validations:
                    - expression: "object.spec.replicas >= 2"
                      message: run at least two replicas
                  examples:
                    pass:
                      - apiVersion: apps/v1
                        kind: Deployment
                        metadata: {name: one}
                        spec: {replicas: 1}
                """, "two-replicas.yaml");

        DynamicTest test = Guidepost.packExamples(PolicyEngine.of(pack)).findFirst().orElseThrow();

        assertThat(test.getDisplayName()).isEqualTo("two-replicas ▸ pass example one");
        assertThatThrownBy(() -> test.getExecutable().execute()).isInstanceOf(AssertionFailedError.class)
                .hasMessageStartingWith("two-replicas.yaml:")
                .hasMessageContaining("two-replicas: the pass example one should pass the policy, but it gave fail");
    }

    @Test
    void anExampleCopiedToTheBuildOutputIsShownFromItsSource(@TempDir Path project) throws Exception {
        Path source = Files.createDirectories(project.resolve("src/test/resources/META-INF/guidepost/shop"))
                .resolve("replicas.yaml");
        Path copy = Files.createDirectories(project.resolve("target/test-classes/META-INF/guidepost/shop"))
                .resolve("replicas.yaml");
        Files.writeString(source, "kind: Policy\n");
        Files.writeString(copy, "kind: Policy\n");

        assertThat(FailureText.sourceFile(copy.toString(), project)).isEqualTo(source.toString());
        // without a source beside it, the copy is what there is
        Files.delete(source);
        assertThat(FailureText.sourceFile(copy.toString(), project)).isEqualTo(copy.toString());
    }
}
