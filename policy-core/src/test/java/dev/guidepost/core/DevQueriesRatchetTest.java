package dev.guidepost.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;

/**
 * Ranks the shared development queries over the shared corpus with the default knowledge base and fails when a
 * metric drops below the floor in {@code search-floor.properties}. Raise the floor when ranking improves; never
 * lower it to make a change pass. A second check asks for every policy by its title (known-item search, no labels
 * needed): the development questions paraphrase titles on purpose, so a change can gain on them by discounting
 * title matches while failing people who type a policy's name; the title floor catches that. A third ranks a second
 * set of questions that was never used for tuning, so a change fitted to the development questions shows. Skipped
 * when the shared retrieval data ({@code ../shared} beside the repository) is absent.
 */
class DevQueriesRatchetTest {

    private static final Path SHARED = Path.of("").toAbsolutePath().getParent().getParent()
            .resolve("shared/retrieval");

    private static final Path CORPUS = SHARED.resolve("corpus");
    private static final Path QUERIES = SHARED.resolve("dev-queries.yaml");
    private static KnowledgeBase knowledgeBase;

    /** The default knowledge base of the shared corpus, built once for both checks. */
    private static synchronized KnowledgeBase knowledgeBase() {
        assumeTrue(Files.isDirectory(CORPUS) && Files.isRegularFile(QUERIES),
                "skipped: the shared retrieval data is not at " + SHARED + " (../shared beside the repository)");
        if (knowledgeBase == null) {
            knowledgeBase = KnowledgeBase.builder(PolicyPack.load(CORPUS))
                    .cacheDirectory(Path.of("target/guidepost-search-cache")).build();
        }
        assertThat(knowledgeBase.semantic()).as("semantic search is on: %s", knowledgeBase.warnings()).isTrue();
        return knowledgeBase;
    }

    private Properties floor() throws Exception {
        Properties floor = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/search-floor.properties")) {
            floor.load(in);
        }
        return floor;
    }

    @Test
    void everyPolicyIsFoundByItsTitle() throws Exception {
        KnowledgeBase kb = knowledgeBase();
        List<LabelledQuery> titles = kb.pack().policies().stream()
                .map(p -> new LabelledQuery("title-" + p.id(), p.title(), List.of(p.id()), 1)).toList();

        SearchEvaluation.Metrics m = kb.evaluate(titles).metrics();

        System.out.printf("titles as queries (%d): R@1 %.3f R@3 %.3f MRR %.3f%n", m.queries(), m.recallAt1(),
                m.recallAt3(), m.mrr());
        Properties floor = floor();
        assertThat(m.recallAt1()).as("title lookups recall@1").isGreaterThanOrEqualTo(value(floor, "titles.recall@1"));
        assertThat(m.mrr()).as("title lookups mrr").isGreaterThanOrEqualTo(value(floor, "titles.mrr"));
    }

    @Test
    void developmentQueriesRankAtLeastAsWellAsTheRecordedFloor() throws Exception {
        KnowledgeBase kb = knowledgeBase();
        Properties floor = floor();

        SearchEvaluation.Metrics m = kb.evaluate(LabelledQuery.read(QUERIES)).metrics();

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

    @Test
    void aSecondQuerySetNeverUsedForTuningRanksAtLeastAsWellAsItsFloor() throws Exception {
        KnowledgeBase kb = knowledgeBase();
        Properties floor = floor();
        Path queries = Path.of(getClass().getResource("/search/second-queries.yaml").toURI());

        SearchEvaluation.Metrics m = kb.evaluate(LabelledQuery.read(queries)).metrics();

        System.out.printf("second queries (%d): R@1 %.3f R@3 %.3f R@5 %.3f R@10 %.3f MRR %.3f nDCG@5 %.3f%n",
                m.queries(), m.recallAt1(), m.recallAt3(), m.recallAt5(), m.recallAt10(), m.mrr(), m.ndcgAt5());
        assertThat(m.queries()).isEqualTo(Integer.parseInt(floor.getProperty("second.queries")));
        assertThat(m.recallAt1()).as("recall@1").isGreaterThanOrEqualTo(value(floor, "second.recall@1"));
        assertThat(m.recallAt5()).as("recall@5").isGreaterThanOrEqualTo(value(floor, "second.recall@5"));
        assertThat(m.mrr()).as("mrr").isGreaterThanOrEqualTo(value(floor, "second.mrr"));
    }

    private static double value(Properties floor, String key) {
        return Double.parseDouble(floor.getProperty(key));
    }
}
