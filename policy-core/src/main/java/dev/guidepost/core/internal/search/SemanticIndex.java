package dev.guidepost.core.internal.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import dev.guidepost.core.Policy;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.langchain4j.store.embedding.filter.Filter;
import dev.langchain4j.store.embedding.filter.MetadataFilterBuilder;
import dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore;

/**
 * The semantic half of search: every policy's views embedded and kept in an {@link EmbeddingStore}, and a query
 * scored against all of them. A policy's similarity is its best view's cosine. Building reuses vectors already in
 * the store, then those of the given index files (cache folder, pack jars), and embeds only what is left.
 * Thread-safe once built.
 */
final class SemanticIndex {

    /**
     * Texts per embedding call. The in-process model already runs each text on all cores; handing it hundreds at
     * once oversubscribes a small machine (measured: 308 policies took 3x longer in one call than in batches).
     */
    private static final int BATCH = 16;

    /** How many times as many matches as the pack has views a search asks a store that ignores filters for. */
    private static final int MAX_WIDENING = 256;

    /** One query's similarities: per document, the best view's cosine and that view's name. */
    record Similarities(double[] cosines, String[] bestViews) {
    }

    private final EmbeddingModel model;
    private final String modelId;
    private final EmbeddingStore<TextSegment> store;
    private final List<IndexedView> views;
    private final Map<String, Embedding> vectors;
    private final Map<String, Integer> documentOf;
    private final int documentCount;
    private final Filter filter;
    /** The keys of this pack's views: a store that does not apply filters may answer with others. */
    private final Set<String> keys;
    private final IndexStats stats;

    private SemanticIndex(EmbeddingModel model, String modelId, EmbeddingStore<TextSegment> store,
            List<IndexedView> views, Map<String, Embedding> vectors, Map<String, Integer> documentOf,
            int documentCount, IndexStats stats) {
        this.model = model;
        this.modelId = modelId;
        this.store = store;
        this.views = List.copyOf(views);
        this.vectors = Map.copyOf(vectors);
        this.documentOf = Map.copyOf(documentOf);
        this.documentCount = documentCount;
        Set<String> viewKeys = new LinkedHashSet<>();
        views.forEach(v -> viewKeys.add(v.key()));
        this.keys = Set.copyOf(viewKeys);
        this.filter = MetadataFilterBuilder.metadataKey(IndexedView.MODEL).isEqualTo(modelId)
                .and(MetadataFilterBuilder.metadataKey(IndexedView.KEY).isIn(viewKeys));
        this.stats = stats;
    }

    /**
     * Embeds the views of {@code policies} into {@code store}, reusing what the store, then the pack jars' index
     * files, then the cache files already hold.
     */
    static SemanticIndex build(List<Policy> policies, EmbeddingModel model, String modelId,
            EmbeddingStore<TextSegment> store, List<InMemoryEmbeddingStore<TextSegment>> packJars,
            List<InMemoryEmbeddingStore<TextSegment>> cache, Consumer<String> warn) {
        List<IndexedView> views = new ArrayList<>();
        Map<String, Integer> documentOf = new HashMap<>();
        for (int d = 0; d < policies.size(); d++) {
            Policy policy = policies.get(d);
            documentOf.put(policy.id(), d);
            for (PolicyView view : PolicyView.texts(policy)) {
                views.add(IndexedView.of(modelId, policy.id(), view));
            }
        }
        Set<String> wanted = new LinkedHashSet<>();
        views.forEach(v -> wanted.add(v.key()));
        int dimension = model.dimension();
        Map<String, Embedding> vectors = new HashMap<>(StoredVectors.find(store, modelId, wanted, dimension));
        int fromStore = vectors.size();

        Map<String, Embedding> fromFiles = new HashMap<>();
        int fromPackJars = addFound(packJars, wanted, vectors, fromFiles, modelId, dimension, warn);
        int fromCache = addFound(cache, wanted, vectors, fromFiles, modelId, dimension, warn);
        List<IndexedView> toEmbed = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (IndexedView view : views) {
            if (!vectors.containsKey(view.key()) && !fromFiles.containsKey(view.key()) && seen.add(view.key())) {
                toEmbed.add(view);
            }
        }
        Map<String, Embedding> embedded = new HashMap<>();
        for (int from = 0; from < toEmbed.size(); from += BATCH) {
            List<IndexedView> batch = toEmbed.subList(from, Math.min(toEmbed.size(), from + BATCH));
            List<Embedding> result = model.embedAll(batch.stream().map(v -> TextSegment.from(v.text())).toList())
                    .content();
            for (int i = 0; i < batch.size(); i++) {
                embedded.put(batch.get(i).key(), result.get(i));
            }
        }
        // add to the store what it did not have, once per key
        List<String> ids = new ArrayList<>();
        List<Embedding> embeddings = new ArrayList<>();
        List<TextSegment> segments = new ArrayList<>();
        Set<String> added = new LinkedHashSet<>();
        for (IndexedView view : views) {
            Embedding e = fromFiles.containsKey(view.key()) ? fromFiles.get(view.key()) : embedded.get(view.key());
            if (e != null && !vectors.containsKey(view.key()) && added.add(view.key())) {
                ids.add(view.storeId());
                embeddings.add(e);
                segments.add(view.segment(modelId));
            }
        }
        if (!ids.isEmpty()) {
            store.addAll(ids, embeddings, segments);
        }
        vectors.putAll(fromFiles);
        vectors.putAll(embedded);
        return new SemanticIndex(model, modelId, store, views, vectors, documentOf, policies.size(),
                new IndexStats(views.size(), fromStore, fromPackJars, fromCache, embedded.size()));
    }

    /** Adds to {@code found} the wanted vectors the files hold that neither map has yet; returns how many. */
    private static int addFound(List<InMemoryEmbeddingStore<TextSegment>> files, Set<String> wanted,
            Map<String, Embedding> vectors, Map<String, Embedding> found, String modelId, int dimension,
            Consumer<String> warn) {
        int before = found.size();
        for (InMemoryEmbeddingStore<TextSegment> file : files) {
            List<String> missing = wanted.stream().filter(k -> !vectors.containsKey(k) && !found.containsKey(k))
                    .toList();
            if (missing.isEmpty()) {
                break;
            }
            try {
                found.putAll(StoredVectors.find(file, modelId, missing, dimension));
            } catch (RuntimeException e) {
                warn.accept("ignoring an unusable search index: " + SharedModels.describe(e));
            }
        }
        return found.size() - before;
    }

    IndexStats stats() {
        return stats;
    }

    String modelId() {
        return modelId;
    }

    /** The views and their vectors, to write an index file. */
    List<IndexedView> views() {
        return views;
    }

    Map<String, Embedding> vectors() {
        return vectors;
    }

    /**
     * The store's matches for a query vector, this pack's views among them. A store that applies the filter answers
     * with exactly those; one that ignores it (allowed, see {@code KnowledgeBase.Builder#embeddingStore}) may fill
     * the answer with other packs' vectors, so it is asked again for more, up to {@value #MAX_WIDENING} times as
     * many, until every view of this pack is among them or the store has no more.
     */
    private List<EmbeddingMatch<TextSegment>> search(Embedding q) {
        int wanted = Math.max(1, views.size());
        for (int asked = wanted; ; asked *= 4) {
            List<EmbeddingMatch<TextSegment>> matches = store.search(EmbeddingSearchRequest.builder()
                    .queryEmbedding(q)
                    .filter(filter)
                    .maxResults(asked)
                    .minScore(0.0)
                    .build()).matches();
            Set<String> found = new java.util.HashSet<>();
            for (EmbeddingMatch<TextSegment> match : matches) {
                String key = match.embedded().metadata().getString(IndexedView.KEY);
                if (keys.contains(key)) {
                    found.add(key);
                }
            }
            if (found.size() >= keys.size() || matches.size() < asked || asked >= (long) wanted * MAX_WIDENING) {
                return matches;
            }
        }
    }

    /** Embeds a query and scores every document's views against it. */
    Similarities similarities(String query) {
        Embedding q = model.embed(query).content();
        double[] cosines = new double[documentCount];
        Arrays.fill(cosines, Double.NaN);
        String[] best = new String[documentCount];
        for (EmbeddingMatch<TextSegment> match : search(q)) {
            if (!keys.contains(match.embedded().metadata().getString(IndexedView.KEY))) {
                continue;
            }
            Integer d = documentOf.get(match.embedded().metadata().getString(IndexedView.POLICY));
            if (d == null) {
                continue;
            }
            double cosine = 2 * match.score() - 1;
            if (Double.isNaN(cosines[d]) || cosine > cosines[d]) {
                cosines[d] = cosine;
                best[d] = match.embedded().metadata().getString(IndexedView.VIEW);
            }
        }
        double floor = Arrays.stream(cosines).filter(c -> !Double.isNaN(c)).min().orElse(0);
        for (int d = 0; d < documentCount; d++) {
            if (Double.isNaN(cosines[d])) {
                cosines[d] = floor;
            }
        }
        return new Similarities(cosines, best);
    }
}
