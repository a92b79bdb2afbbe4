package dev.guidepost.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.guidepost.core.internal.manifest.Kustomizations;

class ManifestsTest {

    static final Path FIXTURES = Path.of("src/test/resources/manifests");

    private static Manifests load(String file) {
        return Manifests.load(FIXTURES.resolve(file));
    }

    @Test
    void readsEveryDocumentOfAFileWithItsLine() {
        Manifests manifests = load("multi.yaml");

        assertThat(manifests.manifests()).extracting(Manifest::name)
                .containsExactly("first", "listed-one", "listed-two");
        assertThat(manifests.manifests().get(0).location().line()).isEqualTo(2);
        assertThat(manifests.manifests().get(0).namespace()).isEqualTo("team-a");
        assertThat(manifests.problems()).isEmpty();
        assertThat(manifests).hasToString("Manifests[3 objects, 0 problems]");
    }

    @Test
    void expandsListsAndLocatesEachItem() {
        List<Manifest> manifests = load("multi.yaml").manifests();

        assertThat(manifests.get(1).kind()).isEqualTo("Service");
        assertThat(manifests.get(1).location().line()).isEqualTo(13);
        assertThat(manifests.get(2).location().line()).isEqualTo(17);
        assertThat(manifests.get(2).location().toString()).endsWith("multi.yaml:17");
    }

    @Test
    void resolvesMergeKeysAndKeepsKubernetesScalars() {
        Manifest manifest = load("anchors.yaml").manifests().get(0);

        assertThat(manifest.labels()).containsEntry("team", "shop").containsEntry("tier", "web");
        Map<?, ?> data = (Map<?, ?>) manifest.object().get("data");
        assertThat(data.get("when")).isEqualTo("2024-01-02");
        assertThat(data.get("enabled")).isEqualTo(true);
        assertThat(data.get("count")).isEqualTo(3L);
        assertThat(data.get("ratio")).isEqualTo(0.5);
        // Kubernetes' YAML reader has no base-60 numbers, and reads a plain 0o755 as octal
        assertThat(data.get("window")).isEqualTo("12:30");
        assertThat(data.get("duration")).isEqualTo("1:05:00");
        assertThat(data.get("mode")).isEqualTo(493L);
        assertThat(data.get("quoted")).isEqualTo("0o755");
    }

    @Test
    void aYamlListOfObjectsIsMalformedRatherThanSkippedAsNoObject() {
        assertThat(load("malformed/yaml-list.yaml").unreadable()).singleElement().satisfies(p -> {
            assertThat(p.type()).isEqualTo(ManifestProblem.Type.MALFORMED);
            assertThat(p.location().line()).isEqualTo(1);
            assertThat(p.message()).startsWith("a YAML list of Kubernetes objects").contains("separated by '---'");
        });
        assertThat(load("malformed/no-space-after-colon.yaml").unreadable()).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("reads as one piece of text")
                        .contains("a key needs a space after its colon"));
    }

    @Test
    void listsInsideListsAreReadItemByItemAndAListWhoseItemsAreNoListIsMalformed() {
        Manifests manifests = load("malformed/nested-lists.yaml");

        assertThat(manifests.manifests()).singleElement().satisfies(m -> {
            assertThat(m.name()).isEqualTo("inner");
            assertThat(m.location().line()).isEqualTo(7);
        });
        assertThat(manifests.problems()).extracting(p -> p.type(), p -> p.location().line()).containsExactly(
                tuple(ManifestProblem.Type.MALFORMED, 13), tuple(ManifestProblem.Type.NOT_KUBERNETES, 14));
    }

    @Test
    void identifyingFieldsOfTheWrongTypeAreMalformedAtTheirLineWithTheTextToQuote() {
        Manifests manifests = load("malformed/metadata-types.yaml");

        assertThat(manifests.manifests()).extracting(Manifest::name).containsExactly("fine");
        assertThat(manifests.unreadable()).extracting(p -> p.location().line(), ManifestProblem::message)
                .containsExactly(
                        tuple(6, "the label 'version' has the number 1.10 as its value, and the cluster takes only "
                                + "text there, so it would refuse the object; quote it: version: \"1.10\""),
                        tuple(14, "the annotation 'prometheus.io/scrape' has the boolean true as its value, and the "
                                + "cluster takes only text there, so it would refuse the object; quote it: "
                                + "prometheus.io/scrape: \"true\""),
                        tuple(19, "metadata.name must be text, not the number 456, so the cluster would refuse the "
                                + "object; quote it: name: \"456\""),
                        tuple(22, "apiVersion must be text, not a list, so the cluster would refuse the object"));
    }

    @Test
    void textAtAQuantityFieldThatIsNoKubernetesQuantityIsMalformedWithTheQuantityMeant() {
        Manifests manifests = load("malformed/quantities.yaml");

        assertThat(manifests.manifests()).extracting(Manifest::name).containsExactly("compute");
        assertThat(manifests.unreadable()).extracting(p -> p.location().line(), ManifestProblem::message)
                .containsExactly(
                        tuple(9, "spec.containers[0].resources.requests.cpu '500mi' is not a Kubernetes quantity, "
                                + "so the cluster would refuse the object; write 500m (millicores); also at line 9: "
                                + "spec.containers[0].resources.requests.memory '512MB' is not a Kubernetes quantity, "
                                + "so the cluster would refuse the object; write 512M (powers of 1000) or 512Mi "
                                + "(powers of 1024); also at line 10: spec.containers[0].resources.limits.memory "
                                + "'1 Gi' is not a Kubernetes quantity, so the cluster would refuse the object; "
                                + "write 1Gi (without the space)"),
                        tuple(18, "spec.resources.requests.storage '10GiB' is not a Kubernetes quantity, so the "
                                + "cluster would refuse the object; write 10Gi"));
    }

    @Test
    void fieldsTheApiServerCannotDecodeAreMalformedOncePerObjectNamingEveryFieldAndNoSecretValue() {
        Manifests manifests = load("malformed/field-types.yaml");

        assertThat(manifests.manifests()).extracting(Manifest::name).containsExactly("fine-secret");
        assertThat(manifests.unreadable()).extracting(p -> p.location().line(), ManifestProblem::message)
                .containsExactly(
                        tuple(7, "spec.replicas must be a number, not the text '3', so the cluster would refuse the "
                                + "object; write it without quotes: replicas: 3"
                                + "; also at line 11: the label 'version' in spec.template.metadata has the number "
                                + "1.10 as its value, and the cluster takes only text there, so it would refuse the "
                                + "object; quote it: version: \"1.10\""
                                + "; also at line 18: spec.template.spec.containers[0].args[1] must be text, not the "
                                + "number 8080, so the cluster would refuse the object; quote it: - \"8080\""
                                + "; also at line 20: spec.template.spec.containers[0].env[0].value must be text, not "
                                + "the number 5432, so the cluster would refuse the object; quote it: value: \"5432\""
                                + "; also at line 23: spec.template.spec.containers[0].ports[0].containerPort must be "
                                + "a number, not the text '8080', so the cluster would refuse the object; write it "
                                + "without quotes: containerPort: 8080"),
                        tuple(34, "the annotation 'sidecar.istio.io/inject' in spec.jobTemplate.spec.template.metadata "
                                + "has the boolean false as its value, and the cluster takes only text there, so it "
                                + "would refuse the object; quote it: sidecar.istio.io/inject: \"false\""),
                        tuple(43, "data.port must be text, not the number 5432, so the cluster would refuse the "
                                + "object; quote it: port: \"5432\"; also at line 44: data.debug must be text, not "
                                + "the boolean true, so the cluster would refuse the object; quote it: debug: \"true\""),
                        tuple(51, "data.password of the Secret is not base64, so the cluster would refuse the "
                                + "object; encode it (b64enc in a Helm template), or give the plain text under "
                                + "stringData; also at line 53: data.port of the Secret must be text, not a number, so "
                                + "the cluster would refuse the object; encode it (b64enc in a Helm template), or give "
                                + "the plain text under stringData; also at line 55: stringData.retries of the Secret "
                                + "must be text, not a number, so the cluster would refuse the object; quote it"),
                        tuple(80, "the label 'tier' in spec.volumeClaimTemplates[0].metadata has the number 2 as its "
                                + "value, and the cluster takes only text there, so it would refuse the object; quote "
                                + "it: tier: \"2\""));
        assertThat(manifests.unreadable()).extracting(ManifestProblem::message)
                .noneMatch(m -> m.contains("hunter2") || m.contains("'3'") && m.contains("retries"));
    }

    @Test
    void aSlipInAPodFieldNameIsMalformedWithTheFieldMeantButAFieldFarFromEveryKnownOneIsNot() {
        Manifests manifests = load("malformed/field-slips.yaml");

        assertThat(manifests.manifests()).extracting(Manifest::name).containsExactly("future");
        assertThat(manifests.unreadable()).singleElement().satisfies(p -> {
            assertThat(p.location().line()).isEqualTo(11);
            assertThat(p.message()).isEqualTo("unknown field 'runAsNonRooot' in spec.template.spec.securityContext, so "
                    + "the cluster would refuse the object (and a check would miss what it holds); did you mean "
                    + "runAsNonRoot?; also at line 15: unknown field 'resource' in spec.template.spec.containers[0], "
                    + "so the cluster would refuse the object (and a check would miss what it holds); did you mean "
                    + "resources?; also at line 17: unknown field 'allowPrivilegeEscalaton' in "
                    + "spec.template.spec.containers[0].securityContext, so the cluster would refuse the object (and a "
                    + "check would miss what it holds); did you mean allowPrivilegeEscalation?");
        });
    }

    @Test
    void aFolderThatCannotBeWalkedWhollyNamesWhatItCouldNotReadAndChecksTheRest(@TempDir Path dir) throws Exception {
        Files.copy(FIXTURES.resolve("multi.yaml"), dir.resolve("multi.yaml"));
        Files.createDirectories(dir.resolve("linked"));
        Files.createSymbolicLink(dir.resolve("linked/loop"), dir);
        Files.createSymbolicLink(dir.resolve("gone.yaml"), dir.resolve("removed.yaml"));
        Files.createDirectories(dir.resolve("shared"));
        Files.copy(FIXTURES.resolve("service.json"), dir.resolve("shared/service.json"));
        Files.createSymbolicLink(dir.resolve("linked/shared"), dir.resolve("shared"));

        Manifests manifests = Manifests.load(dir);

        assertThat(manifests.manifests()).extracting(m -> dir.relativize(Path.of(m.location().file())).toString())
                .contains("multi.yaml", "linked/shared/service.json").doesNotContain("shared/service.json");
        assertThat(manifests.unreadable()).extracting(p -> dir.relativize(Path.of(p.location().file())).toString(),
                ManifestProblem::message).containsExactly(
                        tuple("gone.yaml", "a symbolic link to nothing (its target does not exist, or it loops)"),
                        tuple("linked/loop", "a symbolic link that loops back to a folder above it; not followed"));
    }

    @Test
    void aStreamIsReadAsUtf8AndOtherBytesAreOneUnreadableProblem() throws Exception {
        byte[] yaml = Files.readAllBytes(FIXTURES.resolve("multi.yaml"));
        Manifests read = Manifests.read(new java.io.ByteArrayInputStream(yaml), "<stdin>");
        assertThat(read.manifests()).extracting(Manifest::name).containsExactly("first", "listed-one", "listed-two");

        byte[] utf16 = new String(yaml, java.nio.charset.StandardCharsets.UTF_8)
                .getBytes(java.nio.charset.StandardCharsets.UTF_16);
        Manifests binary = Manifests.read(new java.io.ByteArrayInputStream(utf16), "<stdin>");
        assertThat(binary.manifests()).isEmpty();
        assertThat(binary.unreadable()).singleElement().satisfies(p -> {
            assertThat(p.location().file()).isEqualTo("<stdin>");
            assertThat(p.message()).startsWith("the input is UTF-16 text");
        });
    }

    @Test
    void aByteOrderMarkStartingALineOfConcatenatedFilesIsNoContent() {
        Manifests read = Manifests.parse("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n"
                + "\uFEFF---\napiVersion: v1\nkind: Service\nmetadata: {name: b}\n", "all.yaml");
        Manifests blank = Manifests.parse("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n"
                + "\uFEFF\n---\napiVersion: v1\nkind: Service\nmetadata: {name: b}\n\uFEFF", "all.yaml");

        assertThat(read.problems()).isEmpty();
        assertThat(read.manifests()).extracting(Manifest::name, m -> m.location().line())
                .containsExactly(tuple("a", 1), tuple("b", 5));
        assertThat(blank.problems()).isEmpty();
        assertThat(blank.manifests()).extracting(Manifest::name).containsExactly("a", "b");
    }

    @Test
    void utf16WithoutAByteOrderMarkIsNamedEvenWhenItStartsWithOtherScripts(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("names.yaml");
        Files.write(file, "名前: \"一\u3000가\"\napiVersion: v1\n".getBytes(java.nio.charset.StandardCharsets.UTF_16LE));

        assertThat(Manifests.load(List.of(file)).unreadable()).singleElement().satisfies(p -> assertThat(
                p.message()).startsWith("the file is UTF-16 text"));
    }

    @Test
    void aLatin1ByteNamesItsLineAndWhatTheFileProbablyIs(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("settings.yaml");
        Files.write(file, ("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\ndata:\n  owner: Jos")
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        Files.write(file, new byte[] {(byte) 0xE9, '\n'}, java.nio.file.StandardOpenOption.APPEND);

        assertThat(Manifests.load(List.of(file)).unreadable()).singleElement().satisfies(p -> {
            assertThat(p.location().line()).isEqualTo(5);
            assertThat(p.message()).startsWith("line 5 has a byte that is not UTF-8 (0xE9: text saved as Latin-1");
        });
    }

    @Test
    void aManifestBuiltInCodeHoldsOnlyPlainValuesCopiedOrRefusesWhatHasNoYamlForm() {
        java.util.Set<String> args = new java.util.LinkedHashSet<>(List.of("--port", "8080"));
        Map<String, Object> container = new java.util.HashMap<>(Map.of("name", "app", "image",
                new StringBuilder("nginx:1.27"), "args", args, "cpu", new java.math.BigDecimal("0.5")));
        Manifest manifest = Manifest.of(Map.of("apiVersion", "v1", "kind", "Pod", "metadata", Map.of("name", "p"),
                "spec", Map.of("containers", List.of(container))), SourceLocation.of("code"));
        args.add("--debug");

        Map<?, ?> copied = (Map<?, ?>) ((List<?>) ((Map<?, ?>) manifest.object().get("spec")).get("containers"))
                .get(0);
        assertThat(copied.get("args")).isEqualTo(List.of("--port", "8080"));
        assertThat(copied.get("image")).isEqualTo("nginx:1.27");
        assertThat(copied.get("cpu")).isEqualTo(0.5);
        // as YAML reads integers: a long when it fits (Jackson's USE_BIG_INTEGER_FOR_INTS gives BigIntegers)
        Manifest big = Manifest.of(Map.of("apiVersion", "apps/v1", "kind", "Deployment", "spec", Map.of(
                "replicas", java.math.BigInteger.valueOf(20), "huge", java.math.BigInteger.TEN.pow(30))),
                SourceLocation.of("code"));
        assertThat(big.object().get("spec")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("replicas", 20L).containsEntry("huge", 1e30);

        assertThatThrownBy(() -> Manifest.of(Map.of("apiVersion", "v1", "kind", "ConfigMap", "data",
                Map.of("when", new Object())), SourceLocation.of("code")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has no YAML or JSON form");
    }

    @Test
    void aManifestWhoseResourceIsNotItsObjectsIsRefusedSinceItsFieldsWouldGoUnchecked() {
        Map<String, Object> pod = Map.of("apiVersion", "v1", "kind", "Pod", "metadata", Map.of("name", "p"));

        assertThatThrownBy(() -> new Manifest(new ResourceRef("v1", "ConfigMap", "", "p"), pod,
                SourceLocation.of("code"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the resource ConfigMap/p (v1) is not the object's, Pod/p (v1)");
        assertThat(new Manifest(new ResourceRef("v1", "Pod", "", "p"), pod, SourceLocation.of("code")))
                .isEqualTo(Manifest.of(pod, SourceLocation.of("code")));
        assertThat(new Manifest(new ResourceRef("v1", "Pod", "shop", "p"), pod, SourceLocation.of("code"))
                .namespace()).as("placed into a namespace, as kubectl -n does").isEqualTo("shop");
    }

    @Test
    void aPodSpecPartOfTheWrongTypeIsMalformedButAMissingOneIsNot() {
        Manifests manifests = load("malformed/pod-spec-types.yaml");

        assertThat(manifests.manifests()).extracting(Manifest::name).containsExactly("no-spec");
        assertThat(manifests.unreadable()).extracting(p -> p.location().line(), ManifestProblem::message)
                .containsExactly(
                        tuple(5, "spec.containers of the Pod must be a list of containers (- name: app, image: ...), "
                                + "not a mapping, so the cluster would refuse it"),
                        tuple(10, "spec of the Deployment must be a mapping, not the text 'oops', so the cluster "
                                + "would refuse it"));
    }

    @Test
    void aBrokenDocumentDoesNotHideTheOthers() {
        Manifests manifests = load("broken-middle.yaml");

        assertThat(manifests.manifests()).extracting(Manifest::name).containsExactly("before", "after");
        assertThat(manifests.unreadable()).singleElement().satisfies(problem -> {
            assertThat(problem.type()).isEqualTo(ManifestProblem.Type.SYNTAX);
            assertThat(problem.location().line()).isEqualTo(11);
            assertThat(problem.location().file()).endsWith("broken-middle.yaml");
            assertThat(problem.message()).isEqualTo("invalid YAML: found unexpected end of stream "
                    + "(in the quoted scalar that starts at line 11, column 8)");
        });
    }

    @Test
    void saysWhereTheBrokenConstructStartsAndLocatesTheErrorWhereItIs() {
        assertThat(load("flow-mapping-typo.yaml").unreadable()).singleElement().satisfies(problem -> {
            assertThat(problem.type()).isEqualTo(ManifestProblem.Type.SYNTAX);
            assertThat(problem.location().line()).isEqualTo(6);
            assertThat(problem.location().column()).isEqualTo(35);
            assertThat(problem.message()).isEqualTo("invalid YAML: expected ',' or '}' but got ':' "
                    + "(in the flow mapping that starts at line 6, column 13)");
        });
    }

    @Test
    void reportsAnUnrenderedHelmTemplateAtItsLine() {
        Manifests unparsable = load("helm-template.yaml");
        Manifests quoted = load("helm-quoted.yaml");

        assertThat(unparsable.unreadable()).singleElement().satisfies(problem -> {
            assertThat(problem.type()).isEqualTo(ManifestProblem.Type.TEMPLATE);
            assertThat(problem.location().line()).isEqualTo(4);
            assertThat(problem.message()).contains("helm template");
        });
        assertThat(quoted.manifests()).isEmpty();
        assertThat(quoted.unreadable()).singleElement().satisfies(problem -> {
            assertThat(problem.type()).isEqualTo(ManifestProblem.Type.TEMPLATE);
            assertThat(problem.location().line()).isEqualTo(6);
        });
    }

    @Test
    void aFileThatEndsInsideAQuoteIsReportedWhereTheQuoteOpensNotPastItsEnd() {
        assertThat(load("unclosed-quote.yaml").unreadable()).singleElement().satisfies(problem -> {
            assertThat(problem.location().line()).isEqualTo(4);
            assertThat(problem.location().column()).isEqualTo(9);
            assertThat(problem.message()).contains("quoted scalar that starts at line 4, column 9");
        });
    }

    @Test
    void reportsAMarkdownCodeFenceAtItsLineSayingToDropItAndKeepsTheOtherDocuments() {
        Manifests manifests = load("markdown-fence.yaml");

        assertThat(manifests.manifests()).extracting(Manifest::name).containsExactly("after-the-fence");
        assertThat(manifests.unreadable()).singleElement().satisfies(problem -> {
            assertThat(problem.location().line()).isEqualTo(2);
            assertThat(problem.message()).contains("Markdown code fence", "without the fence lines");
        });
    }

    @Test
    void reportsUnquotedTemplatesThatAreValidYamlAtTheirLineAndKeepsCheckingTheOtherDocuments() {
        Manifests manifests = load("helm-unquoted.yaml");

        assertThat(manifests.manifests()).extracting(Manifest::name).containsExactly("after-the-templates");
        assertThat(manifests.unreadable())
                .extracting(ManifestProblem::type, problem -> problem.location().line())
                .containsExactly(tuple(ManifestProblem.Type.TEMPLATE, 5), tuple(ManifestProblem.Type.TEMPLATE, 14),
                        tuple(ManifestProblem.Type.TEMPLATE, 21));
        assertThat(manifests.unreadable().get(0).toString()).endsWith("helm-unquoted.yaml:5: unrendered Helm "
                + "template in 'name: {{ .Values.name }}': a mapping key that is itself a mapping (Kubernetes objects "
                + "only have text keys; YAML reads an unquoted '{{ ... }}' that way); render the chart first (for "
                + "example with 'helm template') and check the output");
        assertThat(manifests.unreadable().get(1).message()).contains("'replicas: {{ .Values.replicas }}'");
    }

    @Test
    void reportsChartActionsInStringsAtTheLineTheyAreOn() {
        Manifests manifests = load("helm-strings.yaml");

        assertThat(manifests.manifests()).isEmpty();
        assertThat(manifests.unreadable())
                .extracting(ManifestProblem::type, problem -> problem.location().line())
                .containsExactly(tuple(ManifestProblem.Type.TEMPLATE, 7), tuple(ManifestProblem.Type.TEMPLATE, 17),
                        tuple(ManifestProblem.Type.TEMPLATE, 24), tuple(ManifestProblem.Type.TEMPLATE, 31));
        assertThat(manifests.unreadable().get(1).message())
                .startsWith("unrendered Helm template in 'release={{ .Release.Name }}': '{{ .Release.Name }}' is "
                        + "left for Helm to fill in;")
                .contains("helm template");
        assertThat(manifests.unreadable().get(2).message()).contains("$.Release.Namespace");
    }

    @Test
    void reportsATemplatedListItemAndKeepsTheOtherItems() {
        Manifests manifests = load("helm-list.yaml");

        assertThat(manifests.manifests()).extracting(Manifest::name).containsExactly("rendered");
        assertThat(manifests.unreadable()).singleElement().satisfies(problem -> {
            assertThat(problem.type()).isEqualTo(ManifestProblem.Type.TEMPLATE);
            assertThat(problem.location().line()).isEqualTo(11);
        });
    }

    @Test
    void keepsBracesThatAreDataForPrometheusAlertmanagerArgoAndTekton() {
        Manifests manifests = load("templates-in-data.yaml");

        assertThat(manifests.problems()).isEmpty();
        assertThat(manifests.manifests()).extracting(Manifest::kind).containsExactly("PrometheusRule",
                "AlertmanagerConfig", "ConfigMap", "Workflow", "ApplicationSet", "Task");
    }

    @Test
    void keepsAKyvernoPolicysOwnVariablesWhenThePolicyIsLoadedAsAManifest() {
        Manifests manifests = load("kyverno-policy.yaml");

        assertThat(manifests.problems()).isEmpty();
        assertThat(manifests.manifests()).extracting(Manifest::name).containsExactly("require-team-label");
    }

    @Test
    void keepsGoTemplatesThatAreJustData() {
        assertThat(load("go-template-data.yaml").manifests()).extracting(Manifest::name)
                .containsExactly("alert-templates");
    }

    @Test
    void refusesLanguageSpecificTags() {
        assertThat(load("python-tag.yaml").unreadable()).singleElement().satisfies(problem -> {
            assertThat(problem.type()).isEqualTo(ManifestProblem.Type.REFUSED_TAG);
            assertThat(problem.message()).contains("python");
        });
    }

    @Test
    void refusesAnOversizedDocumentWithoutParsingItAndKeepsTheOthers() {
        String huge = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: huge}\ndata:\n  blob: "
                + "x".repeat(5 * 1024 * 1024) + "\n";
        Manifests manifests = Manifests.parse(huge + "---\napiVersion: v1\nkind: Pod\nmetadata: {name: small}\n",
                "big.yaml");

        assertThat(manifests.unreadable()).singleElement().satisfies(problem -> {
            assertThat(problem.type()).isEqualTo(ManifestProblem.Type.LIMIT);
            assertThat(problem.location()).hasToString("big.yaml:1");
            assertThat(problem.message()).contains("more than 4194304 characters");
        });
        assertThat(manifests.manifests()).extracting(Manifest::name).containsExactly("small");
    }

    @Test
    void kustomizeFilesAndThePatchesTheyNameAreSkippedWithWhatToRunInstead() {
        Path folder = FIXTURES.resolve("kustomize");
        Manifests manifests = Manifests.load(folder);

        assertThat(manifests.manifests()).extracting(Manifest::name).containsExactly("web");
        assertThat(manifests.manifests().get(0).location().file()).endsWith("deployment.yaml");
        assertThat(manifests.unreadable()).isEmpty();
        assertThat(manifests.skipped()).allSatisfy(p -> assertThat(p.type()).isEqualTo(ManifestProblem.Type.KUSTOMIZE))
                .extracting(p -> Path.of(p.location().file()).getFileName().toString(), ManifestProblem::message)
                .containsExactly(
                        tuple("kustomization.yaml", Kustomizations.skippedKustomization(folder)),
                        tuple("kustomization.yaml", Kustomizations.skippedKustomization(folder.resolve("overlays/prod"))),
                        tuple("replicas.yaml", Kustomizations.skippedNamedFile(new Kustomizations.NamedFile(
                                folder.resolve("overlays/prod/kustomization.yaml"), "patches"))),
                        tuple("resources.yaml", Kustomizations.skippedNamedFile(new Kustomizations.NamedFile(
                                folder.resolve("overlays/prod/kustomization.yaml"), "patchesStrategicMerge"))));
    }

    @Test
    void excludingALinkedFolderKeepsTheFolderItLinksToAndAnExcludedFolderIsNotWalked(@TempDir Path dir)
            throws IOException {
        Files.createDirectories(dir.resolve("releases/v2"));
        Files.writeString(dir.resolve("releases/v2/db.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: db}\n");
        Files.createSymbolicLink(dir.resolve("current"), Path.of("releases/v2"));
        Files.createDirectories(dir.resolve("scratch"));
        Files.createSymbolicLink(dir.resolve("scratch/loop"), Path.of(".."));

        Manifests all = Manifests.load(List.of(dir));
        Manifests withoutTheLink = Manifests.load(List.of(dir),
                ManifestPatterns.excluding(List.of("current/**", "scratch/**")));

        // the link sorts first, so without patterns the file is read through it, once
        assertThat(all.manifests()).extracting(m -> dir.relativize(Path.of(m.location().file())).toString())
                .containsExactly("current/db.yaml");
        assertThat(all.unreadable()).singleElement().satisfies(p -> assertThat(p.message()).contains("loops back"));
        // leaving out the link's path reads the file at its own, and the excluded folder's loop is no problem
        assertThat(withoutTheLink.manifests()).extracting(m -> dir.relativize(Path.of(m.location().file()))
                .toString()).containsExactly("releases/v2/db.yaml");
        assertThat(withoutTheLink.problems()).isEmpty();
        assertThat(ManifestPatterns.excluding(List.of("scratch/**")).excludesFolder(Path.of("scratch"))).isTrue();
        assertThat(ManifestPatterns.excluding(List.of("**/*.json")).excludesFolder(Path.of("scratch"))).isFalse();
        assertThat(ManifestPatterns.excluding(List.of("scratch/*")).excludesFolder(Path.of("scratch")))
                .as("a single star leaves out the files right in it, not its subfolders'").isFalse();
        assertThat(ManifestPatterns.excluding(List.of("**/*-probe*")).excludesFolder(Path.of("apps")))
                .as("only a pattern ending in /** leaves a folder out whole").isFalse();
        assertThat(ManifestPatterns.excluding(List.of("**/tmp/**")).excludesFolder(Path.of("a/tmp"))).isTrue();
        assertThat(ManifestPatterns.excluding(List.of("**")).excludesFolder(Path.of("a"))).isTrue();
        assertThat(ManifestPatterns.excluding(List.of("chart/**/*")).excludesFolder(Path.of("chart"))).isTrue();
    }

    @Test
    void patternsChooseTheFilesOfAFolderButNotAFileNamedItself(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("chart/templates"));
        Files.writeString(dir.resolve("app.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: app}\n");
        Files.writeString(dir.resolve("chart/templates/cm.yaml"), "apiVersion: v1\nkind: ConfigMap\n"
                + "metadata: {name: {{ .Release.Name }}}\n");

        assertThat(Manifests.load(List.of(dir)).unreadable()).hasSize(1);
        Manifests excluded = Manifests.load(List.of(dir), ManifestPatterns.excluding(List.of("chart/**")));
        assertThat(excluded.manifests()).extracting(Manifest::name).containsExactly("app");
        assertThat(excluded.problems()).isEmpty();
        assertThat(Manifests.load(List.of(dir.resolve("chart/templates/cm.yaml")),
                ManifestPatterns.excluding(List.of("chart/**"))).unreadable()).hasSize(1);

        ManifestPatterns patterns = ManifestPatterns.of(List.of("**/*.yml"), List.of("tmp/", " "));
        assertThat(patterns.selects(Path.of("a.yml"))).as("**/ also matches no folder").isTrue();
        assertThat(patterns.selects(Path.of("x/a.yml"))).isTrue();
        assertThat(patterns.selects(Path.of("a.yaml"))).isFalse();
        assertThat(patterns.selects(Path.of("tmp/x/a.yml"))).as("a trailing / is everything below").isFalse();
        assertThat(patterns.excludes()).containsExactly("tmp/");
        assertThat(ManifestPatterns.ALL.selects(Path.of("x/Deployment.YAML"))).as("as folders are read").isTrue();
        assertThat(ManifestPatterns.ALL.selects(Path.of("x/notes.txt"))).isFalse();

        // as in Ant: **/ inside a pattern matches no folder too, and brackets are literal
        ManifestPatterns ant = ManifestPatterns.excluding(List.of("sub/**/*.yaml", "br/[ab].yaml"));
        assertThat(ant.selects(Path.of("sub/direct.yaml"))).isFalse();
        assertThat(ant.selects(Path.of("sub/x/y/deep.yaml"))).isFalse();
        assertThat(ant.selects(Path.of("br/a.yaml"))).isTrue();
        assertThat(ant.selects(Path.of("br/[ab].yaml"))).isFalse();
    }

    @Test
    void aPatchCheckedOnItsOwnIsKnownByTheKustomizationInAFolderAboveIt() {
        Path folder = FIXTURES.resolve("kustomize");
        Manifests manifests = Manifests.load(folder.resolve("overlays/prod/replicas.yaml"));

        assertThat(manifests.manifests()).isEmpty();
        assertThat(manifests.skipped()).singleElement().satisfies(p -> {
            assertThat(p.type()).isEqualTo(ManifestProblem.Type.KUSTOMIZE);
            assertThat(p.message()).startsWith("a Kustomize patch named by "
                    + folder.resolve("overlays/prod/kustomization.yaml") + " (patches), a fragment of an object")
                    .endsWith("kustomize build " + folder.resolve("overlays/prod") + " | guidepost check --pack "
                            + "PACK -, or in a build, render it into a folder the check reads");
        });
    }

    @Test
    void theConfigurationsOfTransformersAreNotObjectsForTheCluster() {
        Path folder = FIXTURES.resolve("kustomize-transformers");

        assertThat(Manifests.load(folder).manifests()).extracting(Manifest::kind).containsExactly("Deployment");
        assertThat(Manifests.load(folder.resolve("labels-transformer.yaml")).skipped()).singleElement()
                .satisfies(p -> assertThat(p.message()).startsWith("a Kustomize transformer configuration named by "
                        + folder.resolve("kustomization.yaml") + " (transformers), not an object for the cluster"));
    }

    @Test
    void aKustomizationFileNamingNeitherApiVersionNorKindIsStillAKustomizeFile() {
        Path folder = FIXTURES.resolve("kustomize-bare");

        assertThat(Manifests.load(folder).skipped()).singleElement().satisfies(p -> {
            assertThat(p.type()).isEqualTo(ManifestProblem.Type.KUSTOMIZE);
            assertThat(p.message()).isEqualTo(Kustomizations.skippedKustomization(folder));
        });
    }

    @Test
    void thePatchesOfAKustomizationNamedKustomizationAreSkippedToo() {
        Path folder = FIXTURES.resolve("kustomize-capital");
        Manifests manifests = Manifests.load(folder);

        assertThat(manifests.manifests()).extracting(Manifest::name).containsExactly("web");
        assertThat(manifests.skipped()).singleElement().satisfies(p -> {
            assertThat(Path.of(p.location().file()).getFileName()).hasToString("more-replicas.yaml");
            assertThat(p.message()).isEqualTo(Kustomizations.skippedNamedFile(new Kustomizations.NamedFile(
                    folder.resolve("Kustomization"), "patches")));
        });
    }

    @Test
    void aFileNamedTwiceOrInsideANamedFolderIsReadOnce() {
        Path folder = FIXTURES.resolve("kustomize");
        Manifests manifests = Manifests.load(folder, folder.resolve("deployment.yaml"), folder.resolve("./deployment.yaml"));

        assertThat(manifests.manifests()).extracting(Manifest::name).containsExactly("web");
    }

    @Test
    void aHelmChartsOwnFilesAreSkippedWithWhatToCheckInstead(@org.junit.jupiter.api.io.TempDir Path chart)
            throws java.io.IOException {
        java.nio.file.Files.writeString(chart.resolve("Chart.yaml"), "apiVersion: v2\nname: web\nversion: 1.0.0\n");
        java.nio.file.Files.writeString(chart.resolve("values.yaml"), "replicas: 2\n");

        assertThat(Manifests.load(chart).skipped()).hasSize(2)
                .allSatisfy(p -> assertThat(p.message()).contains("a Helm chart's", "helm template " + chart));
    }

    @Test
    void knowsTheLineOfAFieldOfAManifestAlsoInsideAList() {
        Manifests manifests = Manifests.parse("""
                apiVersion: v1
                kind: List
                items:
                  - apiVersion: v1
                    kind: Pod
                    metadata: {name: a}
                    spec:
                      volumes:
                        - name: logs
                          hostPath: {path: /var/log}
                """, "list.yaml");
        Manifest pod = manifests.manifests().get(0);

        assertThat(manifests.lineOf(pod, List.of("spec", "volumes", 0, "hostPath"))).isEqualTo(10);
        assertThat(manifests.lineOf(pod, List.of("spec", "missing"))).isEqualTo(7);
        assertThat(Manifests.of(List.of(pod)).lineOf(pod, List.of("spec"))).isZero();
        assertThat(Manifests.concat(List.of(manifests)).lineOf(pod, List.of("spec"))).isEqualTo(7);
    }

    @Test
    void stopsAliasBombs() {
        assertThat(load("alias-bomb.yaml").unreadable()).singleElement()
                .satisfies(problem -> assertThat(problem.type()).isEqualTo(ManifestProblem.Type.LIMIT));
    }

    @Test
    void skipsDocumentsThatAreNotKubernetesObjectsAndRefusesHalfAnObject() {
        Manifests manifests = load("not-kubernetes.yaml");

        assertThat(manifests.manifests()).isEmpty();
        assertThat(manifests.skipped()).hasSize(2).allSatisfy(p -> assertThat(p.message()).contains("skipped"));
        assertThat(manifests.unreadable()).singleElement().satisfies(p -> {
            assertThat(p.type()).isEqualTo(ManifestProblem.Type.INCOMPLETE);
            assertThat(p.location().line()).isEqualTo(5);
            assertThat(p.message()).startsWith("the ConfigMap has no apiVersion; add it");
        });
    }

    @Test
    void refusesABuiltInKindAtAnApiVersionKubernetesDoesNotServeOrAMisspeltKindOfAKubernetesGroupAndNamesTheOneMeant() {
        Manifests manifests = load("unserved-api-versions.yaml");

        assertThat(manifests.manifests()).extracting(m -> m.resource().name())
                .containsExactly("cache", "orders", "custom-deployment-kind", "edge", "unknown-apps-kind", "fast");
        assertThat(manifests.unreadable()).extracting(ManifestProblem::type)
                .containsOnly(ManifestProblem.Type.UNSERVED);
        assertThat(manifests.unreadable()).extracting(ManifestProblem::message).containsExactly(
                "Kubernetes does not serve StatefulSet at apiVersion app/v1, so the cluster would refuse it; use "
                        + "apiVersion: apps/v1",
                "Kubernetes does not serve Ingress at apiVersion extensions/v1beta1, so the cluster would refuse it; "
                        + "use apiVersion: networking.k8s.io/v1",
                "Kubernetes does not serve HorizontalPodAutoscaler at apiVersion autoscaling/v2beta2, so the cluster "
                        + "would refuse it; use apiVersion: autoscaling/v2",
                "Kubernetes does not serve Ingress at apiVersion networking.k8s.io/v1beta1, so the cluster would "
                        + "refuse it; use apiVersion: networking.k8s.io/v1",
                "Kubernetes has no kind Statefulset (kinds are case-sensitive), so the cluster would refuse it; use "
                        + "kind: StatefulSet",
                "Kubernetes has no kind Deploymnet in apps/v1, so the cluster would refuse it; did you mean kind: "
                        + "Deployment?",
                "Kubernetes has no kind CronJobs in batch/v1, so the cluster would refuse it; did you mean kind: "
                        + "CronJob?",
                "Kubernetes has no kind Ingres in networking.k8s.io/v1, so the cluster would refuse it; did you mean "
                        + "kind: Ingress?",
                "Kubernetes has no kind svc in v1, so the cluster would refuse it; did you mean kind: Service?",
                "Kubernetes removed PodSecurityPolicy in 1.25, so the cluster would refuse it; Pod Security admission "
                        + "(pod-security.kubernetes.io/* labels on the Namespace) and the pack's policies replace it: "
                        + "drop the object (a chart's psp.create: false)");
        assertThat(manifests.unreadable()).extracting(p -> p.location().line())
                .containsExactly(2, 6, 22, 26, 34, 38, 42, 46, 50, 59);
    }

    @Test
    void readsJson() {
        Manifest manifest = load("service.json").manifests().get(0);

        assertThat(manifest.resource()).isEqualTo(new ResourceRef("v1", "Service", "web", "from-json"));
        assertThat(manifest.location().line()).isEqualTo(1);
    }

    @Test
    void aTabAfterAKeysColonIsNamedAsSuchNotAsIndentation() {
        Manifests tab = Manifests.parse("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name:\tsettings\n", "cm.yaml");

        assertThat(tab.unreadable()).singleElement().satisfies(p -> {
            assertThat(p.location().line()).isEqualTo(4);
            assertThat(p.message()).contains("a tab after a key's ':'").contains("use spaces there, not a tab")
                    .doesNotContain("indentation");
        });
    }

    @Test
    void readsJsonObjectsOneAfterAnotherAsKubectlDoesEachAtItsLine() {
        // as jq '.items[]' writes them: no separator, a brace inside a string is no boundary
        Manifests stream = Manifests.parse("""
                {
                  "apiVersion": "v1", "kind": "ConfigMap",
                  "metadata": {"name": "first", "annotations": {"note": "}{"}}
                }
                {
                  "apiVersion": "v1", "kind": "ConfigMap",
                  "metadata": {"name": "second"}
                }{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "third"}}
                """, "items.json");

        assertThat(stream.unreadable()).isEmpty();
        assertThat(stream.manifests()).extracting(Manifest::name, m -> m.location().line())
                .containsExactly(tuple("first", 1), tuple("second", 5), tuple("third", 8));
    }

    @Test
    void aBrokenObjectOfAJsonStreamIsNamedAtItsLineAndAYamlFlowMappingIsNeverSplit() {
        Manifests broken = Manifests.parse("""
                {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "first"}}
                {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "second" "namespace": "x"}}
                """, "items.json");
        Manifests flow = Manifests.parse("""
                {apiVersion: v1, kind: ConfigMap,
                 metadata: {name: braces},   # a comment with } {
                 data: {k: '}}{x{'}}
                """, "flow.yaml");

        assertThat(broken.manifests()).extracting(Manifest::name).containsExactly("first");
        assertThat(broken.unreadable()).singleElement().satisfies(p -> assertThat(p.location().line()).isEqualTo(2));
        assertThat(flow.unreadable()).isEmpty();
        assertThat(flow.manifests()).extracting(Manifest::name).containsExactly("braces");
    }

    @Test
    void walksFoldersInAStableOrderSkippingHiddenOnesAndOtherFiles() {
        Manifests manifests = Manifests.load(FIXTURES);

        assertThat(manifests.manifests()).extracting(Manifest::name)
                .doesNotContain("hidden")
                .startsWith("with-anchor", "before", "after", "alert-templates");
        assertThat(Manifests.load(FIXTURES).manifests()).isEqualTo(manifests.manifests());
    }

    @Test
    void reportsAMissingPathAsAProblem() {
        Manifests manifests = Manifests.load(FIXTURES.resolve("nope"));

        assertThat(manifests.unreadable()).singleElement().satisfies(problem -> {
            assertThat(problem.type()).isEqualTo(ManifestProblem.Type.IO);
            assertThat(problem.message()).contains("no such file or folder");
        });
    }

    @Test
    void parsesTextWithASourceName() {
        Manifests manifests = Manifests.parse("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n", "<stdin>");

        assertThat(manifests.manifests()).singleElement()
                .satisfies(m -> assertThat(m.location().toString()).isEqualTo("<stdin>:1"));
    }

    @Test
    void manifestsAreImmutable() {
        Manifest manifest = load("multi.yaml").manifests().get(0);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> manifest.object().put("x", "y"))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
