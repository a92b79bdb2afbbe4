package dev.guidepost.core.internal.search;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import dev.guidepost.core.LabelledQuery;
import dev.guidepost.core.SearchEvaluation;

/** Scores whole-pack rankings of labelled queries with {@link RankingMetrics}. */
public final class Evaluator {

    private Evaluator() {
    }

    /** Evaluates a ranking function (query text → every policy id, best first) over labelled queries. */
    public static SearchEvaluation evaluate(List<LabelledQuery> queries, Function<String, List<String>> ranking) {
        double r1 = 0, r3 = 0, r5 = 0, r10 = 0, mrr = 0, ndcg = 0;
        List<SearchEvaluation.QueryResult> perQuery = new ArrayList<>();
        for (LabelledQuery q : queries) {
            List<String> ranked = ranking.apply(q.query());
            r1 += RankingMetrics.hitAt(ranked, q.relevant(), q.primary(), 1) ? 1 : 0;
            r3 += RankingMetrics.hitAt(ranked, q.relevant(), q.primary(), 3) ? 1 : 0;
            r5 += RankingMetrics.hitAt(ranked, q.relevant(), q.primary(), 5) ? 1 : 0;
            r10 += RankingMetrics.hitAt(ranked, q.relevant(), q.primary(), 10) ? 1 : 0;
            mrr += RankingMetrics.reciprocalRank(ranked, q.relevant());
            ndcg += RankingMetrics.ndcg(ranked, q.relevant(), 5);
            Map<String, Integer> ranks = new LinkedHashMap<>();
            for (String id : q.relevant()) {
                ranks.put(id, ranked.indexOf(id) + 1);
            }
            perQuery.add(new SearchEvaluation.QueryResult(q.id(), q.query(), ranks,
                    ranked.subList(0, Math.min(10, ranked.size()))));
        }
        int n = Math.max(1, queries.size());
        return new SearchEvaluation(new SearchEvaluation.Metrics(r1 / n, r3 / n, r5 / n, r10 / n, mrr / n, ndcg / n,
                queries.size()), perQuery);
    }
}
