package dev.guidepost.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code search}, {@code discover}, {@code explain} and {@code search-eval}: outputs and exit codes. */
class KnowledgeCommandsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static Cli search(String... args) {
        String[] all = new String[args.length + 5];
        all[0] = "search";
        all[1] = "--pack";
        all[2] = Cli.PACK;
        all[3] = "--cache";
        all[4] = Cli.CACHE;
        System.arraycopy(args, 0, all, 5, args.length);
        return Cli.run(all);
    }

    @Test
    void searchPrintsOneHitALineWithTheIdFirst() {
        Cli cli = search("--limit", "3", "can my container run as root?");
        assertThat(cli.exitCode()).as(cli.err()).isEqualTo(ExitCode.OK);
        String[] lines = cli.out().split("\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[0]).startsWith("require-run-as-non-root ").contains("high", "Containers run as a non-root");
    }

    @Test
    void searchJsonHasScoreSeverityDescriptionAndRemediation() {
        Cli cli = search("--json", "-n", "2", "expose my app on the internet");
        assertThat(cli.exitCode()).isEqualTo(ExitCode.OK);
        JsonNode hits = JSON.readTree(cli.out());
        assertThat(hits.size()).isEqualTo(2);
        JsonNode first = hits.get(0);
        assertThat(first.get("id").asString()).isNotEmpty();
        assertThat(first.has("score")).isTrue();
        assertThat(first.get("severity").asString()).isIn("low", "medium", "high", "critical");
        assertThat(first.get("description").asString()).isNotEmpty();
        assertThat(first.has("remediation")).isTrue();
    }

    @Test
    void aQuestionNoPolicyAnswersGetsANoteButStillExitsZero() {
        Cli text = search("bake a chocolate cake");
        assertThat(text.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(text.out()).isNotEmpty();
        assertThat(text.err()).contains("note: no policy matches this question well");

        Cli json = search("--json", "bake a chocolate cake");
        JsonNode hits = JSON.readTree(json.out());
        assertThat(hits.size()).isPositive();
        hits.forEach(h -> assertThat(h.get("weakMatch").asBoolean()).isTrue());

        assertThat(text.out().lines()).allSatisfy(line -> assertThat(line).contains("(weak match)"));

        Cli good = search("--json", "can my container run as root?");
        assertThat(JSON.readTree(good.out()).get(0).get("weakMatch").asBoolean()).isFalse();
        assertThat(search("can my container run as root?").err()).doesNotContain("note:");
    }

    @Test
    void searchMarksAdvisoryPolicies() {
        Cli cli = search("--limit", "15", "managed postgres database");
        String advisory = java.util.Arrays.stream(cli.out().split("\n"))
                .filter(l -> l.startsWith("use-managed-postgres ")).findFirst().orElseThrow();
        String enforced = java.util.Arrays.stream(cli.out().split("\n"))
                .filter(l -> l.startsWith("require-run-as-non-root ")).findFirst().orElseThrow();
        assertThat(advisory).contains("(advisory)");
        assertThat(enforced).doesNotContain("(advisory)");
    }

    @Test
    void explainShowsAnAdvisoryPolicyAsAdvisoryWithoutRepeatingItself() {
        Cli cli = Cli.run("explain", "--pack", Cli.PACK, "use-managed-postgres");
        assertThat(cli.exitCode()).isEqualTo(ExitCode.OK);
        String facts = cli.out().lines().skip(1).findFirst().orElseThrow();
        assertThat(facts).contains("· advisory").doesNotContain("Audit");
        assertThat(cli.out()).contains("Advisory (never fails a check): the policy has no validations")
                .doesNotContain("advisory guidance");

        JsonNode json = JSON.readTree(Cli.run("explain", "--pack", Cli.PACK, "--json", "use-managed-postgres").out());
        assertThat(json.get("advisory").asBoolean()).isTrue();
        assertThat(json.has("action")).isTrue();
        JsonNode enforced = JSON.readTree(Cli.run("explain", "--pack", Cli.PACK, "--json", "disallow-latest-tag")
                .out());
        assertThat(enforced.get("advisory").asBoolean()).isFalse();
    }

    @Test
    void searchFiltersByKind() {
        Cli cli = search("--json", "--kinds", "Ingress", "https certificates");
        JsonNode hits = JSON.readTree(cli.out());
        assertThat(hits.size()).isPositive();
        hits.forEach(h -> assertThat(h.get("kinds").toString()).contains("Ingress"));
    }

    @Test
    void searchRejectsANonPositiveLimit() {
        Cli cli = search("--limit", "0", "root");
        assertThat(cli.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(cli.err()).contains("--limit must be at least 1");
    }

    @Test
    void aSearchNamingAKindNotesTheOtherRulesEveryObjectOfThatKindMustSatisfy() {
        Cli cli = Cli.run("search", "--pack", Cli.PACK, "--words-only", "--limit", "2", "adding a cronjob for backups");

        assertThat(cli.err()).contains("more policies apply to every CronJob: ", "require-run-as-non-root",
                "(guidepost list --kinds CronJob lists them all)");
    }

    @Test
    void searchWorksOnAFolderOfPlainKyvernoPolicies(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("disallow-host-ports.yaml"), """
                apiVersion: kyverno.io/v1
                kind: ClusterPolicy
                metadata:
                  name: disallow-host-ports
                  annotations:
                    policies.kyverno.io/title: Disallow hostPorts
                    policies.kyverno.io/category: Pod Security Standards (Baseline)
                    policies.kyverno.io/severity: medium
                    policies.kyverno.io/subject: Pod
                    policies.kyverno.io/description: >-
                      Access to host ports allows potential snooping of network traffic and should not be allowed.
                spec:
                  validationFailureAction: Audit
                  rules:
                    - name: host-ports-none
                      match:
                        any:
                          - resources:
                              kinds: [Pod]
                      validate:
                        message: Use of host ports is disallowed.
                        pattern:
                          spec:
                            containers:
                              - =(ports):
                                  - =(hostPort): 0
                """);
        Cli cli = Cli.run("search", "--pack", dir.toString(), "--no-cache", "--words-only", "host port");
        assertThat(cli.exitCode()).as(cli.err()).isEqualTo(ExitCode.OK);
        assertThat(cli.out()).startsWith("disallow-host-ports ");
    }

    @Test
    void searchAndListLineUpTheirColumnsWhateverTheLengthOfTheIds(@TempDir Path dir) throws Exception {
        for (String name : new String[] {"short-id", "a-policy-id-longer-than-any-column-width-would-guess"}) {
            Files.writeString(dir.resolve(name + ".yaml"), """
                    apiVersion: kyverno.io/v1
                    kind: ClusterPolicy
                    metadata:
                      name: %s
                      annotations:
                        policies.kyverno.io/title: Host ports %s
                    spec:
                      rules:
                        - name: host-ports-none
                          match:
                            any:
                              - resources:
                                  kinds: [Pod]
                          validate:
                            message: Use of host ports is disallowed.
                            pattern:
                              spec:
                                containers:
                                  - =(ports):
                                      - =(hostPort): 0
                    """.formatted(name, name));
        }
        Cli search = Cli.run("search", "--pack", dir.toString(), "--no-cache", "--words-only", "host ports");
        Cli list = Cli.run("list", "--pack", dir.toString());
        for (Cli cli : new Cli[] {search, list}) {
            assertThat(cli.exitCode()).as(cli.err()).isEqualTo(ExitCode.OK);
            String[] lines = cli.out().split("\n");
            assertThat(lines).hasSize(2);
            // the column after the id starts at the same place on both lines
            assertThat(lines[0].indexOf("Host ports")).isEqualTo(lines[1].indexOf("Host ports")).isPositive();
        }
    }

    @Test
    void explainShowsTextRationaleRemediationCelAndAnExample() {
        Cli cli = Cli.run("explain", "--pack", Cli.PACK, "require-run-as-non-root");
        assertThat(cli.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(cli.out()).contains("Containers run as a non-root user", "Why: ", "How to comply: ",
                "Validations (CEL; each must be true)\n  1. ", "Compliant example", "runAsNonRoot: true");
    }

    @Test
    void explainSaysWhatTheMatchNarrowsBeyondTheKinds(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path policy = java.nio.file.Files.writeString(dir.resolve("payments.yaml"), """
                apiVersion: guidepost.dev/v1alpha1
                kind: Policy
                metadata: {name: payments-non-root}
                spec:
                  description: Payments pods run as non-root.
                  match:
                    kinds: [Pod]
                    namespaces: [payments, ledger]
                    excludeNamespaces: [kube-system]
                    labels: {tier: backend}
                  autogen: false
                  validations:
                    - expression: "object.spec.?securityContext.?runAsNonRoot.orValue(false) == true"
                """);

        Cli cli = Cli.run("explain", "--pack", policy.toString(), "payments-non-root");

        assertThat(cli.out()).contains("Scope: only in namespaces payments, ledger; not in namespace kube-system; "
                + "only objects labelled tier=backend; autogen off: pod controllers are not checked themselves; the "
                + "Pods they create are, when created");
    }

    @Test
    void explainSaysWhatAValidatingPolicyLeavesOutAndWhichExceptionsExemptFromIt(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Files.writeString(dir.resolve("team-label.yaml"), """
                apiVersion: policies.kyverno.io/v1
                kind: ValidatingPolicy
                metadata: {name: require-team-label}
                spec:
                  validationActions: [Deny, Audit]
                  failurePolicy: Ignore
                  autogen:
                    podControllers: {controllers: [deployments]}
                  matchConstraints:
                    resourceRules:
                      - {apiGroups: [""], apiVersions: [v1], operations: [CREATE], resources: [pods]}
                    excludeResourceRules:
                      - {apiGroups: [""], apiVersions: [v1], operations: [CREATE], resources: [pods],
                         resourceNames: [legacy-app]}
                    objectSelector:
                      matchExpressions: [{key: policy.acme.io/exempt, operator: DoesNotExist}]
                  validations:
                    - expression: "has(object.metadata.labels) && 'team' in object.metadata.labels"
                ---
                apiVersion: policies.kyverno.io/v1
                kind: PolicyException
                metadata: {name: batch-jobs}
                spec:
                  policyRefs: [{name: require-team-label, kind: ValidatingPolicy}]
                  matchConditions: [{name: batch, expression: "object.metadata.name.startsWith('batch-')"}]
                ---
                apiVersion: policies.kyverno.io/v1
                kind: PolicyException
                metadata: {name: ended-waiver}
                spec:
                  expiresAt: "2020-01-01T00:00:00Z"
                  policyRefs: [{name: require-team-label, kind: ValidatingPolicy}]
                """);

        Cli cli = Cli.run("explain", "--pack", dir.toString(), "require-team-label");

        assertThat(cli.out()).contains("Applies only to objects labelled: no policy.acme.io/exempt (others are not "
                + "checked)", "Scope: not for pods named legacy-app; autogen only for deployments; other pod "
                + "controllers are not checked themselves, the Pods they create are; validation actions Deny, Audit; "
                + "failurePolicy Ignore: an object the policy cannot evaluate is admitted", "Exceptions: the pack's "
                + "PolicyException batch-jobs exempt").doesNotContain("ended-waiver exempt");
        assertThat(Cli.run("explain", "--pack", dir.toString(), "--json", "require-team-label").out())
                .contains("\"exceptions\" : [ \"batch-jobs\" ]", "\"objectLabels\" : \"no policy.acme.io/exempt\"");
    }

    @Test
    void explainShowsTheDocumentOfKyvernoRulesThatAreNotCel() {
        Cli cli = Cli.run("explain", "--pack", "src/test/resources/dev/guidepost/cli/mcp/document-pack",
                "disallow-host-path");
        assertThat(cli.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(cli.out()).contains("host-path (pattern)", "Policy document (its pattern rules are in Kyverno's "
                + "legacy language, which Guidepost evaluates as Kyverno does):", "X(hostPath)");
    }

    @Test
    void explainJsonHasRulesAndExamples() {
        Cli cli = Cli.run("explain", "--pack", Cli.PACK, "--json", "disallow-latest-tag");
        JsonNode policy = JSON.readTree(cli.out());
        assertThat(policy.get("rules").get(0).get("expressions").size()).isPositive();
        assertThat(policy.get("examples").get("pass").size()).isPositive();
    }

    @Test
    void explainOfAnUnknownIdSuggestsCloseIds() {
        Cli cli = Cli.run("explain", "--pack", Cli.PACK, "require-run-as-nonroot");
        assertThat(cli.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(cli.err()).contains("no policy 'require-run-as-nonroot'", "did you mean require-run-as-non-root",
                "guidepost search");
        assertThat(cli.noStackTrace()).isTrue();
    }

    @Test
    void discoverSeparatesPoliciesByRuleFromPoliciesByMeaning() {
        Cli cli = Cli.run("discover", "--pack", Cli.PACK, "--cache", Cli.CACHE,
                Cli.SAMPLES.resolve("manifests/good/web.yaml").toString());
        assertThat(cli.exitCode()).as(cli.err()).isEqualTo(ExitCode.OK);
        assertThat(cli.out()).contains("Deployment/shop/web", "applies (selected by the policy's match rules",
                "related (by meaning", "require-run-as-non-root");
    }

    @Test
    void discoverJsonNamesEachManifestsFileAndLineAcrossSeveralFiles() {
        String web = Cli.SAMPLES.resolve("manifests/good/web.yaml").toString();
        String db = Cli.SAMPLES.resolve("manifests/bad/public-db.yaml").toString();
        Cli cli = Cli.run("discover", "--pack", Cli.PACK, "--cache", Cli.CACHE, "--json", web, db);

        assertThat(cli.exitCode()).as(cli.err()).isEqualTo(ExitCode.OK);
        JsonNode manifests = JSON.readTree(cli.out());
        assertThat(manifests.get(0).get("kind").asString()).isEqualTo("Deployment");
        assertThat(manifests.get(0).get("file").asString()).isEqualTo(web);
        assertThat(manifests.get(0).get("line").asInt()).isPositive();
        assertThat(manifests.get(0).get("applicable").size()).isPositive();
        assertThat(manifests.get(0).has("related")).isTrue();
        assertThat(manifests.valueStream().map(m -> m.get("file").asString())).contains(db);
    }

    @Test
    void anEmptyQuestionIsAUsageErrorPointingAtList() {
        Cli cli = search(" ");
        assertThat(cli.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(cli.err()).startsWith("error: give a question in plain words").contains("guidepost list");
    }

    @Test
    void listShowsEveryPolicyThatAppliesToAKindIncludingPodRulesThroughAutogen() {
        Cli all = Cli.run("list", "--pack", Cli.PACK);
        assertThat(all.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(all.out().lines()).hasSize(15);

        Cli statefulSets = Cli.run("list", "--pack", Cli.PACK, "--kinds", "StatefulSet", "--json");
        JsonNode policies = JSON.readTree(statefulSets.out());
        assertThat(policies.valueStream().map(p -> p.get("id").asString()).toList())
                .contains("require-run-as-non-root", "allowed-registries", "databases-in-us-east-1")
                .doesNotContain("require-ingress-tls", "restrict-loadbalancer-services");

        Cli none = Cli.run("list", "--pack", Cli.PACK, "--category", "Cooking");
        assertThat(none.out()).isEmpty();
        assertThat(none.err()).contains("Categories in this pack: ").contains("Kinds its policies select: ")
                .contains("StatefulSet");
    }

    @Test
    void discoverOfAMissingFileIsAUsageError() {
        Cli cli = Cli.run("discover", "--pack", Cli.PACK, "nope.yaml");
        assertThat(cli.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(cli.err()).contains("no such file or folder: nope.yaml");
    }

    @Test
    void searchEvalPrintsMetricsAndWritesJsonToAFileOrStandardOutput(@TempDir Path dir) throws Exception {
        Path queries = dir.resolve("queries.yaml");
        Files.writeString(queries, """
                queries:
                  - id: q1
                    query: can my container run as root?
                    relevant: [require-run-as-non-root]
                  - id: q2
                    query: which docker registry may I pull images from?
                    relevant: [allowed-registries, disallow-latest-tag]
                    primary: 1
                """);
        Path out = dir.resolve("eval.json");
        Cli cli = Cli.run("search-eval", "--pack", Cli.PACK, "--cache", Cli.CACHE, "--queries", queries.toString(),
                "--json", out.toString());
        assertThat(cli.exitCode()).as(cli.err()).isEqualTo(ExitCode.OK);
        assertThat(cli.out()).contains("queries    2", "recall@1", "recall@3", "recall@5", "recall@10", "MRR",
                "nDCG@5");
        JsonNode root = JSON.readTree(Files.readString(out));
        assertThat(root.get("metrics").get("queries").asInt()).isEqualTo(2);
        assertThat(root.get("perQuery").size()).isEqualTo(2);

        Cli dash = Cli.run("search-eval", "--pack", Cli.PACK, "--cache", Cli.CACHE, "--queries", queries.toString(),
                "--json", "-");
        assertThat(JSON.readTree(dash.out()).get("perQuery").size()).isEqualTo(2);
        assertThat(dash.err()).contains("queries    2", "MRR").doesNotContain("written to");
    }

    @Test
    void searchEvalWarnsOfRelevantIdsThePackLacksAndRejectsABadPrimary(@TempDir Path dir) throws Exception {
        Path queries = dir.resolve("queries.yaml");
        Files.writeString(queries, """
                queries:
                  - id: q1
                    query: can my container run as root?
                    relevant: [require-run-as-nonroot]
                """);
        Cli cli = Cli.run("search-eval", "--pack", Cli.PACK, "--cache", Cli.CACHE, "--queries", queries.toString());
        assertThat(cli.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(cli.err()).contains("warning: 1 relevant id is not in acme-platform@1.0.0, so no search can find "
                + "them (a typo, or a policy renamed): require-run-as-nonroot");

        Files.writeString(queries, """
                queries:
                  - id: q1
                    query: can my container run as root?
                    relevant: [require-run-as-non-root]
                    primary: require-run-as-non-root
                """);
        Cli bad = Cli.run("search-eval", "--pack", Cli.PACK, "--cache", Cli.CACHE, "--queries", queries.toString());
        assertThat(bad.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(bad.err()).contains("queries.yaml:5: query q1: primary is 'require-run-as-non-root'");
    }

    @Test
    void searchEvalWithAMissingQueryFileIsAUsageError() {
        Cli cli = Cli.run("search-eval", "--pack", Cli.PACK, "--queries", "missing.yaml");
        assertThat(cli.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(cli.err()).contains("no such query file: missing.yaml");
    }
}
