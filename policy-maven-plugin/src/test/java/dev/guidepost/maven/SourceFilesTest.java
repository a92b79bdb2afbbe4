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
}
