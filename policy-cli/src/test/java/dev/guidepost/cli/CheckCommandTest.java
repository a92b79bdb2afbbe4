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

/** The exit-code contract of {@code guidepost check}: 0, 1, 2 and 3; baselines; the report formats. */
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
    void excludedFilesOfAFolderAreNotCheckedButAFileNamedItselfIs() {
        String bad = Cli.SAMPLES.resolve("manifests/bad").toString();
        Cli excluded = Cli.run("check", "--pack", Cli.PACK, "--exclude", "quick-hack.yaml", "--exclude", "public-*",
                bad);
        assertThat(excluded.out()).contains("plain-http-ingress.json").doesNotContain("quick-hack.yaml")
                .doesNotContain("public-db.yaml");
        Cli named = Cli.run("check", "--pack", Cli.PACK, "--exclude", "quick-hack.yaml",
                Cli.SAMPLES.resolve("manifests/bad/quick-hack.yaml").toString());
        assertThat(named.exitCode()).isEqualTo(ExitCode.VIOLATIONS);
        assertThat(named.out()).contains("quick-hack.yaml:2");
    }

    @Test
    void aReleaseRenderedWithoutNamespacesIsCheckedInTheNamespaceItIsInstalledTo(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path pack = java.nio.file.Files.writeString(dir.resolve("shop-team.yaml"), """
                apiVersion: guidepost.dev/v1alpha1
                kind: Policy
                metadata: {name: shop-team-label}
                spec:
                  description: Deployments in the shop namespace carry the shop team label.
                  action: Enforce
                  match: {kinds: [Deployment], namespaces: [shop]}
                  validations:
                    - expression: "object.metadata.?labels.?team.orValue('') == 'shop'"
                      messageExpression: "object.metadata.namespace + '/' + object.metadata.name + ' needs team=shop'"
                """);
        java.nio.file.Path rendered = java.nio.file.Files.writeString(dir.resolve("rendered.yaml"), """
                # Source: web/templates/deployment.yaml
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                """);

        Cli placed = Cli.run("check", "--pack", pack.toString(), "--namespace", "shop", rendered.toString());
        assertThat(placed.exitCode()).as(placed.err()).isEqualTo(ExitCode.VIOLATIONS);
        assertThat(placed.out()).contains("Deployment/shop/web", "shop/web needs team=shop");
        assertThat(Cli.run("check", "--pack", pack.toString(), rendered.toString()).out()).contains("NOT CHECKED");
        Cli wrong = Cli.run("check", "--pack", pack.toString(), "-n", "Shop", rendered.toString());
        assertThat(wrong.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(wrong.err()).contains("'Shop' is no namespace name");
    }

    @Test
    void aPipeNamedAsAPathIsReadLikeStandardInput(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path pipe = dir.resolve("rendered");
        org.junit.jupiter.api.Assumptions.assumeTrue(new ProcessBuilder("mkfifo", pipe.toString()).start()
                .waitFor() == 0, "mkfifo makes named pipes here");
        String bad = java.nio.file.Files.readString(Cli.SAMPLES.resolve("manifests/bad/quick-hack.yaml"));
        Thread writer = new Thread(() -> {
            try {
                java.nio.file.Files.writeString(pipe, bad);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        writer.start();

        Cli cli = Cli.run("check", "--pack", Cli.PACK, pipe.toString());
        writer.join(10_000);

        assertThat(cli.exitCode()).as(cli.err()).isEqualTo(ExitCode.VIOLATIONS);
        assertThat(cli.out()).contains(pipe + ":2", "disallow-latest-tag");
    }

    @Test
    void unreadableManifestExitsOne() {
        Cli cli = Cli.run("check", "--pack", Cli.PACK, Cli.SAMPLES.resolve("manifests/broken").toString());
        assertThat(cli.exitCode()).isEqualTo(ExitCode.VIOLATIONS);
        assertThat(cli.out()).contains("UNREADABLE");
    }

    @Test
    void anUnrenderedTemplateThatIsValidYamlIsUnreadableAndExitsOne() {
        Cli cli = Cli.run("check", "--pack", Cli.PACK, "src/test/resources/manifests/unrendered-valid-yaml.yaml");
        assertThat(cli.exitCode()).as(cli.err()).isEqualTo(ExitCode.VIOLATIONS);
        assertThat(cli.out()).contains("UNREADABLE src/test/resources/manifests/unrendered-valid-yaml.yaml:5",
                "'name: {{ .Values.name }}'", "helm template");
        assertThat(cli.noStackTrace()).isTrue();
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
    void jsonAsTheOtherCommandsWriteItIsShortForFormatJsonAndConflictsWithAnotherFormat() {
        String bad = Cli.SAMPLES.resolve("manifests/bad").toString();
        Cli json = Cli.run("check", "--pack", Cli.PACK, "--json", bad);
        Cli format = Cli.run("check", "--pack", Cli.PACK, "--format", "json", bad);
        assertThat(json.exitCode()).isEqualTo(ExitCode.VIOLATIONS);
        assertThat(json.out()).isEqualTo(format.out());
        // the JSON goes to stdout, the run's summary line to stderr for the log
        assertThat(json.err()).contains(" manifests, ").contains(" policies, ");

        Cli both = Cli.run("check", "--pack", Cli.PACK, "--json", "--format", "sarif", bad);
        assertThat(both.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(both.err()).contains("--json and --format sarif ask for two formats");
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
    void nothingCheckedIsAWarningSayingWhyAndExitsThreeOnlyWhenAsked(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("config.yaml"), """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: settings, namespace: shop}
                data: {a: b}
                """);
        Cli asked = Cli.run("check", "--fail-if-nothing-checked", "--pack", Cli.PACK, dir.toString());
        assertThat(asked.exitCode()).isEqualTo(ExitCode.NOTHING_CHECKED);
        assertThat(asked.err()).contains("error: nothing was checked: no policy selects any of the 1 manifest read");
        Cli notAsked = Cli.run("check", "--pack", Cli.PACK, dir.toString());
        assertThat(notAsked.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(notAsked.err()).contains("warning: nothing was checked: no policy selects any of the 1 manifest");

        Files.writeString(dir.resolve("config.yaml"), "# values for a chart, not a Kubernetes object\nreplicas: 2\n");
        Cli values = Cli.run("check", "--pack", Cli.PACK, dir.toString());
        assertThat(values.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(values.err()).contains("warning: nothing was checked: no Kubernetes object was read (1 document "
                + "skipped or unreadable)");
    }

    @Test
    void reportPathsAreRelativeToTheBaseDirGivenAsCodeScanningWantsThemFromTheRepositoryRoot() throws Exception {
        String bad = Cli.SAMPLES.resolve("manifests/bad/quick-hack.yaml").toString();
        Cli fromHere = Cli.run("check", "--pack", Cli.PACK, "--format", "sarif", bad);
        Cli fromRoot = Cli.run("check", "--pack", Cli.PACK, "--format", "sarif", "--base-dir",
                Cli.SAMPLES.resolve("..").toString(), bad);
        Cli notAFolder = Cli.run("check", "--pack", Cli.PACK, "--base-dir", bad, bad);

        // outside the working directory, a file is named by its absolute URI, normalised
        assertThat(fromHere.out()).contains("\"uri\": \"" + Path.of(bad).toAbsolutePath().normalize().toUri() + "\"");
        assertThat(fromRoot.out()).contains("\"uri\": \"samples/manifests/bad/quick-hack.yaml\"");
        assertThat(notAFolder.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(notAFolder.err()).contains("--base-dir " + bad + " is not a folder");
    }

    @Test
    void aPolicyExceptionInThePackFolderExemptsWhatItMatchesAsInTheCluster(@TempDir Path dir) throws Exception {
        Path pack = dir.resolve("pack");
        Files.createDirectories(pack);
        Files.copy(Path.of(Cli.PACK).resolve("pack.yaml"), pack.resolve("pack.yaml"));
        Files.copy(Path.of(Cli.PACK).resolve("disallow-latest-tag.yaml"), pack.resolve("disallow-latest-tag.yaml"));
        String manifest = Cli.SAMPLES.resolve("manifests/bad/quick-hack.yaml").toString();
        Cli without = Cli.run("check", "--pack", pack.toString(), manifest);
        Files.writeString(pack.resolve("exception.yaml"), """
                apiVersion: policies.kyverno.io/v1
                kind: PolicyException
                metadata: {name: quick-hack-demo}
                spec:
                  policyRefs: [{name: disallow-latest-tag, kind: ValidatingPolicy}]
                  matchConditions:
                    - {name: the-demo, expression: "object.metadata.name == 'quick-hack'"}
                """);
        Cli with = Cli.run("check", "--pack", pack.toString(), "--format", "json", manifest);

        assertThat(without.exitCode()).isEqualTo(ExitCode.VIOLATIONS);
        assertThat(with.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(with.err()).doesNotContain("warning");
        assertThat(with.out()).contains("exempted by policy exception 'quick-hack-demo'");
    }

    @Test
    void theReportNeverOverwritesAManifestAndAnEmptyPathIsNoFolder(@TempDir Path dir) throws Exception {
        Path manifest = dir.resolve("web.yaml");
        Files.copy(Cli.SAMPLES.resolve("manifests/good/web.yaml"), manifest);
        String before = Files.readString(manifest);

        Cli overwrite = Cli.run("check", "--pack", Cli.PACK, "--format", "json", "-o", manifest.toString(),
                dir.toString());
        assertThat(overwrite.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(overwrite.err()).contains("is one of the manifests being checked; write the report to another "
                + "file");
        assertThat(Files.readString(manifest)).isEqualTo(before);
        Path link = Files.createSymbolicLink(dir.resolve("link.json"), manifest);
        Cli throughLink = Cli.run("check", "--pack", Cli.PACK, "--format", "json", "-o", link.toString(),
                manifest.toString());
        assertThat(throughLink.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(Files.readString(manifest)).isEqualTo(before);

        Cli empty = Cli.run("check", "--pack", Cli.PACK, "");
        assertThat(empty.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(empty.err()).contains("error: a manifest path is empty");
    }

    @Test
    void anOutputPathThatCannotBeWrittenSaysWhyWithoutNamingAnException(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("taken"), "not a folder");

        Cli cli = Cli.run("check", "--pack", Cli.PACK, "-o", file.resolve("report.json").toString(),
                Cli.SAMPLES.resolve("manifests/good").toString());

        assertThat(cli.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(cli.err()).contains("error: " + file + ": exists, and is not a folder; check the path")
                .doesNotContain("Exception");
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

    @Test
    void aBaselineToleratesKnownViolationsAndTheUpdateWritesIt(@TempDir Path dir) throws Exception {
        Path baseline = dir.resolve("guidepost-baseline.yaml");
        String bad = Cli.SAMPLES.resolve("manifests/bad").toString();

        Cli update = Cli.run("check", "--pack", Cli.PACK, "--baseline", baseline.toString(), "--update-baseline", bad);
        assertThat(update.exitCode()).as(update.err()).isEqualTo(ExitCode.OK);
        assertThat(update.err())
                .containsPattern("wrote \\d+ entries \\(one per policy, rule and resource\\) for \\d+ violations to ")
                .contains(baseline + "; commit it");
        assertThat(Files.readString(baseline)).contains("kind: Baseline").contains("policy: disallow-latest-tag");

        Cli known = Cli.run("check", "--pack", Cli.PACK, "--baseline", baseline.toString(), bad);
        assertThat(known.exitCode()).as(known.err()).isEqualTo(ExitCode.OK);
        assertThat(known.out()).contains("KNOWN ").contains("(in the baseline)").doesNotContain("FAIL ");
        assertThat(known.err()).containsPattern("check passed: \\d+ known violations in the baseline");
    }

    @Test
    void updatingTheBaselineFromSomeManifestsKeepsTheOthersEntries(@TempDir Path dir) throws Exception {
        Path baseline = dir.resolve("baseline.yaml");
        String bad = Cli.SAMPLES.resolve("manifests/bad").toString();
        Cli.run("check", "--pack", Cli.PACK, "--baseline", baseline.toString(), "--update-baseline", bad);
        String all = Files.readString(baseline);
        assertThat(all).contains("name: quick-hack").contains("name: public-db");

        Cli subset = Cli.run("check", "--pack", Cli.PACK, "--baseline", baseline.toString(), "--update-baseline",
                Cli.SAMPLES.resolve("manifests/bad/quick-hack.yaml").toString());

        assertThat(subset.exitCode()).as(subset.err()).isEqualTo(ExitCode.OK);
        assertThat(subset.err()).containsPattern("of them kept for resources or policies this run did not check");
        assertThat(Files.readString(baseline)).isEqualTo(all);
        Cli known = Cli.run("check", "--pack", Cli.PACK, "--baseline", baseline.toString(), bad);
        assertThat(known.exitCode()).as(known.out()).isEqualTo(ExitCode.OK);
    }

    @Test
    void newViolationsStillFailAndFixedEntriesArePointedOut(@TempDir Path dir) throws Exception {
        Path baseline = Files.writeString(dir.resolve("baseline.yaml"), """
                apiVersion: guidepost.dev/v1alpha1
                kind: Baseline
                violations:
                  - {policy: disallow-latest-tag, kind: Deployment, namespace: shop, name: quick-hack}
                  - {policy: disallow-latest-tag, kind: Deployment, namespace: shop, name: retired}
                  - {policy: disalow-latest-tag, kind: Deployment, namespace: shop, name: web}
                """);
        Cli cli = Cli.run("check", "--pack", Cli.PACK, "--baseline", baseline.toString(),
                Cli.SAMPLES.resolve("manifests/bad/quick-hack.yaml").toString());

        assertThat(cli.exitCode()).isEqualTo(ExitCode.VIOLATIONS);
        assertThat(cli.out()).contains("KNOWN ").contains("disallow-latest-tag (in the baseline)")
                .contains("FAIL ").contains("allowed-registries");
        assertThat(cli.err()).contains("UNKNOWN POLICY disalow-latest-tag on Deployment/shop/web is in the baseline, "
                + "but the pack has no policy 'disalow-latest-tag'; did you mean disallow-latest-tag? Fix the id in "
                + baseline).doesNotContain("UNSEEN disalow-latest-tag");
        assertThat(cli.err()).contains("UNSEEN disallow-latest-tag on Deployment/shop/retired is in the baseline but "
                + "none of the manifests checked is that resource")
                .containsPattern("check failed: \\d+ violations fail the check; 1 warning \\(Audit/Warn policies\\); "
                        + "1 known violation in the baseline; 2 baseline entries not seen");
    }

    @Test
    void aBaselineNeverExcusesAnUnreadableManifest(@TempDir Path dir) throws Exception {
        Path baseline = Files.writeString(dir.resolve("baseline.yaml"), "violations: []\n");
        Cli cli = Cli.run("check", "--pack", Cli.PACK, "--baseline", baseline.toString(),
                Cli.SAMPLES.resolve("manifests/broken").toString());

        assertThat(cli.exitCode()).isEqualTo(ExitCode.VIOLATIONS);
        assertThat(cli.err()).contains("could not be read");
    }

    @Test
    void aMissingOrInvalidBaselineIsAUsageError(@TempDir Path dir) throws Exception {
        String good = Cli.SAMPLES.resolve("manifests/good").toString();
        Cli missing = Cli.run("check", "--pack", Cli.PACK, "--baseline", dir.resolve("none.yaml").toString(), good);
        assertThat(missing.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(missing.err()).contains("none.yaml").contains("no baseline file");
        assertThat(missing.noStackTrace()).isTrue();

        Path invalid = Files.writeString(dir.resolve("invalid.yaml"), "violations:\n  - {kind: Pod, name: x}\n");
        Cli cli = Cli.run("check", "--pack", Cli.PACK, "--baseline", invalid.toString(), good);
        assertThat(cli.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(cli.err()).contains(invalid + ":2").contains("a violation needs policy, kind and name");

        Cli noFile = Cli.run("check", "--pack", Cli.PACK, "--update-baseline", good);
        assertThat(noFile.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(noFile.err()).contains("--update-baseline needs --baseline FILE");
    }

    @Test
    void sarifPathsAreRelativeToTheWorkingDirectoryAndKnowTheBaseline() throws Exception {
        // below the working directory (the module), so that the path can be relative
        Path folder = Path.of("target", "check-command-test");
        Files.createDirectories(folder);
        Path manifest = folder.resolve("quick-hack.yaml");
        Files.copy(Cli.SAMPLES.resolve("manifests/bad/quick-hack.yaml"), manifest,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Path baseline = Files.writeString(folder.resolve("baseline.yaml"),
                "violations:\n  - {policy: disallow-latest-tag, kind: Deployment, namespace: shop, name: quick-hack}\n");

        Cli cli = Cli.run("check", "--pack", Cli.PACK, "--format", "sarif", "--baseline", baseline.toString(),
                manifest.toAbsolutePath().toString());

        assertThat(cli.exitCode()).isEqualTo(ExitCode.VIOLATIONS);
        JsonNode results = JsonMapper.builder().build().readTree(cli.out()).get("runs").get(0).get("results");
        assertThat(results.size()).isPositive();
        for (JsonNode result : results) {
            assertThat(result.get("locations").get(0).get("physicalLocation").get("artifactLocation").get("uri")
                    .asString()).isEqualTo("target/check-command-test/quick-hack.yaml");
            if (result.has("kind")) {
                continue; // a rule left unchecked (kind review) is no violation, so it has no baseline state
            }
            boolean known = result.get("ruleId").asString().equals("disallow-latest-tag");
            assertThat(result.get("baselineState").asString()).as(result.get("ruleId").asString())
                    .isEqualTo(known ? "unchanged" : "new");
        }
    }

    @Test
    void junitAndMarkdownReports() {
        String bad = Cli.SAMPLES.resolve("manifests/bad").toString();
        Cli junit = Cli.run("check", "--pack", Cli.PACK, "--format", "junit", bad);
        assertThat(junit.exitCode()).isEqualTo(ExitCode.VIOLATIONS);
        assertThat(junit.out()).startsWith("<?xml").contains("<testsuite").contains("<failure");

        Cli markdown = Cli.run("check", "--pack", Cli.PACK, "--format", "markdown", bad);
        assertThat(markdown.exitCode()).isEqualTo(ExitCode.VIOLATIONS);
        assertThat(markdown.out()).contains("disallow-latest-tag").contains("|");

        Cli unknown = Cli.run("check", "--pack", Cli.PACK, "--format", "html", bad);
        assertThat(unknown.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(unknown.err()).contains("unknown --format 'html'; use one of text, json, sarif, junit, markdown");
    }

    @Test
    void undocumentedFormatAliasesExitTwoListingTheValidNames() {
        String good = Cli.SAMPLES.resolve("manifests/good").toString();
        for (String alias : new String[] {"xml", "md"}) {
            Cli cli = Cli.run("check", "--pack", Cli.PACK, "--format", alias, good);
            assertThat(cli.exitCode()).as(alias).isEqualTo(ExitCode.USAGE);
            assertThat(cli.out()).as(alias).isEmpty();
            assertThat(cli.err()).as(alias).contains("unknown --format '" + alias + "'")
                    .contains("text, json, sarif, junit, markdown").doesNotContain("Exception");
        }
    }
}
