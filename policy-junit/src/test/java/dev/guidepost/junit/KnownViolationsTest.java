package dev.guidepost.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KnownViolationsTest {

    @TempDir
    Path dir;

    @Test
    void readsEntriesWithAnOptionalNamespace() throws IOException {
        Path file = write("""
                violations:
                  - {policy: require-ingress-tls, kind: Ingress, namespace: shop, name: legacy}
                  - {policy: cluster-rule, kind: ClusterRole, name: admin}
                """);

        assertThat(KnownViolations.read(file).entries()).containsExactlyInAnyOrder(
                new KnownViolations.Entry("require-ingress-tls", "Ingress", "shop", "legacy"),
                new KnownViolations.Entry("cluster-rule", "ClusterRole", "", "admin"));
    }

    @Test
    void anEmptyFileHasNoEntries() throws IOException {
        assertThat(KnownViolations.read(write("")).entries()).isEmpty();
        assertThat(KnownViolations.read(write("violations: []\n")).entries()).isEmpty();
    }

    @Test
    void anEntryWithoutAPolicyIsRejectedWithItsIndex() throws IOException {
        Path file = write("violations:\n  - {policy: a, kind: Pod, name: x}\n  - {kind: Pod, name: y}\n");

        assertThatThrownBy(() -> KnownViolations.read(file)).isInstanceOf(GuidepostConfigurationException.class)
                .hasMessage(file + ": violations[1] needs policy, kind and name (and namespace for namespaced"
                        + " resources)");
    }

    @Test
    void aDocumentOfAnotherShapeIsRejected() throws IOException {
        Path list = write("- {policy: a, kind: Pod, name: x}\n");
        Path scalar = write("violations: none\n");

        assertThatThrownBy(() -> KnownViolations.read(list)).hasMessageContaining("a baseline is a mapping");
        assertThatThrownBy(() -> KnownViolations.read(scalar)).hasMessageContaining("a baseline is a mapping");
    }

    @Test
    void invalidYamlNamesTheFile() throws IOException {
        Path file = write("violations: [\n");

        assertThatThrownBy(() -> KnownViolations.read(file)).hasMessageStartingWith(file + ": cannot read the"
                + " baseline: ");
    }

    private Path write(String text) throws IOException {
        Path file = Files.createTempFile(dir, "baseline", ".yaml");
        return Files.writeString(file, text);
    }
}
