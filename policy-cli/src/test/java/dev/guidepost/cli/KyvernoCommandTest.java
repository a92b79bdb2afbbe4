package dev.guidepost.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code guidepost kyverno}: what it writes, what it prints and how it exits. */
class KyvernoCommandTest {

    private static final Path SAMPLE_PACK = Path.of("../samples/pack");

    @TempDir
    Path out;

    private final StringWriter stdout = new StringWriter();
    private final StringWriter stderr = new StringWriter();

    private int run(String... args) {
        return GuidepostCli.run(new PrintWriter(stdout, true), new PrintWriter(stderr, true), args);
    }

    @Test
    void writesTheSamplePackAndPrintsWhatItWrote() {
        int code = run("kyverno", "--pack", SAMPLE_PACK.toString(), "--out", out.toString(), "--tests");

        assertThat(code).isEqualTo(ExitCode.OK);
        assertThat(stdout.toString())
                .contains("Emitted acme-platform@1.0.0 as validating-policy: 12 ValidatingPolicy (12 pack policies)")
                .contains("Kyverno CLI tests: 12 kyverno-test.yaml files, 32 expectations")
                .contains("Skipped 3 advisory policies (nothing to enforce): database-backups, "
                        + "default-deny-network-policy, use-managed-postgres")
                .contains("Wrote 42 files to " + out);
        assertThat(out.resolve("kyverno/require-resource-limits.yaml")).exists();
        assertThat(out.resolve("kyverno-tests/require-resource-limits/kyverno-test.yaml")).exists();
    }

    @Test
    void exitsWithAnErrorWhenAPolicyCannotBeWrittenInTheFormat() throws Exception {
        Path pack = out.resolve("pack");
        Files.createDirectories(pack);
        Files.writeString(pack.resolve("digests.yaml"), """
                apiVersion: guidepost.dev/v1alpha1
                kind: Policy
                metadata: {name: images-pinned-by-digest}
                spec:
                  description: Images are pinned by digest.
                  match: {kinds: [Pod]}
                  validations:
                    - expression: "object.spec.containers.all(c, parseImageReference(c.image).containsDigest())"
                """);

        int code = run("kyverno", "-p", pack.toString(), "-o", out.resolve("cluster").toString(), "-f",
                "cluster-policy");

        assertThat(code).isEqualTo(ExitCode.VIOLATIONS);
        assertThat(stdout.toString()).contains("NOT EMITTED images-pinned-by-digest: cannot be written as "
                + "cluster-policy: its CEL does not compile in the ClusterPolicy environment");
    }

    @Test
    void refusesToWriteIntoThePackFolderOrAnEmptyOutPath() {
        assertThat(run("kyverno", "--pack", SAMPLE_PACK.toString(), "--out", SAMPLE_PACK.toString()))
                .isEqualTo(ExitCode.USAGE);
        assertThat(stderr.toString()).contains("would write the emitted files into the pack folder")
                .contains("write them elsewhere");
        assertThat(SAMPLE_PACK.resolve("kyverno")).doesNotExist();

        assertThat(run("kyverno", "--pack", SAMPLE_PACK.toString(), "--out", "")).isEqualTo(ExitCode.USAGE);
        assertThat(stderr.toString()).contains("error: --out is empty");
        assertThat(run("kyverno", "--pack", "", "--out", out.toString())).isEqualTo(ExitCode.USAGE);
        assertThat(stderr.toString()).contains("error: --pack is empty");
    }

    @Test
    void rejectsAnUnknownFormatWithoutAStackTrace() {
        int code = run("kyverno", "--pack", SAMPLE_PACK.toString(), "--out", out.toString(), "--format", "opa");

        assertThat(code).isEqualTo(ExitCode.USAGE);
        assertThat(stderr.toString()).contains("unknown --format 'opa'; use one of validating-policy, "
                + "cluster-policy, vap").doesNotContain("Exception");
    }
}
