package dev.guidepost.core.internal.search;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A small BM25F index over the fields of a few hundred or thousand policies. Each field's term frequency is
 * length-normalised on its own and weighted before BM25's saturation (Robertson's BM25F), so a word in a title
 * counts more than the same word in a long description without letting either dominate. Immutable and
 * thread-safe once built.
 */
final class LexicalIndex {

    /** One term's occurrences: the documents holding it and, per document, its frequency in each field. */
    private record Posting(int[] docs, float[][] fieldFrequencies) {
    }

    private final Bm25Settings settings;
    private final double[] weights;
    private final int documentCount;
    private final Map<String, Posting> postings;
    /** Per document, per field (by ordinal): 1 - b + b * length / average length. */
    private final float[][] lengthNorms;

    private LexicalIndex(Bm25Settings settings, int documentCount, Map<String, Posting> postings,
            float[][] lengthNorms) {
        this.settings = settings;
        this.weights = settings.weights();
        this.documentCount = documentCount;
        this.postings = postings;
        this.lengthNorms = lengthNorms;
    }

    /** Indexes documents given as field texts; document {@code i} is {@code documents.get(i)}. */
    static LexicalIndex build(List<Map<PolicyField, String>> documents, Bm25Settings settings) {
        Tokenizer tokenizer = Tokenizer.get();
        PolicyField[] fields = PolicyField.values();
        int n = documents.size();
        int[][] lengths = new int[n][fields.length];
        Map<String, Map<Integer, float[]>> frequencies = new LinkedHashMap<>();
        for (int d = 0; d < n; d++) {
            for (Map.Entry<PolicyField, String> field : documents.get(d).entrySet()) {
                int f = field.getKey().ordinal();
                List<String> terms = tokenizer.terms(field.getValue());
                lengths[d][f] = terms.size();
                for (String term : terms) {
                    frequencies.computeIfAbsent(term, t -> new LinkedHashMap<>())
                            .computeIfAbsent(d, x -> new float[fields.length])[f]++;
                }
            }
        }
        double[] averages = new double[fields.length];
        for (int f = 0; f < fields.length; f++) {
            long total = 0;
            for (int d = 0; d < n; d++) {
                total += lengths[d][f];
            }
            averages[f] = n == 0 ? 0 : (double) total / n;
        }
        float[][] norms = new float[n][fields.length];
        for (int d = 0; d < n; d++) {
            for (int f = 0; f < fields.length; f++) {
                double b = settings.b();
                norms[d][f] = (float) (averages[f] == 0 ? 1 : 1 - b + b * lengths[d][f] / averages[f]);
            }
        }
        Map<String, Posting> postings = new HashMap<>(frequencies.size() * 2);
        frequencies.forEach((term, byDoc) -> {
            int[] docs = new int[byDoc.size()];
            float[][] tf = new float[byDoc.size()][];
            int i = 0;
            for (Map.Entry<Integer, float[]> e : byDoc.entrySet()) {
                docs[i] = e.getKey();
                tf[i] = e.getValue();
                i++;
            }
            postings.put(term, new Posting(docs, tf));
        });
        return new LexicalIndex(settings, n, postings, norms);
    }

    /** The number of documents indexed. */
    int size() {
        return documentCount;
    }

    /** BM25F scores of every document for a query (0 for documents sharing no term with it). */
    double[] score(String query) {
        double[] scores = new double[documentCount];
        for (String term : queryTerms(query)) {
            Posting posting = postings.get(term);
            if (posting == null) {
                continue;
            }
            double idf = idf(posting.docs().length);
            for (int i = 0; i < posting.docs().length; i++) {
                int d = posting.docs()[i];
                double tf = weightedFrequency(d, posting.fieldFrequencies()[i]);
                scores[d] += idf * tf / (settings.k1() + tf);
            }
        }
        return scores;
    }

    /** The query's terms that occur in a document, with the fields each occurs in, for explanations. */
    Map<String, Set<PolicyField>> matchedTerms(String query, int document) {
        Map<String, Set<PolicyField>> out = new LinkedHashMap<>();
        for (String term : queryTerms(query)) {
            Posting posting = postings.get(term);
            if (posting == null) {
                continue;
            }
            for (int i = 0; i < posting.docs().length; i++) {
                if (posting.docs()[i] == document) {
                    Set<PolicyField> fields = new LinkedHashSet<>();
                    float[] tf = posting.fieldFrequencies()[i];
                    for (PolicyField f : PolicyField.values()) {
                        if (tf[f.ordinal()] > 0 && settings.weight(f) > 0) {
                            fields.add(f);
                        }
                    }
                    if (!fields.isEmpty()) {
                        out.put(term, fields);
                    }
                }
            }
        }
        return out;
    }

    private static List<String> queryTerms(String query) {
        return new ArrayList<>(new LinkedHashSet<>(Tokenizer.get().terms(query)));
    }

    private double weightedFrequency(int doc, float[] fieldFrequencies) {
        double sum = 0;
        for (int f = 0; f < fieldFrequencies.length; f++) {
            if (fieldFrequencies[f] > 0) {
                sum += weights[f] * fieldFrequencies[f] / lengthNorms[doc][f];
            }
        }
        return sum;
    }

    private double idf(int documentFrequency) {
        return Math.log(1 + (documentCount - documentFrequency + 0.5) / (documentFrequency + 0.5));
    }

    /**
     * BM25F parameters: saturation {@code k1}, length normalisation {@code b}, and a weight per field.
     *
     * @param weights weight per field, indexed by {@link PolicyField#ordinal()}
     */
    record Bm25Settings(double k1, double b, double[] weights) {

        Bm25Settings {
            weights = weights.clone();
        }

        /** Settings with the given per-field weights (missing fields weigh 0). */
        static Bm25Settings of(double k1, double b, Map<PolicyField, Double> weights) {
            double[] w = new double[PolicyField.values().length];
            EnumMap<PolicyField, Double> map = new EnumMap<>(PolicyField.class);
            map.putAll(weights);
            map.forEach((f, v) -> w[f.ordinal()] = v);
            return new Bm25Settings(k1, b, w);
        }

        double weight(PolicyField field) {
            return weights[field.ordinal()];
        }

        @Override
        public double[] weights() {
            return weights.clone();
        }
    }
}
