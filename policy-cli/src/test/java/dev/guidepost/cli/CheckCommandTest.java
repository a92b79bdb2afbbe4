package dev.guidepost.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.guidepost.cli.render.JsonText;
import dev.guidepost.core.ReportFormat;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The exit-code contract of {@code guidepost check}: 0, 1, 2 and 3. */
class CheckCommandTest {

    @Test
    void compliantManifestsExitZero() {
        Cli cli = Cli.run("check", "--pack", Cli.PACK, Cli.SAMPLES.resolve("manifests/good").toString());
        assertThat(cli.exitCode()).as(cli.err()).isEqualTo(ExitCode.OK);
        assertThat(cli.out()).contains("0 enforced");
    }

    @Test
    void enforcedViolationsExitOneWithFileAndLine() {
        Cli cli = Cli.run("check", "--pack", Cli.PACK, Cli.SAMPLES.resolve("manifests/bad").toString());
        assertThat(cli.exitCode()).isEqualTo(ExitCode.VIOLATIONS);
        assertThat(cli.out()).contains("quick-hack.yaml:2").contains("disallow-latest-tag").doesNotContain("\u001b[");
    }

    @Test
    void unreadableManifestExitsOne() {
        Cli cli = Cli.run("check", "--pack", Cli.PACK, Cli.SAMPLES.resolve("manifests/broken").toString());
        assertThat(cli.exitCode()).isEqualTo(ExitCode.VIOLATIONS);
        assertThat(cli.out()).contains("UNREADABLE");
    }

    @Test
    void jsonFormatIsJson() {
        Cli cli = Cli.run("check", "--pack", Cli.PACK, "--format", "json",
                Cli.SAMPLES.resolve("manifests/bad").toString());
        assertThat(cli.exitCode()).isEqualTo(ExitCode.VIOLATIONS);
        JsonNode root = JsonMapper.builder().build().readTree(cli.out());
        assertThat(root.get("summary").get("failed").asBoolean()).isTrue();
        assertThat(root.get("results").size()).isPositive();
    }

    @Test
    void sarifAndJunitGoThroughReportFormat() {
        for (String format : new String[] {"sarif", "junit"}) {
            Cli cli = Cli.run("check", "--pack", Cli.PACK, "--format", format,
                    Cli.SAMPLES.resolve("manifests/good").toString());
            if (ReportFormat.parse(format).isPresent()) {
                assertThat(cli.exitCode()).as(format).isEqualTo(ExitCode.OK);
            } else {
                assertThat(cli.exitCode()).as(format).isEqualTo(ExitCode.USAGE);
                assertThat(cli.err()).contains("unknown --format '" + format + "'").contains("json");
            }
        }
    }

    @Test
    void nothingCheckedExitsThreeOnlyWhenAsked(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("config.yaml"), """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: settings, namespace: shop}
                data: {a: b}
                """);
        Cli asked = Cli.run("check", "--fail-if-nothing-checked", "--pack", Cli.PACK, dir.toString());
        assertThat(asked.exitCode()).isEqualTo(ExitCode.NOTHING_CHECKED);
        assertThat(asked.err()).contains("nothing was checked");
        Cli notAsked = Cli.run("check", "--pack", Cli.PACK, dir.toString());
        assertThat(notAsked.exitCode()).isEqualTo(ExitCode.OK);
    }

    @Test
    void wrongManifestPathIsAUsageErrorWithoutStackTrace() {
        Cli cli = Cli.run("check", "--pack", Cli.PACK, "no/such/folder");
        assertThat(cli.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(cli.err()).contains("no such file or folder: no/such/folder");
        assertThat(cli.noStackTrace()).isTrue();
    }

    @Test
    void wrongPackPathIsAUsageErrorWithoutStackTrace() {
        Cli cli = Cli.run("check", "--pack", "no/such/pack", Cli.SAMPLES.resolve("manifests/good").toString());
        assertThat(cli.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(cli.err()).startsWith("error: ").contains("no/such/pack");
        assertThat(cli.noStackTrace()).isTrue();
    }

    @Test
    void invalidPackIsAUsageErrorNamingTheFile(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("broken.yaml"), """
                apiVersion: guidepost.dev/v1alpha1
                kind: Policy
                metadata: {name: broken}
                spec:
                  title: Broken
                  match: {kinds: [Pod]}
                  validations:
                    - expression: "object.spec.containers.all(c, c.image.startsWith("
                """);
        Cli cli = Cli.run("check", "--pack", dir.toString(), Cli.SAMPLES.resolve("manifests/good").toString());
        assertThat(cli.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(cli.err()).contains("broken.yaml");
        assertThat(cli.noStackTrace()).isTrue();
    }

    @Test
    void reportToAFile(@TempDir Path dir) throws Exception {
        Path report = dir.resolve("out/report.json");
        Cli cli = Cli.run("check", "--pack", Cli.PACK, "--format", "json", "-o", report.toString(),
                Cli.SAMPLES.resolve("manifests/good").toString());
        assertThat(cli.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(Files.readString(report)).startsWith("{");
        assertThat(JsonText.pretty(java.util.Map.of("a", 1))).contains("\"a\"");
    }
}
