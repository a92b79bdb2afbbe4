package dev.guidepost.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.guidepost.core.internal.search.Evaluator;

class SearchEvaluationTest {

    private static final Path QUERIES = Path.of("src/test/resources/search/queries.yaml");

    @TempDir
    Path temp;

    @Test
    void readsAQueryFile() {
        List<LabelledQuery> queries = LabelledQuery.read(QUERIES);

        assertThat(queries).hasSize(2);
        assertThat(queries.get(0)).isEqualTo(new LabelledQuery("q1", "can my container run as root?",
                List.of("require-non-root", "disallow-host-path"), 1));
    }

    @Test
    void aMalformedQueryFileIsAnErrorWithoutAStackTraceWorthOfNoise() throws Exception {
        Path bad = temp.resolve("bad.yaml");
        Files.writeString(bad, "queries:\n  - id: x\n    query: no relevant list\n");

        assertThatThrownBy(() -> LabelledQuery.read(bad)).isInstanceOf(GuidepostException.class)
                .hasMessageContaining("needs an id, a query and at least one relevant policy id");
        assertThatThrownBy(() -> LabelledQuery.read(temp.resolve("missing.yaml")))
                .isInstanceOf(GuidepostException.class).hasMessageContaining("does not exist");
    }

    @Test
    void aQueryFileWithAMisspeltFieldARepeatedIdOrNoQueriesIsAnErrorAtItsLine() throws Exception {
        Path misspelt = temp.resolve("misspelt.yaml");
        Files.writeString(misspelt,
                "queries:\n  - id: q1\n    query: run as root\n    relevant: [a]\n    primray: 1\n");
        Path repeated = temp.resolve("repeated.yaml");
        Files.writeString(repeated,
                "queries:\n  - {id: q1, query: a, relevant: [x]}\n  - {id: q1, query: b, relevant: [y]}\n");
        Path empty = temp.resolve("empty.yaml");
        Files.writeString(empty, "queries: []\n");

        assertThatThrownBy(() -> LabelledQuery.read(misspelt)).isInstanceOf(GuidepostException.class)
                .hasMessage(misspelt + ":5: query #1: unknown field 'primray'; did you mean primary? (a query has id, "
                        + "query, relevant, primary)");
        assertThatThrownBy(() -> LabelledQuery.read(repeated)).isInstanceOf(GuidepostException.class)
                .hasMessageStartingWith(repeated + ":3: query id 'q1' is used twice");
        assertThatThrownBy(() -> LabelledQuery.read(empty)).isInstanceOf(GuidepostException.class)
                .hasMessageContaining("the query file has no queries");
    }

    @Test
    void scoresRankingsAsTheReadmeDefines() {
        List<LabelledQuery> queries = List.of(
                new LabelledQuery("a", "first", List.of("p2", "p1"), 1),
                new LabelledQuery("b", "second", List.of("p9", "p3"), 2));
        Map<String, List<String>> rankings = Map.of(
                "first", List.of("p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8", "p9", "p10", "p11"),
                "second", List.of("p1", "p2", "p4", "p5", "p6", "p7", "p8", "p9", "p10", "p11", "p3"));

        SearchEvaluation evaluation = Evaluator.evaluate(queries, rankings::get);

        SearchEvaluation.Metrics m = evaluation.metrics();
        // a: primary p2 at rank 2, first relevant (p1) at 1; b: p9 at rank 8, p3 at rank 11
        assertThat(m.recallAt1()).isZero();
        assertThat(m.recallAt3()).isEqualTo(0.5);
        assertThat(m.recallAt10()).isEqualTo(1.0);
        assertThat(m.mrr()).isCloseTo((1.0 + 1.0 / 8) / 2, within(1e-12));
        double ndcgA = (1 + 1 / log2(3)) / (1 + 1 / log2(3));
        assertThat(m.ndcgAt5()).isCloseTo(ndcgA / 2, within(1e-12));
        assertThat(m.queries()).isEqualTo(2);
        assertThat(evaluation.perQuery().get(1).ranks()).containsExactly(Map.entry("p9", 8), Map.entry("p3", 11));
        assertThat(evaluation.perQuery().get(1).top10()).hasSize(10);
    }

    @Test
    void writesTheSameJsonEveryTime() throws Exception {
        KnowledgeBase kb = KnowledgeBase.builder(PolicyPack.load(KnowledgeBaseTest.FIXTURE_PACK)).lexicalOnly()
                .build();
        SearchEvaluation evaluation = kb.evaluate(LabelledQuery.read(QUERIES));
        Path out = temp.resolve("out/eval.json");

        evaluation.writeJson(out);

        String json = Files.readString(out);
        assertThat(json).isEqualTo(kb.evaluate(LabelledQuery.read(QUERIES)).toJson());
        assertThat(json).startsWith("{\n  \"metrics\": {\n    \"recall@1\": ")
                .contains("\"recall@3\": ", "\"recall@5\": ", "\"recall@10\": ", "\"mrr\": ", "\"ndcg@5\": ",
                        "\"queries\": 2\n", "\"perQuery\": [", "\"id\": \"q1\"",
                        "\"query\": \"can my container run as root?\"", "\"require-non-root\": 1")
                .containsPattern("\"top10\": \\[\\s*\"require-non-root\"");
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
