package dev.guidepost.core.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

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
    void addsTheLineOnlyWhenTheMessageNamesAFieldOnAnotherLineThanTheObject() {
        assertThat(ViolationPaths.withLine("failed at path /spec/volumes/0/hostPath/", 3, path -> 16))
                .isEqualTo("failed at path /spec/volumes/0/hostPath/ (line 16)");
        assertThat(ViolationPaths.withLine("failed at path /metadata/", 3, path -> 3))
                .isEqualTo("failed at path /metadata/");
        assertThat(ViolationPaths.withLine("containers must run as non-root", 3, path -> 9))
                .isEqualTo("containers must run as non-root");
        assertThat(ViolationPaths.path("no field here")).isEqualTo(List.of());
    }
}
