package dev.guidepost.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import org.junit.jupiter.api.Test;

/**
 * Ranks the shared development queries over the shared corpus with the default knowledge base and fails when a
 * metric drops below the floor in {@code search-floor.properties}. Raise the floor when ranking improves; never
 * lower it to make a change pass. Skipped when the shared retrieval data ({@code ../shared} beside the
 * repository) is absent.
 */
class DevQueriesRatchetTest {

    private static final Path SHARED = Path.of("").toAbsolutePath().getParent().getParent()
            .resolve("shared/retrieval");

    @Test
    void developmentQueriesRankAtLeastAsWellAsTheRecordedFloor() throws Exception {
        Path corpus = SHARED.resolve("corpus");
        Path queries = SHARED.resolve("dev-queries.yaml");
        assumeTrue(Files.isDirectory(corpus) && Files.isRegularFile(queries),
                "skipped: the shared retrieval data is not at " + SHARED + " (../shared beside the repository)");
        Properties floor = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/search-floor.properties")) {
            floor.load(in);
        }
        KnowledgeBase kb = KnowledgeBase.builder(PolicyPack.load(corpus))
                .cacheDirectory(Path.of("target/guidepost-search-cache")).build();
        assertThat(kb.semantic()).as("semantic search is on: %s", kb.warnings()).isTrue();

        SearchEvaluation.Metrics m = kb.evaluate(LabelledQuery.read(queries)).metrics();

        System.out.printf("dev queries (%d): R@1 %.3f R@3 %.3f R@5 %.3f R@10 %.3f MRR %.3f nDCG@5 %.3f%n",
                m.queries(), m.recallAt1(), m.recallAt3(), m.recallAt5(), m.recallAt10(), m.mrr(), m.ndcgAt5());
        assertThat(m.queries()).isEqualTo(Integer.parseInt(floor.getProperty("queries")));
        assertThat(m.recallAt1()).as("recall@1").isGreaterThanOrEqualTo(value(floor, "recall@1"));
        assertThat(m.recallAt3()).as("recall@3").isGreaterThanOrEqualTo(value(floor, "recall@3"));
        assertThat(m.recallAt5()).as("recall@5").isGreaterThanOrEqualTo(value(floor, "recall@5"));
        assertThat(m.recallAt10()).as("recall@10").isGreaterThanOrEqualTo(value(floor, "recall@10"));
        assertThat(m.mrr()).as("mrr").isGreaterThanOrEqualTo(value(floor, "mrr"));
        assertThat(m.ndcgAt5()).as("ndcg@5").isGreaterThanOrEqualTo(value(floor, "ndcg@5"));
    }

    private static double value(Properties floor, String key) {
        return Double.parseDouble(floor.getProperty(key));
    }
}
