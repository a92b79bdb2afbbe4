package dev.guidepost.core.internal.search;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.langchain4j.store.embedding.filter.Filter;
import dev.langchain4j.store.embedding.filter.MetadataFilterBuilder;

/**
 * Reads Guidepost's vectors back out of any {@link EmbeddingStore}. The store interface has no "get by id", so a
 * search with a probe vector, a metadata filter and room for every entry lists them; that works for the
 * in-memory store and for shared stores alike.
 */
final class StoredVectors {

    private StoredVectors() {
    }

    /** The vectors of a model's entries whose key is among {@code keys}, by key. */
    static Map<String, Embedding> find(EmbeddingStore<TextSegment> store, String modelId, Collection<String> keys,
            int dimension) {
        Map<String, Embedding> found = new HashMap<>();
        if (keys.isEmpty()) {
            return found;
        }
        java.util.Set<String> asked = new java.util.HashSet<>(keys);
        Filter filter = MetadataFilterBuilder.metadataKey(IndexedView.MODEL).isEqualTo(modelId)
                .and(MetadataFilterBuilder.metadataKey(IndexedView.KEY).isIn(keys));
        for (EmbeddingMatch<TextSegment> match : store.search(EmbeddingSearchRequest.builder()
                .queryEmbedding(probe(dimension))
                .filter(filter)
                .maxResults(keys.size())
                .minScore(0.0)
                .build()).matches()) {
            if (match.embedded() != null && match.embedding() != null
                    && match.embedding().dimension() == dimension) {
                // a store that does not apply metadata filters answers with anything it holds: keep only what
                // was asked for, of this model
                String key = match.embedded().metadata().getString(IndexedView.KEY);
                String model = match.embedded().metadata().getString(IndexedView.MODEL);
                if (key != null && asked.contains(key) && modelId.equals(model)) {
                    found.put(key, match.embedding());
                }
            }
        }
        return found;
    }

    /** The models of the entries of these policies a store holds (any model), sorted; empty when it holds none. */
    static java.util.SortedSet<String> models(EmbeddingStore<TextSegment> store, Collection<String> policies,
            int dimension) {
        java.util.SortedSet<String> models = new java.util.TreeSet<>();
        Filter filter = MetadataFilterBuilder.metadataKey(IndexedView.POLICY).isIn(policies);
        for (EmbeddingMatch<TextSegment> match : store.search(EmbeddingSearchRequest.builder()
                .queryEmbedding(probe(dimension)).filter(filter).maxResults(MAX_LISTED).minScore(0.0).build())
                .matches()) {
            String model = match.embedded() == null ? null : match.embedded().metadata().getString(IndexedView.MODEL);
            if (model != null && policies.contains(match.embedded().metadata().getString(IndexedView.POLICY))) {
                models.add(model);
            }
        }
        return models;
    }

    /** How many entries {@link #models} looks at: a pack's views, many times over. */
    private static final int MAX_LISTED = 100_000;

    private static Embedding probe(int dimension) {
        float[] v = new float[dimension];
        v[0] = 1;
        return Embedding.from(v);
    }
}
