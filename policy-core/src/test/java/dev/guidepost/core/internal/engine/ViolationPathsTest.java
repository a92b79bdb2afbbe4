package dev.guidepost.core.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ViolationPathsTest {

    @Test
    void readsThePathOfAPatternFailure() {
        assertThat(ViolationPaths.path("validation error: no hostPath. rule host-path failed at path "
                + "/spec/template/spec/volumes/1/hostPath/")).containsExactly("spec", "template", "spec", "volumes",
                        1, "hostPath");
    }

    @Test
    void readsTheFirstFieldOfAPodSecurityMessage() {
        assertThat(ViolationPaths.path("Validation rule 'restricted' failed. It violates PodSecurity "
                + "\"restricted:latest\": (Forbidden reason: host namespaces, field error list: "
                + "[spec.containers[0].securityContext.allowPrivilegeEscalation is forbidden, forbidden values found: "
                + "true])")).containsExactly("spec", "containers", 0, "securityContext", "allowPrivilegeEscalation");
    }

    @Test
    void givesAFieldLineOnlyWhenTheMessageNamesAFieldOnAnotherLineThanTheObject() {
        assertThat(ViolationPaths.fieldLine("failed at path /spec/volumes/0/hostPath/", List.of(), Map.of(), 3,
                path -> 16, false, true)).isEqualTo(16);
        assertThat(ViolationPaths.fieldLine("failed at path /metadata/", List.of(), Map.of(), 3, path -> 3, false, true))
                .isZero();
        assertThat(ViolationPaths.fieldLine("containers must run as non-root", List.of(), Map.of(), 3, path -> 9,
                false, true)).isZero();
        assertThat(ViolationPaths.path("no field here")).isEqualTo(List.of());
    }

    @Test
    void aRuleAboutTheControllerItselfNamesItsOwnFieldsNotThePodTemplates() {
        Map<String, Object> deployment = Map.of("metadata", Map.of("name", "web"), "spec", Map.of("template",
                Map.of("metadata", Map.of("labels", Map.of("app", "web")))));
        java.util.List<List<Object>> asked = new java.util.ArrayList<>();

        ViolationPaths.fieldLine("failed at path /metadata/labels/", List.of(), deployment, 1, path -> {
            asked.add(path);
            return 5;
        }, false, false);

        assertThat(asked).containsExactly(List.of("metadata", "labels"));
    }

    @Test
    void aPodFieldNamedForAControllerIsLookedUpInItsPodTemplate() {
        Map<String, Object> volumes = Map.of("volumes", List.of(Map.of("name", "sock", "hostPath", Map.of())));
        Map<String, Object> deployment = Map.of("spec", Map.of("replicas", 1, "template", Map.of("spec", volumes)));
        Map<String, Object> cronJob = Map.of("spec", Map.of("jobTemplate", Map.of("spec",
                Map.of("template", Map.of("spec", volumes)))));
        Map<String, Object> pod = Map.of("spec", volumes);

        assertThat(ViolationPaths.existing(deployment, List.of("spec", "volumes")))
                .containsExactly("spec", "template", "spec", "volumes");
        assertThat(ViolationPaths.existing(cronJob, List.of("spec", "volumes", 0, "hostPath")))
                .containsExactly("spec", "jobTemplate", "spec", "template", "spec", "volumes", 0, "hostPath");
        assertThat(ViolationPaths.existing(pod, List.of("spec", "volumes"))).containsExactly("spec", "volumes");
        assertThat(ViolationPaths.existing(deployment, List.of("spec", "replicas"))).containsExactly("spec",
                "replicas");
        assertThat(ViolationPaths.existing(pod, List.of("metadata", "labels", "team")))
                .containsExactly("metadata", "labels", "team");
    }

    @Test
    void aPodFieldNoPartOfWhichTheControllerHasIsLocatedInThePodTemplateForAPodPolicy() {
        Map<String, Object> cronJob = Map.of("spec", Map.of("schedule", "0 2 * * *", "jobTemplate", Map.of("spec",
                Map.of("template", Map.of("spec", Map.of("containers", List.of()))))));
        List<Object> missing = List.of("spec", "automountServiceAccountToken");

        assertThat(ViolationPaths.existing(cronJob, missing, true))
                .containsExactly("spec", "jobTemplate", "spec", "template", "spec", "automountServiceAccountToken");
        assertThat(ViolationPaths.existing(cronJob, missing, false)).isEqualTo(missing);
        assertThat(ViolationPaths.existing(Map.of("spec", Map.of()), missing, true)).isEqualTo(missing);
    }
}
