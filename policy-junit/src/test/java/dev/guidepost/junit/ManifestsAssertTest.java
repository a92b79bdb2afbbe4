package dev.guidepost.junit;

import static dev.guidepost.junit.GuidepostAssertions.assertThatManifests;
import static dev.guidepost.junit.GuidepostAssertions.assertThatSearch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

import dev.guidepost.core.Baseline;
import dev.guidepost.core.KnowledgeBase;
import dev.guidepost.core.Manifests;
import dev.guidepost.core.PolicyEngine;
import dev.guidepost.core.PolicyPack;

/** The assertions with an explicit engine or knowledge base, as they work without the extension. */
class ManifestsAssertTest {

    private static final PolicyEngine ENGINE = PolicyEngine.of(PolicyPack.load(Path.of("../samples/pack")));

    /** Words only: these tests are about what the assertions do with hits, not about ranking. */
    private static final KnowledgeBase WORDS = KnowledgeBase.builder(ENGINE.pack()).lexicalOnly().build();

    private static final String GOOD = "src/test/resources/manifests/good";
    private static final String PUBLIC_DB = "src/test/resources/manifests/bad/public-db.yaml";

    @Test
    void satisfyingEveryPolicyIsAbortedNotPassedWhenARuleOfAnEnforcePolicyCouldNotBeChecked() {
        PolicyEngine pci = PolicyEngine.of(PolicyPack.load(Path.of("src/test/resources/packs/pci")));

        assertThatThrownBy(() -> assertThatManifests("src/test/resources/manifests/unknown-namespace").using(pci)
                .satisfyAllApplicablePolicies())
                .isInstanceOf(org.opentest4j.TestAbortedException.class)
                .hasMessageContaining("could not be checked here", "pci-seccomp", "labels of namespace 'payments'");
    }

    @Test
    void satisfyingEveryPolicyIsAbortedTooWhenAWarnRuleCouldNotBeChecked() {
        assertThatThrownBy(() -> assertThatManifests("src/test/resources/manifests/single-replica").using(ENGINE)
                .satisfyAllApplicablePolicies())
                .isInstanceOf(org.opentest4j.TestAbortedException.class)
                .hasMessageContaining("1 rule could not be checked here", "production-replicas [Warn]",
                        "namespace 'shop' is not among the manifests checked");
    }

    @Test
    void anExplicitEngineWorksWithoutTheExtension() {
        assertThatCode(() -> assertThatManifests(GOOD).using(ENGINE).satisfyAllApplicablePolicies()
                .satisfy("databases-in-us-east-1")).doesNotThrowAnyException();
        assertThatCode(() -> assertThatManifests(Path.of(PUBLIC_DB)).using(ENGINE).violate("databases-in-us-east-1"))
                .doesNotThrowAnyException();
    }

    @Test
    void manifestsBuiltInCodeAreChecked() {
        Manifests manifests = Manifests.parse("""
                apiVersion: v1
                kind: Pod
                metadata: {name: root-pod, namespace: shop}
                spec:
                  containers: [{name: app, image: registry.acme.io/shop/web:1.4.2}]
                """, "<generated>");

        assertThatThrownBy(() -> assertThatManifests(manifests).using(ENGINE).satisfy("require-run-as-non-root"))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("Expected the 1 manifest given to satisfy require-run-as-non-root, but found 1"
                        + " violation:")
                .hasMessageContaining("  1. <generated>:1  Pod/shop/root-pod\n"
                        + "     policy:  require-run-as-non-root — Containers run as a non-root user"
                        + " [high, Enforce]\n"
                        + "     message: containers must run as non-root; not set for: app\n");
    }

    @Test
    void satisfyingAPolicyThatOnlySkipsIsAFailureNotAVacuousPass() {
        Manifests deployment = Manifests.parse("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: api, namespace: shop}
                spec:
                  replicas: 1
                  selector: {matchLabels: {app: api}}
                  template:
                    metadata: {labels: {app: api}}
                    spec:
                      containers: [{name: app, image: registry.acme.io/shop/api:1.0.0}]
                """, "api.yaml");

        assertThatThrownBy(() -> assertThatManifests(deployment).using(ENGINE).satisfy("production-replicas"))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("Expected the 1 manifest given to satisfy production-replicas, but nothing was"
                        + " checked: every result of the policy is a skip.")
                .hasMessageContaining("production-replicas: Deployment/shop/api — ");
    }

    @Test
    void anExplicitMinimumScoreIsKeptEvenInASmallPack(@TempDir Path pack) throws IOException {
        samplePolicies(pack, "tiny", "databases-in-us-east-1", "disallow-latest-tag", "disallow-host-path");
        KnowledgeBase tiny = KnowledgeBase.builder(PolicyPack.load(pack)).lexicalOnly().build();

        assertThatThrownBy(() -> assertThatManifests(PUBLIC_DB).using(tiny)
                .satisfyPoliciesDiscoveredFor("database region us-east-1", 2.0))
                .hasMessageContaining("(score >= 2.00): nothing enforceable");
    }

    @Test
    void discoveryWithAKnowledgeBaseChecksTheEnforceablePoliciesFound() {
        assertThatThrownBy(() -> assertThatManifests(PUBLIC_DB).using(WORDS)
                .satisfyPoliciesDiscoveredFor("database region us-east-1"))
                .hasMessageContaining("Discovered in acme-platform@1.0.0 (score >= 1.50): databases-in-us-east-1 (")
                .hasMessageContaining("Searched by words only")
                .hasMessageContaining("policy:  databases-in-us-east-1");
        assertThatCode(() -> assertThatManifests(GOOD).using(WORDS)
                .satisfyPoliciesDiscoveredFor("database region us-east-1")).doesNotThrowAnyException();
    }

    @Test
    void inAPackTooSmallForTheDefaultMinimumTheDefaultScalesDownToWhatThePackCanReach(@TempDir Path pack)
            throws IOException {
        samplePolicies(pack, "small", "databases-in-us-east-1", "disallow-latest-tag", "require-resource-limits",
                "disallow-host-path", "require-readiness-probe", "require-ownership-labels");
        KnowledgeBase small = KnowledgeBase.builder(PolicyPack.load(pack)).lexicalOnly().build();

        assertThatThrownBy(() -> assertThatManifests(PUBLIC_DB).using(small)
                .satisfyPoliciesDiscoveredFor("database region us-east-1"))
                .hasMessageContaining("Discovered in small@1.0.0 (score >= 0.80): databases-in-us-east-1 (")
                .hasMessageContaining("policy:  databases-in-us-east-1");
        assertThatThrownBy(() -> assertThatManifests(PUBLIC_DB).using(small)
                .satisfyPoliciesDiscoveredFor("database region us-east-1", 2.3))
                .hasMessageContaining("(score >= 2.30): nothing enforceable")
                .hasMessageContaining("In a pack of 6 policies no score can exceed √5 = 2.24, and when 3 policies fit a"
                        + " question equally each scores √(3/3) = 1.00.");
    }

    @Test
    void policiesSharingTheIntentInASmallPackAreAllDiscovered(@TempDir Path pack) throws IOException {
        samplePolicies(pack, "eight", "databases-in-us-east-1", "use-managed-postgres", "database-backups",
                "disallow-latest-tag", "require-resource-limits", "disallow-host-path", "require-readiness-probe",
                "require-ownership-labels");
        KnowledgeBase eight = KnowledgeBase.builder(PolicyPack.load(pack)).cacheDirectory(pack.resolve("cache"))
                .build();

        assertThatThrownBy(() -> assertThatManifests(PUBLIC_DB).using(eight)
                .satisfyPoliciesDiscoveredFor("deploying a PostgreSQL database"))
                .hasMessageContaining("Discovered in eight@1.0.0 (score >= 1.03): databases-in-us-east-1 (")
                .hasMessageContaining("advisory, not checked: use-managed-postgres (")
                .hasMessageContaining("policy:  databases-in-us-east-1");
        assertThatThrownBy(() -> assertThatManifests(GOOD).using(eight)
                .satisfyPoliciesDiscoveredFor("bake a chocolate cake"))
                .hasMessageContaining("(score >= 1.03): nothing enforceable")
                .hasMessageContaining("when 3 policies fit a question equally each scores √(5/3) = 1.29.");
    }

    @Test
    void aBlankIntentIsAConfigurationError() {
        assertThatThrownBy(() -> assertThatManifests(GOOD).using(WORDS).satisfyPoliciesDiscoveredFor("  "))
                .isInstanceOf(GuidepostConfigurationException.class).hasMessageContaining("intent")
                .hasMessageContaining("is blank");
    }

    @Test
    void aHigherMinimumScoreDiscoversLessAndCanLeaveNothingToCheck() {
        assertThatThrownBy(() -> assertThatManifests(GOOD).using(WORDS)
                .satisfyPoliciesDiscoveredFor("database region us-east-1", 100))
                .hasMessageContaining("but no enforceable policy was discovered, so nothing would be checked.")
                .hasMessageContaining("(score >= 100.00): nothing enforceable")
                .hasMessageContaining("Best matches: databases-in-us-east-1 (");
    }

    @Test
    void discoveryWithOnlyAnEngineAsksForTheKnowledgeBase() {
        assertThatThrownBy(() -> assertThatManifests(GOOD).using(ENGINE).satisfyPoliciesDiscoveredFor("databases"))
                .isInstanceOf(GuidepostConfigurationException.class)
                .hasMessageContaining("needs its knowledge base: pass it with .using(KnowledgeBase.of(pack))");
    }

    @Test
    void withoutTheExtensionOrAnEngineTheMessageSaysHowToGetAPack() {
        assertThatThrownBy(() -> assertThatManifests(GOOD).violate("databases-in-us-east-1"))
                .isInstanceOf(GuidepostConfigurationException.class)
                .hasMessageStartingWith("violate(\"databases-in-us-east-1\") needs a policy pack, and none is bound to"
                        + " this thread. Annotate the test class with @GuidepostTest(pack = \"path/to/pack\")");
    }

    @Test
    void anEmptyOrNullPathIsAConfigurationErrorNotTheWholeProject() {
        assertThatThrownBy(() -> assertThatManifests("").using(ENGINE).satisfyAllApplicablePolicies())
                .isInstanceOf(GuidepostConfigurationException.class)
                .hasMessageStartingWith("a manifest path is empty; name files or folders");
        assertThatThrownBy(() -> assertThatManifests((String) null).using(ENGINE).satisfyAllApplicablePolicies())
                .isInstanceOf(GuidepostConfigurationException.class).hasMessageStartingWith("a manifest path is null");
        assertThatThrownBy(() -> assertThatManifests((Path) null).using(ENGINE).satisfyAllApplicablePolicies())
                .isInstanceOf(GuidepostConfigurationException.class).hasMessageStartingWith("a manifest path is null");
    }

    @Test
    void aMissingBaselinePathIsAConfigurationError() {
        assertThatThrownBy(() -> Guidepost.dynamicTestsWithBaseline(ENGINE, " ", GOOD))
                .isInstanceOf(GuidepostConfigurationException.class)
                .hasMessageStartingWith("dynamicTestsWithBaseline needs the path of a baseline file");
        assertThatThrownBy(() -> Guidepost.dynamicTestsWithBaseline(ENGINE, "no-such-baseline.yaml", GOOD))
                .isInstanceOf(GuidepostConfigurationException.class)
                .hasMessageContaining("no baseline file at");
    }

    @Test
    void violateFailsWhenADocumentCouldNotBeReadEvenIfTheOthersViolate() {
        assertThatThrownBy(() -> assertThatManifests(PUBLIC_DB, "src/test/resources/manifests/broken")
                .using(ENGINE).violate("databases-in-us-east-1"))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("they do, but 1 document could not be read, so what they would violate is "
                        + "unknown:")
                .hasMessageContaining("broken/typo.yaml:7  syntax: invalid YAML");
    }

    @Test
    void aNullIntentOrANaNMinimumScoreIsAConfigurationError() {
        assertThatThrownBy(() -> assertThatManifests(GOOD).using(ENGINE).satisfyPoliciesDiscoveredFor(null))
                .isInstanceOf(GuidepostConfigurationException.class)
                .hasMessageStartingWith("the intent of satisfyPoliciesDiscoveredFor is null");
        assertThatThrownBy(() -> assertThatManifests(GOOD).using(WORDS)
                .satisfyPoliciesDiscoveredFor("a postgres database", Double.NaN))
                .isInstanceOf(GuidepostConfigurationException.class)
                .hasMessageContaining("give the minimum score as a number");
    }

    @Test
    void searchAssertionArgumentsOutOfRangeAreConfigurationErrors() {
        assertThatThrownBy(() -> assertThatSearch(WORDS, "database region").finds("databases-in-us-east-1")
                .withinTop(0)).isInstanceOf(GuidepostConfigurationException.class)
                .hasMessage("withinTop(0): k must be at least 1");
        assertThatThrownBy(() -> assertThatSearch(WORDS, "database region").finds("databases-in-us-east-1")
                .withScoreAtLeast(Double.NaN)).isInstanceOf(GuidepostConfigurationException.class)
                .hasMessageStartingWith("withScoreAtLeast(NaN): give a number");
    }

    @Test
    void anUnknownPolicyIdNamesThePacksPolicies() {
        assertThatThrownBy(() -> assertThatManifests(GOOD).using(ENGINE).satisfy("databases-in-eu"))
                .isInstanceOf(GuidepostConfigurationException.class)
                .hasMessage("satisfy(\"databases-in-eu\"): no policy 'databases-in-eu' in pack"
                        + " acme-platform@1.0.0; did you mean databases-in-us-east-1?");
        assertThatThrownBy(() -> assertThatManifests(GOOD).using(ENGINE).satisfy("qqq"))
                .hasMessageStartingWith("satisfy(\"qqq\"): no policy 'qqq' in pack"
                        + " acme-platform@1.0.0; its policies: allowed-registries, database-backups,");
    }

    @Test
    void anAdvisoryPolicyCannotBeSatisfiedOrViolated() {
        assertThatThrownBy(() -> assertThatManifests(GOOD).using(ENGINE).violate("use-managed-postgres"))
                .isInstanceOf(GuidepostConfigurationException.class)
                .hasMessageContaining("policy 'use-managed-postgres' is advisory (");
    }

    @Test
    void aNamedPolicyThatSelectsNoManifestFailsInsteadOfPassingVacuously() {
        assertThatThrownBy(() -> assertThatManifests(PUBLIC_DB).using(ENGINE).satisfy("disallow-host-path",
                "require-ingress-tls"))
                .isInstanceOf(AssertionError.class)
                .hasMessage("Expected the manifests in " + PUBLIC_DB + " to satisfy disallow-host-path,"
                        + " require-ingress-tls, but require-ingress-tls selects none of them by match rules (1"
                        + " manifest read), so nothing was checked.\nCheck the paths and the policy ids.");
    }

    @Test
    void satisfyOnAFileWithoutKubernetesObjectsSaysSoInsteadOfCountingZeroManifests() {
        String settings = "src/test/resources/manifests/not-kubernetes/settings.yaml";
        assertThatThrownBy(() -> assertThatManifests(settings).using(ENGINE).satisfy("disallow-host-path"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("disallow-host-path selects none of them by match rules (they held no"
                        + " Kubernetes objects; 1 YAML document skipped), so nothing was checked.")
                .hasMessageNotContaining("0 manifests");
    }

    @Test
    void anOverlayFolderOfKustomizeFilesSaysToCheckWhatKustomizeRenders() {
        String overlay = "src/test/resources/manifests/kustomize-overlay";
        assertThatThrownBy(() -> assertThatManifests(overlay).using(ENGINE).satisfyAllApplicablePolicies())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("(they held no Kubernetes objects; 2 Kustomize files skipped (kustomizations"
                        + " and the patches they name are not objects: check what kustomize build renders, as ")
                .hasMessageContaining(overlay + "/kustomization.yaml:1 says)), so nothing was checked.");
    }

    @Test
    void violateFailsWhenThePolicySelectsNoManifest() {
        assertThatThrownBy(() -> assertThatManifests(PUBLIC_DB).using(ENGINE).violate("require-ingress-tls"))
                .hasMessage("Expected the manifests in " + PUBLIC_DB + " to violate require-ingress-tls, but\n"
                        + "require-ingress-tls (Ingresses serve HTTPS only) selects none of them by its match rules"
                        + " (1 manifest read):\n  " + PUBLIC_DB + ":2  StatefulSet/shop/public-db");
    }

    @Test
    void everyNamedPolicyMustBeViolated() {
        assertThatThrownBy(() -> assertThatManifests("src/test/resources/manifests/bad").using(ENGINE)
                .violate("databases-in-us-east-1", "disallow-host-path"))
                .hasMessageStartingWith("Expected the manifests in src/test/resources/manifests/bad to violate"
                        + " databases-in-us-east-1, disallow-host-path, but\n"
                        + "disallow-host-path (No hostPath volumes) is not violated:\n"
                        + "  pass  src/test/resources/manifests/bad/public-db.yaml:2  StatefulSet/shop/public-db\n");
    }

    @Test
    void aBaselineThatRecordsEveryViolationLetsTheCheckPass() {
        assertThatCode(() -> assertThatManifests("src/test/resources/manifests/bad/quick-hack.yaml").using(ENGINE)
                .withBaseline("src/test/resources/baselines/quick-hack.yaml").satisfyAllApplicablePolicies())
                .doesNotThrowAnyException();
    }

    @Test
    void aClassPathManifestSaysManifestsAreFilesAndHowToReadTheResource() {
        assertThatThrownBy(() -> assertThatManifests("classpath:fixtures/service.yaml").using(ENGINE)
                .satisfyAllApplicablePolicies())
                .isInstanceOf(GuidepostConfigurationException.class)
                .hasMessageContaining("manifests are read from files and folders, not from the class path")
                .hasMessageContaining("\"src/test/resources/fixtures/service.yaml\"")
                .hasMessageContaining("Manifests.read(getClass().getResourceAsStream(\"/fixtures/service.yaml\")");
        // a folder cannot be read as one resource
        assertThatThrownBy(() -> assertThatManifests("classpath:fixtures").using(ENGINE)
                .satisfyAllApplicablePolicies())
                .isInstanceOf(GuidepostConfigurationException.class)
                .hasMessageEndingWith("name the folder (\"src/test/resources/fixtures\")");
    }

    @Test
    void aFolderWithoutManifestsSaysWhatToName(@TempDir Path dir) {
        assertThatThrownBy(() -> assertThatManifests(dir.toString()).using(ENGINE).satisfyAllApplicablePolicies())
                .isInstanceOf(GuidepostConfigurationException.class)
                .hasMessageContaining("no manifest files (.yaml, .yml, .json) in ")
                .hasMessageEndingWith("; name the files or folders that hold the manifests (rendered Helm or "
                        + "Kustomize output too)");
    }

    @Test
    void aMissingBaselineNamesItsPath() {
        assertThatThrownBy(() -> assertThatManifests(GOOD).using(ENGINE).withBaseline("no-baseline.yaml")
                .satisfyAllApplicablePolicies())
                .isInstanceOf(GuidepostConfigurationException.class)
                .hasMessageStartingWith("no baseline file at " + Path.of("no-baseline.yaml").toAbsolutePath());
    }

    @Test
    void aBaselineWrittenByCoreIsReadAsItIs(@TempDir Path dir) {
        String hack = "src/test/resources/manifests/bad/quick-hack.yaml";
        Path file = dir.resolve("guidepost-baseline.yaml");
        Baseline.of(ENGINE.check(Manifests.load(Path.of(hack)))).write(file);

        assertThatCode(() -> assertThatManifests(hack).using(ENGINE).withBaseline(file.toString())
                .satisfyAllApplicablePolicies()).doesNotThrowAnyException();
    }

    @Test
    void aBaselineEntryNamingNoPolicyOfThePackIsAConfigurationErrorWithTheIdItProbablyMeant(@TempDir Path dir)
            throws IOException {
        Path file = Files.writeString(dir.resolve("baseline.yaml"),
                "violations:\n  - {policy: disallow-latest-tags, kind: Deployment, namespace: shop, name: web}\n");

        assertThatThrownBy(() -> assertThatManifests(GOOD).using(ENGINE).withBaseline(file.toString())
                .satisfyAllApplicablePolicies())
                .isInstanceOf(GuidepostConfigurationException.class)
                .hasMessageContaining("has no policy 'disallow-latest-tags'; did you mean disallow-latest-tag?");
    }

    @Test
    void anInvalidBaselineIsAConfigurationErrorWithFileAndLine(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("baseline.yaml"),
                "violations:\n  - {policy: a, kind: Pod, name: x}\n  - {kind: Pod, name: y}\n");

        assertThatThrownBy(() -> assertThatManifests(GOOD).using(ENGINE).withBaseline(file.toString())
                .satisfyAllApplicablePolicies())
                .isInstanceOf(GuidepostConfigurationException.class)
                .hasMessageContaining(file + ":3")
                .hasMessageContaining("a violation needs policy, kind and name");
    }

    @Test
    void assertionsAreImmutable() {
        ManifestsAssert unbound = assertThatManifests(GOOD);

        assertThat(unbound.using(ENGINE)).isNotSameAs(unbound);
        assertThatThrownBy(unbound::satisfyAllApplicablePolicies).isInstanceOf(GuidepostConfigurationException.class);
    }

    /** A pack named {@code name} in {@code folder} made of the sample pack's policies with these ids. */
    private static void samplePolicies(Path folder, String name, String... ids) throws IOException {
        Files.writeString(folder.resolve("pack.yaml"), "name: " + name + "\nversion: 1.0.0\n");
        for (String id : ids) {
            Files.copy(Path.of("../samples/pack", id + ".yaml"), folder.resolve(id + ".yaml"));
        }
    }
}
