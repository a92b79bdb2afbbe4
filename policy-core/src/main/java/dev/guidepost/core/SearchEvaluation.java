package dev.guidepost.core;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.guidepost.core.internal.json.Json;

/**
 * How well a knowledge base ranks a set of {@link LabelledQuery labelled queries}: the whole pack is ranked for
 * every query and scored with recall@1/3/5/10 (a primary name in the top k), MRR (first relevant name, 0 past
 * rank 10) and nDCG@5 (binary gain), each averaged over {@code queries}.
 *
 * @param metrics  the averages
 * @param perQuery each query's ranks and top ten, in query order
 */
public record SearchEvaluation(Metrics metrics, List<QueryResult> perQuery) {

    public SearchEvaluation {
        Objects.requireNonNull(metrics, "metrics");
        perQuery = List.copyOf(perQuery);
    }

    /**
     * Averages over the queries.
     *
     * @param queries the number of queries scored
     */
    public record Metrics(double recallAt1, double recallAt3, double recallAt5, double recallAt10, double mrr,
            double ndcgAt5, int queries) {
    }

    /**
     * One query's outcome.
     *
     * @param id    the query's id
     * @param query the question
     * @param ranks each relevant id's 1-based rank in the whole ranking, in the query's order (0 when the pack
     *              has no such policy)
     * @param top10 the ids of the first ten hits
     */
    public record QueryResult(String id, String query, Map<String, Integer> ranks, List<String> top10) {

        public QueryResult {
            ranks = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(ranks));
            top10 = List.copyOf(top10);
        }
    }

    /**
     * The evaluation as JSON: {@code {"metrics": {"recall@1", "recall@3", "recall@5", "recall@10", "mrr",
     * "ndcg@5", "queries"}, "perQuery": [{"id", "query", "ranks", "top10"}]}}, metrics rounded to 4 decimals. The
     * same evaluation always gives the same text.
     */
    public String toJson() {
        Map<String, Object> metricValues = new LinkedHashMap<>();
        metricValues.put("recall@1", round(metrics.recallAt1()));
        metricValues.put("recall@3", round(metrics.recallAt3()));
        metricValues.put("recall@5", round(metrics.recallAt5()));
        metricValues.put("recall@10", round(metrics.recallAt10()));
        metricValues.put("mrr", round(metrics.mrr()));
        metricValues.put("ndcg@5", round(metrics.ndcgAt5()));
        metricValues.put("queries", metrics.queries());
        List<Object> queries = new ArrayList<>();
        for (QueryResult q : perQuery) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", q.id());
            row.put("query", q.query());
            row.put("ranks", q.ranks());
            row.put("top10", q.top10());
            queries.add(row);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("metrics", metricValues);
        root.put("perQuery", queries);
        return Json.pretty(root);
    }

    /** Writes {@link #toJson()} to a file (UTF-8), creating its folder. */
    public void writeJson(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, toJson(), StandardCharsets.UTF_8);
    }

    private static BigDecimal round(double value) {
        return BigDecimal.valueOf(value).setScale(4, RoundingMode.HALF_EVEN).stripTrailingZeros();
    }
}
