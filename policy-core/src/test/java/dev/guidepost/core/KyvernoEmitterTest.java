package dev.guidepost.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.guidepost.core.internal.json.Json;
import dev.guidepost.core.internal.yaml.PlainValues;
import dev.guidepost.core.internal.yaml.YamlDocument;
import dev.guidepost.core.internal.yaml.YamlDocuments;

/** How the emitter treats the kinds of policies a pack holds, and what it tells about them. */
class KyvernoEmitterTest {

    private static final Path MIXED = Path.of("src/test/resources/dev/guidepost/core/emitter/mixed-pack");

    @TempDir
    Path out;

    private static final PolicyPack PACK = PolicyPack.load(MIXED);

    @Test
    void passesImportedKyvernoPoliciesThroughWithOnlyTheirWayBackToThePackAdded() {
        KyvernoOutput output = KyvernoEmitter.forPack(PACK).emit();

        Policy imported = PACK.policy("imported-require-labels").orElseThrow();
        List<Map<String, Object>> written = documents(output, "kyverno/imported-require-labels.yaml");
        assertThat(written).hasSize(1);
        Map<String, Object> document = written.get(0);
        Map<String, Object> annotations = PlainValues.map(document, "metadata", "annotations");
        assertThat(annotations).containsEntry("guidepost.dev/policy-id", "imported-require-labels")
                .containsEntry("guidepost.dev/pack", PACK.coordinates())
                .hasEntrySatisfying("guidepost.dev/source-hash", h -> assertThat(h.toString()).startsWith("sha256:"));
        Map<String, Object> own = new java.util.LinkedHashMap<>(annotations);
        own.keySet().removeIf(k -> k.startsWith("guidepost.dev/"));
        assertThat(own).isEqualTo(PlainValues.map(imported.definition(), "metadata", "annotations"));
        for (String key : imported.definition().keySet()) {
            if (!key.equals("metadata")) {
                assertThat(document.get(key)).as(key).isEqualTo(imported.definition().get(key));
            }
        }
        assertThat(PlainValues.string(document, "metadata", "name")).isEqualTo(imported.id());
        assertThat(output.summary().passedThrough()).containsExactly("imported-require-labels");
        assertThat(output.summary().notes()).anyMatch(n -> n.contains("imported-require-labels")
                && n.contains("check-app"));
    }

    @Test
    void passesThePacksPolicyExceptionsOnSoTheClusterAdmitsWhatTheChecksLetThrough() {
        PolicyPack withExceptions = PolicyPack.load(Path.of("src/test/resources/packs/with-exception"));

        KyvernoOutput output = KyvernoEmitter.forPack(withExceptions).emit();
        KyvernoOutput vap = KyvernoEmitter.forPack(withExceptions).format(EmitFormat.VALIDATING_ADMISSION_POLICY)
                .emit();

        assertThat(documents(output, "kyverno/exception-legacy-batch.yaml")).singleElement().satisfies(d -> {
            assertThat(d).containsEntry("apiVersion", "policies.kyverno.io/v1").containsEntry("kind",
                    "PolicyException");
            assertThat(PlainValues.list(d, "spec", "policyRefs")).isNotEmpty();
        });
        assertThat(documents(output, "kyverno/exception-legacy-apps.yaml")).singleElement()
                .satisfies(d -> assertThat(PlainValues.string(d, "metadata", "namespace")).isEqualTo("kyverno"));
        assertThat(output.summary().documentsByKind()).containsEntry("PolicyException", 2);
        assertThat(output.files().get("kyverno/kustomization.yaml")).contains("exception-legacy-batch.yaml");
        assertThat(vap.files().keySet()).noneMatch(f -> f.contains("exception"));
        assertThat(vap.summary().notes()).anyMatch(n -> n.startsWith("PolicyException 'legacy-batch' is not "
                + "emitted"));
    }

    @Test
    void emittedTestsWriteQuantitiesGivenAsNumbersAsTheApiServerHandsThemToKyverno() {
        PolicyPack cpu = PolicyPack.parse("""
                apiVersion: guidepost.dev/v1alpha1
                kind: Policy
                metadata: {name: cpu-at-most-four}
                spec:
                  description: CPU limits of at most four cores.
                  action: Enforce
                  match: {kinds: [Pod]}
                  validations:
                    - expression: >-
                        object.spec.containers.all(c, quantity(c.resources.limits.cpu).compareTo(quantity('4')) <= 0)
                  examples:
                    pass:
                      - apiVersion: v1
                        kind: Pod
                        metadata: {name: two, namespace: shop}
                        spec: {containers: [{name: app, image: app:1, resources: {limits: {cpu: 2}}}]}
                    fail:
                      - apiVersion: v1
                        kind: Pod
                        metadata: {name: eight, namespace: shop}
                        spec: {containers: [{name: app, image: app:1, resources: {limits: {cpu: 8}}}]}
                """, "cpu.yaml");

        KyvernoEmitter.forPack(cpu).withTests(true).emit().writeTo(out);
        KyvernoTestReport report = KyvernoTests.run(List.of(out.resolve("kyverno-tests")), true);

        assertThat(report.problems()).isEmpty();
        assertThat(report.results()).hasSize(2).allSatisfy(r -> assertThat(r.status())
                .isEqualTo(ExpectationResult.Status.PASSED));
        assertThat(documents(KyvernoEmitter.forPack(cpu).withTests(true).emit(),
                "kyverno-tests/cpu-at-most-four/resources.yaml")).extracting(d -> PlainValues.at(
                        PlainValues.list(d, "spec", "containers").get(0), "resources", "limits", "cpu"))
                .containsExactly("2", "8");
    }

    @Test
    void leavesAdvisoryPoliciesOutAndSaysSo() {
        KyvernoOutput output = KyvernoEmitter.forPack(PACK).emit();

        assertThat(output.files()).doesNotContainKey("kyverno/on-call-rotation.yaml");
        assertThat(output.summary().advisory()).containsExactly("on-call-rotation");
        assertThat(output.summary().lines()).anyMatch(l -> l.startsWith("Skipped 1 advisory")
                && l.contains("on-call-rotation"));
    }

    @Test
    void reportsPoliciesThatNeedKyvernoLibrariesInsteadOfWritingBrokenClusterPolicies() {
        KyvernoOutput output = KyvernoEmitter.forPack(PACK).format(EmitFormat.CLUSTER_POLICY).emit();

        assertThat(output.files()).doesNotContainKey("kyverno/images-pinned-by-digest.yaml");
        assertThat(output.summary().notEmitted()).containsOnlyKeys("images-pinned-by-digest");
        assertThat(output.summary().notEmitted().get("images-pinned-by-digest"))
                .contains("ClusterPolicy environment").contains("parseImageReference");
        assertThat(output.summary().complete()).isFalse();
        assertThat(output.summary().emitted()).containsExactly("team-configmaps");
    }

    @Test
    void aPodPolicyReadingTheObjectsOwnNameIsNotWrittenAsAClusterPolicyWhoseAutogenWouldBreakIt() {
        String policy = """
                apiVersion: guidepost.dev/v1alpha1
                kind: Policy
                metadata:
                  name: pod-names
                spec:
                  title: Pod names are short
                  description: Pod names stay under 40 characters.
                  action: Enforce
                  failurePolicy: %s
                  autogen: %s
                  match:
                    kinds: [Pod]
                  validations:
                    - expression: "size(object.metadata.name) < 40"
                """;
        KyvernoOutput withAutogen = KyvernoEmitter.forPack(PolicyPack.parse(policy.formatted("Fail", "true"),
                "pod-names.yaml")).format(EmitFormat.CLUSTER_POLICY).emit();
        KyvernoOutput podsOnly = KyvernoEmitter.forPack(PolicyPack.parse(policy.formatted("Ignore", "false"),
                "pod-names.yaml")).format(EmitFormat.CLUSTER_POLICY).emit();

        assertThat(withAutogen.summary().notEmitted().get("pod-names")).contains("reads object.metadata.name or "
                + ".namespace, which ClusterPolicy autogen would read from the pod controllers' pod template")
                .contains("set autogen: false");
        assertThat(podsOnly.summary().emitted()).containsExactly("pod-names");
        assertThat(String.join("\n", podsOnly.summary().lines())).contains("failurePolicy Ignore: a ClusterPolicy "
                + "reads it for an unreachable webhook only");
        assertThat(KyvernoEmitter.forPack(PolicyPack.parse(policy.formatted("Fail", "true"), "pod-names.yaml"))
                .emit().summary().emitted()).containsExactly("pod-names");
    }

    @Test
    void orValueOnAPlainFieldIsNotWrittenAsAnAdmissionPolicyWhoseApiServerWouldErrorOnIt() {
        String policy = """
                apiVersion: guidepost.dev/v1alpha1
                kind: Policy
                metadata:
                  name: two-replicas
                spec:
                  title: Two replicas
                  description: Deployments run two replicas.
                  action: Enforce
                  match:
                    kinds: [apps/v1/Deployment]
                  validations:
                    - expression: "%s >= 2"
                """;
        KyvernoOutput plain = KyvernoEmitter.forPack(PolicyPack.parse(policy.formatted(
                "object.spec.replicas.orValue(1)"), "p.yaml")).format(EmitFormat.VALIDATING_ADMISSION_POLICY).emit();
        KyvernoOutput optional = KyvernoEmitter.forPack(PolicyPack.parse(policy.formatted(
                "object.spec.?replicas.orValue(1)"), "p.yaml")).format(EmitFormat.VALIDATING_ADMISSION_POLICY).emit();

        assertThat(plain.summary().notEmitted().get("two-replicas")).contains("calls orValue on "
                + "'object.spec.replicas', which is not optional").contains("(object.spec.?replicas.orValue(...))");
        assertThat(optional.summary().emitted()).containsExactly("two-replicas");
        assertThat(KyvernoEmitter.forPack(PolicyPack.parse(policy.formatted("object.spec.replicas.orValue(1)"),
                "p.yaml")).emit().summary().emitted()).containsExactly("two-replicas");
    }

    @Test
    void aPolicyReadingTheRequestingUserIsWrittenWithBackgroundScansOff() {
        PolicyPack pack = PolicyPack.parse("""
                apiVersion: guidepost.dev/v1alpha1
                kind: Policy
                metadata:
                  name: no-root-user
                spec:
                  title: Admins do not deploy by hand
                  description: Deployments are not created by the cluster-admin user.
                  action: Enforce
                  match:
                    kinds: [apps/v1/Deployment]
                  validations:
                    - expression: "request.userInfo.username != 'kubernetes-admin'"
                """, "no-root-user.yaml");

        Map<String, Object> policy = documents(KyvernoEmitter.forPack(pack).emit(), "kyverno/no-root-user.yaml")
                .get(0);
        Map<String, Object> clusterPolicy = documents(KyvernoEmitter.forPack(pack).format(EmitFormat.CLUSTER_POLICY)
                .emit(), "kyverno/no-root-user.yaml").get(0);

        assertThat(PlainValues.at(policy, "spec", "evaluation", "background", "enabled")).isEqualTo(false);
        assertThat(PlainValues.at(clusterPolicy, "spec", "background")).isEqualTo(false);
    }

    @Test
    void reportsPoliciesThatNeedKyvernoForTheAdmissionPolicyFormat() {
        KyvernoOutput output = KyvernoEmitter.forPack(PACK).format(EmitFormat.VALIDATING_ADMISSION_POLICY).emit();

        assertThat(output.summary().notEmitted()).containsOnlyKeys("images-pinned-by-digest",
                "imported-require-labels");
        assertThat(output.summary().notEmitted().get("imported-require-labels")).contains("needs Kyverno");
        assertThat(output.summary().documentsByKind()).containsExactly(
                Map.entry("ValidatingAdmissionPolicy", 1), Map.entry("ValidatingAdmissionPolicyBinding", 1));
    }

    @Test
    void writesThePolicyThatNeedsKyvernoLibrariesAsAValidatingPolicy() {
        KyvernoOutput output = KyvernoEmitter.forPack(PACK).emit();

        assertThat(output.summary().complete()).isTrue();
        assertThat(output.summary().emitted()).containsExactly("images-pinned-by-digest", "team-configmaps");
        assertThat(output.summary().documentsByKind()).containsExactly(Map.entry("ClusterPolicy", 1),
                Map.entry("ValidatingPolicy", 2));
    }

    @Test
    void annotatesEveryPolicyWithItsTextAndItsPackEntry() throws Exception {
        KyvernoOutput output = KyvernoEmitter.forPack(PACK).emit();

        Map<String, Object> annotations = PlainValues.map(documents(output, "kyverno/images-pinned-by-digest.yaml")
                .get(0), "metadata", "annotations");
        Policy policy = PACK.policy("images-pinned-by-digest").orElseThrow();
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(Json.canonical(policy.definition()).getBytes(StandardCharsets.UTF_8)));
        assertThat(annotations).containsExactly(
                Map.entry("policies.kyverno.io/title", "Images are pinned by digest"),
                Map.entry("policies.kyverno.io/category", "Images"),
                Map.entry("policies.kyverno.io/severity", "high"),
                Map.entry("policies.kyverno.io/subject", "Pod"),
                Map.entry("policies.kyverno.io/description", policy.description()),
                Map.entry("guidepost.dev/policy-id", "images-pinned-by-digest"),
                Map.entry("guidepost.dev/pack", "mixed@2.0.0"),
                Map.entry("guidepost.dev/source-hash", "sha256:" + hash));
    }

    @Test
    void putsTheRemediationIntoMessagesOnOneLine() {
        KyvernoOutput output = KyvernoEmitter.forPack(PACK).format(EmitFormat.CLUSTER_POLICY).emit();

        Object rule = PlainValues.list(documents(output, "kyverno/team-configmaps.yaml").get(0), "spec", "rules")
                .get(0);
        assertThat(PlainValues.list(rule, "validate", "cel", "expressions").get(0)).extracting(
                e -> PlainValues.string(e, "message"))
                .isEqualTo("ConfigMaps need an owner label; add metadata.labels.owner.");
        KyvernoOutput pinned = KyvernoEmitter.forPack(PACK).emit();
        assertThat(PlainValues.string(PlainValues.list(documents(pinned, "kyverno/images-pinned-by-digest.yaml")
                .get(0), "spec", "validations").get(0), "message"))
                .isEqualTo("Every image must be pinned by digest. Fix: Pin the image by digest (image@sha256:...).");
    }

    @Test
    void writesNamespaceListsAsClusterPolicyNamespaces() {
        KyvernoOutput output = KyvernoEmitter.forPack(PACK).format(EmitFormat.CLUSTER_POLICY).emit();

        Object rule = PlainValues.list(documents(output, "kyverno/team-configmaps.yaml").get(0), "spec", "rules")
                .get(0);
        assertThat(PlainValues.strings(PlainValues.list(rule, "match", "any").get(0), "resources", "namespaces"))
                .containsExactly("team-a", "team-b");
        assertThat(PlainValues.string(rule, "validate", "failureAction")).isEqualTo("Audit");
    }

    @Test
    void testsNameOnlyTheExamplesThePolicySelects() {
        KyvernoOutput output = KyvernoEmitter.forPack(PACK).withTests(true).emit();

        String folder = "kyverno-tests/team-configmaps/";
        assertThat(output.files()).containsKeys(folder + "kyverno-test.yaml", folder + "pass-resources.yaml",
                folder + "fail-resources.yaml");
        List<Map<String, Object>> tests = documents(output, folder + "kyverno-test.yaml");
        assertThat(tests).extracting(t -> PlainValues.string(t, "metadata", "name"))
                .containsExactly("team-configmaps-pass", "team-configmaps-fail");
        assertThat(PlainValues.list(tests.get(0), "results")).singleElement()
                .satisfies(r -> assertThat(PlainValues.strings(r, "resources")).containsExactly("settings"));
        assertThat(documents(output, folder + "pass-resources.yaml")).hasSize(2);
    }

    @Test
    void emittedTestsPassWithGuidepostsKyvernoTestRunner() {
        for (EmitFormat format : EmitFormat.values()) {
            Path folder = out.resolve(format.label());
            KyvernoEmitter.forPack(PACK).format(format).withTests(true).emit().writeTo(folder);

            KyvernoTestReport report = KyvernoTests.run(List.of(folder.resolve("kyverno-tests")), true);

            assertThat(report.successful()).as(format.label() + ": " + report.results()).isTrue();
            assertThat(report.count(ExpectationResult.Status.PASSED)).as(format.label())
                    .isEqualTo(format == EmitFormat.VALIDATING_POLICY ? 4 : 2);
        }
    }

    @Test
    void writesAllPoliciesIntoOneFileWhenAsked() {
        KyvernoOutput output = KyvernoEmitter.forPack(PACK).singleFile(true).withTests(true).emit();

        assertThat(output.files().keySet()).filteredOn(p -> p.startsWith("kyverno/"))
                .containsExactly("kyverno/kustomization.yaml", "kyverno/policies.yaml");
        assertThat(documents(output, "kyverno/policies.yaml")).extracting(d -> PlainValues.string(d, "kind"))
                .containsExactly("ValidatingPolicy", "ClusterPolicy", "ValidatingPolicy");
        assertThat(PlainValues.strings(documents(output, "kyverno-tests/team-configmaps/kyverno-test.yaml").get(0),
                "policies")).containsExactly("../../kyverno/policies.yaml");
    }

    @Test
    void writingReplacesEarlierOutputAndKeepsOtherFiles() throws Exception {
        Path stale = out.resolve("kyverno/removed-policy.yaml");
        Path own = out.resolve("kyverno/README.md");
        Files.createDirectories(stale.getParent());
        Files.writeString(stale, KyvernoOutput.GENERATED_MARK + " from pack mixed@1.0.0\nkind: ValidatingPolicy\n");
        Files.writeString(own, "# our notes\n");

        KyvernoEmitter.forPack(PACK).emit().writeTo(out);

        assertThat(stale).doesNotExist();
        assertThat(own).exists();
        assertThat(out.resolve("kyverno/team-configmaps.yaml")).exists();
    }

    @Test
    void writingLeavesAnotherPacksOutputAndRefusesToOverwriteAFileItDidNotGenerate() throws Exception {
        Path otherPack = out.resolve("kyverno/other-policy.yaml");
        Files.createDirectories(otherPack.getParent());
        Files.writeString(otherPack, KyvernoOutput.GENERATED_MARK + " from pack someone-else@2.0.0; do not edit\n"
                + "kind: ValidatingPolicy\n");
        KyvernoEmitter.forPack(PACK).emit().writeTo(out);
        Path kustomization = out.resolve("kyverno/kustomization.yaml");
        Files.writeString(kustomization, "resources: [my-own.yaml]\n");

        assertThat(otherPack).exists();
        assertThatThrownBy(() -> KyvernoEmitter.forPack(PACK).emit().writeTo(out))
                .isInstanceOf(GuidepostException.class).hasMessageContaining("refusing to overwrite " + kustomization);
        assertThat(kustomization).hasContent("resources: [my-own.yaml]\n");
    }

    @Test
    void refusesTwoPoliciesThatWouldGetTheSameName() {
        PolicyPack pack = PolicyPack.parse("""
                apiVersion: guidepost.dev/v1alpha1
                kind: Policy
                metadata: {name: no-host-network}
                spec:
                  description: Pods do not use the host network.
                  match: {kinds: [Pod]}
                  validations: [{expression: "!object.spec.?hostNetwork.orValue(false)"}]
                ---
                apiVersion: guidepost.dev/v1alpha1
                kind: Policy
                metadata: {name: autogen-no-host-network}
                spec:
                  description: A policy whose name clashes with an autogen policy.
                  match: {kinds: [Service]}
                  validations: [{expression: "true"}]
                """, "clash.yaml");

        assertThatThrownBy(() -> KyvernoEmitter.forPack(pack).format(EmitFormat.VALIDATING_ADMISSION_POLICY).emit())
                .isInstanceOf(GuidepostException.class)
                .hasMessageContaining("autogen-no-host-network").hasMessageContaining("rename one of them");
    }

    @Test
    void parsesFormatNames() {
        assertThat(EmitFormat.parse("vap")).contains(EmitFormat.VALIDATING_ADMISSION_POLICY);
        assertThat(EmitFormat.parse("Cluster-Policy")).contains(EmitFormat.CLUSTER_POLICY);
        assertThat(EmitFormat.parse("validating_policy")).contains(EmitFormat.VALIDATING_POLICY);
        assertThat(EmitFormat.parse("kyverno")).isEmpty();
    }

    private static List<Map<String, Object>> documents(KyvernoOutput output, String path) {
        assertThat(output.files()).containsKey(path);
        return YamlDocuments.parse(output.files().get(path), path).stream().map(YamlDocument::value)
                .map(v -> PlainValues.map(PlainValues.immutableCopy(v))).toList();
    }

    @Test
    void passesImportedKyvernoPoliciesThroughEvenWhenGuidepostCannotCheckThem() {
        PolicyPack kyverno = PolicyPack.load(Path.of("src/test/resources/packs/kyverno-folder"));

        KyvernoOutput output = KyvernoEmitter.forPack(kyverno).emit();

        assertThat(output.summary().passedThrough()).contains("add-default-labels", "mixed");
        assertThat(output.summary().advisory()).doesNotContain("add-default-labels");
        assertThat(output.summary().notes()).anyMatch(n -> n.contains("add-default-labels")
                && n.contains("although Guidepost does not check it"));
        assertThat(output.summary().notes()).noneMatch(n -> n.contains("policies.kyverno.io")
                || n.contains("no Kyverno CLI tests"));
    }

    @Test
    void theClusterPolicyFormatSaysWhichPassedThroughPoliciesAnOlderKyvernoCannotLoadAndTestsSayWhatTheyLeaveOut() {
        PolicyPack kyverno = PolicyPack.load(Path.of("src/test/resources/packs/kyverno-folder"));

        KyvernoOutput output = KyvernoEmitter.forPack(kyverno).format(EmitFormat.CLUSTER_POLICY).withTests(true)
                .emit();

        assertThat(output.summary().lines()).anyMatch(l -> l.startsWith("Note: the cluster-policy format is for "
                + "Kyverno without policies.kyverno.io, but ") && l.contains("(ValidatingPolicy)")
                && l.contains("(MutatingPolicy)") && !l.contains("mixed"));
        assertThat(output.summary().lines()).anyMatch(l -> l.startsWith("Note: no Kyverno CLI tests for the 3 "
                + "Kyverno policies passed through"));
    }
}
