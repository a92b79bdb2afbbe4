package dev.guidepost.core.internal.podsecurity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

class PodSecurityTest {

    private static final Yaml YAML = new Yaml(new SafeConstructor(new LoaderOptions()));

    @TestFactory
    @SuppressWarnings("unchecked")
    Stream<DynamicTest> judgesEachPodOfTheFixtureAsThePodSecurityStandardsDo() throws IOException {
        List<Map<String, Object>> cases;
        try (InputStream in = getClass().getResourceAsStream("pod-security-cases.yaml")) {
            cases = YAML.load(in);
        }
        return cases.stream().map(c -> DynamicTest.dynamicTest((String) c.get("name"), () -> {
            Map<String, Object> pod = new LinkedHashMap<>();
            pod.put("apiVersion", "v1");
            pod.put("kind", "Pod");
            pod.put("metadata", c.getOrDefault("metadata", Map.of("name", "pod")));
            pod.put("spec", c.get("spec"));
            PodSecurity.Verdict verdict = PodSecurity.evaluate((Map<String, Object>) c.get("podSecurity"), pod);
            assertThat(verdict.status().name().toLowerCase()).as(verdict.details()).isEqualTo(c.get("expect"));
            for (String reason : (List<String>) c.getOrDefault("reasons", List.of())) {
                assertThat(verdict.details()).contains("(Forbidden reason: " + reason + ",");
            }
            if (c.containsKey("reasons")) {
                assertThat(verdict.details().split("\\(Forbidden reason: ", -1))
                        .hasSize(((List<?>) c.get("reasons")).size() + 1);
            }
        }));
    }

    @Test
    void aDeploymentIsCheckedThroughItsPodTemplateAndItsFieldsAreNamedFromTheTemplate() {
        PodSecurity.Verdict verdict = PodSecurity.evaluate(Map.of("level", "baseline", "version", "latest"),
                load("""
                        apiVersion: apps/v1
                        kind: Deployment
                        metadata: {name: web}
                        spec:
                          template:
                            spec:
                              containers: [{name: app, image: nginx, securityContext: {privileged: true}}]
                        """));

        assertThat(verdict.status()).isEqualTo(PodSecurity.Status.FAIL);
        assertThat(verdict.details()).isEqualTo("(Forbidden reason: privileged, field error list: ["
                + "spec.template.spec.containers[0].securityContext.privileged is forbidden, forbidden values found: "
                + "true])");
    }

    @Test
    void aCronJobIsCheckedThroughItsJobTemplate() {
        PodSecurity.Verdict verdict = PodSecurity.evaluate(Map.of("level", "baseline"), load("""
                apiVersion: batch/v1
                kind: CronJob
                metadata: {name: nightly}
                spec:
                  schedule: "0 0 * * *"
                  jobTemplate:
                    spec:
                      template:
                        spec:
                          hostIPC: true
                          containers: [{name: job, image: busybox}]
                """));

        assertThat(verdict.status()).isEqualTo(PodSecurity.Status.FAIL);
        assertThat(verdict.details()).contains("spec.jobTemplate.spec.template.spec.hostIPC is forbidden");
    }

    @Test
    void aMissingRequiredValueIsReportedAsRequired() {
        PodSecurity.Verdict verdict = PodSecurity.evaluate(Map.of("level", "restricted"), load("""
                apiVersion: v1
                kind: Pod
                metadata: {name: p}
                spec:
                  securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}
                  containers: [{name: app, image: nginx, securityContext: {capabilities: {drop: [ALL]}}}]
                """));

        assertThat(verdict.details()).isEqualTo("(Forbidden reason: allowPrivilegeEscalation != false, field error "
                + "list: [spec.containers[0].securityContext.allowPrivilegeEscalation: Required value])");
    }

    @Test
    void aResourceWithoutAPodIsAnError() {
        PodSecurity.Verdict verdict = PodSecurity.evaluate(Map.of("level", "baseline"),
                load("{apiVersion: v1, kind: ConfigMap, metadata: {name: c}}"));

        assertThat(verdict.status()).isEqualTo(PodSecurity.Status.ERROR);
        assertThat(verdict.details()).contains("could not find correct resource type");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> load(String text) {
        return (Map<String, Object>) YAML.load(text);
    }
}
