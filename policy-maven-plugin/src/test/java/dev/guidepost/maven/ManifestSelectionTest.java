package dev.guidepost.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestSelectionTest {

    @TempDir
    Path project;

    private Path touch(String path) throws Exception {
        Path file = project.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "kind: ConfigMap\n");
        return file;
    }

    @Test
    void readsTheConventionalFoldersThatExistWhenNoneIsConfigured() throws Exception {
        Path a = touch("src/main/k8s/a.yaml");
        Path b = touch("k8s/overlays/prod/b.yml");
        touch("src/main/k8s/notes.txt");
        touch("src/main/k8s/.hidden/c.yaml");

        ManifestSelection.Selection selection = ManifestSelection.select(project, List.of(), List.of(), List.of(), target());

        assertThat(selection.files()).containsExactly(a, b);
        assertThat(selection.searched()).containsExactly(project.resolve("src/main/k8s"), project.resolve("k8s"));
        assertThat(selection.missing()).isEmpty();
    }

    @Test
    void readsConfiguredFilesAndFoldersAndReportsMissingOnes() throws Exception {
        Path rendered = touch("target/helm/chart/templates/deployment.yaml");
        Path single = touch("deploy/service.json");

        ManifestSelection.Selection selection = ManifestSelection.select(project,
                List.of("target/helm", "deploy/service.json", "nope"), List.of(), List.of(), target());

        assertThat(selection.files()).containsExactly(rendered, single);
        assertThat(selection.missing()).containsExactly(project.resolve("nope"));
    }

    @Test
    void filtersFolderFilesWithAntStyleIncludesAndExcludes() throws Exception {
        Path deployment = touch("src/main/k8s/base/deployment.yaml");
        touch("src/main/k8s/base/kustomization.yaml");
        touch("src/main/k8s/tests/fixture.yaml");
        Path top = touch("src/main/k8s/service.yaml");

        ManifestSelection.Selection selection = ManifestSelection.select(project, List.of(),
                List.of("**/*.yaml"), List.of("**/kustomization.yaml", "tests/"), target());

        assertThat(selection.files()).containsExactly(deployment, top);
    }

    @Test
    void aFolderHoldingTheBuildOutputDoesNotReadWhatTheBuildWroteThere() throws Exception {
        Path deployment = touch("base/deployment.yaml");
        touch("target/guidepost/kyverno/policy.yaml");
        touch("target/guidepost/report.json");
        Path rendered = touch("target/helm/deployment.yaml");

        assertThat(ManifestSelection.select(project, List.of("."), List.of(), List.of(), target()).files())
                .containsExactly(deployment);
        assertThat(ManifestSelection.select(project, List.of(".", "target/helm"), List.of(), List.of(), target())
                .files()).containsExactly(deployment, rendered);
    }

    private Path target() {
        return project.resolve("target");
    }

    @Test
    void findsNothingInAProjectWithoutManifests() {
        ManifestSelection.Selection selection = ManifestSelection.select(project, List.of(), List.of(), List.of(), target());

        assertThat(selection.files()).isEmpty();
        assertThat(selection.searched()).isEmpty();
    }
}
