package dev.guidepost.cli.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.guidepost.core.KnowledgeBase;
import dev.guidepost.core.PolicyPack;

/** The MCP tools' answers, in-process (the subprocess test drives the same tools over stdio). */
class PolicyToolsTest {

    static final Path SAMPLES = Path.of(System.getProperty("guidepost.samples", "../samples"));

    static final String NON_COMPLIANT = ExampleManifests.NON_COMPLIANT;

    private static PolicyTools tools;

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> maps(Object value) {
        return (List<Map<String, Object>>) value;
    }

    @BeforeAll
    static void load() {
        PolicyPack pack = PolicyPack.load(SAMPLES.resolve("pack"));
        KnowledgeBase kb = KnowledgeBase.builder(pack).cacheDirectory(Path.of("target", "test-cache")).build();
        tools = new PolicyTools(kb);
        tools.warmUp();
    }

    @Test
    void searchReturnsPoliciesWithIdSeverityScoreDescriptionAndRemediation() {
        ToolAnswer answer = tools.searchPolicies(Map.of("query", "can my container run as root?", "limit", 3));
        assertThat(answer.error()).isFalse();
        assertThat(answer.text()).startsWith("3 policies").contains("1. require-run-as-non-root (score ", "Fix: ");
        List<Map<String, Object>> policies = maps(answer.structured().get("policies"));
        assertThat(policies).hasSize(3);
        assertThat(policies.get(0).keySet()).contains("id", "title", "severity", "score", "description", "remediation");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aSearchNamingAKindListsTheOtherRulesEveryObjectOfThatKindMustSatisfy() {
        ToolAnswer answer = tools.searchPolicies(Map.of("query", "I'm adding a StatefulSet for Postgres", "limit", 2));

        Map<String, List<String>> also = (Map<String, List<String>>) answer.structured().get("alsoApplyToKinds");
        List<String> shown = maps(answer.structured().get("policies")).stream().map(p -> (String) p.get("id"))
                .toList();
        assertThat(also).containsOnlyKeys("StatefulSet");
        assertThat(also.get("StatefulSet")).contains("require-run-as-non-root", "disallow-privileged-containers")
                .doesNotContainAnyElementsOf(shown);
        assertThat(answer.text()).contains("Also apply to every StatefulSet (not above): ",
                "list_policies {kind: StatefulSet}");
        assertThat(tools.searchPolicies(Map.of("query", "can my container run as root?")).structured()
                .get("alsoApplyToKinds")).isEqualTo(Map.of());
    }

    @Test
    void searchFiltersByKinds() {
        ToolAnswer answer = tools.searchPolicies(Map.of("query", "tls https", "kinds", List.of("Ingress")));
        assertThat(maps(answer.structured().get("policies"))).isNotEmpty().allSatisfy(p -> assertThat(p.get("kinds")
                .toString())
                .contains("Ingress"));
    }

    @Test
    void aKindFilterNoPolicySelectsNamesTheKindsAndCategoriesThereAre() {
        ToolAnswer answer = tools.searchPolicies(Map.of("query", "tls https", "kinds", List.of("Gateway")));

        assertThat(answer.error()).isFalse();
        assertThat(answer.text()).startsWith("No policy matches \"tls https\" for kinds [Gateway]")
                .contains("Kinds its policies select: ").contains("Ingress").contains("Categories in this pack: ");
    }

    @Test
    void searchWithoutAQueryIsAnError() {
        ToolAnswer answer = tools.searchPolicies(Map.of("limit", 3));
        assertThat(answer.error()).isTrue();
        assertThat(answer.text()).contains("'query' is required");
    }

    @Test
    void getPolicyGivesTheFullPolicyItsCelAndExamples() {
        ToolAnswer answer = tools.getPolicy(Map.of("id", "disallow-latest-tag"));
        assertThat(answer.error()).isFalse();
        assertThat(answer.text()).contains("How to comply: ", "Validations (CEL; each must be true)", "Compliant example",
                "Non-compliant example");
        Map<String, Object> policy = answer.structured();
        assertThat(((List<?>) policy.get("rules"))).isNotEmpty();
        Map<?, ?> examples = (Map<?, ?>) policy.get("examples");
        assertThat((List<?>) examples.get("pass")).isNotEmpty();
        assertThat((List<?>) examples.get("fail")).isNotEmpty();
    }

    @Test
    void getPolicyShowsTheMessageExpressionOfEachValidation() {
        ToolAnswer answer = tools.getPolicy(Map.of("id", "databases-in-us-east-1"));
        assertThat(answer.text()).contains("Variables (CEL, read as variables.NAME)\n  isCnpg = object.apiVersion",
                "  1. !variables.runsDatabase || variables.region == 'us-east-1'\n"
                        + "     message (CEL): 'databases must run in us-east-1; ' + object.kind")
                .doesNotContain("Policy document");
        List<?> validations = (List<?>) answer.structured().get("validations");
        assertThat(validations).singleElement().satisfies(v -> assertThat(((Map<?, ?>) v).get("messageExpression"))
                .asString().startsWith("'databases must run in us-east-1; '"));
        List<Object> names = ((List<?>) answer.structured().get("variables")).stream()
                .map(v -> (Object) ((Map<?, ?>) v).get("name")).toList();
        assertThat(names).containsExactly("isCnpg", "images", "runsDatabase", "region");
        Map<?, ?> rule = (Map<?, ?>) ((List<?>) answer.structured().get("rules")).get(0);
        assertThat((List<?>) rule.get("messages")).isEmpty();
        assertThat((List<?>) rule.get("messageExpressions")).singleElement().asString()
                .startsWith("'databases must run in us-east-1; '");
    }

    @Test
    void getPolicySaysWhyItAddsThePolicyDocument() {
        PolicyPack pack = PolicyPack.load(Path.of("src/test/resources/dev/guidepost/cli/mcp/document-pack"));
        PolicyTools documents = new PolicyTools(KnowledgeBase.builder(pack).lexicalOnly().build());

        assertThat(documents.getPolicy(Map.of("id", "backups-are-tested")).text())
                .contains("\nPolicy document (advisory: the policy has no rules, so nothing is checked):\n")
                .doesNotContain("pattern");
        assertThat(documents.getPolicy(Map.of("id", "disallow-host-path")).text())
                .contains("host-path (pattern)", "message: hostPath volumes are forbidden.",
                        "\nPolicy document (its pattern rules are in Kyverno's legacy language, which Guidepost "
                                + "evaluates as Kyverno does):\n", "X(hostPath)");
        assertThat(documents.getPolicy(Map.of("id", "restrict-node-port")).text())
                .contains("message (CEL): 'Service ' + object.metadata.name + ' may not be a NodePort'",
                        "no-load-balancer (deny)",
                        "\nPolicy document (its deny rules are in Kyverno's legacy language, which Guidepost "
                                + "evaluates as Kyverno does):\n");
        assertThat(tools.getPolicy(Map.of("id", "database-backups")).text())
                .contains("Policy document (advisory: the policy has no rules");
    }

    @Test
    void unknownPolicyIdIsAnErrorPointingToSearchAndList() {
        ToolAnswer answer = tools.getPolicy(Map.of("id", "disallow-latest-tags"));
        assertThat(answer.error()).isTrue();
        assertThat(answer.text()).contains("Unknown policy id 'disallow-latest-tags'",
                "did you mean disallow-latest-tag", "search_policies", "list_policies");
    }

    @Test
    void checkReportsEveryViolationWithTheLineInTheGivenYaml() {
        ToolAnswer answer = tools.checkManifest(Map.of("yaml", NON_COMPLIANT));
        assertThat(answer.error()).isFalse();
        assertThat(answer.text()).startsWith("Not compliant: ").contains(
                "- line 1 Deployment/shop/checkout: disallow-latest-tag [medium, Enforce, blocking]",
                "- line 15 Service/shop/checkout: restrict-loadbalancer-services", "fix: ",
                "call check_manifest again");
        assertThat(answer.structured().get("compliant")).isEqualTo(false);
        List<Map<String, Object>> violations = maps(answer.structured().get("violations"));
        assertThat(violations).extracting(v -> v.get("line")).contains(1, 15);
        assertThat(violations).allSatisfy(v -> assertThat(v).containsKeys("policy", "message",
                "remediation", "line", "blocking"));
    }

    @Test
    void anExemptionAnnotationDoesNotMakeAManifestCompliantBecauseTheClusterIgnoresIt() {
        String exempted = NON_COMPLIANT.replace("  namespace: shop\nspec:\n  selector",
                "  namespace: shop\n  annotations:\n    guidepost.dev/ignore-disallow-latest-tag: \"we need latest\"\n"
                        + "spec:\n  selector");
        ToolAnswer answer = tools.checkManifest(Map.of("yaml", exempted));

        assertThat(exempted).contains("guidepost.dev/ignore-disallow-latest-tag");
        assertThat(answer.text()).startsWith("Not compliant: ").contains(
                "Deployment/shop/checkout: disallow-latest-tag [medium, Enforce, blocking]",
                "[the annotation guidepost.dev/ignore-disallow-latest-tag does not exempt in the cluster: its Kyverno "
                        + "policies do not read it; a Kyverno PolicyException can admit the resource]");
        assertThat(answer.structured()).containsEntry("blocking", true).containsEntry("compliant", false);
    }

    @Test
    void aLongCheckListsBlockingViolationsFirstAndCutsTheTextMoreThanTheStructuredAnswer() {
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            many.append(NON_COMPLIANT.replace("name: checkout", "name: checkout-" + i)).append("---\n");
        }
        ToolAnswer answer = tools.checkManifest(Map.of("yaml", many.toString()));

        List<Map<String, Object>> violations = maps(answer.structured().get("violations"));
        assertThat(violations.size()).isGreaterThan(PolicyTools.MAX_LISTED_VIOLATIONS);
        String text = answer.text();
        assertThat(text).contains("Violations (blocking first):", "- and " + (violations.size()
                - PolicyTools.MAX_LISTED_VIOLATIONS) + " more (the structured answer lists up to "
                + PolicyTools.MAX_STRUCTURED_VIOLATIONS);
        String section = text.substring(text.indexOf("Violations (blocking first):"), text.indexOf("- and "));
        List<String> listed = section.lines().filter(l -> l.startsWith("- line ")).toList();
        assertThat(listed).hasSize(PolicyTools.MAX_LISTED_VIOLATIONS);
        int firstNonBlocking = listed.indexOf(listed.stream().filter(l -> !l.contains(", blocking")).findFirst()
                .orElse(""));
        assertThat(listed.subList(0, firstNonBlocking < 0 ? listed.size() : firstNonBlocking))
                .allSatisfy(l -> assertThat(l).contains(", blocking"));
        if (firstNonBlocking >= 0) {
            assertThat(listed.subList(firstNonBlocking, listed.size())).noneMatch(l -> l.contains(", blocking"));
        }
    }

    @Test
    void aCheckWithOnlyAuditFindingsSaysNothingBlocks() throws Exception {
        String good = java.nio.file.Files.readString(SAMPLES.resolve("manifests/good/web.yaml"));
        String withoutProbe = good.replace("          readinessProbe:\n            httpGet: {path: /healthz, port: 8080}\n",
                "");
        ToolAnswer answer = tools.checkManifest(Map.of("yaml", withoutProbe));

        assertThat(withoutProbe).isNotEqualTo(good);
        assertThat(answer.text()).startsWith("Not compliant: 1 violation, none blocking (it is an Audit or Warn "
                + "finding)").contains("Nothing found blocks a deploy");
        assertThat(answer.structured()).containsEntry("blocking", false).containsEntry("compliant", false);
    }

    @Test
    void checkSaysCompliant() throws Exception {
        String good = java.nio.file.Files.readString(SAMPLES.resolve("manifests/good/web.yaml"));
        ToolAnswer answer = tools.checkManifest(Map.of("yaml", good));
        assertThat(answer.error()).isFalse();
        assertThat(answer.text()).as(answer.text()).startsWith("Compliant: ");
        assertThat(answer.structured().get("compliant")).isEqualTo(true);
    }

    @Test
    void objectsThatNameNoNamespaceAreCheckedInTheNamespaceGiven() throws Exception {
        PolicyTools shop = new PolicyTools(KnowledgeBase.builder(PolicyPack.parse("""
                apiVersion: guidepost.dev/v1alpha1
                kind: Policy
                metadata: {name: shop-team-label}
                spec:
                  description: ConfigMaps in the shop namespace carry the shop team label.
                  action: Enforce
                  match: {kinds: [ConfigMap], namespaces: [shop]}
                  validations:
                    - expression: "object.metadata.?labels.?team.orValue('') == 'shop'"
                      message: ConfigMaps in shop need team=shop.
                """, "shop.yaml")).lexicalOnly().build());
        String settings = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\n";

        ToolAnswer placed = shop.checkManifest(Map.of("yaml", settings, "namespace", "shop"));
        assertThat(placed.text()).startsWith("Not compliant").contains("ConfigMap/shop/settings",
                "ConfigMaps in shop need team=shop.");
        assertThat(shop.checkManifest(Map.of("yaml", settings)).text()).startsWith("No violations found, but");
        ToolAnswer wrong = shop.checkManifest(Map.of("yaml", settings, "namespace", "Shop!"));
        assertThat(wrong.error()).isTrue();
        assertThat(wrong.text()).startsWith("Invalid input: 'namespace': 'Shop!' is no namespace name");
    }

    @Test
    void aCompliantAnswerNamesTheAdvisoryGuidanceAndTheSkippedDocumentsWithTheirLines() throws Exception {
        String yaml = Files.readString(Path.of("../samples/manifests/good/orders-db.yaml")) + "\n---\nfoo: bar\n";
        ToolAnswer answer = tools.checkManifest(Map.of("yaml", yaml));

        assertThat(answer.text()).startsWith("Compliant: ")
                .contains("Skipped (not objects to check):\n- line ")
                .contains("Also read (advisory guidance", "- use-managed-postgres: Prefer the managed PostgreSQL "
                        + "operator");
        assertThat(maps(answer.structured().get("advisory"))).anySatisfy(advice -> assertThat(advice)
                .containsEntry("id", "use-managed-postgres").containsKey("applies"));
        assertThat(maps(answer.structured().get("advisory"))).allSatisfy(advice -> assertThat(
                advice.containsKey("score")).isEqualTo(Boolean.FALSE.equals(advice.get("applies"))));
        List<Double> relatedScores = maps(answer.structured().get("advisory")).stream()
                .filter(advice -> advice.containsKey("score")).map(advice -> ((Number) advice.get("score"))
                        .doubleValue()).toList();
        assertThat(relatedScores).as("related guidance, the closest first").hasSizeGreaterThan(1).isSortedAccordingTo(
                java.util.Comparator.reverseOrder());
    }

    @Test
    @SuppressWarnings("unchecked")
    void aLargeCheckKeepsItsStructuredAnswerBoundedWithTheBlockingFindingsFirst() {
        PolicyTools team = new PolicyTools(KnowledgeBase.builder(PolicyPack.parse("""
                apiVersion: policies.kyverno.io/v1
                kind: ValidatingPolicy
                metadata: {name: team-label}
                spec:
                  validationActions: [Audit]
                  matchConstraints:
                    resourceRules:
                      - {apiGroups: [""], apiVersions: [v1], operations: [CREATE], resources: [configmaps]}
                  validations:
                    - expression: "has(object.metadata.labels) && 'team' in object.metadata.labels"
                      message: "A team label is needed."
                ---
                apiVersion: policies.kyverno.io/v1
                kind: ValidatingPolicy
                metadata: {name: no-debug}
                spec:
                  validationActions: [Deny]
                  matchConstraints:
                    resourceRules:
                      - {apiGroups: [""], apiVersions: [v1], operations: [CREATE], resources: [configmaps]}
                  validations:
                    - expression: "!has(object.data) || !('debug' in object.data)"
                      message: "No debug switch."
                """, "pack.yaml")).lexicalOnly().build());
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 600; i++) {
            many.append("---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c").append(i)
                    .append(", namespace: shop}\ndata: {").append(i == 599 ? "debug: 'on'" : "a: b").append("}\n");
        }

        ToolAnswer answer = team.checkManifest(Map.of("yaml", many.toString()));

        List<Map<String, Object>> violations = (List<Map<String, Object>>) answer.structured().get("violations");
        assertThat(violations).hasSize(PolicyTools.MAX_STRUCTURED_VIOLATIONS);
        assertThat(violations.get(0)).containsEntry("policy", "no-debug");
        assertThat(answer.structured()).containsEntry("violationsOmitted", 101);
        assertThat(answer.text()).contains("the structured answer lists up to 500");
        assertThat((List<?>) answer.structured().get("manifests")).hasSize(PolicyTools.MAX_STRUCTURED_MANIFESTS);
        assertThat(answer.structured()).containsEntry("manifestsOmitted", 100);
    }

    @Test
    void anObjectThePacksPolicyExceptionExemptsIsNamedWithTheExceptionAndIsNotBlocking() {
        PolicyTools withException = new PolicyTools(KnowledgeBase.builder(PolicyPack.parse("""
                apiVersion: kyverno.io/v1
                kind: ClusterPolicy
                metadata: {name: disallow-host-path}
                spec:
                  rules:
                    - name: host-path
                      match: {any: [{resources: {kinds: [Pod]}}]}
                      validate:
                        failureAction: Enforce
                        message: hostPath volumes are forbidden.
                        pattern: {spec: {=(volumes): [{X(hostPath): "null"}]}}
                ---
                apiVersion: kyverno.io/v2
                kind: PolicyException
                metadata: {name: log-shipper, namespace: kyverno}
                spec:
                  exceptions: [{policyName: disallow-host-path, ruleNames: [host-path, autogen-host-path]}]
                  match: {any: [{resources: {kinds: [Pod, DaemonSet], namespaces: [logging], names: [log-shipper*]}}]}
                """, "pack.yaml")).lexicalOnly().build());
        String daemonSet = """
                apiVersion: apps/v1
                kind: DaemonSet
                metadata: {name: %s, namespace: logging}
                spec:
                  selector: {matchLabels: {app: shipper}}
                  template:
                    metadata: {labels: {app: shipper}}
                    spec:
                      containers: [{name: shipper, image: shipper:1}]
                      volumes: [{name: logs, hostPath: {path: /var/log}}]
                """;

        ToolAnswer exempted = withException.checkManifest(Map.of("yaml", daemonSet.formatted("log-shipper")));
        ToolAnswer renamed = withException.checkManifest(Map.of("yaml", daemonSet.formatted("fluent-bit")));

        assertThat(exempted.structured()).containsEntry("blocking", false).containsEntry("compliant", true);
        assertThat(exempted.text()).contains("Exempted by the pack's PolicyExceptions",
                "DaemonSet/logging/log-shipper: disallow-host-path (PolicyException log-shipper)");
        assertThat(maps(exempted.structured().get("exemptions"))).singleElement().satisfies(e -> assertThat(e)
                .containsEntry("policy", "disallow-host-path").containsEntry("exception", "log-shipper"));
        assertThat(renamed.structured()).containsEntry("blocking", true);
        assertThat(maps(renamed.structured().get("exemptions"))).isEmpty();
    }

    @Test
    void aKyvernoPolicyWithoutAFixIsDescribedOncePerPolicyAndWhereThePodIsOncePerObject() {
        String podRule = """
                apiVersion: kyverno.io/v1
                kind: ClusterPolicy
                metadata:
                  name: %s
                  annotations: {policies.kyverno.io/description: %s}
                spec:
                  rules:
                    - name: check
                      match: {any: [{resources: {kinds: [Pod]}}]}
                      validate:
                        failureAction: Audit
                        message: %s
                        pattern: {spec: {containers: [{%s}]}}
                """;
        PolicyTools kyverno = new PolicyTools(KnowledgeBase.builder(PolicyPack.parse(
                podRule.formatted("require-probes", "Containers declare a liveness probe.", "A probe is required.",
                        "livenessProbe: {periodSeconds: \"?*\"}") + "---\n"
                        + podRule.formatted("require-limits", "Containers declare a memory limit.",
                                "A memory limit is required.", "resources: {limits: {memory: \"?*\"}}"),
                "pack.yaml")).lexicalOnly().build());
        String deployment = """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: %s, namespace: shop}
                spec:
                  selector: {matchLabels: {app: a}}
                  template:
                    metadata: {labels: {app: a}}
                    spec:
                      containers: [{name: a, image: a:1}]
                """;

        ToolAnswer answer = kyverno.checkManifest(Map.of("yaml", deployment.formatted("one") + "---\n"
                + deployment.formatted("two")));

        String text = answer.text();
        assertThat(maps(answer.structured().get("violations"))).hasSize(4);
        assertThat(text.split("rule \\(no fix given\\): Containers declare a liveness probe", -1)).hasSize(2);
        assertThat(text.split("rule \\(no fix given\\): Containers declare a memory limit", -1)).hasSize(2);
        assertThat(text.split("Where the rule reads the Pod's fields", -1)).as("once per Deployment").hasSize(3);
        assertThat(text).doesNotContain("fix: ");
    }

    @Test
    void aMisspeltExemptionAnnotationIsInTheStructuredAnswerAsInTheText() {
        String misspelt = NON_COMPLIANT.replace("  namespace: shop\nspec:\n  selector",
                "  namespace: shop\n  annotations:\n    guidepost.dev/ignore-disallow-latest-tagg: \"we need latest\"\n"
                        + "spec:\n  selector");
        ToolAnswer answer = tools.checkManifest(Map.of("yaml", misspelt));

        assertThat(misspelt).contains("ignore-disallow-latest-tagg");
        assertThat(answer.text()).contains("Exemption annotations that name no policy", "did you mean "
                + "disallow-latest-tag?");
        assertThat(maps(answer.structured().get("unknownExemptions"))).singleElement().satisfies(unknown -> {
            assertThat(unknown).containsEntry("policy", "disallow-latest-tagg")
                    .containsEntry("resource", "Deployment/shop/checkout")
                    .containsEntry("similarIds", List.of("disallow-latest-tag"));
            assertThat(unknown.get("line")).isEqualTo(1);
        });
    }

    @Test
    @SuppressWarnings("unchecked")
    void theCappedStructuredListOfUncheckedRulesKeepsTheOnesThatCouldBlockFirst() {
        PolicyTools pci = new PolicyTools(KnowledgeBase.builder(PolicyPack.parse("""
                apiVersion: policies.kyverno.io/v1
                kind: ValidatingPolicy
                metadata: {name: pci-pods}
                spec:
                  validationActions: [Audit]
                  matchConstraints:
                    namespaceSelector: {matchLabels: {compliance: pci}}
                    resourceRules:
                      - {apiGroups: [""], apiVersions: [v1], operations: [CREATE], resources: [pods]}
                  validations:
                    - expression: "has(object.spec.securityContext)"
                ---
                apiVersion: policies.kyverno.io/v1
                kind: ValidatingPolicy
                metadata: {name: pci-configmaps}
                spec:
                  validationActions: [Deny]
                  matchConstraints:
                    namespaceSelector: {matchLabels: {compliance: pci}}
                    resourceRules:
                      - {apiGroups: [""], apiVersions: [v1], operations: [CREATE], resources: [configmaps]}
                  validations:
                    - expression: "has(object.data)"
                """, "pci.yaml")).lexicalOnly().build());
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 150; i++) {
            many.append("---\napiVersion: v1\nkind: Pod\nmetadata: {name: api-").append(i)
                    .append(", namespace: payments}\nspec: {containers: [{name: app, image: app:1}]}\n");
        }
        many.append("---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: keys, namespace: payments}\n");

        ToolAnswer answer = pci.checkManifest(Map.of("yaml", many.toString()));

        List<Map<String, Object>> notChecked = (List<Map<String, Object>>) answer.structured().get("notChecked");
        assertThat(notChecked).hasSize(PolicyTools.MAX_STRUCTURED_NOT_CHECKED);
        assertThat(notChecked.get(0)).containsEntry("policy", "pci-configmaps").containsEntry("couldBlock", true);
        assertThat(answer.structured()).containsEntry("notCheckedOmitted", 51).containsEntry("uncheckedEnforce", 1L);
    }

    @Test
    void aCheckWithAnEnforcePolicyLeftUncheckedDoesNotSayCompliant() {
        PolicyTools pci = new PolicyTools(KnowledgeBase.builder(PolicyPack.parse("""
                apiVersion: policies.kyverno.io/v1
                kind: ValidatingPolicy
                metadata: {name: pci-seccomp}
                spec:
                  validationActions: [Deny]
                  matchConstraints:
                    namespaceSelector: {matchLabels: {compliance: pci}}
                    resourceRules:
                      - {apiGroups: [""], apiVersions: [v1], operations: [CREATE, UPDATE], resources: [pods]}
                  validations:
                    - expression: "has(object.spec.securityContext)"
                """, "pci.yaml")).lexicalOnly().build());

        ToolAnswer answer = pci.checkManifest(Map.of("yaml", """
                apiVersion: v1
                kind: Pod
                metadata: {name: api, namespace: payments}
                spec: {containers: [{name: app, image: app:1}]}
                """));

        assertThat(answer.text()).startsWith("No violations found, but 1 rule of an Enforce policy was not checked")
                .contains("Not checked here (the cluster will check these):\n- pci-seccomp [Enforce] on line 1 "
                        + "Pod/payments/api — ");
        assertThat(answer.structured().get("uncheckedEnforce")).isEqualTo(1L);
        assertThat(answer.structured().get("compliant")).isEqualTo(false);

        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 150; i++) {
            many.append("---\napiVersion: v1\nkind: Pod\nmetadata: {name: api-").append(i)
                    .append(", namespace: payments}\nspec: {containers: [{name: app, image: app:1}]}\n");
        }
        ToolAnswer large = pci.checkManifest(Map.of("yaml", many.toString()));

        assertThat(large.text()).contains("- pci-seccomp [Enforce] on line 2 Pod/payments/api-0, line 7 "
                + "Pod/payments/api-1, line 12 Pod/payments/api-2 and 147 more — ");
        assertThat(large.text().lines().filter(l -> l.contains("pci-seccomp"))).hasSize(1);
        assertThat((List<?>) large.structured().get("notChecked")).hasSize(PolicyTools.MAX_STRUCTURED_NOT_CHECKED);
        assertThat(large.structured()).containsEntry("notCheckedOmitted", 50)
                .containsEntry("uncheckedEnforce", 150L);
    }

    @Test
    void checkSaysWhenNoPolicySelectsTheManifest() {
        ToolAnswer answer = tools.checkManifest(Map.of("yaml",
                "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {a: b}\n"));
        assertThat(answer.text()).startsWith("Nothing checked: no policy of this pack selects ConfigMap");
        assertThat(answer.structured()).containsEntry("nothingChecked", true);
    }

    @Test
    void aDocumentThatCannotBeReadIsTheHeadlineEvenWhenTheOthersPass() throws Exception {
        String good = Files.readString(SAMPLES.resolve("manifests/good/web.yaml"));
        ToolAnswer answer = tools.checkManifest(Map.of("yaml", good
                + "\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata:\n  a: [unclosed\n"));

        assertThat(answer.text()).startsWith("Not compliant: 1 document could not be read, so it was not checked");
        assertThat(answer.structured()).containsEntry("compliant", false);
        assertThat(answer.error()).isTrue();
    }

    @Test
    void invalidYamlIsAnErrorNamingTheLine() {
        ToolAnswer answer = tools.checkManifest(Map.of("yaml",
                "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  labels: {app: web\nspec: {}\n"));
        assertThat(answer.error()).isTrue();
        assertThat(answer.text()).contains("could not be read", "line ", "invalid YAML");
        assertThat((List<?>) answer.structured().get("problems")).isNotEmpty();
    }

    @Test
    void yamlWithoutKubernetesObjectsIsAnError() {
        ToolAnswer answer = tools.checkManifest(Map.of("yaml", "just: a map\n"));
        assertThat(answer.error()).isTrue();
        assertThat(answer.text()).contains("No Kubernetes object", "apiVersion");
        assertThat(tools.checkManifest(Map.of("yaml", " ")).error()).isTrue();
    }

    @Test
    void wrongArgumentTypeIsAnError() {
        ToolAnswer answer = tools.checkManifest(Map.of("yaml", 42));
        assertThat(answer.error()).isTrue();
        assertThat(answer.text()).contains("'yaml' must be a string");
    }

    @Test
    void listFiltersByCategoryAndKind() {
        ToolAnswer all = tools.listPolicies(Map.of());
        assertThat(all.structured().get("count")).isEqualTo(15);
        ToolAnswer security = tools.listPolicies(Map.of("category", "security"));
        assertThat((int) security.structured().get("count")).isBetween(1, 14);
        ToolAnswer ingress = tools.listPolicies(Map.of("kind", "Ingress"));
        assertThat(ingress.text()).contains("require-ingress-tls").doesNotContain("require-run-as-non-root");
        ToolAnswer none = tools.listPolicies(Map.of("category", "cooking"));
        assertThat(none.structured().get("count")).isEqualTo(0);
        assertThat(none.text()).contains("Categories in this pack: ");
        ToolAnswer typo = tools.listPolicies(Map.of("kind", "Deploymnet"));
        assertThat(typo.text()).contains("Kinds its policies select: ").contains("Deployment")
                .contains("No policy is about kind Deploymnet; did you mean Deployment?");
        assertThat(maps(typo.structured().get("unselectedKinds"))).singleElement().satisfies(u -> assertThat(u)
                .containsEntry("kind", "Deploymnet").containsEntry("similarKinds", List.of("Deployment")));
        assertThat(maps(ingress.structured().get("unselectedKinds"))).isEmpty();
        ToolAnswer plural = tools.listPolicies(Map.of("kind", "StatefulSets"));
        assertThat(plural.structured().get("count"))
                .isEqualTo(tools.listPolicies(Map.of("kind", "StatefulSet")).structured().get("count"))
                .isNotEqualTo(0);
        ToolAnswer two = tools.listPolicies(Map.of("kind", "Ingress, Service"));
        assertThat(two.text()).contains("require-ingress-tls", "restrict-loadbalancer-services")
                .doesNotContain("Kinds its policies select");
        ToolAnswer statefulSet = tools.listPolicies(Map.of("kind", "StatefulSet"));
        assertThat(statefulSet.text()).as("what each rule wants, for an agent about to write one")
                .contains("then its fix", "\n  fix: ", "registry.acme.io");
        assertThat(all.text()).as("the whole pack is listed by titles").doesNotContain("\n  fix: ");
        ToolAnswer oneUnknown = tools.listPolicies(Map.of("kind", "Ingress,Gateway"));
        assertThat(oneUnknown.text()).contains("require-ingress-tls", "No policy selects Gateway by its kinds")
                .doesNotContain("selects Ingress");
    }

    @Test
    void policiesForManifestOfAManyObjectStreamDescribesTheFirstAndBoundsTheStructuredAnswer() {
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 520; i++) {
            many.append("---\napiVersion: v1\nkind: Service\nmetadata: {name: s").append(i)
                    .append(", namespace: shop}\nspec: {ports: [{port: 80}]}\n");
        }
        ToolAnswer answer = tools.policiesForManifest(Map.of("yaml", many.toString()));

        assertThat(answer.text()).contains("Service/shop/s19 (line ").doesNotContain("Service/shop/s20 (line ")
                .contains("... and 500 more manifests, 480 of them in the structured answer (manifestsOmitted "
                        + "counts the rest)");
        assertThat(maps(answer.structured().get("manifests"))).hasSize(500);
        assertThat(answer.structured().get("manifestsOmitted")).isEqualTo(20);
    }

    @Test
    void policiesForManifestKeepsItsAnswerWellBelowWhatAnSdkClientReadsWhenAPackHasManyPolicies() throws Exception {
        StringBuilder pack = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            pack.append("---\napiVersion: guidepost.dev/v1alpha1\nkind: Policy\nmetadata: {name: rule-").append(i)
                    .append("}\nspec:\n  description: Pods follow rule ").append(i).append(".\n  remediation: ")
                    .append("Do this. ".repeat(100)).append("\n  match: {kinds: [Pod]}\n  validations:\n")
                    .append("    - expression: \"true\"\n");
        }
        PolicyTools many = new PolicyTools(KnowledgeBase.builder(PolicyPack.parse(pack.toString(), "pack.yaml"))
                .lexicalOnly().build());
        StringBuilder pods = new StringBuilder();
        for (int i = 0; i < 400; i++) {
            pods.append("---\napiVersion: v1\nkind: Pod\nmetadata: {name: p").append(i)
                    .append("}\nspec: {containers: [{name: a, image: a}]}\n");
        }

        ToolAnswer answer = many.policiesForManifest(Map.of("yaml", pods.toString()));

        String structured = JsonMapper.builder().build()
                .writeValueAsString(answer.structured());
        assertThat(structured.length()).isLessThan(PolicyTools.MAX_STRUCTURED_CHARS);
        int listed = maps(answer.structured().get("manifests")).size();
        assertThat(listed).isBetween(1, 399);
        assertThat(answer.structured().get("manifestsOmitted")).isEqualTo(400 - listed);
        // objects are described until the text passes the limit: the last one may cross it by its own size
        assertThat(answer.text().length()).isLessThan(PolicyTools.MAX_TEXT_CHARS + 100_000);
        assertThat(answer.text().split("fix: Do this", -1)).as("each policy's fix once").hasSize(101);
    }

    @Test
    void policiesForManifestSeparatesRuleFromMeaning() {
        ToolAnswer answer = tools.policiesForManifest(Map.of("yaml", NON_COMPLIANT));
        assertThat(answer.error()).isFalse();
        assertThat(answer.text()).contains("Deployment/shop/checkout (line 1)", "Applies by rule",
                "Related by meaning", "Service/shop/checkout (line 15)");
        Map<String, Object> deployment = maps(answer.structured().get("manifests")).get(0);
        assertThat(maps(deployment.get("applicable"))).extracting(p -> p.get("id"))
                .contains("require-run-as-non-root", "disallow-latest-tag");
        assertThat(deployment.containsKey("related")).isTrue();
        // the text marks the weak related hits the structured answer flags
        for (Map<String, Object> manifest : maps(answer.structured().get("manifests"))) {
            for (Map<String, Object> hit : maps(manifest.get("related"))) {
                String line = answer.text().lines().filter(l -> l.startsWith("    - " + hit.get("id") + " (score "))
                        .findFirst().orElseThrow();
                assertThat(line.contains(", weak match)")).as(line).isEqualTo(hit.get("weakMatch"));
            }
        }
    }
}
