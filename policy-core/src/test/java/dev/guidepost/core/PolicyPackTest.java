package dev.guidepost.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.guidepost.core.internal.pack.PackReader;

class PolicyPackTest {

    static final Path SAMPLE_PACK = Path.of("../samples/pack");
    static final Path PACKS = Path.of("src/test/resources/packs");

    @Test
    void loadsTheSamplePackWithItsHeader() {
        PolicyPack pack = PolicyPack.load(SAMPLE_PACK);

        assertThat(pack.name()).isEqualTo("acme-platform");
        assertThat(pack.version()).isEqualTo("1.0.0");
        assertThat(pack.coordinates()).isEqualTo("acme-platform@1.0.0");
        assertThat(pack.policies()).hasSizeGreaterThanOrEqualTo(12);
        assertThat(pack.policies()).filteredOn(p -> !p.enforceable()).extracting(Policy::id)
                .contains("use-managed-postgres", "database-backups");
        Policy residency = pack.policy("databases-in-us-east-1").orElseThrow();
        assertThat(residency.severity()).isEqualTo(Severity.HIGH);
        assertThat(residency.action()).isEqualTo(Action.ENFORCE);
        assertThat(residency.kinds()).contains("StatefulSet", "Deployment", "Cluster");
        assertThat(residency.examples().fail()).isNotEmpty();
        assertThat(residency.source().file()).endsWith("databases-in-us-east-1.yaml");
    }

    @Test
    void listsTheCategoriesAndKindsItsPoliciesAreAboutOnceEachSorted() {
        PolicyPack pack = PolicyPack.parse("""
                apiVersion: kyverno.io/v1
                kind: ClusterPolicy
                metadata:
                  name: pinned-images
                  annotations:
                    policies.kyverno.io/category: Best Practices, Supply Chain
                spec:
                  rules:
                    - name: r
                      match: {any: [{resources: {kinds: [Service]}}]}
                      validate: {message: m, pattern: {metadata: {name: "?*"}}}
                ---
                apiVersion: guidepost.dev/v1alpha1
                kind: Policy
                metadata:
                  name: backups
                spec:
                  title: Databases are backed up
                  description: Every database has a tested backup.
                  category: Data
                  subject: StatefulSet, Cluster
                """, "two.yaml");

        assertThat(pack.categories()).containsExactly("Best Practices", "Data", "Supply Chain");
        assertThat(pack.kinds()).containsExactly("Cluster", "Service", "StatefulSet");
        assertThat(pack.policy("backups").orElseThrow().aboutKinds()).containsExactly("StatefulSet", "Cluster");
    }

    @Test
    void theSameContentGivesTheSameHash() {
        assertThat(PolicyPack.load(SAMPLE_PACK).contentHash()).isEqualTo(PolicyPack.load(SAMPLE_PACK).contentHash())
                .hasSize(64);
    }

    @Test
    void aFolderOfKyvernoFilesIsAPackNamedAfterTheFolder() {
        PolicyPack pack = PolicyPack.load(PACKS.resolve("kyverno-folder"));

        assertThat(pack.name()).isEqualTo("kyverno-folder");
        assertThat(pack.policies()).extracting(Policy::id)
                .containsExactlyInAnyOrder("require-team-label", "mixed", "add-default-labels");
        Policy vpol = pack.policy("require-team-label").orElseThrow();
        assertThat(vpol.title()).isEqualTo("Require a team label");
        assertThat(vpol.severity()).isEqualTo(Severity.LOW);
        assertThat(vpol.action()).isEqualTo(Action.ENFORCE);
        assertThat(vpol.kinds()).contains("Pod", "Deployment", "CronJob");
        assertThat(vpol.enforceable()).isTrue();
    }

    @Test
    void aPackKeepsItsKyvernoExceptionsAndNamesCleanupPoliciesItLeavesOutInAWarning() {
        PolicyPack pack = PolicyPack.load(PACKS.resolve("with-exception"));

        assertThat(pack.policies()).extracting(Policy::id)
                .containsExactlyInAnyOrder("require-app-label", "require-team-label");
        assertThat(pack.exceptions()).containsExactly("legacy-batch", "legacy-apps");
        assertThat(pack.warnings()).singleElement().asString().contains("exceptions.yaml:29")
                .contains("ClusterCleanupPolicy is not part of the pack");
    }

    @Test
    void aCheckAppliesThePacksExceptionsAsTheClusterDoes() {
        PolicyEngine engine = PolicyEngine.of(PolicyPack.load(PACKS.resolve("with-exception")));
        Report report = engine.ignoringExemptions().check(Manifests.load(Path.of(
                "src/test/resources/manifests-exceptions")));

        assertThat(report.results()).filteredOn(r -> r.resource().name().equals("legacy-report"))
                .extracting(Result::policyId, Result::outcome, Result::message).containsExactlyInAnyOrder(
                        tuple("require-app-label", Outcome.SKIP, "rule is skipped due to policy exception legacy-apps"),
                        tuple("require-team-label", Outcome.SKIP, "exempted by policy exception 'legacy-batch'"));
        assertThat(report.results()).filteredOn(r -> r.resource().name().equals("web"))
                .extracting(Result::policyId, Result::outcome).containsExactlyInAnyOrder(
                        tuple("require-app-label", Outcome.FAIL), tuple("require-team-label", Outcome.FAIL));
        assertThat(report.exemptions()).extracting(e -> e.resource().name(), Exemption::policyId,
                Exemption::exception, Exemption::byPolicyException).containsExactlyInAnyOrder(
                        tuple("legacy-report", "require-app-label", "legacy-apps", true),
                        tuple("legacy-report", "require-team-label", "legacy-batch", true));
        assertThat(report.summary()).contains("2 exemptions by a PolicyException (the cluster admits them too)")
                .doesNotContain("Guidepost's only");
        assertThat(ReportFormat.TEXT.render(report)).contains("legacy-report", "PolicyException legacy-apps");
    }

    @Test
    void aCheckLeavesOutAnExceptionWhoseExpiryHasPassedAsAdmissionDoesAndThePackWarnsOfIt() {
        PolicyPack pack = PolicyPack.load(PACKS.resolve("with-expiring-exceptions"));
        Report report = PolicyEngine.of(pack).check(Manifests.load(Path.of(
                "src/test/resources/manifests-expiring-exceptions")));

        assertThat(report.results()).extracting(r -> r.resource().name(), Result::outcome)
                .containsExactlyInAnyOrder(tuple("debug-tools", Outcome.FAIL), tuple("migrating-orders", Outcome.SKIP));
        assertThat(report.exemptions()).extracting(Exemption::exception).containsExactly("migration-waiver");
        assertThat(pack.warnings()).singleElement().asString().contains("exceptions.yaml:2")
                .contains("'old-debug-waiver' expired at 2020-01-01T00:00:00Z", "renew spec.expiresAt");
    }

    /** A ValidatingPolicy for the exceptions of the tests below to name (ten lines, then theirs from line 11). */
    private static final String TEAM_LABEL = """
                apiVersion: policies.kyverno.io/v1
                kind: ValidatingPolicy
                metadata: {name: require-team-label}
                spec:
                  matchConstraints:
                    resourceRules:
                      - {apiGroups: [""], apiVersions: [v1], operations: [CREATE], resources: [pods]}
                  validations:
                    - expression: "has(object.metadata.labels)"
                ---
                """;

    @Test
    void anExceptionNamingAPolicyThePackDoesNotHoldIsAWarningWithTheNameMeant() {
        PolicyPack pack = PolicyPack.parse(TEAM_LABEL + """
                apiVersion: policies.kyverno.io/v1
                kind: PolicyException
                metadata: {name: waiver}
                spec:
                  policyRefs: [{name: require-team-labels, kind: ValidatingPolicy}]
                """, "inline.yaml");

        assertThat(pack.warnings()).singleElement().asString().startsWith("inline.yaml:11: PolicyException 'waiver' "
                + "names policy 'require-team-labels', which the pack does not hold, so it exempts nothing in checks; "
                + "did you mean require-team-label?");
    }

    @Test
    void anExceptionForAPolicyOfAnotherPackIsNoWarningOnceThePacksAreCombined() {
        PolicyPack policies = PolicyPack.parse(TEAM_LABEL.replace("---\n", ""), "platform.yaml");
        PolicyPack waivers = PolicyPack.parse("""
                apiVersion: guidepost.dev/v1alpha1
                kind: Policy
                metadata: {name: team-owner}
                spec:
                  description: Namespaces name their owner.
                  match: {kinds: [Namespace]}
                  validations:
                    - expression: "has(object.metadata.labels)"
                ---
                apiVersion: policies.kyverno.io/v1
                kind: PolicyException
                metadata: {name: batch-waiver}
                spec:
                  policyRefs: [{name: require-team-label, kind: ValidatingPolicy}]
                """, "waivers.yaml");

        assertThat(waivers.warnings()).singleElement().asString().contains("names policy 'require-team-label'");
        assertThat(PolicyPack.combine(List.of(policies, waivers)).warnings()).isEmpty();
    }

    @Test
    void anExceptionExpiryThatIsNoTimeIsAPackErrorAtTheException() {
        assertThatThrownBy(() -> PolicyPack.parse(TEAM_LABEL + """
                apiVersion: policies.kyverno.io/v1
                kind: PolicyException
                metadata: {name: waiver}
                spec:
                  expiresAt: "next friday"
                  policyRefs: [{name: require-team-label, kind: ValidatingPolicy}]
                """, "inline.yaml")).isInstanceOf(GuidepostException.class)
                .hasMessageContaining("inline.yaml:11").hasMessageContaining("'waiver'")
                .hasMessageContaining("spec.expiresAt 'next friday' is no RFC 3339 time");
    }

    @Test
    void aQuantityLiteralThatIsNoQuantityIsAnErrorWhenAGuidepostPolicyLoadsNotWhenAnExampleRuns() {
        assertThatThrownBy(() -> PolicyPack.parse("""
                apiVersion: guidepost.dev/v1alpha1
                kind: Policy
                metadata: {name: memory-cap}
                spec:
                  description: Containers use at most 8 GiB.
                  match: {kinds: [Pod]}
                  validations:
                    - expression: "object.spec.containers.all(c, has(c.resources.limits.memory))"
                    - expression: "quantity(object.spec.containers[0].resources.limits.memory).isLessThan(quantity('8GB'))"
                """, "memory.yaml")).hasMessageStartingWith("memory.yaml:9: spec.validations[1].expression has "
                        + "quantity('8GB'), which is no quantity");
        // a valid literal loads
        assertThat(PolicyPack.parse("""
                apiVersion: guidepost.dev/v1alpha1
                kind: Policy
                metadata: {name: memory-cap}
                spec:
                  description: Containers use at most 8 GiB.
                  match: {kinds: [Pod]}
                  validations:
                    - expression: "quantity(object.spec.containers[0].resources.limits.memory).isLessThan(quantity('8Gi'))"
                """, "memory.yaml").policies()).hasSize(1);
    }

    @Test
    void anExceptionThatDoesNotCompileIsAnErrorAtItsLine() {
        PolicyPack pack = PolicyPack.parse("""
                apiVersion: policies.kyverno.io/v1
                kind: ValidatingPolicy
                metadata: {name: team}
                spec:
                  matchConstraints:
                    resourceRules: [{apiGroups: [""], apiVersions: [v1], operations: [CREATE], resources: [pods]}]
                  validations:
                    - expression: "has(object.metadata.labels)"
                ---
                apiVersion: policies.kyverno.io/v1
                kind: PolicyException
                metadata: {name: broken}
                spec:
                  policyRefs: [{name: team, kind: ValidatingPolicy}]
                  matchConditions:
                    - name: oops
                      expression: "object.metadata.name.startsWith("
                """, "pack.yaml");

        assertThatThrownBy(() -> PolicyEngine.of(pack)).hasMessageStartingWith("pack.yaml:10: policy exception "
                + "'broken' does not compile");
    }

    @Test
    void policiesWrittenAsAYamlListAreAnErrorNotLeftOut() {
        assertThatThrownBy(() -> PolicyPack.parse("""
                - apiVersion: guidepost.dev/v1alpha1
                  kind: Policy
                  metadata: {name: listed}
                  spec: {title: Listed, description: A policy in a list., match: {kinds: [Pod]}}
                """, "listed.yaml")).isInstanceOf(GuidepostException.class)
                .hasMessageContaining("listed.yaml:1").hasMessageContaining("a YAML list of policies");
    }

    @Test
    void aConditionOperatorKyvernoRejectsIsAnErrorAtItsLineWithTheOperatorMeant() {
        assertThatThrownBy(() -> PolicyPack.parse("""
                apiVersion: kyverno.io/v1
                kind: ClusterPolicy
                metadata: {name: one-image}
                spec:
                  rules:
                    - name: images
                      match: {any: [{resources: {kinds: [Pod]}}]}
                      validate:
                        foreach:
                          - list: request.object.spec.containers
                            deny:
                              conditions:
                                any:
                                  - key: "{{ element.image }}"
                                    operator: equals
                                    value: nginx
                """, "one-image.yaml")).isInstanceOf(GuidepostException.class)
                .hasMessageStartingWith("one-image.yaml:15: condition operator 'equals' is not one Kyverno accepts; "
                        + "did you mean Equals?");
    }

    @Test
    void aVariableWhoseJmesPathDoesNotParseIsAWarningAtItsLine() {
        PolicyPack pack = PolicyPack.load(PACKS.resolve("broken-variable"));

        assertThat(pack.policies()).extracting(Policy::id).containsExactly("one-container");
        assertThat(pack.warnings()).singleElement().asString().contains("one-container.yaml:18: broken JMESPath in "
                + "the variable {{ request.object.spec.containers | length(@ }}: '(' is not closed")
                .contains("Kyverno's admission refuses a policy with an invalid variable");
    }

    @Test
    void aPolicyFileGivenAloneAndInsideAFolderGivenTooIsOnePolicy() {
        PolicyPack combined = PolicyPack.combine(List.of(PolicyPack.load(SAMPLE_PACK),
                PolicyPack.load(SAMPLE_PACK.resolve("disallow-latest-tag.yaml"))));

        assertThat(combined.policies()).hasSameSizeAs(PolicyPack.load(SAMPLE_PACK).policies());
    }

    @Test
    void invalidYamlGivenAsTextIsAnErrorThatDoesNotSpeakOfPackFolders() {
        assertThatThrownBy(() -> PolicyPack.parse("kind: [Policy\n", "inline.yaml"))
                .isInstanceOf(GuidepostException.class).hasMessageStartingWith("inline.yaml:")
                .hasMessageContaining("invalid YAML").hasMessageNotContaining("pack folder");
    }

    @Test
    void rulesKeepTheirMessagesAndMessageExpressions() {
        Policy residency = PolicyPack.load(SAMPLE_PACK).policy("databases-in-us-east-1").orElseThrow();
        assertThat(residency.rules()).singleElement().satisfies(rule -> {
            assertThat(rule.messages()).isEmpty();
            assertThat(rule.messageExpressions()).singleElement().asString()
                    .startsWith("'databases must run in us-east-1; '");
        });
        PolicyPack kyverno = PolicyPack.load(PACKS.resolve("kyverno-folder"));
        assertThat(kyverno.policy("require-team-label").orElseThrow().rules()).singleElement().satisfies(rule -> {
            assertThat(rule.messages()).containsExactly("Pods need a team label.");
            assertThat(rule.messageExpressions())
                    .containsExactly("'Pod ' + object.metadata.name + ' needs a team label.'");
        });
        Policy.Rule celRule = kyverno.policy("mixed").orElseThrow().rules().get(0);
        assertThat(celRule.messages()).containsExactly("NodePort services are not allowed.");
        assertThat(celRule.messageExpressions())
                .containsExactly("'Service ' + object.metadata.name + ' may not be a NodePort.'");
    }

    @Test
    void aReportedAutogenRuleNameLeadsBackToTheWrittenRule() {
        assertThat(Policy.Rule.writtenName("autogen-require-team")).isEqualTo("require-team");
        assertThat(Policy.Rule.writtenName("autogen-cronjob-require-team")).isEqualTo("require-team");
        assertThat(Policy.Rule.writtenName("require-team")).isEqualTo("require-team");
        assertThat(Policy.Rule.writtenName("")).isEmpty();
    }

    @Test
    void kyvernoRulesGuidepostCannotCheckAreNotesAndNeverPasses() {
        PolicyPack pack = PolicyPack.load(PACKS.resolve("kyverno-folder"));

        Policy mixed = pack.policy("mixed").orElseThrow();
        assertThat(mixed.enforceable()).isTrue();
        assertThat(mixed.notes()).anySatisfy(n -> assertThat(n).contains("mutate-rule", "checks apply it to a "
                + "manifest before they validate it"));
        assertThat(mixed.notes()).anySatisfy(n -> assertThat(n).contains("signed-manifest", "does not check"));
        Policy mutating = pack.policy("add-default-labels").orElseThrow();
        assertThat(mutating.enforceable()).isFalse();
        assertThat(mutating.advisoryReason()).get().asString().contains("MutatingPolicy");
    }

    @Test
    void explainsEachInvalidPolicyWithFileAndLine() {
        assertError("missing-description.yaml", "missing-description.yaml:5", "no spec.description");
        assertError("bad-severity.yaml", "bad-severity.yaml:7", "spec.severity is 'urgent'",
                "low, medium, high or critical");
        assertError("unknown-field.yaml", "unknown-field.yaml:7", "unknown field 'spec.sevrity'",
                "did you mean spec.severity?");
        assertError("misspelt-metadata.yaml", "misspelt-metadata.yaml:3", "unknown field 'metdata' in the policy "
                + "document; did you mean metadata?");
        assertError("bad-id.yaml", "bad-id.yaml:4", "'Not_A_Name' is not a valid name");
        assertError("unknown-kind.yaml", "unknown-kind.yaml:8", "'Cluster' is not a built-in kind",
                "group/version/Kind");
        assertError("no-match.yaml", "no-match.yaml:5", "no spec.match");
    }

    @Test
    void aNamespaceThatIsNoWholeNameIsAnErrorRatherThanAPatternTheClusterWouldReadOtherwise() {
        assertError("namespace-pattern.yaml", "namespace-pattern.yaml:11", "spec.match.namespaces has the pattern "
                + "'payments-*'", "label them and use namespaceSelector");
        assertError("namespace-not-a-name.yaml", "namespace-not-a-name.yaml:9", "spec.match.excludeNamespaces has "
                + "'Kube_System', which is no namespace name");
    }

    @Test
    void aListOrMappingWhereTextBelongsIsAnErrorInsteadOfADefault() {
        assertError("action-as-list.yaml", "action-as-list.yaml:7", "spec.action of policy 'readiness-probe' is a "
                + "list, not text", "Kyverno's validationActions [Deny] is action: Enforce");
        assertError("kinds-not-a-list.yaml", "kinds-not-a-list.yaml:8", "spec.match.kinds must be a list",
                "kinds: [Deployment]");
        assertError("message-as-list.yaml", "message-as-list.yaml:11",
                "spec.validations[0].message must be text, not a list");
    }

    @Test
    void theKindsOfAClusterPolicyFollowItsAutogenControllersAnnotation() {
        PolicyPack pack = PolicyPack.parse("""
                apiVersion: kyverno.io/v1
                kind: ClusterPolicy
                metadata:
                  name: require-probes
                  annotations:
                    pod-policies.kyverno.io/autogen-controllers: Deployment,StatefulSet
                spec:
                  rules:
                    - name: probes
                      match:
                        any:
                          - resources: {kinds: [Pod]}
                      validate:
                        pattern:
                          spec:
                            containers:
                              - readinessProbe: {}
                ---
                apiVersion: kyverno.io/v1
                kind: ClusterPolicy
                metadata:
                  name: no-bare-pods
                  annotations:
                    pod-policies.kyverno.io/autogen-controllers: none
                spec:
                  rules:
                    - name: owned
                      match:
                        any:
                          - resources: {kinds: [Pod]}
                      validate:
                        pattern:
                          metadata:
                            ownerReferences: "?*"
                """, "probes.yaml");

        assertThat(pack.policy("require-probes").orElseThrow().kinds())
                .containsExactly("Pod", "Deployment", "StatefulSet");
        assertThat(pack.policy("no-bare-pods").orElseThrow().kinds()).containsExactly("Pod");
    }

    @Test
    void aPolicySaysWhichNamespaceLabelsItsMatchRulesRequire() {
        PolicyPack pack = PolicyPack.parse("""
                apiVersion: policies.kyverno.io/v1
                kind: ValidatingPolicy
                metadata:
                  name: prod-replicas
                spec:
                  validationActions: [Deny]
                  matchConstraints:
                    namespaceSelector:
                      matchLabels: {env: prod}
                      matchExpressions: [{key: team, operator: NotIn, values: [sandbox]}]
                    resourceRules:
                      - apiGroups: [apps]
                        apiVersions: [v1]
                        operations: [CREATE]
                        resources: [deployments]
                  validations:
                    - expression: "object.spec.replicas >= 2"
                """, "prod.yaml");

        assertThat(pack.policy("prod-replicas").orElseThrow().namespaceSelection())
                .hasValue("env=prod, team not in (sandbox)");
        assertThat(PolicyPack.load(SAMPLE_PACK).policy("disallow-latest-tag").orElseThrow().namespaceSelection())
                .isEmpty();
    }

    @Test
    void aValidatingPolicyWithoutValidationActionsDeniesAsKyvernoDefaultsIt() {
        PolicyPack pack = PolicyPack.parse("""
                apiVersion: policies.kyverno.io/v1
                kind: ValidatingPolicy
                metadata:
                  name: team-label
                spec:
                  matchConstraints:
                    resourceRules:
                      - apiGroups: [""]
                        apiVersions: [v1]
                        operations: [CREATE]
                        resources: [pods]
                  validations:
                    - expression: "has(object.metadata.labels) && 'team' in object.metadata.labels"
                ---
                apiVersion: policies.kyverno.io/v1
                kind: ValidatingPolicy
                metadata:
                  name: team-label-audit
                spec:
                  validationActions: [Audit]
                  matchConstraints:
                    resourceRules:
                      - apiGroups: [""]
                        apiVersions: [v1]
                        operations: [CREATE]
                        resources: [pods]
                  validations:
                    - expression: "has(object.metadata.labels)"
                """, "team.yaml");

        assertThat(pack.policy("team-label").orElseThrow().action()).isEqualTo(Action.ENFORCE);
        assertThat(pack.policy("team-label-audit").orElseThrow().action()).isEqualTo(Action.AUDIT);
        Report report = PolicyEngine.of(pack).check(Manifests.parse("""
                apiVersion: v1
                kind: Pod
                metadata: {name: web, namespace: shop}
                spec: {containers: [{name: web, image: web:1.0}]}
                """, "pod.yaml"));
        assertThat(report.results()).filteredOn(r -> r.policyId().equals("team-label"))
                .singleElement().satisfies(r -> assertThat(r.isEnforcedViolation()).isTrue());
    }

    @Test
    void aClusterPolicyCelExpressionThatDoesNotCompileIsReportedOnceNotOncePerAutogenRule() {
        PolicyPack pack = PolicyPack.parse("""
                apiVersion: kyverno.io/v1
                kind: ClusterPolicy
                metadata: {name: host-network}
                spec:
                  validationFailureAction: Enforce
                  rules:
                    - name: no-host-network
                      match:
                        any:
                          - resources: {kinds: [Pod]}
                      validate:
                        cel:
                          expressions:
                            - expression: "object.spec.?hostNetwork.orValue(false)"
                """, "host-network.yaml");

        assertThatThrownBy(() -> PolicyEngine.of(pack)).isInstanceOf(GuidepostException.class)
                .hasMessageContaining("host-network.yaml:14")
                .hasMessageContaining("spec.rules[0].validate.cel.expressions[0].expression gives a value of type dyn")
                .hasMessageNotContaining("more problem");
    }

    @Test
    void aMisspeltPackFileFieldIsAnErrorWithTheFieldItMeant() {
        assertErrorIn("misspelt-pack-file", "", "pack.yaml:4", "unknown field 'verison' in pack.yaml",
                "did you mean version?");
    }

    @Test
    void anExpressionThatDoesNotCompileIsLocatedWhenTheEngineCompilesThePack() {
        PolicyPack pack = PolicyPack.load(PACKS.resolve("invalid/bad-cel.yaml"));

        assertThatThrownBy(() -> PolicyEngine.of(pack)).isInstanceOf(GuidepostException.class)
                .hasMessageContaining("bad-cel.yaml:12")
                .hasMessageContaining("spec.validations[1].expression does not compile");
    }

    @Test
    void anExpressionThatDoesNotCompileIsLocatedInTheTextThatWasReadNotInTheFileAsItIsNow(@TempDir Path temp)
            throws IOException {
        String text = Files.readString(PACKS.resolve("invalid/bad-cel.yaml"));
        Path file = Files.writeString(temp.resolve("bad-cel.yaml"), "# a comment\n---\n" + text);
        PolicyPack fromFile = PolicyPack.load(file);
        Files.writeString(file, "# edited after loading\n\n\n\n\n" + text);
        PolicyPack fromText = PolicyPack.parse("---\n" + text, "inline.yaml");
        Path packFolder = Files.createDirectories(temp.resolve("jar/META-INF/guidepost/bad"));
        Files.writeString(packFolder.resolve("bad-cel.yaml"), text);
        Path jar = jar(temp.resolve("jar"), temp.resolve("bad.jar"));
        PolicyPack fromJar = PolicyPack.load(jar);
        Files.delete(jar);

        assertThatThrownBy(() -> PolicyEngine.of(fromFile)).hasMessageContaining("bad-cel.yaml:14: ");
        assertThatThrownBy(() -> PolicyEngine.of(fromText)).hasMessageContaining("inline.yaml:13: ");
        assertThatThrownBy(() -> PolicyEngine.of(fromJar)).hasMessageContaining("bad-cel.yaml:12: ");
    }

    @Test
    void aValidationReadingAVariableThePolicyDoesNotDeclareIsAnErrorAtItsLine() {
        PolicyPack pack = PolicyPack.load(PACKS.resolve("invalid/undeclared-variable.yaml"));

        assertThatThrownBy(() -> PolicyEngine.of(pack)).isInstanceOf(GuidepostException.class)
                .hasMessageContaining("undeclared-variable.yaml:13")
                .hasMessageContaining("spec.validations[0].expression uses variables.isPostgress, which the policy "
                        + "does not declare (declared: isPostgres); did you mean variables.isPostgres?");
    }

    @Test
    void aTypeErrorInAnExpressionPointsAtItsColumn() {
        PolicyPack pack = PolicyPack.parse("""
                apiVersion: guidepost.dev/v1alpha1
                kind: Policy
                metadata: {name: typo}
                spec:
                  description: Names match a pattern.
                  match: {kinds: [Pod]}
                  validations:
                    - expression: "object.metadata.name.matchez('x')"
                """, "typo.yaml");

        assertThatThrownBy(() -> PolicyEngine.of(pack)).isInstanceOf(GuidepostException.class)
                .hasMessageContaining("<input>:1:29: undeclared reference to 'matchez'")
                .hasMessageContaining("^");
    }

    @Test
    void aVariableMayOnlyUseEarlierVariables() {
        PolicyPack pack = PolicyPack.load(PACKS.resolve("invalid/forward-variable.yaml"));

        assertThatThrownBy(() -> PolicyEngine.of(pack)).isInstanceOf(GuidepostException.class)
                .hasMessageContaining("forward-variable.yaml:11")
                .hasMessageContaining("variables.second, which is not declared before it");
    }

    @Test
    void duplicateIdsAreAnErrorNamingBothFiles() {
        assertThatThrownBy(() -> PolicyPack.load(PACKS.resolve("duplicates")))
                .isInstanceOf(GuidepostException.class)
                .hasMessageContaining("b.yaml:4: duplicate policy id 'same-id' (also defined at ")
                .hasMessageContaining("a.yaml:4)");
    }

    @Test
    void combiningPacksWithTheSameIdIsAnError(@TempDir Path other) throws IOException {
        PolicyPack sample = PolicyPack.load(SAMPLE_PACK);
        Files.copy(SAMPLE_PACK.resolve("disallow-latest-tag.yaml"), other.resolve("copy.yaml"));

        assertThatThrownBy(() -> PolicyPack.combine(List.of(sample, PolicyPack.load(other))))
                .isInstanceOf(GuidepostException.class).hasMessageContaining("duplicate policy id 'disallow-latest-tag'");
    }

    @Test
    void podControllersCountAsKindsOnlyWhereKyvernoGeneratesRulesForThem() {
        PolicyPack pack = PolicyPack.parse("""
                apiVersion: kyverno.io/v1
                kind: ClusterPolicy
                metadata: {name: pods-and-services}
                spec:
                  rules:
                    - name: app-label
                      match: {any: [{resources: {kinds: [Pod, Service]}}]}
                      validate: {message: label, pattern: {metadata: {labels: {app: "?*"}}}}
                ---
                apiVersion: kyverno.io/v1
                kind: ClusterPolicy
                metadata: {name: pods-only}
                spec:
                  rules:
                    - name: app-label
                      match: {any: [{resources: {kinds: [Pod]}}]}
                      validate: {message: label, pattern: {metadata: {labels: {app: "?*"}}}}
                ---
                apiVersion: admissionregistration.k8s.io/v1
                kind: ValidatingAdmissionPolicy
                metadata: {name: vap-pods}
                spec:
                  matchConstraints:
                    resourceRules:
                      - {apiGroups: [""], apiVersions: [v1], operations: [CREATE], resources: [pods]}
                  validations:
                    - expression: "true"
                """, "kinds.yaml");

        assertThat(pack.policy("pods-and-services").orElseThrow().kinds()).containsExactly("Pod", "Service");
        assertThat(pack.policy("pods-only").orElseThrow().kinds()).contains("Pod", "Deployment", "CronJob");
        assertThat(pack.policy("vap-pods").orElseThrow().kinds()).containsExactly("Pod");
    }

    @Test
    void theSamePackGivenTwiceCountsOnce() {
        PolicyPack once = PolicyPack.load(Path.of("../samples/pack"));
        PolicyPack twice = PolicyPack.combine(List.of(once, PolicyPack.load(Path.of("../samples/./pack/"))));

        assertThat(twice.policies()).hasSameSizeAs(once.policies());
    }

    @Test
    void aFolderGivenWithOneOfItsFilesOrThroughALinkHoldsEachPolicyAndExceptionOnce(@TempDir Path temp)
            throws IOException {
        Path folder = Files.createDirectories(temp.resolve("pack"));
        Path source = PACKS.resolve("with-exception");
        Files.writeString(folder.resolve("team.yaml"), Files.readString(source.resolve("require-team.yaml"))
                + "\n---\n" + Files.readString(source.resolve("exceptions.yaml")));
        Files.copy(source.resolve("require-app-label.yaml"), folder.resolve("require-app-label.yaml"));
        PolicyPack alone = PolicyPack.load(folder);
        Path link = Files.createSymbolicLink(temp.resolve("linked"), folder);

        PolicyPack withItsFile = PolicyPack.combine(List.of(alone, PolicyPack.load(folder.resolve("team.yaml"))));
        PolicyPack throughALink = PolicyPack.combine(List.of(alone, PolicyPack.load(link)));

        assertThat(withItsFile.exceptions()).isNotEmpty().isEqualTo(alone.exceptions());
        assertThat(withItsFile.policies()).hasSameSizeAs(alone.policies());
        assertThat(throughALink.policies()).hasSameSizeAs(alone.policies());
        assertThat(throughALink.exceptions()).isEqualTo(alone.exceptions());
    }

    @Test
    void twoPacksThatShareAnIdButNotTheTitleAreAnErrorEvenUnderOneName() {
        Policy team = PolicyPack.parse(configMapPolicy("needs-team", "team"), "policies.yaml").policies().get(0);
        Policy retitled = PolicyPack.parse(configMapPolicy("needs-team", "team").replace("ConfigMaps name their team",
                "Team label"), "policies.yaml").policies().get(0);

        assertThatThrownBy(() -> PolicyPack.combine(List.of(PolicyPack.of("team", "1", "", List.of(team)),
                PolicyPack.of("team", "1", "", List.of(retitled))))).isInstanceOf(GuidepostException.class)
                .hasMessageContaining("duplicate policy id 'needs-team'");
    }

    @Test
    void twoDifferentPacksUnderOneSourceNameAreBothKept() {
        PolicyPack first = PolicyPack.parse(configMapPolicy("needs-team", "team"), "policies.yaml");
        PolicyPack second = PolicyPack.parse(configMapPolicy("needs-owner", "owner"), "policies.yaml");
        PolicyPack sameIdOtherRule = PolicyPack.parse(configMapPolicy("needs-team", "owner"), "policies.yaml");

        assertThat(PolicyPack.combine(List.of(first, second)).policies()).extracting(Policy::id)
                .containsExactly("needs-team", "needs-owner");
        assertThat(PolicyPack.combine(List.of(first, PolicyPack.parse(configMapPolicy("needs-team", "team"),
                "policies.yaml"))).policies()).as("the same text twice is one pack").hasSize(1);
        assertThatThrownBy(() -> PolicyPack.combine(List.of(first, sameIdOtherRule)))
                .isInstanceOf(GuidepostException.class).hasMessageContaining("needs-team");
    }

    private static String configMapPolicy(String id, String label) {
        return """
                apiVersion: guidepost.dev/v1alpha1
                kind: Policy
                metadata: {name: %s}
                spec:
                  title: ConfigMaps name their %s
                  description: Every ConfigMap carries a %s label.
                  match: {kinds: [ConfigMap]}
                  validations:
                    - expression: "has(object.metadata.labels) && '%s' in object.metadata.labels"
                """.formatted(id, label, label, label);
    }

    @Test
    void aPolicyInALogLineIsItsIdTitleSeverityActionAndPlaceNotItsWholeDefinition() {
        Policy policy = PolicyPack.load(SAMPLE_PACK).policy("disallow-latest-tag").orElseThrow();

        assertThat(policy.toString()).startsWith("Policy[disallow-latest-tag \"").contains("disallow-latest-tag.yaml:")
                .hasSizeLessThan(200);
    }

    @Test
    void aPackFileGivenByItsBareNameIsReadFromTheWorkingFolder() throws IOException {
        Path bare = Path.of("bare-pack-file-test.yaml");
        Files.writeString(bare, configMapPolicy("needs-team", "team"));
        try {
            assertThat(PolicyPack.load(bare).policies()).extracting(Policy::id).containsExactly("needs-team");
        } finally {
            Files.deleteIfExists(bare);
        }
        assertThatThrownBy(() -> PolicyPack.load(Path.of("pack.yaml"))).isInstanceOf(GuidepostException.class)
                .hasMessageNotContaining("NullPointerException");
    }

    @Test
    void aMissingPackIsAClearError() {
        assertThatThrownBy(() -> PolicyPack.load(Path.of("no/such/pack")))
                .isInstanceOf(GuidepostException.class).hasMessageContaining("no/such/pack")
                .hasMessageContaining("no such pack folder");
    }

    @Test
    void loadsAPackFromAJarOnTheClassPath(@TempDir Path temp) throws IOException {
        Path jar = jar(PACKS.resolve("jar-pack"), temp.resolve("pack.jar"));
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            PolicyPack pack = PolicyPack.fromClasspath("jar-pack", loader);

            assertThat(pack.coordinates()).isEqualTo("jar-pack@2.0.0");
            assertThat(pack.policies()).extracting(Policy::id).containsExactly("no-node-ports");
            assertThatThrownBy(() -> PolicyPack.fromClasspath("other-pack", loader))
                    .isInstanceOf(GuidepostException.class).hasMessageContaining("no pack named 'other-pack'")
                    .hasMessageContaining("jar-pack");
        }
    }

    @Test
    void aPackTheClassPathHoldsTwiceIsAnErrorNamingBothCopies(@TempDir Path temp) throws IOException {
        Path jar = jar(PACKS.resolve("jar-pack"), temp.resolve("jar-pack-2.0.0.jar"));
        Path old = jar(PACKS.resolve("jar-pack"), temp.resolve("old-jar-pack-1.0.0.jar"));
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL(), old.toUri().toURL()},
                null)) {
            assertThatThrownBy(() -> PolicyPack.fromClasspath("jar-pack", loader))
                    .isInstanceOf(GuidepostException.class)
                    .hasMessageContaining("the class path holds pack 'jar-pack' 2 times: " + jar + ", " + old)
                    .hasMessageContaining("keep one of them");
        }
        Path folders = temp.resolve("folders");
        for (String copy : List.of("a", "b")) {
            Files.createDirectories(folders.resolve(copy + "/META-INF/guidepost/acme"));
            Files.copy(PACKS.resolve("jar-pack/META-INF/guidepost/no-node-ports.yaml"),
                    folders.resolve(copy + "/META-INF/guidepost/acme/no-node-ports.yaml"));
            Files.writeString(folders.resolve(copy + "/META-INF/guidepost/acme/pack.yaml"), "name: acme\n");
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {folders.resolve("a/").toUri().toURL(),
                folders.resolve("b/").toUri().toURL()}, null)) {
            assertThatThrownBy(() -> PolicyPack.fromClasspath("acme", loader))
                    .hasMessageContaining("holds pack 'acme' 2 times: " + folders.resolve("a") + ", "
                            + folders.resolve("b") + ";");
        }
    }

    @Test
    void aClassPathPackIsFoundInAJarWrittenWithoutDirectoryEntries(@TempDir Path temp) throws IOException {
        Path root = temp.resolve("root");
        Files.createDirectories(root.resolve("META-INF/guidepost/acme"));
        Files.copy(PACKS.resolve("jar-pack/META-INF/guidepost/no-node-ports.yaml"),
                root.resolve("META-INF/guidepost/acme/no-node-ports.yaml"));
        for (boolean manifest : new boolean[] {true, false}) {
            Path jar = jarWithoutFolders(root, temp.resolve("flat-" + manifest + ".jar"), manifest);
            try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
                assertThat(loader.getResource("META-INF/guidepost/acme/")).as("no folder entry").isNull();

                assertThat(PolicyPack.fromClasspath("acme", loader).policies()).extracting(Policy::id)
                        .containsExactly("no-node-ports");
            }
        }
    }

    /** A jar with file entries only (as some build tools write them), with or without a manifest. */
    private static Path jarWithoutFolders(Path root, Path jar, boolean manifest) throws IOException {
        try (OutputStream out = Files.newOutputStream(jar);
                JarOutputStream zip = manifest ? new JarOutputStream(out, new java.util.jar.Manifest())
                        : new JarOutputStream(out);
                Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                zip.putNextEntry(new JarEntry(root.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, zip);
                zip.closeEntry();
            }
        }
        return jar;
    }

    @Test
    void aClassPathPackIsFoundByItsFolderOrByTheNameItsPackFileGives(@TempDir Path temp) throws IOException {
        Path root = temp.resolve("root");
        Files.createDirectories(root.resolve("META-INF/guidepost/rules"));
        Files.writeString(root.resolve("META-INF/guidepost/rules/pack.yaml"), "name: named-pack\nversion: 1.2.0\n");
        Files.copy(PACKS.resolve("jar-pack/META-INF/guidepost/no-node-ports.yaml"),
                root.resolve("META-INF/guidepost/rules/no-node-ports.yaml"));
        Path jar = jar(root, temp.resolve("named.jar"));
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            assertThat(PolicyPack.fromClasspath("rules", loader).coordinates()).isEqualTo("named-pack@1.2.0");
            assertThat(PolicyPack.fromClasspath("named-pack", loader).coordinates()).isEqualTo("named-pack@1.2.0");
            assertThatThrownBy(() -> PolicyPack.fromClasspath("other", loader))
                    .hasMessageContaining("no pack named 'other'").hasMessageContaining("rules (named named-pack)");
        }
    }

    @Test
    void aMisspeltPolicyKindGroupOrVersionIsAnErrorRatherThanAFileQuietlyLeftOut(@TempDir Path temp)
            throws IOException {
        String policy = Files.readString(Path.of("../samples/pack/disallow-latest-tag.yaml"));
        String kyverno = """
                apiVersion: kyverno.io/v1
                kind: ClusterPolcy
                metadata:
                  name: require-team
                spec:
                  rules: []
                """;
        Map<String, String> cases = Map.of(
                policy.replace("apiVersion: guidepost.dev/v1alpha1", "apiVersion: guidpost.dev/v1alpha1"),
                "unknown API group 'guidpost.dev' in apiVersion guidpost.dev/v1alpha1; did you mean"
                        + " guidepost.dev/v1alpha1?",
                policy.replace("apiVersion: guidepost.dev/v1alpha1", "apiVersion: guidepost.dev/v1alpah1"),
                "unknown version 'guidepost.dev/v1alpah1'; Guidepost policies are guidepost.dev/v1alpha1",
                kyverno, "unknown kind 'ClusterPolcy' for kyverno.io/v1; did you mean ClusterPolicy?");
        int i = 0;
        for (Map.Entry<String, String> c : cases.entrySet()) {
            Path pack = Files.createDirectories(temp.resolve("pack" + i++));
            Files.copy(Path.of("../samples/pack/require-resource-limits.yaml"),
                    pack.resolve("require-resource-limits.yaml"));
            Files.writeString(pack.resolve("odd.yaml"), c.getKey());
            assertThatThrownBy(() -> PolicyPack.load(pack)).isInstanceOf(GuidepostException.class)
                    .hasMessageContaining("odd.yaml:").hasMessageContaining(c.getValue());
        }
    }

    @Test
    void aKyvernoPolicyThatReadsTheRequestingUserInBackgroundModeIsLoadedWithAWarningThatKyvernoRefusesIt() {
        PolicyPack pack = PolicyPack.parse("""
                apiVersion: kyverno.io/v1
                kind: ClusterPolicy
                metadata: {name: admins-exempt}
                spec:
                  rules:
                    - name: team-label
                      match: {any: [{resources: {kinds: [ConfigMap]}}]}
                      exclude: {any: [{clusterRoles: [cluster-admin]}]}
                      validate: {message: "A team label.", pattern: {metadata: {labels: {team: "?*"}}}}
                """, "admins-exempt.yaml");

        assertThat(pack.policies()).hasSize(1);
        assertThat(pack.warnings()).singleElement().asString().startsWith("admins-exempt.yaml:1: Kyverno refuses "
                + "this policy (only select variables are allowed in background mode. Set spec.background=false")
                .contains("spec/rules[0]/exclude/any[0]/clusterRoles");
    }

    @Test
    void everyBrokenFileOfAPackIsReportedInOneErrorSoOneRunShowsEveryFix(@TempDir Path pack) throws IOException {
        String policy = """
                apiVersion: guidepost.dev/v1alpha1
                kind: Policy
                metadata: {name: %s}
                spec:
                  title: %s
                  description: A policy.
                  match: {kinds: [Pod]}
                  %s:
                    - expression: "has(object.spec)"
                """;
        Files.writeString(pack.resolve("a.yaml"), policy.formatted("a", "A", "validatons"));
        Files.writeString(pack.resolve("b.yaml"), policy.formatted("b", "B", "validations"));
        Files.writeString(pack.resolve("c.yaml"), "apiVersion: guidepost.dev/v1alpha1\nkind: Policy\n  bad: [\n");
        Files.writeString(pack.resolve("d.yaml"), policy.formatted("d", "D", "validation"));

        assertThatThrownBy(() -> PolicyPack.load(pack)).isInstanceOf(GuidepostException.class)
                .hasMessageStartingWith(pack.resolve("a.yaml") + ":8: unknown field")
                .hasMessageContaining("\nand 2 more problems in the pack:\n  " + pack.resolve("c.yaml") + ":")
                .hasMessageContaining("\n  " + pack.resolve("d.yaml") + ":8: unknown field")
                .satisfies(e -> assertThat(((GuidepostException) e).location()).get().extracting(SourceLocation::line)
                        .isEqualTo(8));
    }

    @Test
    void aBrokenPackReportsTheExpressionsThatDoNotCompileInItsOtherFilesInTheSameRun() {
        Path pack = Path.of("src/test/resources/packs/broken-and-uncompilable");

        assertThatThrownBy(() -> PolicyPack.load(pack)).isInstanceOfSatisfying(GuidepostException.class, e -> {
            assertThat(e.problems()).hasSize(2);
            assertThat(e.problems().get(0).getMessage()).contains("misspelt.yaml:8", "unknown field 'spec.severty'");
            assertThat(e.problems().get(1).getMessage()).contains("unfinished-cel.yaml:11",
                    "policy 'production-replicas': spec.validations[0].expression does not compile");
        });
    }

    @Test
    void everyProblemOfABrokenPackCanBeReadWithItsOwnLocation(@TempDir Path pack) throws IOException {
        Files.writeString(pack.resolve("a.yaml"), "apiVersion: guidepost.dev/v1alpha1\nkind: Policy\nmetadata: "
                + "{name: a}\nspec:\n  description: A.\n  severty: low\n");
        Files.writeString(pack.resolve("b.yaml"), "apiVersion: guidepost.dev/v1alpha1\nkind: Policy\n  bad: [\n");
        GuidepostException single = new GuidepostException(SourceLocation.of("x.yaml", 3), "broken");

        assertThatThrownBy(() -> PolicyPack.load(pack)).isInstanceOfSatisfying(GuidepostException.class, e -> {
            assertThat(e.problems()).extracting(p -> p.location().orElseThrow().file())
                    .containsExactly(pack.resolve("a.yaml").toString(), pack.resolve("b.yaml").toString());
            assertThat(e.problems().get(0).location()).get().extracting(SourceLocation::line).isEqualTo(6);
            assertThat(e.problems().get(0).getMessage()).contains("unknown field 'spec.severty'");
            assertThat(e.location()).isEqualTo(e.problems().get(0).location());
        });
        assertThat(single.problems()).containsExactly(single);
    }

    @Test
    void anErrorKeepsItsLocationThroughSerialization() throws Exception {
        GuidepostException error = new GuidepostException(SourceLocation.of("p.yaml", 9), "broken");
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(error);
        }
        try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(
                new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
            GuidepostException read = (GuidepostException) in.readObject();
            assertThat(read.location()).contains(SourceLocation.of("p.yaml", 9));
            assertThat(read.getMessage()).isEqualTo("p.yaml:9: broken");
        }
    }

    @Test
    void otherDocumentsInAPackFolderAreLeftOut(@TempDir Path pack) throws IOException {
        Files.copy(Path.of("../samples/pack/require-resource-limits.yaml"),
                pack.resolve("require-resource-limits.yaml"));
        Files.writeString(pack.resolve("kustomization.yaml"), """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                resources: [require-resource-limits.yaml]
                """);
        Files.writeString(pack.resolve("cleanup.yaml"), """
                apiVersion: kyverno.io/v2
                kind: ClusterCleanupPolicy
                metadata: {name: old-pods}
                spec: {schedule: "0 * * * *"}
                """);

        assertThat(PolicyPack.load(pack).policies()).extracting(Policy::id).containsExactly("require-resource-limits");
    }

    @Test
    void loadsAPackJarGivenByItsPath(@TempDir Path temp) throws IOException {
        Path flat = jar(PACKS.resolve("jar-pack"), temp.resolve("flat.jar"));
        Path nested = temp.resolve("nested");
        Files.createDirectories(nested.resolve("META-INF/guidepost/rules"));
        Files.copy(PACKS.resolve("jar-pack/META-INF/guidepost/no-node-ports.yaml"),
                nested.resolve("META-INF/guidepost/rules/no-node-ports.yaml"));

        assertThat(PolicyPack.load(flat).coordinates()).isEqualTo("jar-pack@2.0.0");
        PolicyPack inFolder = PolicyPack.load(jar(nested, temp.resolve("nested.jar")));
        assertThat(inFolder.name()).isEqualTo("rules");
        assertThat(inFolder.policies()).extracting(Policy::id).containsExactly("no-node-ports");
    }

    @Test
    void aJarWithoutAPackAndABinaryFileAreClearErrors(@TempDir Path temp) throws IOException {
        Path other = temp.resolve("other");
        Files.createDirectories(other.resolve("com/acme"));
        Files.writeString(other.resolve("com/acme/App.txt"), "not a pack");
        Path binary = temp.resolve("picture.yaml");
        Files.write(binary, new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 0x0d, 'I', 'H',
            'D', 'R'});

        assertThatThrownBy(() -> PolicyPack.load(jar(other, temp.resolve("app.jar"))))
                .isInstanceOf(GuidepostException.class).hasMessageContaining("app.jar")
                .hasMessageContaining("not a pack jar");
        assertThatThrownBy(() -> PolicyPack.load(binary)).isInstanceOf(GuidepostException.class)
                .hasMessageContaining("picture.yaml").hasMessageContaining("is not text (binary data");
    }

    @Test
    void rejectsImportedKyvernoPoliciesThatAClusterWouldRejectRatherThanQuietlyAuditing() {
        assertErrorIn("invalid-kyverno", "misspelt-failure-action.yaml", "misspelt-failure-action.yaml:6",
                "spec.validationFailureAction is 'Enfroce'", "Enforce or Audit");
        assertErrorIn("invalid-kyverno", "misspelt-validate-field.yaml", "misspelt-validate-field.yaml:15",
                "unknown field 'patern' in spec.rules[0].validate", "pattern, anyPattern");
        assertErrorIn("invalid-kyverno", "lower-case-validation-action.yaml", "lower-case-validation-action.yaml:6",
                "spec.validationActions has 'deny'", "Deny, Warn and Audit");
        assertErrorIn("invalid-kyverno", "misspelt-spec-field.yaml", "misspelt-spec-field.yaml:6",
                "unknown field 'validationFailureActon' in spec", "validationFailureAction");
    }

    @Test
    void textOrAMappingWhereKyvernosSchemaWantsAListIsAnErrorNotAPolicyThatPassesEverything() {
        assertErrorIn("invalid-kyverno", "validations-as-text.yaml", "validations-as-text.yaml:13",
                "spec.validations must be a list", "not 'object.spec.hostNetwork != true'");
        assertErrorIn("invalid-kyverno", "match-any-as-mapping.yaml", "match-any-as-mapping.yaml:10",
                "spec.rules[0].match.any must be a list", "not a mapping");
        assertErrorIn("invalid-kyverno", "exclude-namespaces-as-text.yaml", "exclude-namespaces-as-text.yaml:15",
                "spec.rules[0].exclude.any[0].resources.namespaces must be a list", "not 'kube-system'");
    }

    @Test
    void aKyvernoTestRefusesAnUnknownFieldAndLeavesOutAValueTheSchemaDoesNotAllowAsTheKyvernoCliDoes() {
        List<String> leftOut = new java.util.ArrayList<>();

        assertThatThrownBy(() -> PackReader.readTestPolicies(PACKS.resolve("invalid-kyverno/misspelt-spec-field.yaml"),
                leftOut::add)).isInstanceOf(GuidepostException.class)
                .hasMessageContaining("unknown field 'validationFailureActon' in spec");
        assertThat(PackReader.readTestPolicies(PACKS.resolve("invalid-kyverno/misspelt-failure-action.yaml"),
                leftOut::add)).isEmpty();
        assertThat(leftOut).singleElement().asString().contains("misspelt-failure-action.yaml:6",
                "spec.validationFailureAction is 'Enfroce'");
    }

    @Test
    void aMisspeltFieldOfAValidationIsAnErrorNotAQuietFallback() {
        assertError("misspelt-validation-field.yaml", "misspelt-validation-field.yaml:11",
                "unknown field 'messageExpresion' in spec.validations[0]", "messageExpression");
    }

    @Test
    void aVariableNameThatIsNoCelIdentifierIsAnErrorSuggestingOne() {
        assertError("variable-name-not-an-identifier.yaml", "variable-name-not-an-identifier.yaml:10",
                "variable name 'team-name' is not a CEL identifier", "(for example team_name)");
    }

    @Test
    void aMessageExpressionThatGivesNoStringIsAnErrorWhenTheEngineCompilesThePack() {
        PolicyPack pack = PolicyPack.load(PACKS.resolve("invalid/message-expression-not-a-string.yaml"));

        assertThatThrownBy(() -> PolicyEngine.of(pack)).isInstanceOf(GuidepostException.class)
                .hasMessageContaining("message-expression-not-a-string.yaml:14")
                .hasMessageContaining("spec.validations[0].messageExpression gives a value of type int, but a message "
                        + "expression must give a string");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "validation-not-a-bool.yaml|10|spec.validations[0].expression gives a value of type int, but it must give a bool",
            "match-condition-not-a-bool.yaml|14|spec.matchConditions[0].expression gives a value of type string, but it "
                    + "must give a bool",
            "audit-annotation-not-a-string.yaml|17|spec.auditAnnotations[0].valueExpression gives a value of type int, "
                    + "but an audit annotation's value must be a string or null",
    })
    void anExpressionWhoseKnownTypeDoesNotFitItsFieldIsAnErrorWhenTheEngineCompilesThePack(String file, int line,
            String message) {
        PolicyPack pack = PolicyPack.load(PACKS.resolve("invalid/" + file));

        assertThatThrownBy(() -> PolicyEngine.of(pack)).isInstanceOf(GuidepostException.class)
                .hasMessageContaining(file + ":" + line).hasMessageContaining(message);
    }

    @Test
    void anErrorInAPackJarNamesTheJarAndTheLine(@TempDir Path temp) throws IOException {
        Path jar = jar(PACKS.resolve("jar-broken"), temp.resolve("broken.jar"));
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            PolicyPack pack = PolicyPack.fromClasspath("jar-broken", loader);

            assertThatThrownBy(() -> PolicyEngine.of(pack)).isInstanceOf(GuidepostException.class)
                    .hasMessageContaining("broken.jar!/META-INF/guidepost/team-label.yaml:10")
                    .hasMessageContaining("does not compile");
        }
    }

    @Test
    void aBrokenPackJarReportsTheExpressionsThatDoNotCompileInItsOtherFilesToo(@TempDir Path temp)
            throws IOException {
        Path root = temp.resolve("root");
        Path folder = Files.createDirectories(root.resolve("META-INF/guidepost/shop"));
        for (String file : List.of("misspelt.yaml", "unfinished-cel.yaml")) {
            Files.copy(PACKS.resolve("broken-and-uncompilable").resolve(file), folder.resolve(file));
        }
        Path jar = jar(root, temp.resolve("shop.jar"));

        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            assertThatThrownBy(() -> PolicyPack.fromClasspath("shop", loader)).isInstanceOfSatisfying(
                    GuidepostException.class, e -> assertThat(e.problems()).hasSize(2));
        }
        assertThatThrownBy(() -> PolicyPack.load(jar)).isInstanceOfSatisfying(GuidepostException.class,
                e -> assertThat(e.problems()).extracting(GuidepostException::getMessage).anySatisfy(m -> assertThat(m)
                        .contains("shop.jar!/META-INF/guidepost/shop/unfinished-cel.yaml:11", "does not compile")));
    }

    private static void assertError(String file, String location, String... messages) {
        assertErrorIn("invalid", file, location, messages);
    }

    private static void assertErrorIn(String folder, String file, String location, String... messages) {
        assertThatThrownBy(() -> PolicyPack.load(PACKS.resolve(folder).resolve(file)))
                .isInstanceOf(GuidepostException.class)
                .hasMessageContaining(location)
                .satisfies(e -> {
                    for (String m : messages) {
                        assertThat(e.getMessage()).contains(m);
                    }
                });
    }

    static Path jar(Path root, Path jar) throws IOException {
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out);
                Stream<Path> files = Files.walk(root)) {
            for (Path file : files.sorted().toList()) {
                String name = root.relativize(file).toString().replace('\\', '/');
                if (name.isEmpty()) {
                    continue;
                }
                if (Files.isDirectory(file)) {
                    zip.putNextEntry(new JarEntry(name + "/"));
                } else {
                    zip.putNextEntry(new JarEntry(name));
                    Files.copy(file, zip);
                }
                zip.closeEntry();
            }
        }
        return jar;
    }

    @Test
    void aPackFolderWithoutPoliciesIsAnErrorThatSaysWhatToAdd(@TempDir Path temp) {
        assertThatThrownBy(() -> PolicyPack.load(temp)).isInstanceOf(GuidepostException.class)
                .hasMessageContaining("the pack holds no policies");
    }

    @Test
    void swappedTextAndNameAreRefusedRatherThanReadAsNothing() {
        String yaml = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n";

        assertThatThrownBy(() -> PolicyPack.parse("p.yaml", yaml)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("were the arguments swapped?");
        assertThatThrownBy(() -> Manifests.parse("inline.yaml", yaml))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Pass the YAML text first");
        assertThat(Manifests.parse(yaml, "inline.yaml").manifests()).hasSize(1);
    }

    @Test
    void aPackInsideAPackIsExplainedRatherThanReadAsAnUnknownKind(@TempDir Path temp) throws IOException {
        Files.writeString(temp.resolve("pack.yaml"), "apiVersion: guidepost.dev/v1alpha1\nkind: Pack\nname: outer\n");
        Path inner = Files.createDirectories(temp.resolve("inner"));
        Files.writeString(inner.resolve("pack.yaml"), "apiVersion: guidepost.dev/v1alpha1\nkind: Pack\nname: inner\n");

        assertThatThrownBy(() -> PolicyPack.load(temp)).isInstanceOf(GuidepostException.class)
                .hasMessageContaining("inner").hasMessageContaining("belongs to another pack")
                .hasMessageContaining("--pack a --pack b");
    }
}
