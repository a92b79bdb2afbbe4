package dev.guidepost.core.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ApiServerDefaultsTest {

    private static final Map<String, Object> SERVICE = Map.of("spec", Map.of("ports", List.of(Map.of("port", 80))));

    @Test
    void aPatternFailingAtAFieldTheApiServerDefaultsSaysWhatTheClusterSees() {
        assertThat(ApiServerDefaults.hint("rule no-lb failed at path /spec/type/", List.of(), SERVICE, "Service",
                List.of()))
                .isEqualTo(" (the manifest does not set spec.type, which the API server sets to ClusterIP before "
                        + "Kyverno sees the object, so the cluster may judge it otherwise; write it out to check here "
                        + "what the cluster sees)");
        assertThat(ApiServerDefaults.hint("rule p failed at path /spec/ports/0/protocol/", List.of(), SERVICE,
                "Service", List.of())).contains("spec.ports[0].protocol, which the API server sets to TCP");
    }

    @Test
    void aFieldTheManifestSetsOrTheApiServerLeavesAloneGetsNoHint() {
        Map<String, Object> loadBalancer = Map.of("spec", Map.of("type", "LoadBalancer"));
        assertThat(ApiServerDefaults.hint("rule no-lb failed at path /spec/type/", List.of(), loadBalancer,
                "Service", List.of())).isEmpty();
        assertThat(ApiServerDefaults.hint("rule r failed at path /spec/externalIPs/", List.of(), SERVICE,
                "Service", List.of())).isEmpty();
        assertThat(ApiServerDefaults.hint("rule r failed at path /spec/type/", List.of(), SERVICE, "Ingress",
                List.of()))
                .isEmpty();
        assertThat(ApiServerDefaults.hint("validation error: no path", List.of(), SERVICE, "Service", List.of()))
                .isEmpty();
    }

    @Test
    void noHintWhenThePolicyAlreadyReadsTheFieldWithTheApiServersDefault() {
        Map<String, Object> cronJob = Map.of("spec", Map.of("schedule", "0 2 * * *"));
        String message = "rule r failed at path /spec/concurrencyPolicy/";

        assertThat(ApiServerDefaults.hint(message, List.of(), cronJob, "CronJob",
                List.of("object.spec.?concurrencyPolicy.orValue('Allow') == 'Forbid'"))).isEmpty();
        assertThat(ApiServerDefaults.hint(message, List.of(), cronJob, "CronJob",
                List.of("object.spec.?concurrencyPolicy.orValue(\"Allow\") == 'Forbid'"))).isEmpty();
        assertThat(ApiServerDefaults.hint(message, List.of(), cronJob, "CronJob",
                List.of("object.spec.?concurrencyPolicy.orValue('Replace') == 'Forbid'")))
                .contains("which the API server sets to Allow");
        assertThat(ApiServerDefaults.hint("rule r failed at path /spec/replicas/", List.of(),
                Map.of("spec", Map.of()), "Deployment", List.of("object.spec.?replicas.orValue(1) >= 2"))).isEmpty();
    }

    @Test
    void theImagePullPolicyFollowsTheImagesTagAsTheApiServerDecidesIt() {
        assertThat(pullPolicyHint("nginx")).contains("sets to Always ");
        assertThat(pullPolicyHint("nginx:latest")).contains("sets to Always ");
        assertThat(pullPolicyHint("registry.local:5000/team/app")).contains("sets to Always ");
        assertThat(pullPolicyHint("nginx:latest@sha256:abc")).contains("sets to Always ");
        assertThat(pullPolicyHint("nginx:1.25")).contains("sets to IfNotPresent ");
        assertThat(pullPolicyHint("nginx@sha256:abc")).contains("sets to IfNotPresent ");
    }

    @Test
    void podSpecDefaultsAreFoundInAControllersPodTemplateAndBelowAForeachElement() {
        Map<String, Object> deployment = Map.of("spec", Map.of("template", Map.of("spec", Map.of("containers",
                List.of(Map.of("name", "app", "image", "shop:1.0"))))));
        assertThat(ApiServerDefaults.hint("rule r failed at path /imagePullPolicy/",
                List.of("spec", "template", "spec", "containers", 0), deployment, "Deployment", List.of()))
                .contains("spec.template.spec.containers[0].imagePullPolicy, which the API server sets to "
                        + "IfNotPresent");
        assertThat(ApiServerDefaults.hint("rule r failed at path /spec/template/spec/dnsPolicy/", List.of(),
                deployment, "Deployment", List.of())).contains("sets to ClusterFirst");
        assertThat(ApiServerDefaults.hint("rule r failed at path /spec/replicas/", List.of(), deployment,
                "Deployment", List.of())).contains("spec.replicas, which the API server sets to 1");
    }

    private static String pullPolicyHint(String image) {
        Map<String, Object> pod = Map.of("spec", Map.of("containers", List.of(Map.of("name", "a", "image", image))));
        return ApiServerDefaults.hint("rule r failed at path /spec/containers/0/imagePullPolicy/", List.of(), pod,
                "Pod", List.of());
    }
}
