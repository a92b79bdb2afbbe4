package dev.guidepost.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.maven.model.Resource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceFilesTest {

    @Test
    void anErrorInAPackCopiedToTheClassesFolderNamesTheResourceItWasCopiedFrom(@TempDir Path project)
            throws IOException {
        Path source = project.resolve("src/main/resources/META-INF/guidepost/acme/owner.yaml");
        Path copy = project.resolve("target/classes/META-INF/guidepost/acme/owner.yaml");
        Path generated = project.resolve("target/classes/META-INF/guidepost/index.json");
        for (Path file : List.of(source, copy, generated)) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, "x");
        }
        IndexMojo mojo = new IndexMojo();
        mojo.basedir = project.toFile();
        mojo.classesDirectory = project.resolve("target/classes").toFile();
        Resource resources = new Resource();
        resources.setDirectory("src/main/resources");
        mojo.resources = List.of(resources);

        assertThat(mojo.withSourceFiles(copy + ":20: the expression does not compile"))
                .isEqualTo("src/main/resources/META-INF/guidepost/acme/owner.yaml:20: the expression does not compile");
        assertThat(mojo.withSourceFiles("in target/classes/META-INF/guidepost/acme/owner.yaml:3 and " + generated))
                .isEqualTo("in src/main/resources/META-INF/guidepost/acme/owner.yaml:3 and "
                        + "target/classes/META-INF/guidepost/index.json");
        assertThat(mojo.withSourceFiles("no file here")).isEqualTo("no file here");
    }

    @Test
    @SuppressWarnings("deprecation")
    void aPackWarningNamesTheSourceFileAndIsLoggedOncePerBuildHoweverManyGoalsReadThePack(@TempDir Path project)
            throws IOException {
        String pack = "apiVersion: guidepost.dev/v1alpha1\nkind: Pack\nname: acme\nversion: 1.0.0\n";
        String exception = """
                apiVersion: kyverno.io/v2
                kind: ClusterCleanupPolicy
                metadata: {name: old-batch-jobs}
                spec:
                  schedule: "0 3 * * *"
                  match: {any: [{resources: {kinds: [Job], names: [batch-*]}}]}
                """;
        String policy = """
                apiVersion: kyverno.io/v1
                kind: ClusterPolicy
                metadata: {name: require-team}
                spec:
                  rules:
                    - name: team
                      match: {any: [{resources: {kinds: [Pod]}}]}
                      validate: {message: "A team label is needed.", pattern: {metadata: {labels: {team: "?*"}}}}
                """;
        for (String root : List.of("src/main/resources", "target/classes")) {
            Path folder = project.resolve(root).resolve("META-INF/guidepost/acme");
            Files.createDirectories(folder);
            Files.writeString(folder.resolve("pack.yaml"), pack);
            Files.writeString(folder.resolve("exception.yaml"), exception);
            Files.writeString(folder.resolve("require-team.yaml"), policy);
        }
        org.apache.maven.execution.MavenSession build = new org.apache.maven.execution.MavenSession(null, null,
                new org.apache.maven.execution.DefaultMavenExecutionRequest(), null);
        List<String> warnings = new java.util.ArrayList<>();
        for (AbstractPolicyMojo goal : List.of(new IndexMojo(), new KyvernoMojo())) {
            goal.basedir = project.toFile();
            goal.classesDirectory = project.resolve("target/classes").toFile();
            Resource resources = new Resource();
            resources.setDirectory("src/main/resources");
            goal.resources = List.of(resources);
            goal.session = build;
            goal.setLog(new org.apache.maven.plugin.logging.SystemStreamLog() {
                @Override
                public void warn(CharSequence content) {
                    warnings.add(content.toString());
                }
            });
            goal.loadPack(project.resolve("target/classes/META-INF/guidepost/acme").toString());
        }

        assertThat(warnings).singleElement().asString()
                .startsWith("acme@1.0.0: src/main/resources/META-INF/guidepost/acme/exception.yaml:1: this "
                        + "ClusterCleanupPolicy");
    }
}
