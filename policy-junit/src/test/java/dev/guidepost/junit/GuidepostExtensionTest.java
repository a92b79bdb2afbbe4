package dev.guidepost.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.FileSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

import dev.guidepost.core.Manifests;
import dev.guidepost.core.PolicyEngine;
import dev.guidepost.core.PolicyPack;
import dev.guidepost.core.Result;
import dev.guidepost.junit.fixtures.BaseDirFixture;
import dev.guidepost.junit.fixtures.ClasspathPackFixture;
import dev.guidepost.junit.fixtures.ConcurrentSamplePackFixture;
import dev.guidepost.junit.fixtures.ConcurrentTinyPackFixture;
import dev.guidepost.junit.fixtures.ConventionalFoldersFixture;
import dev.guidepost.junit.fixtures.DynamicTestsFixture;
import dev.guidepost.junit.fixtures.DeployedNamespaceFixture;
import dev.guidepost.junit.fixtures.ExcludesFixture;
import dev.guidepost.junit.fixtures.ExemptionTypoDynamicFixture;
import dev.guidepost.junit.fixtures.FailingFixture;
import dev.guidepost.junit.fixtures.InvalidPolicyFixture;
import dev.guidepost.junit.fixtures.LazyStreamsFixture;
import dev.guidepost.junit.fixtures.MissingBaseDirFixture;
import dev.guidepost.junit.fixtures.MissingPackFixture;
import dev.guidepost.junit.fixtures.NoConventionalFoldersFixture;
import dev.guidepost.junit.fixtures.SameNamesFixture;
import dev.guidepost.junit.fixtures.OutsideGuidepostTestFixture;
import dev.guidepost.junit.fixtures.Overlap;
import dev.guidepost.junit.fixtures.ParametersFixture;
import dev.guidepost.junit.fixtures.PassingFixture;
import dev.guidepost.junit.fixtures.WithoutAnnotationFixture;

/** Runs fixture classes through the Jupiter engine with JUnit's EngineTestKit and reads what they report. */
class GuidepostExtensionTest {

    private static final Path BASE = Path.of("").toAbsolutePath();

    private static Events failingTests;

    @Test
    void aPassingClassPassesEveryTest() {
        Events tests = run(PassingFixture.class).testEvents();

        tests.assertStatistics(s -> s.started(10).succeeded(10).failed(0));
    }

    @Test
    void aPassingDiscoveryPublishesWhatItDiscoveredAndChecked() {
        Events tests = run(PassingFixture.class).testEvents();

        assertThat(reportEntries(tests, "databaseManifestsFollowTheRules", "guidepost")).singleElement().satisfies(entry -> assertThat(entry)
                .startsWith("Discovered in acme-platform@1.0.0 (score >= 1.50): databases-in-us-east-1 (")
                .contains("Checked: 1 manifest, "));
    }

    @Test
    void aPassingCheckWithABaselinePublishesTheEntriesItNoLongerNeeds() {
        Events tests = run(PassingFixture.class).testEvents();

        assertThat(reportEntries(tests, "aBaselineEntryForAnObjectThatIsGoneIsNamedWhen", "guidepost.baseline"))
                .singleElement().satisfies(entry -> assertThat(entry).contains("retired-service"));
        assertThat(reportEntries(tests, "aBaselineEntryForAnObjectThatIsGoneIsNamedBeside", "guidepost.baseline"))
                .singleElement().satisfies(entry -> assertThat(entry).startsWith("src/test/resources/baselines/"
                        + "stale.yaml: ").contains("not among the manifests checked (remove from the baseline if "
                        + "gone): production-replicas on Deployment/shop/retired-service"));
    }

    @Test
    void aMisspeltExemptionAnnotationIsPublishedEvenWhenTheManifestComplies() {
        Events tests = run(PassingFixture.class).testEvents();

        assertThat(reportEntries(tests, "aMisspeltExemption", "guidepost.unknownExemptions")).singleElement().satisfies(entry -> assertThat(entry).contains("StatefulSet/shop/orders-db")
                        .contains("guidepost.dev/ignore-databases-in-us-east names no policy")
                        .contains("did you mean databases-in-us-east-1?"));
    }

    @Test
    void aFailingClassFailsEveryTestWithAReadableMessage() {
        Events tests = failingTests();

        tests.assertStatistics(s -> s.started(10).succeeded(0).failed(10));
        assertThat(failures(tests)).allSatisfy((test, failure) -> assertThat(failure).isInstanceOf(
                test.equals("aMissingPathNamesTheResolvedPath") ? GuidepostConfigurationException.class
                        : AssertionError.class));
    }

    @Test
    void aViolationFailureListsEveryViolationWithFileLineResourcePolicyTitleMessageAndFix() {
        String message = failures(failingTests())
                .get("badManifestsBreakApplicablePolicies").getMessage();

        assertThat(message).startsWith("Expected the manifests in src/test/resources/manifests/bad to satisfy every"
                + " applicable policy of acme-platform@1.0.0, but found 9 violations:");
        assertThat(message).contains("\n"
                + "  1. src/test/resources/manifests/bad/public-db.yaml:2  StatefulSet/shop/public-db\n"
                + "     policy:  databases-in-us-east-1 — Databases run only in us-east-1 [high, Enforce]\n"
                + "     message: databases must run in us-east-1; StatefulSet public-db selects region eu-west-1\n"
                + "     fix:     Set spec.template.spec.nodeSelector: {topology.kubernetes.io/region: us-east-1}");
        List<Result> violations = PolicyEngine.of(PolicyPack.load(Path.of("../samples/pack")))
                .check(Manifests.load(BASE.resolve("src/test/resources/manifests/bad"))).violations();
        assertThat(violations).hasSize(9);
        for (Result v : violations) {
            assertThat(message).contains(BASE.relativize(Path.of(v.location().file())) + ":" + v.location().line()
                    + "  " + v.resource() + "\n");
            assertThat(message).contains("policy:  " + v.policyId() + " — " + v.policyTitle());
            assertThat(message).contains("message: " + v.message());
            assertThat(message).contains("fix:     " + v.remediation());
        }
        // the violations that block a deploy first, then the Audit one
        assertThat(message)
                .contains("  8. src/test/resources/manifests/bad/quick-hack.yaml:21  Service/shop/quick-hack")
                .contains("  9. src/test/resources/manifests/bad/quick-hack.yaml:2  Deployment/shop/quick-hack\n"
                        + "     policy:  require-readiness-probe");
        assertThat(message).endsWith("Checked: 3 manifests, 12 policies, 21 results: 12 passed, 9 failed (8 enforced),"
                + " 0 errors, 0 skipped; violations by severity: critical 1, high 4, medium 2, low 2");
    }

    @Test
    void aDiscoveryFailureNamesThePoliciesDiscoveredWithTheirScores() {
        String message = failures(failingTests())
                .get("badDatabaseBreaksDiscoveredPolicies").getMessage();

        assertThat(message).startsWith("Expected the manifests in src/test/resources/manifests/bad/public-db.yaml to"
                + " satisfy the policies discovered for \"deploying a PostgreSQL database\", but found 1 violation:");
        assertThat(message).containsPattern("Discovered in acme-platform@1.0.0 \\(score >= 1.50\\):"
                + " databases-in-us-east-1 \\(\\d\\.\\d\\d\\); advisory, not checked: use-managed-postgres");
        assertThat(message)
                .contains("1. src/test/resources/manifests/bad/public-db.yaml:2  StatefulSet/shop/public-db");
    }

    @Test
    void discoveringNothingEnforceableFailsInsteadOfPassingVacuously() {
        Map<String, Throwable> failures = failures(failingTests());

        assertThat(failures.get("discoveringNothingEnforceableFails").getMessage())
                .startsWith("Expected the manifests in src/test/resources/manifests/good to satisfy the policies"
                        + " discovered for \"bake a chocolate cake\", but no enforceable policy was discovered, so"
                        + " nothing would be checked.")
                .contains("Discovered in acme-platform@1.0.0 (score >= 1.50): nothing enforceable")
                .contains("Best matches: ").contains(", weak match)")
                .contains("lower the minimum score");
        assertThat(failures.get("discoveredPoliciesThatSelectNoManifestFail").getMessage())
                .contains("but none of the discovered policies selects them (by its match rules), so nothing was"
                        + " checked.");
    }

    @Test
    void violateFailsWhenTheManifestsSatisfyThePolicy() {
        String message = failures(failingTests()).get("aGoodManifestDoesNotViolate")
                .getMessage();

        assertThat(message).isEqualTo("""
                Expected the manifests in src/test/resources/manifests/good/orders-db.yaml to violate \
                databases-in-us-east-1, but
                databases-in-us-east-1 (Databases run only in us-east-1) is not violated:
                  pass  src/test/resources/manifests/good/orders-db.yaml:2  StatefulSet/shop/orders-db""");
    }

    @Test
    void aBaselineToleratesKnownViolationsAndFailsOnNewOnes() {
        String message = failures(failingTests()).get("newViolationsFailDespiteTheBaseline")
                .getMessage();

        assertThat(message).contains("but found 6 new violations:")
                .doesNotContain("policy:  allowed-registries")
                .doesNotContain("policy:  disallow-latest-tag")
                .contains("policy:  require-run-as-non-root")
                .contains("Baseline src/test/resources/baselines/partial.yaml: 2 known violations tolerated; not"
                        + " among the manifests checked (remove from the baseline if gone): require-run-as-non-root"
                        + " on Deployment/shop/retired-app");
    }

    @Test
    void unreadableDocumentsFailWithTheirFileAndLine() {
        String message = failures(failingTests()).get("unreadableDocumentsFail").getMessage();

        assertThat(message).contains("but found 1 violation and 1 document could not be read:")
                .contains("Could not be read:\n  src/test/resources/manifests/broken/typo.yaml:");
    }

    @Test
    void aMissingManifestPathNamesTheResolvedAbsolutePath() {
        Throwable failure = failures(failingTests()).get("aMissingPathNamesTheResolvedPath");

        assertThat(failure).isInstanceOf(GuidepostConfigurationException.class)
                .hasMessageContaining("no such manifest file or folder: "
                        + BASE.resolve("src/test/resources/manifests/no-such-folder"));
    }

    @Test
    void aSearchFailureShowsTheRankAndTheTopHits() {
        Map<String, Throwable> failures = failures(failingTests());

        assertThat(failures.get("theRuleIsNotAmongTheFirst").getMessage())
                .startsWith("Expected the search \"where can my database run?\" to find require-run-as-non-root, but it"
                        + " ranks 4th (score ")
                .containsPattern("only as a weak match: at most half of the question's words occur in it \\((none does"
                        + "|only [a-z, ]+)\\) and its meaning is far")
                .containsPattern("\n  1\\. databases-in-us-east-1 \\(\\d\\.\\d\\d\\) — Databases run only in"
                        + " us-east-1\n")
                .containsPattern("\n  4\\. require-run-as-non-root \\(-?\\d\\.\\d\\d\\) — .*"
                        + "   <- require-run-as-non-root\n")
                .endsWith("To help people find it, add the question to the policy's spec.questions, or the words"
                        + " they use to spec.keywords.");
        assertThat(failures.get("theRuleIsNotFoundAtAll").getMessage())
                .startsWith("Expected the search \"where can my database run?\" to find require-ingress-tls, but it"
                        + " ranks 15th (score ")
                .contains("only as a weak match");
    }

    @Test
    void aMissingPackFailsTheClassNamingTheResolvedPath() {
        EngineExecutionResults results = run(MissingPackFixture.class);

        results.testEvents().assertStatistics(s -> s.started(0));
        Throwable failure = containerFailure(results, "MissingPackFixture");
        assertThat(failure).isInstanceOf(GuidepostConfigurationException.class)
                .hasMessage("@GuidepostTest(pack = \"../samples/no-such-pack\") on MissingPackFixture: no pack at "
                        + BASE.resolve("../samples/no-such-pack").normalize() + " (\"../samples/no-such-pack\" resolved"
                        + " against " + BASE + "); check the path, or set baseDir when the tests run from another"
                        + " folder");
        assertThat(failure.getStackTrace()).isEmpty();
    }

    @Test
    void aBaseDirThatIsNoFolderFailsTheClassSayingSo() {
        EngineExecutionResults results = run(MissingBaseDirFixture.class);

        results.testEvents().assertStatistics(s -> s.started(0));
        assertThat(containerFailure(results, "MissingBaseDirFixture"))
                .isInstanceOf(GuidepostConfigurationException.class)
                .hasMessage("@GuidepostTest(pack = \"../samples/pack\") on MissingBaseDirFixture: baseDir "
                        + BASE.resolve("no-such-folder") + " is not a folder; set baseDir relative to the working"
                        + " directory (" + BASE + ") or leave it empty");
    }

    @Test
    void anInvalidPolicyFailsTheClassWithItsFileAndLine() {
        EngineExecutionResults results = run(InvalidPolicyFixture.class);

        results.testEvents().assertStatistics(s -> s.started(0));
        assertThat(containerFailure(results, "InvalidPolicyFixture"))
                .isInstanceOf(GuidepostConfigurationException.class)
                .hasMessageStartingWith("@GuidepostTest(pack = \"src/test/resources/packs/invalid-cel\") on"
                        + " InvalidPolicyFixture: cannot load the pack: ")
                .hasMessageContaining(": cannot load the pack: src/test/resources/packs/invalid-cel/"
                        + "broken-expression.yaml:13: policy 'broken-expression':"
                        + " spec.validations[0].expression does not compile");
    }

    @Test
    void theExtensionWithoutTheAnnotationFailsTheClassSayingWhatToAdd() {
        EngineExecutionResults results = run(WithoutAnnotationFixture.class);

        assertThat(containerFailure(results, "WithoutAnnotationFixture"))
                .hasMessageContaining("annotate it with @GuidepostTest(pack = \"path/to/pack\")");
    }

    @Test
    void assertionsOutsideAGuidepostTestClassSayHowToGetAPack() {
        Throwable failure = failures(run(OutsideGuidepostTestFixture.class).testEvents()).get("assertionsNeedAPack");

        assertThat(failure).isInstanceOf(GuidepostConfigurationException.class)
                .hasMessageStartingWith("satisfyAllApplicablePolicies() needs a policy pack")
                .hasMessageContaining("@GuidepostTest(pack = ")
                .hasMessageContaining(".using(PolicyEngine.of(PolicyPack.load(");
    }

    @Test
    void resolvesPackEngineKnowledgeBaseAndManifestsParameters() {
        Events tests = run(ParametersFixture.class).testEvents();

        tests.assertStatistics(s -> s.started(3).succeeded(2).failed(1));
        assertThat(failures(tests).get("manifestsNeedToSayWhereFrom")).hasMessage("say where the Manifests"
                + " parameter of manifestsNeedToSayWhereFrom(...) is read from: annotate it with"
                + " @ManifestsFrom(\"src/main/k8s\")");
    }

    @Test
    void relativePathsResolveAgainstTheBaseDir() {
        Events tests = run(BaseDirFixture.class).testEvents();

        tests.assertStatistics(s -> s.failed(0).succeeded(1 + 23));
        assertThat(tests.skipped().count() + tests.aborted().count()).isEqualTo(1); // the Namespace: no policy
    }

    @Test
    void readsAPackFromTheClassPath() {
        run(ClasspathPackFixture.class).testEvents().assertStatistics(s -> s.started(2).succeeded(2));
    }

    @Test
    void lazilyReadFactoryStreamsAndMethodSourcesSeeTheClassesPackAndArgumentsMaySupplyManifests() {
        Events tests = run(LazyStreamsFixture.class).testEvents();

        tests.assertStatistics(s -> s.failed(0));
        assertThat(tests.succeeded().count()).isGreaterThan(2);
        assertThat(tests.succeeded().stream().map(e -> e.getTestDescriptor().getDisplayName()))
                .anySatisfy(name -> assertThat(name).startsWith("[1] src/test/resources/manifests/good"));
        assertThat(tests.succeeded().stream().map(e -> e.getTestDescriptor().getUniqueId().toString()))
                .anySatisfy(id -> assertThat(id).contains("manifestsTheArgumentsSupply"));
    }

    @Test
    void withoutPathsTheProjectsConventionalManifestFoldersAreRead() {
        Events tests = run(ConventionalFoldersFixture.class).testEvents();

        assertThat(tests.succeeded().stream().map(e -> e.getTestDescriptor().getDisplayName()))
                .contains("theProjectsManifestsViolateTheOwnerRule()",
                        "ConfigMap/shop/settings ▸ configmaps-have-owner "
                                + "(src/test/resources/projects/conventional/k8s/settings.yaml:1)");
        Map<String, Throwable> failures = failures(tests);
        assertThat(failures).containsOnlyKeys("theProjectsManifestsSatisfyEveryApplicablePolicy",
                "ConfigMap/shop/flags ▸ configmaps-have-owner");
        assertThat(failures.get("theProjectsManifestsSatisfyEveryApplicablePolicy"))
                .hasMessageContaining("ConfigMap flags has no team label")
                .hasMessageContaining("the manifests in src/test/resources/projects/conventional/src/main/k8s, "
                        + "src/test/resources/projects/conventional/k8s");
    }

    @Test
    void excludesLeaveFilesOutOfTheFoldersReadButNotAFileNamedItself() {
        Events tests = run(ExcludesFixture.class).testEvents();

        assertThat(tests.succeeded().stream().map(e -> e.getTestDescriptor().getDisplayName()))
                .contains("theManifestsBesideTheChartSatisfyEveryApplicablePolicy()")
                .noneMatch(name -> name.contains("chart/templates"));
        assertThat(failures(tests)).containsOnlyKeys("aTemplateNamedItselfIsReadAllTheSame");
        assertThat(failures(tests).get("aTemplateNamedItselfIsReadAllTheSame"))
                .hasMessageContaining("chart/templates/settings.yaml");
    }

    @Test
    void manifestsThatNameNoNamespaceAreCheckedAsDeployedToTheClassesNamespace() {
        Events tests = run(DeployedNamespaceFixture.class).testEvents();

        assertThat(tests.succeeded().stream().map(e -> e.getTestDescriptor().getDisplayName()))
                .contains("theOrdersRuleAppliesToTheObjectThatNamesNoNamespace()",
                        "injectedManifestsAreDeployedThereToo(Manifests)");
        // the dynamic test fails on the violation rather than being skipped as "depends on the namespace"
        Map<String, Throwable> failures = failures(tests);
        assertThat(failures).hasSize(1);
        assertThat(failures.values().iterator().next()).hasMessageContaining("orders-replicas")
                .hasMessageContaining("Run at least two replicas");
        assertThat(tests.skipped().count() + tests.aborted().count()).isZero();
    }

    @Test
    void withoutPathsOrConventionalFoldersTheTestNamesTheFoldersItLookedFor() {
        Map<String, Throwable> failures = failures(run(NoConventionalFoldersFixture.class).testEvents());

        assertThat(failures.get("thereIsNothingToRead")).isInstanceOf(GuidepostConfigurationException.class)
                .hasMessageContaining("no manifest paths given, and none of the conventional folders src/main/k8s, "
                        + "src/main/kubernetes, k8s exists in ")
                .hasMessageEndingWith("name files or folders, for example assertThatManifests(\"deploy\")");
    }

    @Test
    void dynamicTestsCoverEveryManifestAndPolicyWithTheFileAndLineAsSource() {
        Events tests = run(DynamicTestsFixture.class).testEvents();

        List<String> names = tests.dynamicallyRegistered().stream().map(e -> e.getTestDescriptor().getDisplayName())
                .toList();
        assertThat(names).contains("StatefulSet/shop/public-db ▸ databases-in-us-east-1 "
                + "(src/test/resources/manifests/bad/public-db.yaml:2)").doesNotHaveDuplicates();
        assertThat(names.stream().map(GuidepostExtensionTest::withoutFile)).hasSize(13).startsWith("StatefulSet/shop/public-db ▸ allowed-registries",
                "StatefulSet/shop/public-db ▸ databases-in-us-east-1")
                .endsWith("src/test/resources/manifests/broken/typo.yaml:7 ▸ unreadable",
                        "Service/shop/metrics ▸ require-ownership-labels",
                        "Service/shop/metrics ▸ restrict-loadbalancer-services",
                        "ConfigMap/shop/shop-settings ▸ no applicable policy");
        tests.assertStatistics(s -> s.started(13).succeeded(8).failed(4).aborted(1));
        Event database = tests.failed().stream().filter(e -> withoutFile(e.getTestDescriptor().getDisplayName())
                .equals("StatefulSet/shop/public-db ▸ databases-in-us-east-1")).findFirst().orElseThrow();
        FileSource source = (FileSource) database.getTestDescriptor().getSource().orElseThrow();
        assertThat(source.getFile().toPath())
                .isEqualTo(BASE.resolve("src/test/resources/manifests/bad/public-db.yaml"));
        assertThat(source.getPosition()).hasValueSatisfying(p -> assertThat(p.getLine()).isEqualTo(2));
        assertThat(database.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow())
                .hasMessage("""
                        src/test/resources/manifests/bad/public-db.yaml:2  StatefulSet/shop/public-db
                          policy:  databases-in-us-east-1 — Databases run only in us-east-1 [high, Enforce]
                          message: databases must run in us-east-1; StatefulSet public-db selects region eu-west-1
                          fix:     Set spec.template.spec.nodeSelector: {topology.kubernetes.io/region: us-east-1} \
                        on the workload (for a CloudNativePG Cluster: spec.affinity.nodeSelector).""");
        assertThat(tests.aborted().stream().findFirst().orElseThrow().getRequiredPayload(TestExecutionResult.class)
                .getThrowable().orElseThrow()).hasMessage("no policy of acme-platform@1.0.0 applies to"
                        + " ConfigMap/shop/shop-settings (src/test/resources/manifests/unselected/settings.yaml:2)");
    }

    @Test
    void dynamicTestsNameAnExemptionAnnotationThatNamesNoPolicyAsASkippedTest() {
        Events tests = run(ExemptionTypoDynamicFixture.class).testEvents();

        Event typo = tests.aborted().stream().filter(e -> e.getTestDescriptor().getDisplayName().equals(
                "StatefulSet/shop/orders-db ▸ unknown exemption databases-in-us-east "
                        + "(src/test/resources/manifests/exemption-typo/orders-db.yaml:2)")).findFirst().orElseThrow();
        assertThat(typo.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow())
                .hasMessageContaining("guidepost.dev/ignore-databases-in-us-east names no policy of the pack")
                .hasMessageContaining("did you mean databases-in-us-east-1?");
    }

    @ParameterizedTest
    @ValueSource(classes = {dev.guidepost.junit.fixtures.BaselineDynamicTestsFixture.class,
            dev.guidepost.junit.fixtures.EngineBaselineDynamicTestsFixture.class})
    void dynamicTestsWithABaselineSkipTheKnownViolationsAndStillFailTheNewOnes(Class<?> fixture) {
        Events tests = run(fixture).testEvents();

        assertThat(tests.aborted().stream().map(e -> withoutFile(e.getTestDescriptor().getDisplayName())).toList())
                .contains("Deployment/shop/quick-hack ▸ allowed-registries",
                        "Deployment/shop/quick-hack ▸ disallow-latest-tag");
        assertThat(tests.failed().stream().map(e -> withoutFile(e.getTestDescriptor().getDisplayName())).toList())
                .contains("Deployment/shop/quick-hack ▸ require-run-as-non-root")
                .doesNotContain("Deployment/shop/quick-hack ▸ allowed-registries");
        Throwable unseen = tests.aborted().stream().filter(e -> e.getTestDescriptor().getDisplayName().equals(
                "baseline ▸ require-run-as-non-root on Deployment/shop/retired-app ▸ not seen")).findFirst()
                .orElseThrow().getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow();
        assertThat(unseen).hasMessage("require-run-as-non-root on Deployment/shop/retired-app is in "
                + "src/test/resources/baselines/partial.yaml but none of the manifests checked is that resource "
                + "(removed, or outside them); delete it if the resource is gone");
    }

    @Test
    void dynamicTestsOfAResourceNamedTheSameInTwoFoldersNameTheirFiles() {
        List<String> names = run(SameNamesFixture.class).testEvents().dynamicallyRegistered().stream()
                .map(e -> e.getTestDescriptor().getDisplayName()).toList();

        assertThat(names).doesNotHaveDuplicates()
                .contains("Deployment/shop/web ▸ require-run-as-non-root (src/test/resources/manifests/envs/prod/"
                        + "web.yaml:2)", "Deployment/shop/web ▸ require-run-as-non-root (src/test/resources/manifests/"
                        + "envs/staging/web.yaml:2)");
    }

    @Test
    void concurrentClassesAndTestsEachSeeTheirOwnPack() {
        Overlap.reset();

        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                .configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
                .configurationParameter("junit.jupiter.execution.parallel.mode.default", "concurrent")
                .configurationParameter("junit.jupiter.execution.parallel.mode.classes.default", "concurrent")
                .selectors(selectClass(ConcurrentSamplePackFixture.class), selectClass(ConcurrentTinyPackFixture.class))
                .execute();

        results.testEvents().assertStatistics(s -> s.started(62).succeeded(62).failed(0));
        results.containerEvents().assertStatistics(s -> s.failed(0));
        assertThat(Overlap.THREADS).hasSizeGreaterThan(1);
    }

    /** The failing fixture's test events, run once for the tests that read its messages. */
    private static synchronized Events failingTests() {
        if (failingTests == null) {
            failingTests = run(FailingFixture.class).testEvents();
        }
        return failingTests;
    }

    private static EngineExecutionResults run(Class<?> fixture) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(fixture)).execute();
    }

    /** A dynamic test's name without the file and line it ends with. */
    private static String withoutFile(String name) {
        return name.replaceFirst(" \\([^)]*\\)$", "");
    }

    /** The failures of a run's tests by method name. */
    /** The values of one report entry key published by the tests whose names start with {@code test}. */
    private static List<String> reportEntries(Events tests, String test, String key) {
        return tests.reportingEntryPublished().stream()
                .filter(e -> e.getTestDescriptor().getDisplayName().startsWith(test))
                .map(e -> e.getRequiredPayload(org.junit.platform.engine.reporting.ReportEntry.class)
                        .getKeyValuePairs().get(key))
                .filter(java.util.Objects::nonNull).toList();
    }

    private static Map<String, Throwable> failures(Events tests) {
        return tests.failed().stream().collect(Collectors.toMap(
                e -> e.getTestDescriptor().getDisplayName().replaceAll("\\s*\\(.*", ""),
                e -> e.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow()));
    }

    private static Throwable containerFailure(EngineExecutionResults results, String className) {
        return results.containerEvents().failed().stream()
                .filter(e -> e.getTestDescriptor().getDisplayName().equals(className)).findFirst().orElseThrow()
                .getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow();
    }
}
