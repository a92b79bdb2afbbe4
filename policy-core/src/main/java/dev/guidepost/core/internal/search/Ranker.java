package dev.guidepost.core.internal.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import dev.guidepost.core.Policy;

/**
 * Ranks every policy of a pack for a query: BM25F over the policy's fields, the best cosine over its embedded
 * views, and the two fused ({@link Fusion}). Without a semantic index, or when embedding a query fails, it ranks by
 * words alone. Immutable and thread-safe.
 */
public final class Ranker {

    /** All documents scored for one query, in pack order. */
    public record Scores(double[] fused, double[] cosine, String[] bestView, double[] lexical, double[] semanticPart,
            double[] lexicalPart, boolean semantic) {

        /** Document indexes by fused score, best first, ties by policy id. */
        public List<Integer> order(List<Policy> policies) {
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < fused.length; i++) {
                order.add(i);
            }
            order.sort(Comparator.<Integer>comparingDouble(i -> -fused[i]).thenComparing(i -> policies.get(i).id()));
            return order;
        }
    }

    /** BM25F parameters: all fields weighted alike (measured: title/id boosts changed nothing beyond noise). */
    static final LexicalIndex.Bm25Settings BM25 = LexicalIndex.Bm25Settings.of(1.2, 0.75, allFields(1.0));

    private final List<Policy> policies;
    private final LexicalIndex lexical;
    private final Optional<SemanticIndex> semantic;
    private final Consumer<String> warn;
    private final AtomicBoolean warnedQueryFailure = new AtomicBoolean();

    private Ranker(List<Policy> policies, LexicalIndex lexical, Optional<SemanticIndex> semantic,
            Consumer<String> warn) {
        this.policies = List.copyOf(policies);
        this.lexical = lexical;
        this.semantic = semantic;
        this.warn = warn;
    }

    /** A ranker by words only. */
    public static Ranker lexical(List<Policy> policies) {
        return new Ranker(policies, lexicalIndex(policies), Optional.empty(), w -> { });
    }

    static Ranker of(List<Policy> policies, LexicalIndex lexical, Optional<SemanticIndex> semantic,
            Consumer<String> warn) {
        return new Ranker(policies, lexical, semantic, warn);
    }

    /** The BM25F index of the policies' fields. */
    static LexicalIndex lexicalIndex(List<Policy> policies) {
        List<Map<PolicyField, String>> documents = new ArrayList<>();
        for (Policy policy : policies) {
            Map<PolicyField, String> fields = new EnumMap<>(PolicyField.class);
            for (PolicyField field : PolicyField.values()) {
                fields.put(field, field.text(policy));
            }
            documents.add(fields);
        }
        return LexicalIndex.build(documents, BM25);
    }

    public List<Policy> policies() {
        return policies;
    }

    /** True when semantic ranking is available. */
    public boolean semantic() {
        return semantic.isPresent();
    }

    Optional<SemanticIndex> semanticIndex() {
        return semantic;
    }

    /** Scores every policy for a query. */
    public Scores score(String query) {
        double[] bm25 = lexical.score(query);
        double[] lexicalZ = Fusion.zScores(bm25);
        if (semantic.isPresent()) {
            try {
                SemanticIndex.Similarities similarities = semantic.get().similarities(query);
                double[] semanticZ = Fusion.zScores(similarities.cosines());
                double w = Fusion.SEMANTIC_WEIGHT;
                double[] semanticPart = scale(semanticZ, w);
                double[] lexicalPart = scale(lexicalZ, 1 - w);
                return new Scores(Fusion.linear(w, semanticZ, lexicalZ), similarities.cosines(),
                        similarities.bestViews(), bm25, semanticPart, lexicalPart, true);
            } catch (RuntimeException e) {
                if (warnedQueryFailure.compareAndSet(false, true)) {
                    warn.accept("semantic search failed (" + SharedModels.describe(e)
                            + "); ranking by words only");
                }
            }
        }
        return new Scores(lexicalZ, new double[bm25.length], new String[bm25.length], bm25, new double[bm25.length],
                lexicalZ, false);
    }

    /**
     * The query words found in a policy, the names of the fields they were found in, and how many distinct query
     * words could match at all.
     */
    public Match matched(String query, int document) {
        Map<String, Set<PolicyField>> terms = lexical.matchedTerms(query, document);
        Set<String> words = new LinkedHashSet<>();
        Set<String> searchable = new LinkedHashSet<>();
        Tokenizer tokenizer = Tokenizer.get();
        for (String word : tokenizer.words(query)) {
            for (String term : tokenizer.terms(word)) {
                searchable.add(word);
                if (terms.containsKey(term)) {
                    words.add(word);
                }
            }
        }
        Set<String> fields = new LinkedHashSet<>();
        for (PolicyField field : PolicyField.values()) {
            for (Set<PolicyField> fs : terms.values()) {
                if (fs.contains(field)) {
                    fields.add(field.label());
                }
            }
        }
        return new Match(List.copyOf(words), List.copyOf(fields), searchable.size());
    }

    /** Words of the query that matched, where, and the number of query words that could (stopwords cannot). */
    public record Match(List<String> words, List<String> fields, int queryWords) {
    }

    private static double[] scale(double[] values, double factor) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i] * factor;
        }
        return out;
    }

    private static Map<PolicyField, Double> allFields(double weight) {
        Map<PolicyField, Double> weights = new EnumMap<>(PolicyField.class);
        for (PolicyField field : PolicyField.values()) {
            weights.put(field, weight);
        }
        return weights;
    }
}
