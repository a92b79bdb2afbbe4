package dev.guidepost.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

class PolicyEngineTest {

    /** A policy that applies only in namespaces labelled compliance=pci. */
    private static final Path PCI_PACK = Path.of("src/test/resources/packs/pci");
    /** A pod in namespace payments, whose Namespace manifest is not among the manifests. */
    private static final String PCI_POD = read("src/test/resources/manifests-pci/pod.yaml");

    static final Path PACK = Path.of("src/test/resources/engine");
    static final Path MANIFESTS = Path.of("src/test/resources/engine-manifests");

    private final PolicyEngine engine = PolicyEngine.of(PolicyPack.load(PACK));
    private final Report report = engine.check(Manifests.load(MANIFESTS));

    private List<Result> results(String policy, String name) {
        return report.results().stream()
                .filter(r -> r.policyId().equals(policy) && r.resource().name().equals(name)).toList();
    }

    @Test
    void aFailureCarriesEverythingNeededToFixIt() {
        Result result = results("two-replicas", "single").get(0);

        assertThat(result.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(result.message()).isEqualTo("only 1 replica(s)");
        assertThat(result.policyTitle()).isEqualTo("Two replicas");
        assertThat(result.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(result.action()).isEqualTo(Action.ENFORCE);
        assertThat(result.remediation()).isEqualTo("Set spec.replicas to 2.");
        assertThat(result.resource()).hasToString("Deployment/single");
        assertThat(result.location().toString()).endsWith("workloads.yaml:1");
        assertThat(result.isEnforcedViolation()).isTrue();
    }

    @Test
    void passesCompliantManifests() {
        assertThat(results("two-replicas", "pair")).extracting(Result::outcome).containsExactly(Outcome.PASS);
    }

    @Test
    void podPoliciesAlsoCheckControllersThroughTheirTemplates() {
        assertThat(results("pod-non-root", "single")).extracting(Result::outcome).containsExactly(Outcome.FAIL);
        assertThat(results("pod-non-root", "pair")).extracting(Result::outcome).containsExactly(Outcome.PASS);
        assertThat(results("pod-non-root", "nightly")).extracting(Result::outcome).containsExactly(Outcome.FAIL);
    }

    @Test
    void anExpressionThatFailsToEvaluateIsAnErrorResultNotACrash() {
        assertThat(results("config-size", "no-data")).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(Outcome.ERROR);
            assertThat(r.message()).contains("data");
            assertThat(r.isEnforcedViolation()).isTrue();
        });
    }

    @Test
    void anAnnotationWithAReasonExemptsAResourceFromOnePolicy() {
        assertThat(results("two-replicas", "exempted")).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(Outcome.SKIP);
            assertThat(r.message()).contains("OPS-12");
        });
        assertThat(report.exemptions()).singleElement().satisfies(e -> {
            assertThat(e.policyId()).isEqualTo("two-replicas");
            assertThat(e.resource().name()).isEqualTo("exempted");
            assertThat(e.reason()).contains("batch worker");
        });
        assertThat(results("pod-non-root", "exempted")).extracting(Result::outcome).containsExactly(Outcome.FAIL);
    }

    @Test
    void checkingAsTheClusterWillIgnoresExemptionsAndSaysSo() {
        Report cluster = engine.ignoringExemptions().check(Manifests.load(MANIFESTS));

        assertThat(cluster.exemptions()).isEmpty();
        assertThat(cluster.results()).filteredOn(r -> r.policyId().equals("two-replicas")
                && r.resource().name().equals("exempted")).singleElement().satisfies(r -> {
                    assertThat(r.outcome()).isEqualTo(Outcome.FAIL);
                    assertThat(r.message()).endsWith("[the annotation guidepost.dev/ignore-two-replicas does not "
                            + "exempt in the cluster: its Kyverno policies do not read it; a Kyverno PolicyException "
                            + "can admit the resource]");
                });
        assertThat(engine.ignoringExemptions().ignoringExemptions().pack()).isSameAs(engine.pack());
    }

    @Test
    void anErrorFromAFieldLeftEmptySaysWhatIsEmptyAndHowToReadOptionalFields() {
        PolicyEngine replicas = PolicyEngine.of(PolicyPack.parse("""
                apiVersion: guidepost.dev/v1alpha1
                kind: Policy
                metadata:
                  name: two-replicas
                spec:
                  title: Two replicas
                  description: Deployments run two replicas.
                  action: Enforce
                  match:
                    kinds: [Deployment]
                  validations:
                    - expression: "object.spec.replicas >= 2"
                """, "two-replicas.yaml"));
        String empty = """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec:
                """;
        String missing = empty.replace("spec:\n", "spec: {}\n");

        assertThat(replicas.check(Manifests.parse(empty, "empty.yaml")).results()).singleElement()
                .as("the API server reads spec: as an empty spec, with replicas: 1")
                .satisfies(r -> assertThat(r.outcome()).isEqualTo(Outcome.FAIL));
        PolicyEngine widgets = PolicyEngine.of(PolicyPack.parse("""
                apiVersion: guidepost.dev/v1alpha1
                kind: Policy
                metadata: {name: big-widgets}
                spec:
                  description: Widgets are big.
                  match: {kinds: [example.com/v1/Widget]}
                  validations:
                    - expression: "object.spec.size >= 2"
                """, "widgets.yaml"));
        assertThat(widgets.check(Manifests.parse("""
                apiVersion: example.com/v1
                kind: Widget
                metadata: {name: w}
                spec:
                """, "widget.yaml")).results()).singleElement()
                .satisfies(r -> assertThat(r.message()).contains("a field on the way is empty in the manifest, for "
                        + "example 'spec:' with nothing under it"));
        assertThat(replicas.check(Manifests.parse(empty.replace("spec:\n", "spec: {replicas: two}\n"), "typed.yaml"))
                .unreadable()).as("the API server refuses text as replicas").singleElement()
                .satisfies(p -> assertThat(p.message()).startsWith("spec.replicas must be a number"));
        PolicyEngine tier = PolicyEngine.of(PolicyPack.parse("""
                apiVersion: guidepost.dev/v1alpha1
                kind: Policy
                metadata: {name: tier-two}
                spec:
                  description: Deployments are of tier two or above.
                  match: {kinds: [Deployment]}
                  validations:
                    - expression: "object.metadata.labels.tier >= 2"
                """, "tier.yaml"));
        assertThat(tier.check(Manifests.parse(empty.replace("metadata: {name: web}", "metadata: {name: web, labels: "
                + "{tier: '3'}}"), "typed.yaml")).results()).singleElement().satisfies(r -> assertThat(r.message())
                        .contains("No matching overload").contains("a value the rule reads has another type than it "
                                + "expects"));
        assertThat(replicas.check(Manifests.parse(missing, "missing.yaml")).results()).singleElement()
                .as("the API server sets replicas: 1 before Kyverno sees the Deployment")
                .satisfies(r -> assertThat(r.outcome()).isEqualTo(Outcome.FAIL));
        PolicyEngine paused = PolicyEngine.of(PolicyPack.parse("""
                apiVersion: guidepost.dev/v1alpha1
                kind: Policy
                metadata: {name: not-paused}
                spec:
                  description: Deployments are not paused.
                  match: {kinds: [Deployment]}
                  validations:
                    - expression: "object.spec.paused == false"
                """, "not-paused.yaml"));
        assertThat(paused.check(Manifests.parse(missing, "missing.yaml")).results()).singleElement()
                .satisfies(r -> assertThat(r.message()).contains("(the manifest does not set 'paused', which the rule "
                        + "reads: if the object needs it, add it to the manifest; if the field is optional, the policy "
                        + "should read it with has(...)"));
    }

    @Test
    void anExemptionOnAPodTemplateIsNotReadAndTheViolationSaysWhereItBelongs() {
        Report templated = engine.check(Manifests.parse("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: agent}
                spec:
                  replicas: 2
                  selector: {matchLabels: {app: agent}}
                  template:
                    metadata:
                      labels: {app: agent}
                      annotations:
                        guidepost.dev/ignore-pod-non-root: "needs root for the host's log files (OPS-7)"
                    spec:
                      containers: [{name: agent, image: agent:1.0}]
                """, "agent.yaml"));

        assertThat(templated.exemptions()).isEmpty();
        assertThat(templated.results()).filteredOn(r -> r.policyId().equals("pod-non-root")).singleElement()
                .satisfies(r -> {
                    assertThat(r.outcome()).isEqualTo(Outcome.FAIL);
                    assertThat(r.message()).endsWith("[the annotation guidepost.dev/ignore-pod-non-root is on the "
                            + "pod template, where exemptions are not read; move it to the Deployment's own "
                            + "metadata.annotations]");
                });
    }

    @Test
    void theTextReportShowsControlCharactersFromManifestsEscapedSoNoLineCanBeForged() {
        Report forged = engine.check(Manifests.parse("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: "web\\e[31m\\nFAIL fake.yaml:1"}
                spec: {replicas: 1}
                """, "forged.yaml"));

        String text = ReportFormat.TEXT.render(forged, false);

        assertThat(text).contains("Deployment/web\\u001b[31m\\nFAIL fake.yaml:1").doesNotContain("\u001b")
                .doesNotContain("\nFAIL fake.yaml");
    }

    @Test
    void theMarkdownReportShowsControlCharactersFromManifestsEscaped() {
        Report forged = engine.check(Manifests.parse("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: "web\\a\\e[31m"}
                spec: {replicas: 1}
                """, "forged.yaml"));

        String markdown = ReportFormat.MARKDOWN.render(forged);

        assertThat(markdown).contains("Deployment/web\\u0007\\u001b[31m").doesNotContain("\u001b")
                .doesNotContain("\u0007");
    }

    @Test
    void checkingNamedPoliciesPassesOverAdvisoryOnesButRefusesOnlyAdvisoryOnesOrNone() {
        PolicyEngine sample = PolicyEngine.of(PolicyPack.load(Path.of("../samples/pack")));
        Manifests manifests = Manifests.load(Path.of("../samples/manifests/good"));

        assertThatThrownBy(() -> sample.check(manifests, List.of("use-managed-postgres")))
                .isInstanceOf(GuidepostException.class)
                .hasMessageStartingWith("the policies named are advisory, so there is nothing to check them with: "
                        + "use-managed-postgres (");
        assertThat(sample.check(manifests, List.of("use-managed-postgres", "databases-in-us-east-1")).results())
                .isNotEmpty().allSatisfy(r -> assertThat(r.policyId()).isEqualTo("databases-in-us-east-1"));
        // merged hit lists repeat ids: a repeated advisory id is still one advisory policy among others
        assertThat(sample.check(manifests, List.of("use-managed-postgres", "use-managed-postgres",
                "databases-in-us-east-1")).results()).isNotEmpty();
        assertThatThrownBy(() -> sample.check(manifests, List.of())).hasMessageStartingWith("no policy ids given");
        assertThatThrownBy(() -> sample.check(manifests, List.of("databases-in-us-east")))
                .hasMessage("no policy 'databases-in-us-east' in pack acme-platform@1.0.0; did you mean "
                        + "databases-in-us-east-1?");
        assertThat(sample.check(manifests, List.of("databases-in-us-east-1")).results()).isNotEmpty();
    }

    @Test
    void checkingOneManifestReadElsewhereKeepsTheLineOfTheFieldItsMessageNames() {
        PolicyEngine sample = PolicyEngine.of(PolicyPack.load(Path.of("../samples/pack")));
        Manifest ingress = Manifests.load(Path.of("../samples/manifests/bad/plain-http-ingress.json")).manifests()
                .get(0);

        assertThat(sample.check(ingress)).filteredOn(r -> r.policyId().equals("require-ingress-tls"))
                .singleElement().satisfies(r -> assertThat(r.message()).endsWith("spec.tls. (line 5)"));
        Manifest builtInCode = Manifest.of(Map.of("apiVersion", "networking.k8s.io/v1", "kind", "Ingress",
                "metadata", Map.of("name", "legacy", "namespace", "shop"), "spec",
                Map.of("rules", List.of(Map.of("host", "legacy.example.com")))),
                ingress.location());
        assertThat(sample.check(builtInCode)).filteredOn(r -> r.policyId().equals("require-ingress-tls"))
                .singleElement().satisfies(r -> assertThat(r.message()).endsWith("spec.tls."));
    }

    @Test
    void anExemptionWithoutAReasonIsNotHonoured() {
        assertThat(results("two-replicas", "exempted-without-reason")).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(Outcome.FAIL);
            assertThat(r.message()).contains("needs a reason");
        });
    }

    @Test
    void namespaceRulesSelectOnlyThatNamespace() {
        List<Result> services = report.results().stream().filter(r -> r.policyId().equals("prod-only-tag"))
                .toList();
        assertThat(services).singleElement().satisfies(r -> {
            assertThat(r.resource().namespace()).isEqualTo("prod");
            assertThat(r.outcome()).isEqualTo(Outcome.FAIL);
        });
    }

    @Test
    void auditFailuresDoNotFailTheRunButEnforcedOnesDo() {
        assertThat(report.violations()).extracting(Result::action).contains(Action.AUDIT, Action.ENFORCE);
        assertThat(report.failed()).isTrue();
        Report auditOnly = engine.check(Manifests.load(MANIFESTS), p -> p.action() == Action.AUDIT);
        assertThat(auditOnly.violations()).isNotEmpty();
        assertThat(auditOnly.failed()).isFalse();
    }

    @Test
    void listsThePoliciesThatApplyToAManifest() {
        Manifest cronJob = Manifests.load(MANIFESTS).manifests().stream().filter(m -> m.kind().equals("CronJob"))
                .findFirst().orElseThrow();

        assertThat(engine.applicablePolicies(cronJob)).extracting(Policy::id).containsExactly("pod-non-root");
    }

    @Test
    void anExemptionAnnotationNamingNoPolicyIsReportedWithTheIdsItMayMean() {
        PolicyEngine sample = PolicyEngine.of(PolicyPack.load(Path.of("../samples/pack")));
        Manifests manifests = Manifests.parse("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: web
                  namespace: shop
                  annotations:
                    guidepost.dev/ignore-disallow-latest-tags: "legacy image (OPS-3)"
                    guidepost.dev/ignore-disallow-host-path: "node agent (OPS-4)"
                spec:
                  containers: [{name: app, image: registry.acme.io/shop/web:latest}]
                """, "pod.yaml");

        Report checked = sample.check(manifests);

        assertThat(checked.unknownExemptions()).singleElement().satisfies(unknown -> {
            assertThat(unknown.policyId()).isEqualTo("disallow-latest-tags");
            assertThat(unknown.location()).hasToString("pod.yaml:1");
            assertThat(unknown.similarIds()).startsWith("disallow-latest-tag");
            assertThat(unknown.describe()).contains("exempts nothing", "did you mean disallow-latest-tag");
        });
        assertThat(checked.violations()).extracting(Result::policyId).contains("disallow-latest-tag");
        assertThat(checked.summary()).contains("1 exemption annotation naming no policy");
        assertThat(ReportFormat.TEXT.render(checked, false)).contains("UNKNOWN EXEMPTION pod.yaml:1 Pod/shop/web: "
                + "the annotation guidepost.dev/ignore-disallow-latest-tags names no policy");
        assertThat(ReportFormat.JSON.render(checked, false)).contains("\"unknownExemptions\"");
    }

    @Test
    void aPolicySelectingNamespacesByLabelIsNotCheckedWhenTheNamespaceIsNotAmongTheManifests() {
        PolicyEngine pci = PolicyEngine.of(PolicyPack.load(PCI_PACK));
        String pod = PCI_POD;

        Report alone = pci.check(Manifests.parse(pod, "pod.yaml"));
        assertThat(alone.results()).singleElement().satisfies(r -> {
            assertThat(r.isNotChecked()).isTrue();
            assertThat(r.message()).contains("labels of namespace 'payments' are unknown");
        });

        Report withNamespace = pci.check(Manifests.parse("""
                apiVersion: v1
                kind: Namespace
                metadata: {name: payments, labels: {compliance: pci}}
                ---
                """ + pod, "all.yaml"));
        assertThat(withNamespace.violations()).extracting(Result::policyId).containsExactly("pci-seccomp");

        Report otherNamespace = pci.check(Manifests.parse("""
                apiVersion: v1
                kind: Namespace
                metadata: {name: payments}
                ---
                """ + pod, "all.yaml"));
        assertThat(otherNamespace.results()).isEmpty();
    }

    @Test
    void reportsListRulesThatWereNotChecked() {
        PolicyEngine pci = PolicyEngine.of(PolicyPack.load(PCI_PACK));
        Report report = pci.check(Manifests.parse(PCI_POD, "pod.yaml"));

        assertThat(ReportFormat.MARKDOWN.render(report, false)).contains("### Not checked here (the cluster checks "
                + "these) (1)", "**pci-seccomp**");
        assertThat(ReportFormat.SARIF.render(report, false)).contains("\"kind\": \"review\"", "labels of namespace");
    }

    @Test
    void aFailureUnderANegativeNamespaceSelectorIsNotCheckedWhenTheNamespaceIsUnknown() {
        PolicyEngine limits = requireLimitsWhereNamespace("{key: env, operator: NotIn, values: [dev]}");
        String pod = """
                apiVersion: v1
                kind: Pod
                metadata: {name: api, namespace: shop}
                spec:
                  containers: [{name: app, image: app:1}]
                """;

        assertThat(limits.check(Manifests.parse(pod, "pod.yaml")).results()).singleElement().satisfies(r -> {
            assertThat(r.isNotChecked()).isTrue();
            assertThat(r.message()).contains("selects namespaces by their labels", "namespace 'shop' is not among",
                    "fails: Containers set resource limits.");
        });
        Report dev = limits.check(Manifests.parse("""
                apiVersion: v1
                kind: Namespace
                metadata: {name: shop, labels: {env: dev}}
                ---
                """ + pod, "all.yaml"));
        assertThat(dev.results()).isEmpty();
        Report prod = limits.check(Manifests.parse("""
                apiVersion: v1
                kind: Namespace
                metadata: {name: shop, labels: {env: prod}}
                ---
                """ + pod, "all.yaml"));
        assertThat(prod.violations()).extracting(Result::policyId).containsExactly("require-limits");
    }

    @Test
    void aSkipUnderANamespaceSelectorStaysASkipWithoutTheNamespace() {
        PolicyEngine replicas = PolicyEngine.of(PolicyPack.parse("""
                apiVersion: policies.kyverno.io/v1
                kind: ValidatingPolicy
                metadata:
                  name: production-replicas
                spec:
                  validationActions: [Warn]
                  matchConstraints:
                    namespaceSelector:
                      matchExpressions: [{key: env, operator: NotIn, values: [dev]}]
                    resourceRules:
                      - apiGroups: [apps]
                        apiVersions: [v1]
                        operations: [CREATE, UPDATE]
                        resources: [deployments]
                  matchConditions:
                    - name: not-a-canary
                      expression: "!object.metadata.name.endsWith('-canary')"
                  validations:
                    - expression: "object.spec.replicas >= 2"
                """, "replicas.yaml"));

        Report report = replicas.check(Manifests.parse("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web-canary, namespace: payments}
                spec: {replicas: 1}
                """, "web.yaml"));

        assertThat(report.results()).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(Outcome.SKIP);
            assertThat(r.isNotChecked()).isFalse();
        });
    }

    @Test
    void aSelectorOnTheNamespaceNameAloneGivesAFirmVerdictWithoutTheNamespace() {
        PolicyEngine limits = requireLimitsWhereNamespace(
                "{key: kubernetes.io/metadata.name, operator: NotIn, values: [kube-system]}");

        Report report = limits.check(Manifests.parse("""
                apiVersion: v1
                kind: Pod
                metadata: {name: api, namespace: shop}
                spec:
                  containers: [{name: app, image: app:1}]
                """, "pod.yaml"));

        assertThat(report.violations()).extracting(Result::policyId).containsExactly("require-limits");
    }

    @Test
    void aManifestThatPassesWhateverItsNamespacesLabelsPassesWhenOnlyMatchConditionsReadTheNamespace() {
        PolicyEngine production = PolicyEngine.of(PolicyPack.parse("""
                apiVersion: guidepost.dev/v1alpha1
                kind: Policy
                metadata: {name: production-replicas}
                spec:
                  description: Deployments in production namespaces (namespaceObject labelled env=production) run two
                    replicas or more.
                  action: Warn
                  match: {kinds: [Deployment]}
                  matchConditions:
                    - name: production-namespace
                      expression: "namespaceObject.metadata.?labels.?env.orValue('') == 'production'"
                  validations:
                    - expression: "object.spec.?replicas.orValue(1) >= 2"
                      message: Production deployments need two replicas.
                """, "production.yaml"));
        String deployment = """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, namespace: shop}
                spec: {replicas: 3}
                """;

        assertThat(production.check(Manifests.parse(deployment, "web.yaml")).results()).singleElement()
                .satisfies(r -> {
                    assertThat(r.outcome()).isEqualTo(Outcome.PASS);
                    assertThat(r.message()).contains("passes whatever the labels of namespace 'shop'");
                });
        assertThat(production.check(Manifests.parse(deployment.replace("replicas: 3", "replicas: 1"), "web.yaml"))
                .results()).as("it would fail in a production namespace").singleElement()
                .satisfies(r -> assertThat(r.isNotChecked()).isTrue());
        assertThat(production.check(Manifests.parse(deployment.replace("replicas: 3", "replicas: 1")
                .replace(", namespace: shop", ""), "web.yaml")).results()).singleElement()
                .satisfies(r -> assertThat(r.message()).contains("the manifest names no namespace, so it was checked "
                        + "as in 'default'", "check --namespace"));
    }

    @Test
    void aRuleNamingANamespaceIsNotCheckedForAManifestWithoutOneThoughItsSiblingAnswers() {
        PolicyEngine secrets = PolicyEngine.of(PolicyPack.parse("""
                apiVersion: kyverno.io/v1
                kind: ClusterPolicy
                metadata: {name: secrets}
                spec:
                  validationFailureAction: Enforce
                  rules:
                    - name: everywhere
                      match: {any: [{resources: {kinds: [Secret]}}]}
                      validate:
                        message: secrets are typed
                        pattern: {type: "?*"}
                    - name: prod-only
                      match: {any: [{resources: {kinds: [Secret], namespaces: [prod]}}]}
                      validate:
                        message: prod secrets name their owner
                        pattern: {metadata: {labels: {owner: "?*"}}}
                """, "secrets.yaml"));

        Report report = secrets.check(Manifests.parse("""
                apiVersion: v1
                kind: Secret
                metadata: {name: db}
                type: Opaque
                """, "db.yaml"));

        assertThat(report.results()).extracting(Result::rule, Result::outcome, Result::isNotChecked)
                .containsExactlyInAnyOrder(tuple("everywhere", Outcome.PASS, false),
                        tuple("prod-only", Outcome.SKIP, true));
        assertThat(report.results()).filteredOn(Result::isNotChecked).singleElement().satisfies(r ->
                assertThat(r.message()).contains("it applies in namespace prod", "check --namespace"));
    }

    @Test
    void aDenyMessageWhoseVariableCannotBeSubstitutedIsShownAsWrittenAsKyvernoShowsIt() {
        PolicyEngine prefix = PolicyEngine.of(PolicyPack.parse("""
                apiVersion: kyverno.io/v1
                kind: ClusterPolicy
                metadata: {name: name-prefix}
                spec:
                  validationFailureAction: Enforce
                  rules:
                    - name: prefix
                      match: {any: [{resources: {kinds: [ConfigMap]}}]}
                      validate:
                        message: "name {{ request.object.metadata.generateName }} must start with app-"
                        deny:
                          conditions:
                            any:
                              - key: "{{ starts_with(request.object.metadata.name, 'app-') }}"
                                operator: Equals
                                value: false
                """, "prefix.yaml"));

        Report report = prefix.check(Manifests.parse("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: web, namespace: shop}
                """, "web.yaml"));

        assertThat(report.violations()).singleElement().satisfies(r -> assertThat(r.message())
                .startsWith("name {{ request.object.metadata.generateName }} must start with app-"));
    }

    @Test
    void aLabelWrittenAsNullIsTheEmptyTextTheApiServerMakesOfIt() {
        PolicyEngine team = PolicyEngine.of(PolicyPack.parse("""
                apiVersion: guidepost.dev/v1alpha1
                kind: Policy
                metadata: {name: team-label}
                spec:
                  description: Services name their team.
                  match: {kinds: [Service]}
                  validations:
                    - expression: "object.metadata.?labels.?team.orValue('') != ''"
                      message: Services need a team label.
                """, "team.yaml"));

        Report report = team.check(Manifests.parse("""
                apiVersion: v1
                kind: Service
                metadata:
                  name: web
                  namespace: shop
                  labels: {team: null, app: web}
                """, "web.yaml"));

        assertThat(report.violations()).singleElement()
                .satisfies(r -> assertThat(r.message()).startsWith("Services need a team label."));
    }

    @Test
    void aPolicyTheClusterEvaluatesOnlyInBackgroundScansReportsItsViolationsAsAudit() {
        PolicyEngine backgroundOnly = PolicyEngine.of(PolicyPack.parse("""
                apiVersion: kyverno.io/v1
                kind: ClusterPolicy
                metadata: {name: team-label}
                spec:
                  admission: false
                  background: true
                  validationFailureAction: Enforce
                  rules:
                    - name: need-team
                      match: {any: [{resources: {kinds: [ConfigMap]}}]}
                      validate:
                        message: label team required
                        pattern: {metadata: {labels: {team: "?*"}}}
                ---
                apiVersion: policies.kyverno.io/v1
                kind: ValidatingPolicy
                metadata: {name: owner-label}
                spec:
                  validationActions: [Deny]
                  evaluation: {admission: {enabled: false}, background: {enabled: true}}
                  matchConstraints:
                    resourceRules:
                      - {apiGroups: [""], apiVersions: [v1], operations: [CREATE], resources: [configmaps]}
                  validations:
                    - expression: "has(object.metadata.labels) && 'owner' in object.metadata.labels"
                """, "background.yaml"));

        Report report = backgroundOnly.check(Manifests.parse("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: settings, namespace: shop}
                """, "settings.yaml"));

        assertThat(report.violations()).extracting(Result::policyId, Result::action).containsExactlyInAnyOrder(
                tuple("team-label", Action.AUDIT), tuple("owner-label", Action.AUDIT));
        assertThat(report.enforcedViolations()).isEmpty();
        assertThat(backgroundOnly.pack().policy("team-label").orElseThrow().notes())
                .anyMatch(n -> n.contains("only in background scans"));
    }

    @Test
    void aRuleWithoutANamespaceSelectorIsCheckedThoughASiblingRuleSelectsNamespacesByLabels() {
        PolicyEngine probes = PolicyEngine.of(PolicyPack.parse("""
                apiVersion: kyverno.io/v1
                kind: ClusterPolicy
                metadata: {name: require-probes}
                spec:
                  validationFailureAction: Enforce
                  rules:
                    - name: check-probes
                      match:
                        any:
                          - resources:
                              kinds: [Deployment]
                              namespaceSelector: {matchLabels: {env: prod}}
                      validate:
                        message: every container needs a readinessProbe
                        pattern:
                          spec: {template: {spec: {containers: [{readinessProbe: {periodSeconds: ">0"}}]}}}
                    - name: check-labels
                      match:
                        any:
                          - resources: {kinds: [Deployment]}
                      validate:
                        message: needs an app label
                        pattern:
                          metadata: {labels: {app: "?*"}}
                """, "probes.yaml"));

        Report report = probes.check(Manifests.parse("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, namespace: qa}
                spec:
                  template:
                    spec:
                      containers: [{name: web, image: registry.example.com/web:1.0}]
                """, "web.yaml"));

        assertThat(report.results()).extracting(Result::rule, Result::outcome, Result::isNotChecked)
                .containsExactlyInAnyOrder(tuple("check-labels", Outcome.FAIL, false),
                        tuple("check-probes", Outcome.SKIP, true));
        assertThat(report.results()).filteredOn(Result::isNotChecked).singleElement().satisfies(r -> assertThat(
                r.message()).contains("the rule selects namespaces by their labels", "namespace 'qa'"));
    }

    @Test
    void aRuleReadingTheNamespaceObjectIsNotCheckedWithoutTheNamespaceManifest() {
        PolicyEngine region = PolicyEngine.of(PolicyPack.parse("""
                apiVersion: guidepost.dev/v1alpha1
                kind: Policy
                metadata:
                  name: databases-in-us-east-1
                spec:
                  description: Databases run only in namespaces of the us-east-1 region.
                  action: Enforce
                  match:
                    kinds: [StatefulSet]
                  validations:
                    - expression: >-
                        namespaceObject.metadata.?labels[?'region'].orValue('none') == 'us-east-1'
                      messageExpression: "'region=' + namespaceObject.metadata.?labels[?'region'].orValue('none')"
                """, "region.yaml"));
        String database = """
                apiVersion: apps/v1
                kind: StatefulSet
                metadata: {name: db, namespace: payments}
                spec:
                  template:
                    spec:
                      containers: [{name: db, image: postgres:16}]
                """;

        assertThat(region.check(Manifests.parse(database, "db.yaml")).results()).singleElement().satisfies(r -> {
            assertThat(r.isNotChecked()).isTrue();
            assertThat(r.message()).contains("reads the Namespace object (namespaceObject)",
                    "namespace 'payments' is not among the manifests checked", "fails: region=none");
        });
        assertThat(region.check(Manifests.parse("""
                apiVersion: v1
                kind: Namespace
                metadata: {name: payments, labels: {region: us-east-1}}
                ---
                """ + database, "all.yaml")).results()).singleElement()
                .satisfies(r -> assertThat(r.outcome()).isEqualTo(Outcome.PASS));
        assertThat(region.check(Manifests.parse("""
                apiVersion: v1
                kind: Namespace
                metadata: {name: payments, labels: {region: eu-west-1}}
                ---
                """ + database, "all.yaml")).violations()).singleElement()
                .satisfies(r -> assertThat(r.message()).contains("region=eu-west-1"));
    }

    @Test
    void aPolicyForUpdatesOnlyIsNotCheckedRatherThanSilentlyPassed() {
        PolicyEngine immutable = PolicyEngine.of(PolicyPack.parse("""
                apiVersion: guidepost.dev/v1alpha1
                kind: Policy
                metadata:
                  name: keep-service-account
                spec:
                  description: The service account of a Deployment does not change once it runs.
                  action: Enforce
                  match:
                    kinds: [Deployment]
                    operations: [UPDATE]
                  validations:
                    - expression: >-
                        object.spec.template.spec.?serviceAccountName.orValue('')
                        == oldObject.spec.template.spec.?serviceAccountName.orValue('')
                """, "immutable.yaml"));

        Report report = immutable.check(Manifests.parse("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, namespace: shop}
                spec:
                  template:
                    spec:
                      containers: [{name: app, image: app:1}]
                """, "web.yaml"));

        assertThat(report.results()).singleElement().satisfies(r -> {
            assertThat(r.isNotChecked()).isTrue();
            assertThat(r.message()).contains("only to operations other than creation");
        });
    }

    @Test
    void anErrorUnderFailurePolicyIgnoreIsNotCheckedBecauseTheClusterAdmitsTheObject() {
        String policy = """
                apiVersion: guidepost.dev/v1alpha1
                kind: Policy
                metadata:
                  name: replicas-from-annotation
                spec:
                  description: Deployments run at least the replicas their annotation asks for.
                  action: Enforce
                  failurePolicy: %s
                  match:
                    kinds: [Deployment]
                  validations:
                    - expression: "object.spec.replicas >= int(object.metadata.annotations['min-replicas'])"
                """;
        String deployment = """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, namespace: shop, annotations: {min-replicas: two}}
                spec:
                  replicas: 1
                """;

        Report ignore = PolicyEngine.of(PolicyPack.parse(policy.formatted("Ignore"), "p.yaml"))
                .check(Manifests.parse(deployment, "web.yaml"));
        Report fail = PolicyEngine.of(PolicyPack.parse(policy.formatted("Fail"), "p.yaml"))
                .check(Manifests.parse(deployment, "web.yaml"));

        assertThat(ignore.results()).singleElement().satisfies(r -> {
            assertThat(r.isNotChecked()).isTrue();
            assertThat(r.message()).contains("could not be evaluated", "failurePolicy: Ignore");
        });
        assertThat(ignore.enforcedViolations()).isEmpty();
        assertThat(fail.enforcedViolations()).singleElement()
                .satisfies(r -> assertThat(r.outcome()).isEqualTo(Outcome.ERROR));
    }

    @Test
    void autogenKeepsTheWorkloadsOwnNameAndNamespaceButReadsLabelsFromThePodTemplate() {
        PolicyEngine team = PolicyEngine.of(PolicyPack.parse("""
                apiVersion: guidepost.dev/v1alpha1
                kind: Policy
                metadata:
                  name: team-label
                spec:
                  description: Pods carry a team label.
                  action: Enforce
                  match:
                    kinds: [Pod]
                  validations:
                    - expression: "has(object.metadata.labels) && 'team' in object.metadata.labels"
                      messageExpression: >-
                        object.metadata.name + ' in ' + object.metadata.namespace + ' has no team label'
                """, "team.yaml"));

        Report report = team.check(Manifests.parse("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, namespace: shop, labels: {team: shop}}
                spec:
                  template:
                    metadata: {labels: {app: web}}
                    spec:
                      containers: [{name: app, image: app:1}]
                """, "web.yaml"));

        assertThat(report.violations()).singleElement()
                .satisfies(r -> assertThat(r.message()).startsWith("web in shop has no team label"));
    }

    @Test
    void aPodTemplateWrittenWithoutMetadataHasTheEmptyMetadataTheApiServerGivesIt() {
        PolicyEngine optOut = PolicyEngine.of(PolicyPack.parse("""
                apiVersion: guidepost.dev/v1alpha1
                kind: Policy
                metadata:
                  name: no-latest-unless-opted-out
                spec:
                  description: Pods run tagged images unless they opt out.
                  match: {kinds: [Pod]}
                  matchConditions:
                    - name: not-opted-out
                      expression: "!('acme.io/allow-latest' in object.metadata.?annotations.orValue({}))"
                  validations:
                    - expression: "object.spec.containers.all(c, !c.image.endsWith(':latest'))"
                      message: Images carry a version tag.
                """, "no-latest.yaml"));

        Report report = optOut.check(Manifests.parse("""
                apiVersion: batch/v1
                kind: Job
                metadata: {name: migrate, namespace: shop}
                spec:
                  template:
                    spec:
                      restartPolicy: Never
                      containers: [{name: migrate, image: "registry.example.com/migrate:latest"}]
                ---
                apiVersion: batch/v1
                kind: CronJob
                metadata: {name: report, namespace: shop}
                spec:
                  schedule: "0 3 * * *"
                  jobTemplate:
                    spec:
                      template:
                        spec:
                          restartPolicy: Never
                          containers: [{name: report, image: "registry.example.com/report:1.2"}]
                """, "jobs.yaml"));

        assertThat(report.results()).extracting(r -> r.resource().kind(), Result::outcome).containsExactly(
                tuple("Job", Outcome.FAIL), tuple("CronJob", Outcome.PASS));
        assertThat(report.violations()).singleElement()
                .satisfies(r -> assertThat(r.message()).startsWith("Images carry a version tag."));
    }

    @Test
    void manifestsWithoutANamespaceAreCheckedInTheOneTheyAreDeployedToWithTheNamespaceTheApiServerSets() {
        PolicyEngine shopOnly = PolicyEngine.of(PolicyPack.parse("""
                apiVersion: guidepost.dev/v1alpha1
                kind: Policy
                metadata: {name: shop-team-label}
                spec:
                  description: Deployments in the shop namespace carry the shop team label.
                  match: {kinds: [Deployment], namespaces: [shop]}
                  validations:
                    - expression: "object.metadata.?labels.?team.orValue('') == 'shop'"
                      messageExpression: "object.metadata.namespace + '/' + object.metadata.name + ' needs team=shop'"
                """, "shop.yaml"));
        Manifests rendered = Manifests.parse("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRole
                metadata: {name: web-reader}
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: worker, namespace: jobs}
                """, "rendered.yaml");

        Manifests placed = rendered.inNamespace("shop");

        assertThat(placed.manifests()).extracting(Manifest::namespace).containsExactly("shop", "", "jobs");
        assertThat(shopOnly.check(placed).violations()).singleElement().satisfies(r -> {
            assertThat(r.message()).isEqualTo("shop/web needs team=shop");
            assertThat(r.location().line()).isEqualTo(1);
        });
        assertThat(shopOnly.check(rendered).violations()).as("without a namespace it is checked as in default")
                .isEmpty();
        assertThatThrownBy(() -> rendered.inNamespace("Shop_1")).isInstanceOf(GuidepostException.class)
                .hasMessageContaining("'Shop_1' is no namespace name");
    }

    @Test
    void aPodRuleFailingOnAControllerSaysWhereTheControllerKeepsThePodAndPointsAtItsPodSpec() {
        PolicyEngine nonRoot = PolicyEngine.of(PolicyPack.parse("""
                apiVersion: guidepost.dev/v1alpha1
                kind: Policy
                metadata: {name: run-as-non-root}
                spec:
                  description: Pods run as non-root.
                  remediation: Set spec.securityContext.runAsNonRoot to true on the pod.
                  match: {kinds: [Pod]}
                  validations:
                    - expression: "object.spec.?securityContext.?runAsNonRoot.orValue(false) == true"
                      message: pods must run as non-root
                """, "non-root.yaml"));

        Report report = nonRoot.check(Manifests.parse("""
                apiVersion: batch/v1
                kind: CronJob
                metadata: {name: backup, namespace: shop}
                spec:
                  schedule: "0 3 * * *"
                  securityContext: {runAsNonRoot: true}
                  jobTemplate:
                    spec:
                      template:
                        spec:
                          restartPolicy: Never
                          containers: [{name: backup, image: registry.example.com/backup:2.0}]
                """, "backup.yaml"));

        assertThat(report.violations()).singleElement().satisfies(r -> {
            assertThat(r.remediation()).isEqualTo("Set spec.securityContext.runAsNonRoot to true on the pod. (In this "
                    + "CronJob the Pod's fields are under spec.jobTemplate.spec.template: its spec.X is "
                    + "spec.jobTemplate.spec.template.spec.X, its metadata spec.jobTemplate.spec.template.metadata.)");
            assertThat(r.fieldLine()).as("the pod spec, where the fix goes").isEqualTo(10);
        });
    }

    @Test
    void aPodRuleWithoutAFixFailingOnAControllerSaysWhereTheControllerKeepsThePod() {
        PolicyEngine labels = PolicyEngine.of(PolicyPack.parse("""
                apiVersion: kyverno.io/v1
                kind: ClusterPolicy
                metadata: {name: require-name-label}
                spec:
                  validationFailureAction: Audit
                  rules:
                    - name: check-for-labels
                      match:
                        any:
                          - resources: {kinds: [Pod]}
                      validate:
                        cel:
                          expressions:
                            - expression: "has(object.metadata.labels) && 'app.kubernetes.io/name' in object.metadata.labels"
                              message: The label app.kubernetes.io/name is required.
                """, "labels.yaml"));

        Report report = labels.check(Manifests.parse("""
                apiVersion: apps/v1
                kind: StatefulSet
                metadata: {name: db, namespace: shop, labels: {app.kubernetes.io/name: db}}
                spec:
                  serviceName: db
                  selector: {matchLabels: {app: db}}
                  template:
                    metadata: {labels: {app: db}}
                    spec:
                      containers: [{name: db, image: registry.example.com/postgres:16}]
                """, "db.yaml"));

        assertThat(report.violations()).singleElement().satisfies(r -> assertThat(r.remediation()).isEqualTo(
                "Where the rule reads the Pod's fields: in this StatefulSet the Pod's fields are under spec.template: "
                        + "its spec.X is spec.template.spec.X, its metadata spec.template.metadata."));
    }

    @Test
    void aViolationThatAPolicyExceptionAmongTheManifestsWouldExemptSaysTheCheckAppliesOnlyThePacks() {
        PolicyEngine engine = PolicyEngine.of(PolicyPack.load(Path.of("src/test/resources/engine/non-root.yaml")));
        String pods = """
                apiVersion: v1
                kind: Pod
                metadata: {name: agent, namespace: ops}
                spec: {containers: [{name: agent, image: registry.example.com/agent:1.0}]}
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: web, namespace: ops}
                spec: {containers: [{name: web, image: registry.example.com/web:1.0}]}
                """;
        Report report = engine.check(Manifests.parse(pods + """
                ---
                apiVersion: policies.kyverno.io/v1
                kind: PolicyException
                metadata: {name: agent-runs-as-root, namespace: ops}
                spec:
                  policyRefs:
                    - {name: pod-non-root, kind: ValidatingPolicy}
                  matchConditions:
                    - {name: agent, expression: "object.metadata.name == 'agent'"}
                ---
                apiVersion: kyverno.io/v2
                kind: PolicyException
                metadata: {name: unrelated, namespace: ops}
                spec:
                  exceptions:
                    - {policyName: require-labels, ruleNames: [check-labels]}
                  match:
                    any:
                      - resources: {kinds: [Pod]}
                """, "agent.yaml"));

        assertThat(report.violations()).hasSize(2);
        assertThat(report.violations()).filteredOn(r -> r.resource().name().equals("agent")).singleElement()
                .satisfies(r -> assertThat(r.message()).contains("[PolicyException/ops/agent-runs-as-root among the "
                        + "manifests checked would exempt it, but a check applies only the pack's PolicyExceptions")
                        .doesNotContain("unrelated"));
        assertThat(report.violations()).filteredOn(r -> r.resource().name().equals("web")).singleElement()
                .as("the exception does not select it").satisfies(r -> assertThat(r.message())
                        .doesNotContain("PolicyException"));
        assertThat(engine.check(Manifests.parse(pods, "agent.yaml")).violations()).hasSize(2)
                .allSatisfy(r -> assertThat(r.message()).doesNotContain("PolicyException"));
    }

    @Test
    void failureActionOverridesDecideTheActionByNamespaceRuleOverridesFirst() {
        Path folder = Path.of("src/test/resources/packs/failure-action-overrides");
        PolicyEngine engine = PolicyEngine.of(PolicyPack.load(folder));

        Report report = engine.check(Manifests.load(folder.resolve("manifests.yaml")));

        assertThat(report.violations()).extracting(r -> r.policyId() + " " + r.resource().namespace() + " "
                + r.action().label()).containsExactly(
                        "require-memory-limit prod-shop Audit", "require-team-label prod-shop Enforce",
                        "require-memory-limit dev-shop Audit", "require-team-label dev-shop Audit",
                        "require-memory-limit payments Enforce", "require-team-label payments Audit");
        assertThat(engine.pack().policy("require-team-label").orElseThrow().action()).isEqualTo(Action.AUDIT);
    }

    @Test
    void aRuleThatReadsTheRequestingUserIsNotChecked() {
        PolicyEngine deployer = PolicyEngine.of(PolicyPack.parse("""
                apiVersion: kyverno.io/v1
                kind: ClusterPolicy
                metadata:
                  name: ci-deploys-production
                spec:
                  validationFailureAction: Enforce
                  rules:
                    - name: ci-only
                      match:
                        any:
                          - resources: {kinds: [Deployment], namespaces: ["prod-*"]}
                      validate:
                        message: "{{ request.userInfo.username }} may not write production Deployments."
                        deny:
                          conditions:
                            all:
                              - key: "{{ request.userInfo.username }}"
                                operator: NotEquals
                                value: system:serviceaccount:ci:deployer
                """, "deployer.yaml"));

        Report report = deployer.check(Manifests.parse("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, namespace: prod-shop}
                spec: {replicas: 2}
                """, "web.yaml"));

        assertThat(report.results()).singleElement().satisfies(r -> {
            assertThat(r.isNotChecked()).isTrue();
            assertThat(r.message()).contains("reads or selects who sends the request");
        });
        assertThat(report.failed()).isFalse();
    }

    @Test
    void aVerifyImagesRuleIsSkippedForObjectsWithNoneOfItsImagesAndNotCheckedForTheOthers() {
        Path folder = Path.of("src/test/resources/checks/verify-images");
        Report report = PolicyEngine.of(PolicyPack.load(folder.resolve("policy.yaml")))
                .check(Manifests.load(folder.resolve("workloads.yaml")));

        assertThat(report.results()).extracting(r -> r.resource().name(), Result::outcome, Result::isNotChecked)
                .containsExactly(tuple("web", Outcome.SKIP, false), tuple("api", Outcome.SKIP, true),
                        tuple("odd", Outcome.SKIP, true), tuple("short-digest", Outcome.SKIP, true));
        assertThat(report.results().get(0).message()).contains("image in resource not found in imageRefs "
                + "'ghcr.io/acme/*'");
    }

    @Test
    void aVerifyImagesRuleIsNotSkippedWhenAMutationThatCouldRenameTheImagesCannotBeAppliedOrMaySelectTheNamespace() {
        Path folder = Path.of("src/test/resources/checks/verify-images");
        for (String pack : List.of("mirror-policy.yaml", "mirror-by-label-policy.yaml")) {
            Report report = PolicyEngine.of(PolicyPack.load(folder.resolve(pack)))
                    .check(Manifests.load(folder.resolve("workloads.yaml")));

            assertThat(report.results()).as(pack).filteredOn(r -> r.resource().name().equals("web")).singleElement()
                    .satisfies(r -> assertThat(r.isNotChecked()).as(r.message()).isTrue());
        }
        // with the Namespace manifest, whose labels the mirror mutation does not select, the rule is skipped again
        Report knownNamespace = PolicyEngine.of(PolicyPack.load(folder.resolve("mirror-by-label-policy.yaml")))
                .check(Manifests.load(folder.resolve("workloads.yaml"), folder.resolve("namespace-shop.yaml")));
        assertThat(knownNamespace.results()).filteredOn(r -> r.resource().name().equals("web")).singleElement()
                .satisfies(r -> assertThat(r.isNotChecked()).as(r.message()).isFalse());
    }

    @Test
    void aRuleSelectingTheObjectOnlyThroughBlocksThatNameUsersIsNotCheckedButOneSelectingItForEveryoneIs() {
        Path folder = Path.of("src/test/resources/checks/match-by-user");
        PolicyEngine engine = PolicyEngine.of(PolicyPack.load(folder.resolve("policy.yaml")));

        Report report = engine.check(Manifests.load(folder.resolve("service.yaml"), folder.resolve("deployment.yaml")));

        assertThat(report.results()).filteredOn(r -> r.resource().namespace().equals("shop")
                && r.resource().kind().equals("Service")).extracting(Result::rule, Result::isNotChecked,
                        Result::outcome).containsExactlyInAnyOrder(
                tuple("contractors-no-load-balancer", true, Outcome.SKIP),
                tuple("interns-no-load-balancer", true, Outcome.SKIP),
                tuple("load-balancers-are-labelled", false, Outcome.FAIL),
                tuple("contractors-outside-prod", true, Outcome.SKIP),
                tuple("user-named-in-the-message-only", false, Outcome.FAIL),
                tuple("admins-are-trusted", false, Outcome.FAIL));
        // in prod a block without users selects the Service: the verdict holds for every user
        assertThat(report.results()).filteredOn(r -> r.resource().namespace().equals("prod")
                && r.rule().equals("contractors-outside-prod")).singleElement()
                .satisfies(r -> assertThat(r.outcome()).isEqualTo(Outcome.FAIL));
        // a Pod rule's autogen variant keeps the users of its match
        assertThat(report.results()).filteredOn(r -> r.resource().kind().equals("Deployment")).singleElement()
                .satisfies(r -> assertThat(r.isNotChecked()).isTrue());
        assertThat(report.results()).filteredOn(r -> r.rule().equals("contractors-no-load-balancer")).first()
                .satisfies(r -> assertThat(r.message()).contains("selects who sends the request")
                        .contains("checked without it, the rule fails: validation error: Contractors may not"));
    }

    @Test
    void aViolationGivesTheFirstFailingValidationsMessageThenTheOthersThatFailSoOneRoundShowsEveryFix() {
        PolicyEngine engine = PolicyEngine.of(PolicyPack.parse("""
                apiVersion: guidepost.dev/v1alpha1
                kind: Policy
                metadata:
                  name: resources-set
                spec:
                  description: Containers set requests and limits.
                  match:
                    kinds: [Pod]
                  validations:
                    - expression: "object.spec.containers.all(c, has(c.resources) && has(c.resources.requests))"
                      message: Set resources.requests.
                    - expression: "object.spec.containers.all(c, c.resources.limits.memory != '')"
                      message: Set resources.limits.memory.
                    - expression: "object.spec.containers.all(c, has(c.resources) && has(c.resources.limits))"
                      message: Set resources.limits.
                    - expression: "object.spec.containers.all(c, c.name != 'app')"
                      message: Do not call a container app.
                """, "resources.yaml"));

        Report report = engine.check(Manifests.parse("""
                apiVersion: v1
                kind: Pod
                metadata: {name: web, namespace: shop}
                spec:
                  containers: [{name: app, image: registry.acme.io/app:1}]
                """, "pod.yaml"));

        // the second validation errors (no limits to read) and is left out; the verdict is the first's, as Kyverno's
        assertThat(report.results()).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(Outcome.FAIL);
            assertThat(r.message()).isEqualTo("Set resources.requests. Also failing: Set resources.limits; Do not "
                    + "call a container app.");
        });
    }

    @Test
    void theFailingValidationsOfAViolationReadAsSentencesWhateverTheirOwnPunctuation() {
        PolicyEngine engine = PolicyEngine.of(PolicyPack.parse("""
                apiVersion: guidepost.dev/v1alpha1
                kind: Policy
                metadata:
                  name: cronjob-safety
                spec:
                  description: CronJobs say when and how late they may run.
                  match:
                    kinds: [CronJob]
                  validations:
                    - expression: "has(object.spec.timeZone)"
                      messageExpression: "'no time zone on ' + object.metadata.name"
                    - expression: "has(object.spec.startingDeadlineSeconds)"
                      message: spec.startingDeadlineSeconds must be set (e.g. 300).
                    - expression: "object.spec.?concurrencyPolicy.orValue('Allow') == 'Forbid'"
                      message: Set concurrencyPolicy to Forbid;
                """, "cronjob.yaml"));

        Report report = engine.check(Manifests.parse("""
                apiVersion: batch/v1
                kind: CronJob
                metadata: {name: nightly, namespace: shop}
                spec:
                  schedule: "0 2 * * *"
                  jobTemplate: {spec: {template: {spec: {containers: [{name: backup, image: backup:1}]}}}}
                """, "cronjob.yaml"));

        assertThat(report.results()).singleElement().extracting(Result::message).isEqualTo("no time zone on nightly. "
                + "Also failing: spec.startingDeadlineSeconds must be set (e.g. 300); Set concurrencyPolicy to Forbid.");
    }

    @Test
    void aControllerKyvernoMakesNoRulesForGetsTheVerdictOfThePodsItWillCreate() {
        PolicyEngine engine = PolicyEngine.of(PolicyPack.parse("""
                apiVersion: kyverno.io/v1
                kind: ClusterPolicy
                metadata:
                  name: team-label
                  annotations:
                    pod-policies.kyverno.io/autogen-controllers: none
                spec:
                  validationFailureAction: Enforce
                  rules:
                    - name: team
                      match: {any: [{resources: {kinds: [Pod]}}]}
                      validate: {message: "pods need a team label", pattern: {metadata: {labels: {team: "?*"}}}}
                """, "team-label.yaml"));
        String deployment = """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, namespace: shop}
                spec:
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web%s}}
                    spec: {containers: [{name: web, image: registry.acme.io/web:1.0}]}
                """;

        Result unlabelled = engine.check(Manifests.parse(deployment.formatted(""), "web.yaml")).results().get(0);
        Result labelled = engine.check(Manifests.parse(deployment.formatted(", team: shop"), "web.yaml")).results()
                .get(0);

        assertThat(unlabelled.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(unlabelled.isEnforcedViolation()).isTrue();
        assertThat(unlabelled.message()).startsWith("the Pods this Deployment creates (Kyverno makes no rules for the "
                + "Deployment itself from this policy, so the cluster checks each Pod when it is created and rejects "
                + "it: the rollout stalls): validation error: pods need a team label");
        assertThat(labelled.outcome()).isEqualTo(Outcome.PASS);
        assertThat(engine.applicablePolicies(Manifests.parse(deployment.formatted(""), "web.yaml").manifests()
                .get(0))).extracting(Policy::id).containsExactly("team-label");
    }

    @Test
    void aControllerWhosePodsGetHostPortsFromTheApiServerFailsAPodPolicyItsTemplatePasses() {
        PolicyEngine engine = PolicyEngine.of(PolicyPack.parse("""
                apiVersion: kyverno.io/v1
                kind: ClusterPolicy
                metadata: {name: no-host-ports}
                spec:
                  validationFailureAction: Enforce
                  rules:
                    - name: host-ports
                      match: {any: [{resources: {kinds: [Pod]}}]}
                      validate:
                        message: "host ports are not allowed"
                        pattern: {spec: {containers: [{=(ports): [{=(hostPort): 0}]}]}}
                """, "no-host-ports.yaml"));
        String daemonSet = """
                apiVersion: apps/v1
                kind: DaemonSet
                metadata: {name: node-exporter, namespace: monitoring}
                spec:
                  selector: {matchLabels: {app: node-exporter}}
                  template:
                    metadata: {labels: {app: node-exporter}}
                    spec:
                      hostNetwork: %s
                      containers: [{name: exporter, image: exporter:1.8, ports: [{containerPort: 9100}]}]
                """;

        Result onTheHostNetwork = engine.check(Manifests.parse(daemonSet.formatted("true"), "ds.yaml")).results()
                .get(0);
        Result onThePodNetwork = engine.check(Manifests.parse(daemonSet.formatted("false"), "ds.yaml")).results()
                .get(0);

        assertThat(onTheHostNetwork.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(onTheHostNetwork.isEnforcedViolation()).isTrue();
        assertThat(onTheHostNetwork.message()).startsWith("the Pods this DaemonSet creates (each Pod gets what its "
                + "template leaves out: host ports from container ports on the host network, the node "
                + "affinity and tolerations the DaemonSet controller adds; the cluster checks each Pod when it is "
                + "created and rejects it: the rollout stalls): validation error: host ports are not allowed");
        assertThat(onThePodNetwork.outcome()).isEqualTo(Outcome.PASS);
        assertThat(onThePodNetwork.rule()).isEqualTo("autogen-host-ports");
    }

    @Test
    void aDaemonSetsPodsCarryTheNodeAffinityItsControllerPinsThemWith() {
        PolicyEngine engine = PolicyEngine.of(PolicyPack.parse("""
                apiVersion: kyverno.io/v1
                kind: ClusterPolicy
                metadata: {name: no-node-affinity}
                spec:
                  validationFailureAction: Enforce
                  rules:
                    - name: node-affinity
                      match: {any: [{resources: {kinds: [Pod]}}]}
                      validate:
                        message: "node affinity cannot be used"
                        pattern: {spec: {=(affinity): {X(nodeAffinity): "null"}}}
                """, "no-node-affinity.yaml"));
        String controller = """
                apiVersion: apps/v1
                kind: %s
                metadata: {name: agent, namespace: monitoring}
                spec:
                  selector: {matchLabels: {app: agent}}
                  template:
                    metadata: {labels: {app: agent}}
                    spec: {containers: [{name: agent, image: agent:1.0}]}
                """;

        Result daemonSet = engine.check(Manifests.parse(controller.formatted("DaemonSet"), "ds.yaml")).results()
                .get(0);
        Result deployment = engine.check(Manifests.parse(controller.formatted("Deployment"), "d.yaml")).results()
                .get(0);

        assertThat(daemonSet.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(daemonSet.message()).startsWith("the Pods this DaemonSet creates (each Pod gets what its template "
                + "leaves out: the node affinity and tolerations the DaemonSet controller adds;");
        assertThat(deployment.outcome()).isEqualTo(Outcome.PASS);
    }

    @Test
    void aDaemonSetsControllerReplacesTheTemplatesTolerationOfATaintItTolerates() {
        PolicyEngine engine = PolicyEngine.of(PolicyPack.parse("""
                apiVersion: guidepost.dev/v1alpha1
                kind: Policy
                metadata: {name: bounded-not-ready}
                spec:
                  description: Pods leave not-ready nodes within five minutes.
                  action: Enforce
                  match: {kinds: [Pod]}
                  validations:
                    - expression: >-
                        object.spec.?tolerations.orValue([]).all(t, t.?key.orValue('') != 'node.kubernetes.io/not-ready'
                        || has(t.tolerationSeconds))
                      message: a not-ready toleration must set tolerationSeconds
                """, "bounded.yaml"));

        Result daemonSet = engine.check(Manifests.parse("""
                apiVersion: apps/v1
                kind: DaemonSet
                metadata: {name: agent, namespace: monitoring}
                spec:
                  selector: {matchLabels: {app: agent}}
                  template:
                    metadata: {labels: {app: agent}}
                    spec:
                      tolerations: [{key: node.kubernetes.io/not-ready, operator: Exists, effect: NoExecute,
                                     tolerationSeconds: 300}]
                      containers: [{name: agent, image: agent:1.0}]
                """, "ds.yaml")).results().get(0);

        assertThat(daemonSet.outcome()).as("the controller's own not-ready toleration has no tolerationSeconds")
                .isEqualTo(Outcome.FAIL);
    }

    @Test
    void thePodsAControllerCreatesAreOwnedByItSoAPolicyThatLeavesOwnedPodsAloneLeavesThemAlone() {
        PolicyEngine engine = PolicyEngine.of(PolicyPack.parse("""
                apiVersion: kyverno.io/v1
                kind: ClusterPolicy
                metadata:
                  name: bare-pods-no-host-ports
                  annotations: {pod-policies.kyverno.io/autogen-controllers: none}
                spec:
                  validationFailureAction: Enforce
                  rules:
                    - name: host-ports
                      match: {any: [{resources: {kinds: [Pod]}}]}
                      preconditions:
                        all:
                          - {key: "{{ request.object.metadata.ownerReferences || `[]` | length(@) }}",
                             operator: Equals, value: 0}
                      validate:
                        message: "bare pods may not use host ports"
                        pattern: {spec: {containers: [{=(ports): [{=(hostPort): 0}]}]}}
                """, "bare-pods.yaml"));

        Report report = engine.check(Manifests.parse("""
                apiVersion: apps/v1
                kind: DaemonSet
                metadata: {name: node-exporter, namespace: monitoring}
                spec:
                  selector: {matchLabels: {app: node-exporter}}
                  template:
                    metadata: {labels: {app: node-exporter}}
                    spec:
                      hostNetwork: true
                      containers: [{name: exporter, image: exporter:1.8, ports: [{containerPort: 9100}]}]
                """, "ds.yaml"));

        assertThat(report.violations()).isEmpty();
    }

    @Test
    void aConditionReadingAFieldTheObjectLacksIsAnErrorThatSaysHowThePolicyShouldReadIt() {
        PolicyEngine engine = PolicyEngine.of(PolicyPack.parse("""
                apiVersion: kyverno.io/v1
                kind: ClusterPolicy
                metadata: {name: no-critical-priority}
                spec:
                  validationFailureAction: Enforce
                  rules:
                    - name: priority
                      match: {any: [{resources: {kinds: [Pod]}}]}
                      validate:
                        message: "system-node-critical is reserved"
                        deny:
                          conditions:
                            all:
                              - {key: "{{ request.object.spec.priorityClassName }}", operator: Equals,
                                 value: system-node-critical}
                    - name: priority-or-empty
                      match: {any: [{resources: {kinds: [Pod]}}]}
                      validate:
                        message: "system-node-critical is reserved"
                        deny:
                          conditions:
                            all:
                              - {key: "{{ request.object.spec.priorityClassName || '' }}", operator: Equals,
                                 value: system-node-critical}
                """, "priority.yaml"));

        List<Result> results = engine.check(Manifests.parse("""
                apiVersion: v1
                kind: Pod
                metadata: {name: web, namespace: shop}
                spec: {containers: [{name: web, image: web:1.0}]}
                """, "pod.yaml")).results();

        assertThat(results).filteredOn(r -> r.rule().equals("priority")).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(Outcome.ERROR);
            assertThat(r.message()).startsWith("failed to check deny conditions: Unknown key \"priorityClassName\" "
                    + "in path (the object has no 'priorityClassName', which the condition reads; the cluster's "
                    + "Kyverno gives this error too");
        });
        assertThat(results).filteredOn(r -> r.rule().equals("priority-or-empty")).singleElement()
                .extracting(Result::outcome).isEqualTo(Outcome.PASS);
    }

    @Test
    void aConditionReadsTheFieldsEveryAdmissionRequestCarries() {
        PolicyEngine engine = PolicyEngine.of(PolicyPack.parse("""
                apiVersion: kyverno.io/v1
                kind: ClusterPolicy
                metadata: {name: request-fields}
                spec:
                  validationFailureAction: Enforce
                  rules:
                    - name: fields
                      match: {any: [{resources: {kinds: [Pod]}}]}
                      validate:
                        message: "{{ request.kind.kind }} {{ request.name }} in {{ request.resource.resource }}"
                        deny:
                          conditions:
                            any:
                              - {key: "{{ request.oldObject.metadata.name }}", operator: Equals, value: web}
                              - {key: "{{ request.dryRun }}", operator: Equals, value: true}
                              - {key: "{{ request.kind.kind }}", operator: Equals, value: Pod}
                """, "request-fields.yaml"));

        Result result = engine.check(Manifests.parse("""
                apiVersion: v1
                kind: Pod
                metadata: {name: web, namespace: shop}
                spec: {containers: [{name: web, image: web:1.0}]}
                """, "pod.yaml")).results().get(0);

        assertThat(result.outcome()).as("oldObject is null on CREATE, dryRun false, kind Pod")
                .isEqualTo(Outcome.FAIL);
        assertThat(result.message()).isEqualTo("Pod web in pods");
    }

    @Test
    void anObjectWithOnlyAGenerateNameIsCheckedWithTheNameTheApiServerGivesItAndTheRequestersRolesAreUnknown() {
        PolicyEngine engine = PolicyEngine.of(PolicyPack.parse("""
                apiVersion: kyverno.io/v1
                kind: ClusterPolicy
                metadata: {name: names}
                spec:
                  validationFailureAction: Enforce
                  rules:
                    - name: generated
                      match: {any: [{resources: {kinds: [Job]}}]}
                      validate:
                        message: "{{ request.object.metadata.name }} / {{ request.name }}"
                        deny:
                          conditions:
                            all:
                              - {key: "{{ starts_with(request.object.metadata.name, 'migrate-') }}", operator: Equals,
                                 value: true}
                    - name: admins-only
                      match: {any: [{resources: {kinds: [Job]}}]}
                      validate:
                        message: "only cluster admins"
                        deny:
                          conditions:
                            all:
                              - {key: cluster-admin, operator: AnyNotIn, value: "{{ request.clusterRoles }}"}
                """, "names.yaml"));

        List<Result> results = engine.check(Manifests.parse("""
                apiVersion: batch/v1
                kind: Job
                metadata: {generateName: migrate-, namespace: shop}
                spec: {template: {spec: {restartPolicy: Never, containers: [{name: m, image: m:1}]}}}
                """, "job.yaml")).results();

        assertThat(results).filteredOn(r -> r.rule().equals("generated")).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(Outcome.FAIL);
            assertThat(r.message()).isEqualTo("migrate-x7k2p / migrate-x7k2p");
        });
        assertThat(results).filteredOn(r -> r.rule().equals("admins-only")).singleElement()
                .satisfies(r -> assertThat(r.isNotChecked()).isTrue());
    }

    @Test
    void aPolicyExceptionForTheNamedPodsOfAControllerKyvernoMakesNoRulesForExemptsIt() {
        PolicyEngine engine = PolicyEngine.of(PolicyPack.parse("""
                apiVersion: kyverno.io/v1
                kind: ClusterPolicy
                metadata: {name: web-pods-labelled}
                spec:
                  rules:
                    - name: team
                      match: {any: [{resources: {kinds: [Pod], names: ["web-*"]}}]}
                      validate:
                        failureAction: Enforce
                        message: web pods need a team label
                        pattern: {metadata: {labels: {team: "?*"}}}
                ---
                apiVersion: kyverno.io/v2
                kind: PolicyException
                metadata: {name: web-pods, namespace: kyverno}
                spec:
                  exceptions: [{policyName: web-pods-labelled, ruleNames: [team]}]
                  match: {any: [{resources: {kinds: [Pod], names: ["web-*"]}}]}
                """, "web.yaml"));

        Report report = engine.check(Manifests.parse("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web-frontend, namespace: shop}
                spec:
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec: {containers: [{name: web, image: registry.acme.io/web:1.0}]}
                """, "deployment.yaml"));

        assertThat(report.results()).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(Outcome.SKIP);
            assertThat(r.message()).isEqualTo("rule is skipped due to policy exception web-pods");
        });
        assertThat(report.exemptions()).singleElement().extracting(Exemption::exception).isEqualTo("web-pods");
    }

    @Test
    void aManifestWithoutANamespaceIsNotCheckedForAPolicyOfANamedNamespaceWithItsVerdictThere() {
        PolicyEngine engine = PolicyEngine.of(PolicyPack.parse("""
                apiVersion: guidepost.dev/v1alpha1
                kind: Policy
                metadata: {name: payments-replicas}
                spec:
                  description: Payments workloads run two replicas.
                  action: Enforce
                  match:
                    kinds: [Deployment]
                    namespaces: [payments]
                  validations:
                    - expression: "object.spec.?replicas.orValue(1) >= 2"
                      message: run at least two replicas
                """, "payments.yaml"));
        String deployment = """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: api%s}
                spec:
                  replicas: 1
                  selector: {matchLabels: {app: api}}
                  template: {metadata: {labels: {app: api}}, spec: {containers: [{name: api, image: api:1}]}}
                """;

        List<Result> unplaced = engine.check(Manifests.parse(deployment.formatted(""), "api.yaml")).results();
        List<Result> elsewhere = engine.check(Manifests.parse(deployment.formatted(", namespace: shop"), "api.yaml"))
                .results();

        assertThat(unplaced).singleElement().satisfies(r -> {
            assertThat(r.isNotChecked()).isTrue();
            assertThat(r.message()).contains("the manifest names no namespace, so it was checked as in 'default'",
                    "it applies in namespace 'payments'", "checked as in 'payments', it fails: run at least two "
                            + "replicas");
        });
        assertThat(elsewhere).isEmpty();
    }

    @Test
    void aValidationKyvernoTypesAsNoBoolDoesNotCompile() {
        String policy = """
                apiVersion: guidepost.dev/v1alpha1
                kind: Policy
                metadata: {name: replicas-set}
                spec:
                  description: Deployments say how many replicas they run.
                  match: {kinds: [Deployment]}
                  variables:
                    - name: replicas
                      expression: "object.spec.?replicas.orValue(0)"
                    - name: scaled
                      expression: "variables.replicas > 1"
                  validations:
                    - expression: "variables.scaled"
                    - expression: "%s"
                """;
        assertThat(PolicyEngine.of(PolicyPack.parse(policy.formatted("has(object.spec.selector)"), "replicas.yaml")))
                .as("variables.scaled is a bool, as Kyverno types it").isNotNull();

        assertThatThrownBy(() -> PolicyEngine.of(PolicyPack.parse(policy.formatted("variables.replicas"),
                "replicas.yaml"))).isInstanceOf(GuidepostException.class)
                .hasMessageContaining("replicas.yaml:14")
                .hasMessageContaining("spec.validations[1].expression gives a value of type dyn")
                .hasMessageContaining("it must give a bool");
        assertThatThrownBy(() -> PolicyEngine.of(PolicyPack.parse(policy.formatted(
                "object.spec.?paused.orValue(false)"), "replicas.yaml"))).isInstanceOf(GuidepostException.class)
                .hasMessageContaining("gives a value of type dyn");
    }

    @Test
    void aValidationThatGivesNoBoolWhenItRunsIsAnErrorNamingWhichValidation() {
        // request's fields are typed by Kyverno, not by Guidepost, so the type is only known when it runs
        PolicyEngine engine = PolicyEngine.of(PolicyPack.parse("""
                apiVersion: guidepost.dev/v1alpha1
                kind: Policy
                metadata: {name: replicas-set}
                spec:
                  description: Deployments say how many replicas they run.
                  match: {kinds: [Deployment]}
                  variables:
                    - name: replicas
                      expression: "request.object.spec.?replicas.orValue(0)"
                  validations:
                    - expression: "has(object.spec.selector)"
                    - expression: "variables.replicas"
                """, "replicas.yaml"));

        List<Result> results = engine.check(Manifests.parse("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, namespace: shop}
                spec: {replicas: 3, selector: {matchLabels: {app: web}}}
                """, "web.yaml")).results();

        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(Outcome.ERROR);
            assertThat(r.message()).contains("validation expression returned 3, not a bool (spec.validations[1])")
                    .doesNotContain("(line");
            assertThat(r.fieldLine()).as("the path names the policy's field, not the manifest's").isZero();
        });
    }

    @Test
    void aPolicyMadeOfVerifyImagesRulesIsInTheCheckAsNotCheckedNeverSilent() {
        PolicyEngine verify = PolicyEngine.of(PolicyPack.parse("""
                apiVersion: kyverno.io/v1
                kind: ClusterPolicy
                metadata:
                  name: verify-signatures
                spec:
                  validationFailureAction: Enforce
                  rules:
                    - name: signed
                      match:
                        any:
                          - resources: {kinds: [Pod]}
                      verifyImages:
                        - imageReferences: ["registry.acme.io/*"]
                          attestors:
                            - entries:
                                - keys: {publicKeys: "-----BEGIN PUBLIC KEY-----"}
                """, "verify.yaml"));

        assertThat(verify.enforceablePolicies()).extracting(Policy::id).containsExactly("verify-signatures");
        assertThat(verify.pack().policies()).singleElement().satisfies(p -> {
            assertThat(p.enforceable()).as("the cluster enforces it").isTrue();
            assertThat(p.checked()).as("Guidepost does not evaluate verifyImages").isFalse();
        });
        Report report = verify.check(Manifests.parse("""
                apiVersion: v1
                kind: Pod
                metadata: {name: app, namespace: shop}
                spec:
                  containers: [{name: app, image: registry.acme.io/app:1}]
                """, "pod.yaml"));
        assertThat(report.results()).singleElement().satisfies(r -> {
            assertThat(r.isNotChecked()).isTrue();
            assertThat(r.message()).contains("verifyImages");
        });
    }

    @Test
    void onlyTheRuleThatReadsTheRequestingUserIsNotCheckedNotItsSiblings() {
        PolicyEngine engine = PolicyEngine.of(PolicyPack.parse("""
                apiVersion: kyverno.io/v1
                kind: ClusterPolicy
                metadata:
                  name: record-creator
                spec:
                  validationFailureAction: Enforce
                  rules:
                    - name: add-creator
                      match: {any: [{resources: {kinds: [ConfigMap]}}]}
                      mutate:
                        patchStrategicMerge:
                          metadata:
                            annotations:
                              created-by: "{{ request.userInfo.username }}"
                    - name: team-label
                      match: {any: [{resources: {kinds: [ConfigMap]}}]}
                      validate:
                        message: ConfigMaps carry a team label.
                        pattern: {metadata: {labels: {team: "?*"}}}
                """, "creator.yaml"));

        Report report = engine.check(Manifests.parse("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: settings, namespace: shop}
                """, "cm.yaml"));

        assertThat(report.results()).filteredOn(r -> r.rule().equals("team-label")).singleElement()
                .satisfies(r -> assertThat(r.outcome()).isEqualTo(Outcome.FAIL));
        // the mutation is applied before validation (where the user is unknown, it changes nothing): no verdict
        assertThat(report.results()).extracting(Result::rule).doesNotContain("add-creator");
    }

    @Test
    void aPathThatCountsEntriesOnlyTheMutationsAddedSaysSo() {
        PolicyEngine engine = PolicyEngine.of(PolicyPack.parse("""
                apiVersion: kyverno.io/v1
                kind: ClusterPolicy
                metadata: {name: add-proxy}
                spec:
                  rules:
                    - name: proxy
                      match: {any: [{resources: {kinds: [Pod]}}]}
                      mutate:
                        patchesJson6902: |-
                          - op: add
                            path: /spec/containers/0/env/-
                            value: {name: DEBUG, value: "true"}
                ---
                apiVersion: kyverno.io/v1
                kind: ClusterPolicy
                metadata: {name: env-values}
                spec:
                  validationFailureAction: Audit
                  rules:
                    - name: values
                      match: {any: [{resources: {kinds: [Pod]}}]}
                      validate:
                        message: No DEBUG variable.
                        pattern:
                          spec:
                            containers:
                              - =(env):
                                  - =(name): "!DEBUG"
                ---
                apiVersion: kyverno.io/v1
                kind: ClusterPolicy
                metadata: {name: udp-only}
                spec:
                  validationFailureAction: Audit
                  rules:
                    - name: udp
                      match: {any: [{resources: {kinds: [Pod]}}]}
                      validate:
                        message: Ports are UDP.
                        pattern:
                          spec:
                            containers:
                              - =(ports):
                                  - protocol: UDP
                """, "pack.yaml"));
        String pod = """
                apiVersion: v1
                kind: Pod
                metadata: {name: app, namespace: shop}
                spec:
                  containers:
                    - name: app
                      image: app:1
                      ports: [{containerPort: 80}]
                      env:
                        - {name: A, value: "1"}
                        - {name: %s, value: "2"}
                """;

        Report afterMutation = engine.check(Manifests.parse(pod.formatted("B"), "pod.yaml"));
        Report written = engine.check(Manifests.parse(pod.formatted("DEBUG"), "pod.yaml"));

        assertThat(afterMutation.violations()).filteredOn(r -> r.policyId().equals("env-values")).singleElement()
                .satisfies(r -> assertThat(r.message()).contains("/spec/containers/0/env/2/name/", "(line 9)",
                        "[the path leads into an entry the pack's mutate rules add, which the manifest does not have "
                                + "(its list: /spec/containers/0/env/)]"));
        // the API server's defaults (protocol TCP) are not the mutations' doing
        assertThat(afterMutation.violations()).filteredOn(r -> r.policyId().equals("udp-only")).singleElement()
                .satisfies(r -> assertThat(r.message()).contains("/spec/containers/0/ports/0/protocol/")
                        .doesNotContain("mutate rules"));
        // a path the manifest itself has needs no such note, mutated object or not
        assertThat(written.violations()).filteredOn(r -> r.policyId().equals("env-values")).first().satisfies(r -> assertThat(r.message())
                .contains("/spec/containers/0/env/1/name/").doesNotContain("mutate rules"));
    }

    @Test
    void aPathThatCountsAContainerTheMutationsInsertedIsTranslatedToTheManifestsContainerAndLine() {
        PolicyEngine engine = PolicyEngine.of(PolicyPack.parse("""
                apiVersion: kyverno.io/v1
                kind: ClusterPolicy
                metadata: {name: inject-proxy}
                spec:
                  rules:
                    - name: proxy
                      match: {any: [{resources: {kinds: [Pod]}}]}
                      mutate:
                        patchesJson6902: |-
                          - op: add
                            path: /spec/containers/0
                            value: {name: proxy, image: proxy:1, resources: {limits: {memory: 64Mi}}}
                ---
                apiVersion: kyverno.io/v1
                kind: ClusterPolicy
                metadata: {name: memory-limits}
                spec:
                  validationFailureAction: Audit
                  rules:
                    - name: limits
                      match: {any: [{resources: {kinds: [Pod]}}]}
                      validate:
                        message: Containers have a memory limit.
                        pattern:
                          spec:
                            containers:
                              - resources:
                                  limits:
                                    memory: "?*"
                """, "pack.yaml"));

        Report report = engine.check(Manifests.parse("""
                apiVersion: v1
                kind: Pod
                metadata: {name: app, namespace: shop}
                spec:
                  containers:
                    - name: worker
                      image: worker:1
                      resources:
                        limits: {memory: 128Mi}
                    - name: app
                      image: app:1
                """, "pod.yaml"));

        // the message counts the injected proxy first; the line and the note name the manifest's own 'app'
        assertThat(report.violations()).singleElement().satisfies(r -> assertThat(r.message())
                .contains("/spec/containers/2/", "(line 10)", "in the manifest it is /spec/containers/1/"));
    }

    @Test
    void anUnnamedEntryIsFoundInTheManifestByBeingEqualToOneOfItsEntries() {
        PolicyEngine engine = PolicyEngine.of(PolicyPack.parse("""
                apiVersion: kyverno.io/v1
                kind: ClusterPolicy
                metadata: {name: add-toleration}
                spec:
                  rules:
                    - name: tol
                      match: {any: [{resources: {kinds: [Pod]}}]}
                      mutate:
                        patchesJson6902: |-
                          - op: add
                            path: /spec/tolerations/0
                            value: {key: dedicated, operator: Equal, value: infra, effect: NoSchedule}
                ---
                apiVersion: kyverno.io/v1
                kind: ClusterPolicy
                metadata: {name: toleration-effect}
                spec:
                  validationFailureAction: Audit
                  rules:
                    - name: effect
                      match: {any: [{resources: {kinds: [Pod]}}]}
                      validate:
                        message: Tolerations name an effect.
                        pattern: {spec: {=(tolerations): [{effect: "?*"}]}}
                """, "pack.yaml"));

        Report report = engine.check(Manifests.parse("""
                apiVersion: v1
                kind: Pod
                metadata: {name: app, namespace: shop}
                spec:
                  containers: [{name: app, image: app:1}]
                  tolerations:
                    - {key: a, operator: Exists, effect: NoSchedule}
                    - {key: b, operator: Exists}
                    - {key: c, operator: Exists, effect: NoExecute}
                """, "pod.yaml"));

        // tolerations have no names: the failing one is the manifest's second, equal to the mutated object's third
        assertThat(report.violations()).singleElement().satisfies(r -> assertThat(r.message())
                .contains("/spec/tolerations/2/effect/", "(line 8)", "in the manifest it is /spec/tolerations/1/"));
    }

    @Test
    void entriesThatShareANameAreMatchedInTheirOrderAndAPodRuleOnAControllerIsTranslatedBelowItsTemplate() {
        PolicyEngine engine = PolicyEngine.of(PolicyPack.parse("""
                apiVersion: kyverno.io/v1
                kind: ClusterPolicy
                metadata: {name: inject-proxy}
                spec:
                  rules:
                    - name: proxy
                      match: {any: [{resources: {kinds: [Deployment]}}]}
                      mutate:
                        patchesJson6902: |-
                          - op: add
                            path: /spec/template/spec/containers/0
                            value: {name: proxy, image: proxy:1}
                ---
                apiVersion: kyverno.io/v1
                kind: ClusterPolicy
                metadata: {name: read-only-mounts}
                spec:
                  validationFailureAction: Audit
                  rules:
                    - name: ro
                      match: {any: [{resources: {kinds: [Pod, ConfigMap]}}]}
                      validate:
                        message: Mounts are read-only.
                        pattern: {spec: {containers: [{=(volumeMounts): [{readOnly: true}]}]}}
                """, "pack.yaml"));

        Report report = engine.check(Manifests.parse("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, namespace: shop}
                spec:
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec:
                      containers:
                        - name: web
                          image: web:1
                          volumeMounts:
                            - {name: data, mountPath: /a, subPath: a, readOnly: true}
                            - {name: data, mountPath: /b, subPath: b}
                """, "deploy.yaml"));

        // the Pods' path counts the injected proxy first; the second mount named data is the manifest's second
        assertThat(report.violations()).singleElement().satisfies(r -> assertThat(r.message())
                .contains("/spec/containers/1/volumeMounts/1/readOnly/", "(line 14)",
                        "in the manifest it is /spec/template/spec/containers/0/volumeMounts/1/readOnly/"));
    }

    @Test
    void anEntryTheMutationsInsertUnderANameTheManifestRepeatsDoesNotShiftTheOthers() {
        Report report = readOnlyMountsCheckedAfter("""
                - op: add
                  path: /spec/containers/0/volumeMounts/0
                  value: {name: data, mountPath: /injected, readOnly: true}
                """);

        // the failing mount is the manifest's first (/a), equal to the mutated list's second
        assertThat(report.violations()).singleElement().satisfies(r -> assertThat(r.message())
                .contains("(line 9)", "in the manifest it is /spec/containers/0/volumeMounts/0/readOnly/"));
    }

    @Test
    void anEntryTheMutationsChangedIsTheManifestsEntryOfItsNameMostLikeIt() {
        Report report = readOnlyMountsCheckedAfter("""
                - op: add
                  path: /spec/containers/0/volumeMounts/0/subPath
                  value: a
                - op: add
                  path: /spec/containers/0/volumeMounts/0
                  value: {name: data, mountPath: /injected, readOnly: true}
                """);

        // /a, given a subPath and moved behind the inserted mount, is still the manifest's first
        assertThat(report.violations()).singleElement().satisfies(r -> assertThat(r.message())
                .contains("(line 9)", "in the manifest it is /spec/containers/0/volumeMounts/0/readOnly/"));
    }

    /**
     * A check of a Pod whose container has two mounts named data (/a writable on line 9, /b read-only) against
     * "mounts are read-only", after a mutation applying the JSON patch to it.
     */
    private static Report readOnlyMountsCheckedAfter(String jsonPatch) {
        PolicyEngine engine = PolicyEngine.of(PolicyPack.parse("""
                apiVersion: kyverno.io/v1
                kind: ClusterPolicy
                metadata: {name: mounts}
                spec:
                  rules:
                    - name: mount
                      match: {any: [{resources: {kinds: [Pod]}}]}
                      mutate:
                        patchesJson6902: |-
                %s
                ---
                apiVersion: kyverno.io/v1
                kind: ClusterPolicy
                metadata: {name: read-only-mounts}
                spec:
                  validationFailureAction: Audit
                  rules:
                    - name: ro
                      match: {any: [{resources: {kinds: [Pod]}}]}
                      validate:
                        message: Mounts are read-only.
                        pattern: {spec: {containers: [{=(volumeMounts): [{readOnly: true}]}]}}
                """.formatted(jsonPatch.indent(10).stripTrailing()), "pack.yaml"));
        return engine.check(Manifests.parse("""
                apiVersion: v1
                kind: Pod
                metadata: {name: app, namespace: shop}
                spec:
                  containers:
                    - name: app
                      image: app:1
                      volumeMounts:
                        - {name: data, mountPath: /a, readOnly: false}
                        - {name: data, mountPath: /b, readOnly: true}
                """, "pod.yaml"));
    }

    @Test
    void aForeachPodRuleKyvernoDoesNotAutogenPointsAtTheElementInThePodTemplate() {
        PolicyEngine engine = PolicyEngine.of(PolicyPack.parse("""
                apiVersion: kyverno.io/v1
                kind: ClusterPolicy
                metadata: {name: no-latest}
                spec:
                  rules:
                    - name: tag
                      match: {any: [{resources: {kinds: [Pod, ConfigMap]}}]}
                      validate:
                        failureAction: Enforce
                        foreach:
                          - list: request.object.spec.containers
                            pattern: {image: "!*:latest"}
                """, "pack.yaml"));

        Report report = engine.check(Manifests.parse("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, namespace: shop}
                spec:
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec:
                      containers:
                        - name: web
                          image: web:1
                        - name: debug
                          image: busybox:latest
                """, "deploy.yaml"));

        assertThat(report.violations()).singleElement().satisfies(r -> assertThat(r.fieldLine()).isEqualTo(13));
    }

    @Test
    void aPodRuleKyvernoDoesNotAutogenPointsAtThePodTemplateNotTheControllersOwnFields() {
        PolicyEngine engine = PolicyEngine.of(PolicyPack.parse("""
                apiVersion: kyverno.io/v1
                kind: ClusterPolicy
                metadata: {name: app-label}
                spec:
                  rules:
                    - name: app-label
                      match: {any: [{resources: {kinds: [Pod, ConfigMap]}}]}
                      validate:
                        failureAction: Enforce
                        message: the label app.kubernetes.io/name is required
                        pattern: {metadata: {labels: {app.kubernetes.io/name: "?*"}}}
                """, "pack.yaml"));

        Report report = engine.check(Manifests.parse("""
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                  namespace: shop
                  labels: {app.kubernetes.io/name: web}
                spec:
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata:
                      annotations: {team: shop}
                    spec:
                      containers: [{name: web, image: web:1}]
                """, "deploy.yaml"));

        // the Deployment's own labels have the key; the Pods' (its template's metadata, line 10) do not
        assertThat(report.violations()).singleElement().satisfies(r -> {
            assertThat(r.message()).startsWith("the Pods this Deployment creates").contains("(line 10)");
            assertThat(r.fieldLine()).isEqualTo(10);
        });
    }

    @Test
    void theCountsOfAReportCannotBeChanged() {
        assertThatThrownBy(() -> report.countsByOutcome().put(Outcome.PASS, 0L))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> report.violationsBySeverity().clear())
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void theSummaryCountsOutcomesAndSeverities() {
        assertThat(report.summary())
                .startsWith("8 manifests, 4 policies, 11 results: 2 passed, 7 failed (3 enforced), 1 error")
                .contains("failed (", "enforced)", "violations by severity: ", "1 exemption (Guidepost's only: the "
                        + "cluster's Kyverno policies still apply");
    }

    @Test
    void resultsAreStableAcrossRunsAndThreads() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Report>> futures = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                futures.add(pool.submit(() -> engine.check(Manifests.load(MANIFESTS))));
            }
            for (Future<Report> future : futures) {
                assertThat(future.get().results()).isEqualTo(report.results());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void resultsComeInManifestOrderThenPackOrder() {
        List<String> manifestOrder = Manifests.load(MANIFESTS).manifests().stream().map(m -> m.resource().toString())
                .toList();
        List<String> packOrder = engine.enforceablePolicies().stream().map(Policy::id).toList();
        List<Result> results = report.results();
        for (int i = 1; i < results.size(); i++) {
            Result before = results.get(i - 1);
            Result after = results.get(i);
            int byManifest = Integer.compare(manifestOrder.indexOf(before.resource().toString()),
                    manifestOrder.indexOf(after.resource().toString()));
            assertThat(byManifest).as(before + " then " + after).isLessThanOrEqualTo(0);
            if (byManifest == 0) {
                assertThat(packOrder.indexOf(before.policyId())).as(before + " then " + after)
                        .isLessThanOrEqualTo(packOrder.indexOf(after.policyId()));
            }
        }
    }

    @Test
    void compilingInParallelStillReportsTheFirstBrokenPolicyInPackOrder() {
        String broken = """
                apiVersion: guidepost.dev/v1alpha1
                kind: Policy
                metadata: {name: %s}
                spec:
                  title: Broken %s
                  description: A policy that may not compile.
                  match: {kinds: [Pod]}
                  validations:
                    - expression: "%s"
                """;
        StringBuilder yaml = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            String expression = i == 7 ? "object.spec.(" : i == 9 ? "object.nope +" : "has(object.spec)";
            yaml.append("---\n").append(broken.formatted("p" + i, i, expression));
        }
        PolicyPack pack = PolicyPack.parse(yaml.toString(), "broken.yaml");

        for (int run = 0; run < 5; run++) {
            assertThatThrownBy(() -> PolicyEngine.of(pack)).isInstanceOf(GuidepostException.class)
                    .hasMessageStartingWith("broken.yaml:").hasMessageContaining("policy 'p7'")
                    .hasMessageContaining("\nand 1 more problem in the pack:\n  broken.yaml:")
                    .hasMessageContaining("policy 'p9'");
        }
    }

    @Test
    void theSamplePackPassesTheGoodManifestsAndCatchesTheBadOnes() {
        PolicyEngine sample = PolicyEngine.of(PolicyPack.load(PolicyPackTest.SAMPLE_PACK));

        Report good = sample.check(Manifests.load(Path.of("../samples/manifests/good")));
        Report bad = sample.check(Manifests.load(Path.of("../samples/manifests/bad")));

        assertThat(good.violations()).isEmpty();
        assertThat(good.failed()).isFalse();
        assertThat(bad.enforcedViolations()).extracting(Result::policyId)
                .contains("databases-in-us-east-1", "allowed-registries", "disallow-latest-tag",
                        "disallow-privileged-containers", "restrict-loadbalancer-services", "require-ingress-tls");
    }

    @Test
    void aRuleGuidepostCannotEvaluateIsReportedAsNotCheckedNeverAsAPass() {
        PolicyPack pack = PolicyPack.load(Path.of("src/test/resources/packs/kyverno-folder"));
        Manifests service = Manifests.parse("""
                apiVersion: v1
                kind: Service
                metadata: {name: public, namespace: shop}
                spec: {type: LoadBalancer, ports: [{port: 80}]}
                """, "service.yaml");

        List<Result> results = PolicyEngine.of(pack).check(service).results();

        // the mutate rule was applied before validation and has no verdict of its own
        assertThat(results).filteredOn(r -> r.policyId().equals("mixed")).extracting(Result::rule, Result::outcome)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("cel-rule", Outcome.PASS),
                        org.assertj.core.groups.Tuple.tuple("signed-manifest", Outcome.SKIP));
        assertThat(results).filteredOn(r -> r.rule().equals("signed-manifest")).singleElement()
                .extracting(Result::message).asString().startsWith("not checked: Guidepost cannot evaluate")
                .contains("validate.manifests rules");
        Report report = PolicyEngine.of(pack).check(service);
        assertThat(report.results()).filteredOn(Result::isNotChecked).extracting(Result::rule)
                .containsExactly("signed-manifest");
        assertThat(ReportFormat.TEXT.render(report)).contains("NOT CHECKED service.yaml:1 Service/shop/public "
                + "mixed/signed-manifest: Guidepost cannot evaluate validate.manifests rules yet");
        assertThat(ConsoleReport.entries(report, ReportOptions.defaults())).extracting(ConsoleReport.Entry::text)
                .anyMatch(t -> t.startsWith("NOT CHECKED service.yaml:1"));
    }

    @Test
    void aClusterEntryIsOnlyNeededByTheRulePartsThatReadItAsKyvernoLoadsEntriesLazily() {
        PolicyPack pack = PolicyPack.parse("""
                apiVersion: kyverno.io/v1
                kind: ClusterPolicy
                metadata:
                  name: require-pdb
                spec:
                  validationFailureAction: Enforce
                  rules:
                    - name: pdb-for-replicated
                      match:
                        any:
                          - resources:
                              kinds: [Deployment]
                      context:
                        - name: pdbs
                          apiCall:
                            urlPath: "/apis/policy/v1/namespaces/{{ request.namespace }}/poddisruptionbudgets"
                            jmesPath: "items"
                        - name: pdbCount
                          variable:
                            jmesPath: "length(pdbs)"
                        - name: wanted
                          variable:
                            value: 3
                      preconditions:
                        all:
                          - key: "{{ request.object.spec.replicas }}"
                            operator: GreaterThanOrEquals
                            value: "{{ wanted }}"
                      validate:
                        message: "A Deployment with {{ wanted }} or more replicas needs a PodDisruptionBudget."
                        deny:
                          conditions:
                            all:
                              - key: "{{ pdbCount }}"
                                operator: Equals
                                value: 0
                    - name: named-containers
                      match:
                        any:
                          - resources:
                              kinds: [Deployment]
                      context:
                        - name: registries
                          configMap:
                            name: registries
                            namespace: platform
                      validate:
                        message: "Every container needs a name."
                        pattern:
                          spec:
                            template:
                              spec:
                                containers:
                                  - name: "?*"
                """, "require-pdb.yaml");
        Manifests deployments = Manifests.parse("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: small, namespace: shop}
                spec:
                  replicas: 1
                  template: {spec: {containers: [{name: app, image: shop:1.0}]}}
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: large, namespace: shop}
                spec:
                  replicas: 3
                  template: {spec: {containers: [{name: app, image: shop:1.0}]}}
                """, "deployments.yaml");

        List<Result> results = PolicyEngine.of(pack).check(deployments).results();

        assertThat(results).extracting(r -> r.resource().name() + " " + r.rule() + " " + r.outcome()
                + (r.isNotChecked() ? " not checked" : ""))
                .containsExactly("small pdb-for-replicated SKIP", "small named-containers PASS",
                        "large pdb-for-replicated SKIP not checked", "large named-containers PASS");
        assertThat(results.get(0).message()).contains("preconditions not met");
        assertThat(results.get(2).message()).contains("context entries that need a cluster");
    }

    @Test
    void aMessageExpressionThatFailsFallsBackToTheMessageAsTheClusterDoesAndSaysWhy() {
        PolicyPack pack = PolicyPack.parse("""
                apiVersion: policies.kyverno.io/v1
                kind: ValidatingPolicy
                metadata:
                  name: require-team
                spec:
                  validationActions: [Deny]
                  matchConstraints:
                    resourceRules:
                      - {apiGroups: [""], apiVersions: [v1], operations: [CREATE, UPDATE], resources: [configmaps]}
                  validations:
                    - expression: "has(object.metadata.labels) && 'team' in object.metadata.labels"
                      message: "A ConfigMap needs a team label."
                      messageExpression: "'ConfigMap ' + object.metadata.name + ' has labels ' + string(object.metadata.labels)"
                """, "require-team.yaml");
        Manifests configMap = Manifests.parse("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: settings, namespace: shop, labels: {app: shop}}
                data: {a: b}
                """, "configmap.yaml");

        Result result = PolicyEngine.of(pack).check(configMap).results().get(0);

        assertThat(result.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(result.message()).startsWith("A ConfigMap needs a team label. (the policy's messageExpression "
                + "failed, so the cluster shows the message before this note: ").contains("string");
    }

    @Test
    void aForeachFailureGivesTheLineOfTheFailingElementsFieldSinceKyvernosPathIsRelativeToTheElement() {
        PolicyPack pack = PolicyPack.parse("""
                apiVersion: kyverno.io/v1
                kind: ClusterPolicy
                metadata:
                  name: require-image-tag
                spec:
                  validationFailureAction: Enforce
                  rules:
                    - name: tagged-images
                      match:
                        any:
                          - resources:
                              kinds: [Pod]
                      validate:
                        foreach:
                          - list: "request.object.spec.containers"
                            pattern:
                              image: "*:*"
                    - name: named-ports
                      match:
                        any:
                          - resources:
                              kinds: [Pod]
                      validate:
                        message: "Every container port needs a name."
                        foreach:
                          - list: "request.object.spec.containers[].ports[]"
                            deny:
                              conditions:
                                any:
                                  - key: "{{ element.name || '' }}"
                                    operator: Equals
                                    value: ""
                """, "require-image-tag.yaml");
        Manifests pod = Manifests.parse("""
                apiVersion: v1
                kind: Pod
                metadata: {name: web, namespace: shop}
                spec:
                  containers:
                    - name: app
                      image: shop:1.0
                      ports:
                        - {name: http, containerPort: 8080}
                    - name: sidecar
                      image: proxy
                      ports:
                        - {containerPort: 9090}
                """, "pod.yaml");

        List<Result> results = PolicyEngine.of(pack).check(pod).results();

        assertThat(results.get(0).message()).startsWith("validation failure: ").endsWith("failed at path /image/ "
                + "(line 11)");
        assertThat(results.get(1).message()).isEqualTo("validation failure: Every container port needs a name. "
                + "(line 13)");
    }

    @Test
    void aCelRuleThatReadsTheClusterIsNotCheckedRatherThanAnErrorThatFailsTheBuild() {
        PolicyPack pack = PolicyPack.parse("""
                apiVersion: policies.kyverno.io/v1
                kind: ValidatingPolicy
                metadata:
                  name: require-pdb
                spec:
                  validationActions: [Deny]
                  matchConstraints:
                    resourceRules:
                      - {apiGroups: [apps], apiVersions: [v1], operations: [CREATE, UPDATE], resources: [deployments]}
                  variables:
                    - name: pdbs
                      expression: "resource.List('policy/v1', 'poddisruptionbudgets', object.metadata.namespace)"
                  validations:
                    - expression: "size(variables.pdbs.items) > 0"
                      message: "A Deployment needs a PodDisruptionBudget."
                """, "require-pdb.yaml");
        Manifests deployment = Manifests.parse("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: api, namespace: shop}
                spec:
                  template: {spec: {containers: [{name: app, image: shop:1.0}]}}
                """, "deployment.yaml");

        Report report = PolicyEngine.of(pack).check(deployment);

        assertThat(report.results()).singleElement().satisfies(r -> {
            assertThat(r.isNotChecked()).isTrue();
            assertThat(r.message()).contains("the rule reads the cluster (").contains("resource.List");
        });
        assertThat(report.failed()).isFalse();
    }

    @Test
    void everyExpressionOfAPolicyThatDoesNotCompileIsReportedInOrderInOneError() {
        PolicyPack pack = PolicyPack.parse("""
                apiVersion: policies.kyverno.io/v1
                kind: ValidatingPolicy
                metadata:
                  name: broken
                spec:
                  validationActions: [Deny]
                  matchConstraints:
                    resourceRules:
                      - {apiGroups: [""], apiVersions: [v1], operations: [CREATE], resources: [configmaps]}
                  validations:
                    - expression: "object.metadata.("
                    - expression: "has(object.data) &&"
                      messageExpression: "'missing ' +"
                """, "broken.yaml");

        assertThatThrownBy(() -> PolicyEngine.of(pack)).isInstanceOf(GuidepostException.class)
                .hasMessageMatching("(?s)broken\\.yaml:\\d+: policy 'broken': spec\\.validations\\[0]\\.expression does "
                        + "not compile.*and 2 more problems in the pack:\n  broken\\.yaml:\\d+: policy 'broken': "
                        + "spec\\.validations\\[1]\\.expression does not compile.*\n  broken\\.yaml:\\d+: policy "
                        + "'broken': spec\\.validations\\[1]\\.messageExpression does not compile.*");
    }

    @Test
    void aKindNamedWithoutItsVersionMatchesEveryVersionKubernetesServesOfIt() {
        PolicyPack pack = PolicyPack.parse("""
                apiVersion: guidepost.dev/v1alpha1
                kind: Policy
                metadata: {name: hpa-minimum}
                spec:
                  title: Autoscalers keep two replicas
                  description: An autoscaler never scales below two replicas.
                  action: Enforce
                  match: {kinds: [HorizontalPodAutoscaler]}
                  validations:
                    - expression: "has(object.spec.minReplicas) && object.spec.minReplicas >= 2"
                      message: "Set spec.minReplicas to 2 or more."
                """, "hpa-minimum.yaml");
        Manifests autoscalers = Manifests.parse("""
                apiVersion: autoscaling/v2
                kind: HorizontalPodAutoscaler
                metadata: {name: api, namespace: shop}
                spec:
                  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: api}
                  minReplicas: 1
                  maxReplicas: 5
                ---
                apiVersion: autoscaling/v1
                kind: HorizontalPodAutoscaler
                metadata: {name: worker, namespace: shop}
                spec:
                  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: worker}
                  minReplicas: 1
                  maxReplicas: 5
                """, "autoscalers.yaml");

        List<Result> results = PolicyEngine.of(pack).check(autoscalers).results();

        assertThat(results).extracting(r -> r.resource().name() + " " + r.outcome())
                .containsExactly("api FAIL", "worker FAIL");
    }

    @Test
    void variablesInAKyvernoRuleMessageAreSubstitutedAsKyvernoDoes() {
        PolicyPack pack = PolicyPack.parse("""
                apiVersion: kyverno.io/v1
                kind: ClusterPolicy
                metadata:
                  name: require-team
                spec:
                  validationFailureAction: Enforce
                  rules:
                    - name: team-label
                      match:
                        any:
                          - resources:
                              kinds: [ConfigMap]
                      validate:
                        message: "ConfigMap {{ request.object.metadata.name }} needs a team label."
                        pattern:
                          metadata:
                            labels:
                              team: "?*"
                """, "require-team.yaml");
        Manifests configMap = Manifests.parse("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: settings, namespace: shop}
                data: {a: b}
                """, "settings.yaml");

        Result result = PolicyEngine.of(pack).check(configMap).results().get(0);

        assertThat(result.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(result.message()).isEqualTo("validation error: ConfigMap settings needs a team label. rule "
                + "team-label failed at path /metadata/labels/ (line 3)");
    }

    /** A Deny policy requiring container limits, applied to namespaces that match {@code expression}. */
    private static PolicyEngine requireLimitsWhereNamespace(String expression) {
        return PolicyEngine.of(PolicyPack.parse("""
                apiVersion: policies.kyverno.io/v1
                kind: ValidatingPolicy
                metadata:
                  name: require-limits
                spec:
                  validationActions: [Deny]
                  matchConstraints:
                    namespaceSelector:
                      matchExpressions: [%s]
                    resourceRules:
                      - apiGroups: [""]
                        apiVersions: [v1]
                        operations: [CREATE, UPDATE]
                        resources: [pods]
                  validations:
                    - expression: "object.spec.containers.all(c, has(c.resources) && has(c.resources.limits))"
                      message: Containers set resource limits.
                """.formatted(expression), "limits.yaml"));
    }

    private static String read(String file) {
        try {
            return java.nio.file.Files.readString(Path.of(file));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
