package dev.guidepost.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.apache.maven.model.Resource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StalePackCopyTest {

    @TempDir
    Path project;
    Path source;
    Path copy;
    Resource resource = new Resource();

    @BeforeEach
    void aPackCopiedAsItIs() throws IOException {
        source = project.resolve("src/main/resources/META-INF/guidepost/acme");
        copy = project.resolve("target/classes/META-INF/guidepost/acme");
        write(source.resolve("pack.yaml"), "name: acme");
        write(source.resolve("owner.yaml"), "id: owner");
        write(copy.resolve("pack.yaml"), "name: acme");
        write(copy.resolve("owner.yaml"), "id: owner");
        resource.setDirectory("src/main/resources");
    }

    @Test
    void aCopyThatMatchesItsSourceIsNotStale() {
        assertThat(differences()).isEmpty();
    }

    @Test
    void aSourceFileEditedSinceTheCopyIsNamed() throws IOException {
        write(source.resolve("owner.yaml"), "id: owner\nseverity: high");

        assertThat(differences()).contains("owner.yaml differs");
    }

    @Test
    void aPolicyAddedOrRemovedSinceTheCopyIsNamed() throws IOException {
        write(source.resolve("rules/new-rule.yaml"), "id: new-rule");
        Files.delete(source.resolve("owner.yaml"));

        assertThat(differences()).contains("rules/new-rule.yaml is not copied yet, owner.yaml is no longer in the "
                + "source");
    }

    @Test
    void theIndexTheIndexGoalWritesBesideThePackIsNotADifference() throws IOException {
        write(copy.resolve("index.json"), "{}");

        assertThat(differences()).isEmpty();
    }

    @Test
    void filteredResourcesAreNotComparedSinceFilteringChangesThem() throws IOException {
        write(source.resolve("owner.yaml"), "id: ${owner}");
        resource.setFiltering(true);

        assertThat(differences()).isEmpty();
    }

    @Test
    void aResourceThatSelectsFilesDoesNotCountTheOnesItLeavesOut() throws IOException {
        write(source.resolve("README.md"), "notes");
        resource.addExclude("**/*.md");

        assertThat(differences()).isEmpty();
    }

    @Test
    void aPackYamlThatAnotherResourceFiltersIsNotComparedAsThePlainResourceLeavesItOut() throws IOException {
        write(source.resolve("pack.yaml"), "name: acme\nversion: ${project.version}");
        write(copy.resolve("pack.yaml"), "name: acme\nversion: 1.4.0");
        Resource filtered = new Resource();
        filtered.setDirectory("src/main/resources");
        filtered.setFiltering(true);
        filtered.addInclude("**/pack.yaml");
        resource.addExclude("**/pack.yaml");

        assertThat(StalePackCopy.differences(copy, project.resolve("target/classes"), List.of(filtered, resource),
                project)).isEmpty();
        write(source.resolve("owner.yaml"), "id: owner\nseverity: high");
        assertThat(StalePackCopy.differences(copy, project.resolve("target/classes"), List.of(filtered, resource),
                project)).contains("owner.yaml differs");
    }

    @Test
    void mavenPatternsMatchAnyFoldersWithDoubleStarsAndOneLevelWithOne() {
        assertThat(StalePackCopy.matches("**/pack.yaml", "pack.yaml")).isTrue();
        assertThat(StalePackCopy.matches("**/pack.yaml", "META-INF/guidepost/acme/pack.yaml")).isTrue();
        assertThat(StalePackCopy.matches("META-INF/*/pack.yaml", "META-INF/guidepost/acme/pack.yaml")).isFalse();
        assertThat(StalePackCopy.matches("META-INF/guidepost/", "META-INF/guidepost/acme/owner.yaml")).isTrue();
        assertThat(StalePackCopy.matches("**/*.md", "META-INF/guidepost/acme/owner.yaml")).isFalse();
    }

    @Test
    void manyDifferencesAreCounted() throws IOException {
        for (int i = 1; i <= 5; i++) {
            write(source.resolve("p" + i + ".yaml"), "id: p" + i);
        }

        assertThat(differences()).contains("p1.yaml is not copied yet, p2.yaml is not copied yet, p3.yaml is not "
                + "copied yet and 2 more");
    }

    private Optional<String> differences() {
        return StalePackCopy.differences(copy, project.resolve("target/classes"), List.of(resource), project);
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
