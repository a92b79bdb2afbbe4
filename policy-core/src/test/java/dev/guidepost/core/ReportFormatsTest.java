package dev.guidepost.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.yaml.snakeyaml.Yaml;

class ReportFormatsTest {

    private final Report report = CheckFixtures.check(true);

    @Test
    void parsesEveryFormatNameAndKnowsItsFileName() {
        assertThat(ReportFormat.values()).extracting(ReportFormat::fileName).containsExactly("report.txt",
                "report.json", "report.sarif", "TEST-guidepost.xml", "report.md");
        assertThat(ReportFormat.parse("sarif")).contains(ReportFormat.SARIF);
        assertThat(ReportFormat.parse("JUnit")).contains(ReportFormat.JUNIT);
        assertThat(ReportFormat.parse(" markdown ")).contains(ReportFormat.MARKDOWN);
        assertThat(ReportFormat.parse("html")).isEmpty();
    }

    @Test
    void aSkippedKustomizationsHintNamesItsFolderRelativeToTheBaseDir() {
        java.nio.file.Path base = java.nio.file.Path.of("src/test/resources/manifests").toAbsolutePath();
        Report kustomize = PolicyEngine.of(CheckFixtures.PACK).check(Manifests.load(base.resolve("kustomize")));
        ReportOptions options = ReportOptions.defaults().withBaseDir(base);

        assertThat(ConsoleReport.entries(kustomize, options)).extracting(ConsoleReport.Entry::text)
                .anySatisfy(line -> assertThat(line).startsWith("SKIPPED kustomize/kustomization.yaml:1: ")
                        .contains("kustomize build kustomize | guidepost check").doesNotContain(base.toString()));
        assertThat(ReportFormat.JSON.render(kustomize, options)).contains("kustomize build kustomize");
        for (ReportFormat format : ReportFormat.values()) {
            assertThat(format.render(kustomize, options, false)).as(format.label())
                    .doesNotContain(base.resolve("kustomize").toString());
        }
    }

    @Test
    void rejectsAliasesThatAreNotDocumentedFormatNames() {
        assertThat(ReportFormat.parse("xml")).isEmpty();
        assertThat(ReportFormat.parse("md")).isEmpty();
        assertThat(ReportFormat.labels()).isEqualTo("text, json, sarif, junit, markdown");
    }

    @Test
    @SuppressWarnings("unchecked")
    void sarifHasTheVersionSchemaRulesAndLocatedResults() {
        Map<String, Object> sarif = json(ReportFormat.SARIF.render(report, CheckFixtures.options()));

        assertThat(sarif).containsEntry("version", "2.1.0");
        assertThat((String) sarif.get("$schema")).endsWith("sarif-schema-2.1.0.json");
        Map<String, Object> run = ((List<Map<String, Object>>) sarif.get("runs")).get(0);
        Map<String, Object> driver = (Map<String, Object>) ((Map<String, Object>) run.get("tool")).get("driver");
        assertThat(driver).containsEntry("name", "Guidepost").containsEntry("version", "1.2.3");
        List<Map<String, Object>> rules = (List<Map<String, Object>>) driver.get("rules");
        assertThat(rules).extracting(r -> r.get("id")).containsExactly("require-readiness-probe",
                "require-team-label", "guidepost:unreadable-manifest");
        Map<String, Object> teamRule = rules.get(1);
        assertThat(((Map<String, Object>) teamRule.get("shortDescription")).get("text"))
                .isEqualTo("Workloads name their team");
        assertThat((String) ((Map<String, Object>) teamRule.get("help")).get("text"))
                .contains("Fix: Add metadata.labels.team");
        assertThat((Map<String, Object>) teamRule.get("properties")).containsEntry("security-severity", "8.0");

        List<Map<String, Object>> results = (List<Map<String, Object>>) run.get("results");
        Map<String, Object> enforced = results.get(1);
        assertThat(enforced).containsEntry("ruleId", "require-team-label").containsEntry("ruleIndex", 1)
                .containsEntry("level", "error");
        assertThat(((Map<String, Object>) enforced.get("message")).get("text"))
                .isEqualTo("Deployment/shop/legacy: Deployment legacy has no team label");
        Map<String, Object> physical = (Map<String, Object>) ((List<Map<String, Object>>) enforced.get("locations"))
                .get(0).get("physicalLocation");
        assertThat((Map<String, Object>) physical.get("artifactLocation")).containsEntry("uri",
                "manifests/legacy.yaml").containsEntry("uriBaseId", "%SRCROOT%");
        assertThat((Map<String, Object>) physical.get("region")).containsEntry("startLine", 2);
        assertThat(results.get(0)).containsEntry("ruleId", "require-readiness-probe").containsEntry("level",
                "warning");
        assertThat(results).filteredOn(r -> r.containsKey("suppressions")).singleElement()
                .satisfies(r -> assertThat(r).containsEntry("ruleId", "require-team-label"));
        assertThat(results).filteredOn(r -> "guidepost:unreadable-manifest".equals(r.get("ruleId")))
                .singleElement().satisfies(r -> assertThat(r).containsEntry("level", "error"));
        assertThat(((Map<String, Map<String, Object>>) run.get("originalUriBaseIds")).get("%SRCROOT%").get("uri"))
                .asString().startsWith("file:/").endsWith("/");
    }

    @Test
    @SuppressWarnings("unchecked")
    void sarifMarksBaselinedResultsUnchangedAndOthersNew() {
        Map<String, Object> sarif = json(ReportFormat.SARIF.render(report,
                CheckFixtures.options().withBaseline(Baseline.load(CheckFixtures.ROOT.resolve("baseline.yaml")))));

        List<Map<String, Object>> results = (List<Map<String, Object>>) ((List<Map<String, Object>>) sarif
                .get("runs")).get(0).get("results");
        assertThat(results.get(0)).containsEntry("ruleId", "require-readiness-probe")
                .containsEntry("baselineState", "new");
        assertThat(results.get(1)).containsEntry("ruleId", "require-team-label")
                .containsEntry("baselineState", "unchanged");
    }

    @Test
    void junitHasOneTestCasePerResultWithFailuresSkipsAndErrors() throws Exception {
        String xml = ReportFormat.JUNIT.render(report, CheckFixtures.options());

        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        Element suite = doc.getDocumentElement();
        assertThat(suite.getTagName()).isEqualTo("testsuite");
        assertThat(suite.getAttribute("name")).isEqualTo("guidepost");
        // 3 Deployments x 2 policies, plus the unreadable file
        assertThat(suite.getAttribute("tests")).isEqualTo("7");
        // the Audit finding does not fail the check, so its test case is skipped with the reason, not failed
        assertThat(suite.getAttribute("failures")).isEqualTo("1");
        assertThat(suite.getAttribute("skipped")).isEqualTo("2");
        assertThat(suite.getAttribute("errors")).isEqualTo("1");
        NodeList skips = doc.getElementsByTagName("skipped");
        assertThat(java.util.stream.IntStream.range(0, skips.getLength()).mapToObj(i -> (Element) skips.item(i))
                .filter(e -> ((Element) e.getParentNode()).getAttribute("name")
                        .equals("Deployment/shop/legacy require-readiness-probe")))
                .singleElement().satisfies(e -> assertThat(e.getAttribute("message"))
                        .startsWith("Audit finding, does not fail the check: "));
        NodeList failures = doc.getElementsByTagName("failure");
        Element failure = (Element) failures.item(0);
        Element testcase = (Element) failure.getParentNode();
        assertThat(testcase.getAttribute("classname")).isEqualTo("manifests/legacy.yaml");
        assertThat(testcase.getAttribute("name")).isEqualTo("Deployment/shop/legacy require-team-label");
        assertThat(failure.getAttribute("type")).isEqualTo("Enforce/high");
        assertThat(failure.getTextContent()).contains("manifests/legacy.yaml:2").contains("fix:");
        assertThat(xml).as("deterministic").isEqualTo(ReportFormat.JUNIT.render(CheckFixtures.check(true),
                CheckFixtures.options()));
    }

    @Test
    void junitSkipsBaselinedViolations() throws Exception {
        String xml = ReportFormat.JUNIT.render(report, CheckFixtures.options().withBaseline(Baseline.of(report)));

        assertThat(xml).contains("failures=\"0\"").contains("skipped=\"3\"")
                .contains("known violation (baseline): Deployment legacy has no team label");
    }

    @Test
    void markdownHasTheVerdictASummaryTableAndEachViolationWithItsFix() {
        String md = ReportFormat.MARKDOWN.render(report, CheckFixtures.options());

        assertThat(md).startsWith("## ❌ Guidepost policy check failed\n\n1 violation fails the check; 1 warning")
                .contains("| Manifests | Policies | Passed | Failed |")
                .contains("| 3 | 2 | 3 | 2 | 0 | 1 | 0 | 0 | 1 | 1 |")
                .contains("| high | 1 |")
                .contains("### Violations (1)\n\n- ❌ **require-team-label** — Workloads name their team (high, Enforce)")
                .contains("`manifests/legacy.yaml:2` `Deployment/shop/legacy`")
                .contains("**Fix:** Add metadata.labels.team with your team's slug.")
                .contains("### Warnings (1)")
                .contains("### Unreadable manifests")
                .contains("### Exemptions");
    }

    @Test
    void markdownNamesTheKustomizeFilesItDidNotCheckSoAReviewerDoesNotTakeThemForChecked() {
        List<ManifestProblem> skipped = new java.util.ArrayList<>();
        for (int i = 0; i < 22; i++) {
            skipped.add(new ManifestProblem(new SourceLocation("overlays/o" + i + "/kustomization.yaml", 1, 1),
                    ManifestProblem.Type.KUSTOMIZE, "a Kustomize file, not an object for the cluster; skipped."));
        }
        Report withKustomize = new Report(List.of(), List.of(), List.of(), skipped, 0, 1);

        assertThat(ReportFormat.MARKDOWN.render(withKustomize))
                .contains("### Kustomize files not checked (22)\n\nKustomizations and the patches they name are not "
                        + "objects; check what `kustomize build` renders.\n\n- ❔ `overlays/o0/kustomization.yaml:1`")
                .contains("- ❔ `overlays/o19/kustomization.yaml:1`\n- and 2 more\n")
                .doesNotContain("o20/");
        assertThat(ReportFormat.MARKDOWN.render(report, CheckFixtures.options())).doesNotContain("Kustomize");
    }

    @Test
    void textAndJsonShowPathsRelativeToTheBaseFolder() {
        assertThat(ReportFormat.TEXT.render(report, CheckFixtures.options()))
                .contains("FAIL manifests/legacy.yaml:2  Deployment/shop/legacy");
        assertThat(ReportFormat.JSON.render(report, CheckFixtures.options()))
                .contains("\"file\": \"manifests/legacy.yaml\"").contains("\"verdict\": {");
        assertThat(ReportFormat.TEXT.render(report)).contains(CheckFixtures.ROOT.toString());
    }

    @Test
    @SuppressWarnings("unchecked")
    void jsonTellsRulesLeftUncheckedFromOtherSkips() {
        ResourceRef web = new ResourceRef("apps/v1", "Deployment", "shop", "web");
        SourceLocation at = new SourceLocation("web.yaml", 1, 1);
        Report withUnchecked = new Report(List.of(
                new Result("region", "Region", "", Severity.HIGH, Action.ENFORCE, Outcome.SKIP,
                        Result.NOT_CHECKED + "the rule reads the Namespace, which is not among the manifests", "",
                        web, at),
                new Result("replicas", "Replicas", "", Severity.LOW, Action.AUDIT, Outcome.SKIP,
                        "preconditions not met", "", web, at)), List.of(), List.of(), List.of(), 1, 2);

        Map<String, Object> root = json(ReportFormat.JSON.render(withUnchecked));
        assertThat((Map<String, Object>) root.get("summary")).containsEntry("skip", 2).containsEntry("notChecked", 1);
        assertThat((List<Map<String, Object>>) root.get("results")).extracting(r -> r.get("notChecked"))
                .containsExactly(true, false);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aViolationIsPointedAtTheLineOfTheFieldItNamesInSarifAndJson() {
        ResourceRef web = new ResourceRef("apps/v1", "Deployment", "shop", "web");
        Result result = new Result("no-host-path", "No hostPath", "", Severity.HIGH, Action.ENFORCE, Outcome.FAIL,
                "hostPath volumes are forbidden (line 14)", "", web, new SourceLocation("web.yaml", 2, 0), 14);
        Report report = new Report(List.of(result), List.of(), List.of(), List.of(), 1, 1);

        Map<String, Object> sarif = json(ReportFormat.SARIF.render(report));
        Map<String, Object> sarifResult = ((List<Map<String, Object>>) ((List<Map<String, Object>>) sarif
                .get("runs")).get(0).get("results")).get(0);
        Map<String, Object> physical = (Map<String, Object>) ((List<Map<String, Object>>) sarifResult
                .get("locations")).get(0).get("physicalLocation");
        Map<String, Object> root = json(ReportFormat.JSON.render(report));

        assertThat(result.fieldLocation()).isEqualTo(SourceLocation.of("web.yaml", 14));
        assertThat((Map<String, Object>) physical.get("region")).containsEntry("startLine", 14);
        assertThat(((List<Map<String, Object>>) root.get("results")).get(0)).containsEntry("line", 2)
                .containsEntry("fieldLine", 14);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aMisspeltExemptionAnnotationIsASarifWarningAtItsManifest() {
        ResourceRef web = new ResourceRef("apps/v1", "Deployment", "shop", "web");
        UnknownExemption typo = new UnknownExemption("disallow-latest-tagg", web, SourceLocation.of("web.yaml", 3),
                List.of("disallow-latest-tag"));
        Report report = new Report(List.of(), List.of(), List.of(typo), List.of(), 1, 1);

        Map<String, Object> run = ((List<Map<String, Object>>) json(ReportFormat.SARIF.render(report)).get("runs"))
                .get(0);
        Map<String, Object> result = ((List<Map<String, Object>>) run.get("results")).get(0);

        assertThat(result).containsEntry("ruleId", "guidepost:unknown-exemption").containsEntry("level", "warning");
        assertThat(((Map<String, Object>) result.get("message")).get("text").toString())
                .contains("did you mean disallow-latest-tag?");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(String text) {
        return (Map<String, Object>) new Yaml().load(text);
    }
}
