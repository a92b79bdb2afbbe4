package dev.guidepost.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code guidepost test}: pack examples scored like kyverno test, JSON through core's public API. */
class TestCommandTest {

    @Test
    void needsSomethingToRun() {
        Cli cli = Cli.run("test");
        assertThat(cli.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(cli.err()).contains("give at least one folder or --pack");
    }

    @Test
    void runsThePackExamplesAndWritesJson(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("results.json");
        Cli cli = Cli.run("test", "--pack", Cli.PACK, "--json", json.toString());
        assertThat(cli.exitCode()).as(cli.out()).isEqualTo(ExitCode.OK);
        assertThat(cli.out()).containsPattern("\\d+ passed, 0 failed");
        JsonNode root = JsonMapper.builder().build().readTree(Files.readString(json));
        assertThat(root.get("results").size()).isPositive();
        assertThat(root.get("results").get(0).get("status").asString()).isEqualTo("passed");
        assertThat(root.get("summary").asString()).contains("0 failed");
    }
}
