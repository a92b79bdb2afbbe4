package dev.guidepost.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

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
        assertThat(quoted.unreadable()).singleElement()
                .satisfies(problem -> assertThat(problem.type()).isEqualTo(ManifestProblem.Type.TEMPLATE));
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
    void stopsAliasBombs() {
        assertThat(load("alias-bomb.yaml").unreadable()).singleElement()
                .satisfies(problem -> assertThat(problem.type()).isEqualTo(ManifestProblem.Type.LIMIT));
    }

    @Test
    void skipsDocumentsThatAreNotKubernetesObjects() {
        Manifests manifests = load("not-kubernetes.yaml");

        assertThat(manifests.manifests()).isEmpty();
        assertThat(manifests.unreadable()).isEmpty();
        assertThat(manifests.skipped()).hasSize(3).allSatisfy(p -> assertThat(p.message()).contains("skipped"));
        assertThat(manifests.skipped().get(1).message()).contains("no apiVersion");
    }

    @Test
    void readsJson() {
        Manifest manifest = load("service.json").manifests().get(0);

        assertThat(manifest.resource()).isEqualTo(new ResourceRef("v1", "Service", "web", "from-json"));
        assertThat(manifest.location().line()).isEqualTo(1);
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
