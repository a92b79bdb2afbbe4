package dev.guidepost.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The sample pack's examples are its tests: every pass example passes and every fail example fails. */
class SamplePackExamplesTest {

    @Test
    void everyExampleOfTheSamplePackGivesItsExpectedVerdict() {
        PolicyEngine engine = PolicyEngine.of(PolicyPack.load(PolicyPackTest.SAMPLE_PACK));

        KyvernoTestReport report = PackExamples.run(engine);

        assertThat(report.results()).as(report.summary()).isNotEmpty()
                .allSatisfy(r -> assertThat(r.status()).as(r.reason()).isEqualTo(ExpectationResult.Status.PASSED));
        assertThat(report.results()).extracting(ExpectationResult::expected).contains("pass", "fail");
        for (Policy policy : engine.enforceablePolicies()) {
            assertThat(policy.examples().pass()).as(policy.id() + " has pass examples").isNotEmpty();
            assertThat(policy.examples().fail()).as(policy.id() + " has fail examples").isNotEmpty();
        }
    }

    @Test
    void aWrongExampleFailsWithItsLocation() {
        PolicyPack pack = PolicyPack.parse("""
                apiVersion: guidepost.dev/v1alpha1
                kind: Policy
                metadata:
                  name: two-replicas
                spec:
                  description: Deployments run two replicas.
                  match: {kinds: [Deployment]}
                  validations:
                    - expression: "object.spec.replicas >= 2"
                  examples:
                    pass:
                      - apiVersion: apps/v1
                        kind: Deployment
                        metadata: {name: one}
                        spec: {replicas: 1}
                """, "inline.yaml");

        KyvernoTestReport report = PackExamples.run(PolicyEngine.of(pack));

        assertThat(report.results()).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(ExpectationResult.Status.FAILED);
            assertThat(r.location()).hasToString("inline.yaml:12");
            assertThat(r.describe()).startsWith("inline.yaml:12 test=examples policy=two-replicas ");
            assertThat(r.reason()).startsWith("the pass example Deployment/one gave fail");
        });
    }

    @Test
    void anExampleTheMatchConditionsSkipIsContextLikeAnExcludedOne() {
        PolicyPack pack = PolicyPack.parse("""
                apiVersion: guidepost.dev/v1alpha1
                kind: Policy
                metadata:
                  name: no-nodeport
                spec:
                  description: Services are not NodePorts, except edge Services.
                  match: {kinds: [Service], excludeNamespaces: [ingress]}
                  matchConditions:
                    - name: not-edge
                      expression: "!has(object.metadata.labels) || !('edge' in object.metadata.labels)"
                  validations:
                    - expression: "object.spec.?type.orValue('ClusterIP') != 'NodePort'"
                  examples:
                    pass:
                      - apiVersion: v1
                        kind: Service
                        metadata: {name: api}
                        spec: {type: ClusterIP}
                      - apiVersion: v1
                        kind: Service
                        metadata: {name: edge, labels: {edge: "true"}}
                        spec: {type: NodePort}
                      - apiVersion: v1
                        kind: Service
                        metadata: {name: gateway, namespace: ingress}
                        spec: {type: NodePort}
                """, "inline.yaml");

        KyvernoTestReport report = PackExamples.run(PolicyEngine.of(pack));

        assertThat(report.results()).singleElement().satisfies(r -> {
            assertThat(r.resource()).isEqualTo("api");
            assertThat(r.status()).isEqualTo(ExpectationResult.Status.PASSED);
        });
    }

    @Test
    void anExampleOfAKindThePolicyDoesNotCheckIsASkipThatSaysSoNotASilentContext() {
        PolicyPack pack = PolicyPack.parse("""
                apiVersion: guidepost.dev/v1alpha1
                kind: Policy
                metadata:
                  name: ingress-tls
                spec:
                  description: Ingresses use TLS.
                  match: {kinds: [Ingress]}
                  validations:
                    - expression: "has(object.spec.tls)"
                  examples:
                    fail:
                      - apiVersion: networking.k8s.io/v1
                        kind: Ingress
                        metadata: {name: plain, namespace: shop}
                        spec: {rules: [{host: shop.example.com}]}
                      - apiVersion: v1
                        kind: Service
                        metadata: {name: portal-svc, namespace: shop}
                        spec: {ports: [{port: 80}]}
                """, "inline.yaml");

        KyvernoTestReport report = PackExamples.run(PolicyEngine.of(pack));

        assertThat(report.successful()).isTrue();
        assertThat(report.results()).extracting(ExpectationResult::resource, ExpectationResult::status)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("plain",
                        ExpectationResult.Status.PASSED), org.assertj.core.groups.Tuple.tuple("portal-svc",
                        ExpectationResult.Status.SKIPPED));
        assertThat(report.results()).filteredOn(r -> r.resource().equals("portal-svc")).singleElement()
                .extracting(ExpectationResult::reason).asString().contains("Service/shop/portal-svc is a kind the "
                        + "policy does not check (Ingress), so it is context, not an example");
    }

    @Test
    void aWrongExampleReadFromAFileIsLocatedAtItsListInThePolicyAndAtItsOwnFile(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Files.createDirectories(dir.resolve("examples"));
        java.nio.file.Files.writeString(dir.resolve("examples/ok.yaml"), """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: two, namespace: shop}
                spec: {replicas: 2}
                """);
        writeTwoReplicasPolicy(dir, "fail", "examples/ok.yaml");

        KyvernoTestReport report = PackExamples.run(PolicyEngine.of(PolicyPack.load(dir)));

        assertThat(report.results()).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(ExpectationResult.Status.FAILED);
            assertThat(r.location().toString()).endsWith("two-replicas.yaml:10");
            assertThat(r.reason()).contains("examples/ok.yaml:1: the fail example Deployment/shop/two gave pass");
        });
    }

    @Test
    void anExampleFileThatHoldsNoManifestNamesThePolicyAndTheLineThatNamesIt(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Files.createDirectories(dir.resolve("examples"));
        java.nio.file.Files.writeString(dir.resolve("examples/values.yaml"), "replicas: 2\n");
        writeTwoReplicasPolicy(dir, "pass", "examples/values.yaml");

        assertThatThrownBy(() -> PolicyPack.load(dir)).isInstanceOf(GuidepostException.class)
                .hasMessageContaining("values.yaml:1: example file 'examples/values.yaml' of policy 'two-replicas' "
                        + "(named at ")
                .hasMessageContaining("two-replicas.yaml:11) cannot be used: not a Kubernetes object")
                .hasMessageNotContaining("skipped");
    }

    /** A policy wanting two replicas whose one example of the given kind is read from a file (line 11). */
    private static void writeTwoReplicasPolicy(java.nio.file.Path dir, String exampleKind, String file)
            throws java.io.IOException {
        java.nio.file.Files.writeString(dir.resolve("two-replicas.yaml"), """
                apiVersion: guidepost.dev/v1alpha1
                kind: Policy
                metadata: {name: two-replicas}
                spec:
                  description: Deployments run two replicas.
                  match: {kinds: [Deployment]}
                  validations:
                    - expression: "object.spec.?replicas.orValue(1) >= 2"
                  examples:
                    %s:
                      - file: %s
                """.formatted(exampleKind, file));
    }
}
