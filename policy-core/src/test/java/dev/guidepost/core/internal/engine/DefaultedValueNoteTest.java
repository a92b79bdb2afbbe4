package dev.guidepost.core.internal.engine;

import static dev.guidepost.core.internal.engine.ApiServerDefaultsTest.SERVICE;
import static dev.guidepost.core.internal.engine.ApiServerDefaultsTest.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class DefaultedValueNoteTest {

    @Test
    void aFailureAtAFieldTheApiServerFilledInSaysWhichValueWasJudged() {
        assertThat(DefaultedValueNote.of("rule no-lb failed at path /spec/type/", List.of(), SERVICE, "v1",
                "Service"))
                .isEqualTo(" (the manifest does not set spec.type; the API server sets it to ClusterIP before "
                        + "Kyverno sees the object, and the check judged that value)");
        Map<String, Object> deployment = Map.of("spec", Map.of("template", Map.of("spec", Map.of("containers",
                List.of(Map.of("name", "app", "image", "shop:1.0"))))));
        assertThat(DefaultedValueNote.of("rule r failed at path /imagePullPolicy/",
                List.of("spec", "template", "spec", "containers", 0), deployment, "apps/v1", "Deployment"))
                .contains("spec.template.spec.containers[0].imagePullPolicy; the API server sets it to "
                        + "IfNotPresent");
        assertThat(DefaultedValueNote.of("rule r failed at path /spec/template/spec/securityContext/", List.of(),
                deployment, "apps/v1", "Deployment")).contains("sets it to {} ");
    }

    @Test
    void aFailureAtAValueTheApiServerReplacesSaysWhichValueWasJudged() {
        Map<String, Object> pod = yaml("spec: {hostNetwork: true, containers: [{name: a, image: a:1, ports: "
                + "[{containerPort: 9100, hostPort: 0}]}]}");
        assertThat(DefaultedValueNote.of("rule r failed at path /spec/containers/0/ports/0/hostPort/", List.of(),
                pod, "v1", "Pod")).isEqualTo(" (the manifest writes spec.containers[0].ports[0].hostPort as 0; the API "
                        + "server makes it 9100 before Kyverno sees the object, and the check judged that value)");
    }

    @Test
    void aFieldTheManifestSetsOrTheApiServerLeavesAloneGetsNoHint() {
        Map<String, Object> loadBalancer = Map.of("spec", Map.of("type", "LoadBalancer"));
        assertThat(DefaultedValueNote.of("rule no-lb failed at path /spec/type/", List.of(), loadBalancer, "v1",
                "Service")).isEmpty();
        assertThat(DefaultedValueNote.of("rule r failed at path /spec/externalIPs/", List.of(), SERVICE, "v1",
                "Service")).isEmpty();
        assertThat(DefaultedValueNote.of("rule r failed at path /spec/type/", List.of(), SERVICE,
                "networking.k8s.io/v1", "Ingress")).isEmpty();
        assertThat(DefaultedValueNote.of("validation error: no path", List.of(), SERVICE, "v1", "Service"))
                .isEmpty();
    }
}
