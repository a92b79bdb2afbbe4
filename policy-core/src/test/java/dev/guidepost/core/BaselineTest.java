package dev.guidepost.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaselineTest {

    private final Report report = CheckFixtures.check(false);

    @Test
    void listsEveryViolationOfAReportByPolicyAndResource() {
        Baseline baseline = Baseline.of(report);

        assertThat(baseline.entries()).containsExactly(
                new Baseline.Entry("require-readiness-probe", "Deployment", "shop", "legacy"),
                new Baseline.Entry("require-team-label", "Deployment", "shop", "legacy"));
    }

    @Test
    void splitsViolationsIntoNewAndKnownAndListsFixedEntries() {
        Baseline baseline = Baseline.load(CheckFixtures.ROOT.resolve("baseline.yaml"));

        Baseline.Split split = baseline.split(report);

        assertThat(split.known()).extracting(Result::policyId).containsExactly("require-team-label");
        assertThat(split.newViolations()).extracting(Result::policyId).containsExactly("require-readiness-probe");
        assertThat(split.fixed()).isEmpty();
        assertThat(split.unchecked()).containsExactly(
                new Baseline.Entry("require-team-label", "Deployment", "shop", "removed-long-ago"));
    }

    @Test
    void namesEntriesWhosePolicyThePackDoesNotHaveWithTheIdItProbablyMeant() {
        Baseline baseline = Baseline.of(List.of(new Baseline.Entry("require-team-labels", "Deployment", "shop", "web"),
                new Baseline.Entry("require-team-label", "Deployment", "shop", "web")));

        assertThat(baseline.unknownPolicies(CheckFixtures.PACK)).singleElement().asString()
                .startsWith("lists require-team-labels on Deployment/shop/web, but ")
                .contains("has no policy 'require-team-labels'; did you mean require-team-label?")
                .endsWith("Fix the id, or remove the entry if the policy is gone");
        assertThat(Baseline.of(List.of(new Baseline.Entry("gone-policy", "Deployment", "shop", "web")))
                .unknownPolicies(CheckFixtures.PACK)).singleElement().asString()
                .endsWith("has no policy 'gone-policy'; Fix the id, or remove the entry if the policy is gone");
    }

    @Test
    void theCleanupLinesCallAnEntryOfAPolicyThePackLacksUnknownRatherThanUnseen() {
        Baseline baseline = Baseline.of(List.of(new Baseline.Entry("require-team-labels", "Deployment", "shop",
                "legacy"), new Baseline.Entry("require-team-label", "Deployment", "shop", "removed-long-ago")));
        Verdict verdict = ReportOptions.defaults().withBaseline(baseline).verdict(report);

        assertThat(verdict.baselineCleanup("b.yaml", CheckFixtures.PACK.policies())).containsExactlyInAnyOrder(
                "UNKNOWN POLICY require-team-labels on Deployment/shop/legacy is in the baseline, but the pack has no "
                        + "policy 'require-team-labels'; did you mean require-team-label? Fix the id in b.yaml, or "
                        + "remove the entry if the policy is gone",
                "UNSEEN require-team-label on Deployment/shop/removed-long-ago is in the baseline but none of the "
                        + "manifests checked is that resource (removed, or outside the manifests checked); remove it "
                        + "from b.yaml if the resource is gone");
        assertThat(verdict.baselineCleanup("b.yaml")).allSatisfy(line -> assertThat(line).startsWith("UNSEEN "));
    }

    @Test
    void anUnknownFieldInTheFileOrAnEntryIsAnErrorAtItsLine(@TempDir Path dir) throws Exception {
        Path entry = Files.writeString(dir.resolve("entry.yaml"), """
                violations:
                  - policy: require-team-label
                    apiVersion: cluster.x-k8s.io/v1beta1
                    kind: Cluster
                    name: orders
                """);
        Path top = Files.writeString(dir.resolve("top.yaml"), "kind: Baseline\nviolation: []\n");

        assertThatThrownBy(() -> Baseline.load(entry)).isInstanceOf(GuidepostException.class)
                .hasMessageContaining("entry.yaml:3").hasMessageContaining("unknown field 'apiVersion' in a violation;"
                        + " its fields are policy, rule, kind, namespace, name");
        assertThatThrownBy(() -> Baseline.load(top)).hasMessageContaining("top.yaml:2")
                .hasMessageContaining("unknown field 'violation'");
    }

    @Test
    void anUpdateRewritesWhatTheReportCheckedAndKeepsEntriesItDidNotCheck() {
        Baseline.Entry elsewhere = new Baseline.Entry("require-team-label", "Deployment", "other", "web");
        Baseline.Entry fixed = new Baseline.Entry("require-team-label", "Deployment", "shop", "web");
        Baseline previous = Baseline.of(List.of(elsewhere, fixed));

        Baseline updated = previous.updatedBy(report);

        assertThat(updated.entries()).containsExactly(
                new Baseline.Entry("require-readiness-probe", "Deployment", "shop", "legacy"),
                elsewhere,
                new Baseline.Entry("require-team-label", "Deployment", "shop", "legacy"));
        assertThat(updated.describeFor(report)).isEqualTo("3 entries (one per policy, rule and resource) for 2 "
                + "violations, 1 of them kept for resources or policies this run did not check (delete them when "
                + "those resources are gone)");
        assertThat(Baseline.empty().updatedBy(report).entries()).isEqualTo(Baseline.of(report).entries());
    }

    @Test
    void anEntryIsFixedOnlyWhenItsPolicyAndResourceWereCheckedWithoutAViolation() {
        Baseline.Entry webFixed = new Baseline.Entry("require-team-label", "Deployment", "shop", "web");
        Baseline.Entry elsewhere = new Baseline.Entry("require-team-label", "Deployment", "other", "web");
        Baseline baseline = Baseline.of(java.util.List.of(webFixed, elsewhere));

        Baseline.Split split = baseline.split(report);

        assertThat(split.fixed()).containsExactly(webFixed);
        assertThat(split.unchecked()).containsExactly(elsewhere);
        String json = ReportFormat.JSON.render(report, ReportOptions.defaults().withBaseline(baseline));
        assertThat(json).contains("\"fixedEntries\": [\n      {\n        \"policy\": \"require-team-label\"")
                .contains("\"unseenEntries\": [").contains("\"namespace\": \"other\"");
    }

    @Test
    void aNewViolationOfAnotherRuleOfTheSamePolicyIsNewAndAnEntryWithoutARuleCoversEveryRule() {
        PolicyEngine engine = PolicyEngine.of(PolicyPack.parse("""
                apiVersion: kyverno.io/v1
                kind: ClusterPolicy
                metadata:
                  name: image-rules
                spec:
                  validationFailureAction: Enforce
                  rules:
                    - name: no-latest
                      match: {any: [{resources: {kinds: [Pod]}}]}
                      validate:
                        message: pin the image
                        pattern: {spec: {containers: [{image: "!*:latest"}]}}
                    - name: pull-always
                      match: {any: [{resources: {kinds: [Pod]}}]}
                      validate:
                        message: pull always
                        pattern: {spec: {containers: [{imagePullPolicy: Always}]}}
                """, "image-rules.yaml"));
        String pod = """
                apiVersion: v1
                kind: Pod
                metadata: {name: web, namespace: shop}
                spec:
                  containers: [{name: app, image: "app:latest", imagePullPolicy: %s}]
                """;
        Baseline adopted = Baseline.of(engine.check(Manifests.parse(pod.formatted("Always"), "pod.yaml")));

        Baseline.Split later = adopted.split(engine.check(Manifests.parse(pod.formatted("IfNotPresent"), "pod.yaml")));

        assertThat(adopted.entries()).containsExactly(
                new Baseline.Entry("image-rules", "no-latest", "Pod", "shop", "web"));
        assertThat(adopted.toYaml()).contains("    rule: no-latest\n");
        assertThat(later.known()).extracting(Result::rule).containsExactly("no-latest");
        assertThat(later.newViolations()).extracting(Result::rule).containsExactly("pull-always");
        Baseline legacy = Baseline.of(List.of(new Baseline.Entry("image-rules", "Pod", "shop", "web")));
        assertThat(legacy.split(engine.check(Manifests.parse(pod.formatted("IfNotPresent"), "pod.yaml")))
                .newViolations()).isEmpty();
    }

    @Test
    void matchesByResourceNotByLineSoMovedManifestsStayKnown() {
        Result known = report.violations().stream().filter(r -> r.policyId().equals("require-team-label"))
                .findFirst().orElseThrow();
        Result moved = new Result(known.policyId(), known.policyTitle(), known.rule(), known.severity(),
                known.action(), known.outcome(), known.message(), known.remediation(), known.resource(),
                SourceLocation.of("elsewhere/legacy.yaml", 42));

        assertThat(Baseline.of(report).contains(moved)).isTrue();
    }

    @Test
    void roundTripsThroughYamlAndJsonFiles(@TempDir Path dir) {
        Baseline baseline = Baseline.of(report);

        baseline.write(dir.resolve("sub/baseline.yaml"));
        baseline.write(dir.resolve("baseline.json"));

        assertThat(Baseline.load(dir.resolve("sub/baseline.yaml"))).isEqualTo(baseline);
        assertThat(Baseline.load(dir.resolve("baseline.json"))).isEqualTo(baseline);
    }

    @Test
    void writesSortedYamlWithoutLinesAndQuotesOddNames(@TempDir Path dir) throws Exception {
        Baseline baseline = Baseline.of(List.of(new Baseline.Entry("b-policy", "Service", "", "true"),
                new Baseline.Entry("a-policy", "Deployment", "shop", "web")));

        String yaml = baseline.toYaml();

        assertThat(yaml).contains("""
                violations:
                  - policy: a-policy
                    kind: Deployment
                    namespace: shop
                    name: web
                  - policy: b-policy
                    kind: Service
                    name: "true"
                """).doesNotContain("line:");
        Path file = dir.resolve("baseline.yaml");
        Files.writeString(file, yaml);
        assertThat(Baseline.load(file)).isEqualTo(baseline);
    }

    @Test
    void refusesAMissingFileAndNamesTheLineOfABadEntry(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> Baseline.load(dir.resolve("missing.yaml")))
                .isInstanceOf(GuidepostException.class).hasMessageContaining("missing.yaml")
                .hasMessageContaining("no baseline file");

        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, """
                kind: Baseline
                violations:
                  - policy: require-team-label
                    kind: Deployment
                    name: web
                  - policy: require-team-label
                    namespace: shop
                """);
        assertThatThrownBy(() -> Baseline.load(bad)).isInstanceOf(GuidepostException.class)
                .hasMessageContaining("bad.yaml:6").hasMessageContaining("needs policy, kind and name");
    }

    @Test
    void anEmptyBaselineKnowsNothing() {
        Baseline.Split split = Baseline.empty().split(report);

        assertThat(split.known()).isEmpty();
        assertThat(split.newViolations()).hasSize(report.violations().size());
        assertThat(Baseline.empty().toYaml()).contains("violations: []");
    }
}
