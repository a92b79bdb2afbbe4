package dev.guidepost.core.internal.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.CosineSimilarity;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.EmbeddingSearchResult;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.langchain4j.store.embedding.RelevanceScore;

/**
 * A second {@link EmbeddingStore} implementation, standing in for a shared store (a vector database many builds
 * and agents use): entries by id in a sorted map, upserts, metadata filters, and a count of additions.
 */
public final class MapEmbeddingStore implements EmbeddingStore<TextSegment> {

    private record Entry(Embedding embedding, TextSegment segment) {
    }

    private final Map<String, Entry> entries = new ConcurrentSkipListMap<>();
    private volatile int added;
    private final boolean filters;

    public MapEmbeddingStore() {
        this(true);
    }

    private MapEmbeddingStore(boolean filters) {
        this.filters = filters;
    }

    /** A store that answers every search with all it holds, as simple stores without metadata filters do. */
    public static MapEmbeddingStore ignoringFilters() {
        return new MapEmbeddingStore(false);
    }

    @Override
    public String add(Embedding embedding) {
        throw new UnsupportedOperationException("entries need ids");
    }

    @Override
    public void add(String id, Embedding embedding) {
        throw new UnsupportedOperationException("entries need segments");
    }

    @Override
    public String add(Embedding embedding, TextSegment segment) {
        throw new UnsupportedOperationException("entries need ids");
    }

    @Override
    public List<String> addAll(List<Embedding> embeddings) {
        throw new UnsupportedOperationException("entries need ids");
    }

    @Override
    public synchronized void addAll(List<String> ids, List<Embedding> embeddings, List<TextSegment> segments) {
        for (int i = 0; i < ids.size(); i++) {
            entries.put(ids.get(i), new Entry(embeddings.get(i), segments.get(i)));
            added++;
        }
    }

    @Override
    public EmbeddingSearchResult<TextSegment> search(EmbeddingSearchRequest request) {
        List<EmbeddingMatch<TextSegment>> matches = new ArrayList<>();
        entries.forEach((id, e) -> {
            if (!filters || request.filter() == null || request.filter().test(e.segment().metadata())) {
                double score = RelevanceScore.fromCosineSimilarity(
                        CosineSimilarity.between(e.embedding(), request.queryEmbedding()));
                if (score >= request.minScore()) {
                    matches.add(new EmbeddingMatch<>(score, id, e.embedding(), e.segment()));
                }
            }
        });
        matches.sort(Comparator.comparingDouble(EmbeddingMatch<TextSegment>::score).reversed());
        return new EmbeddingSearchResult<>(matches.subList(0, Math.min(request.maxResults(), matches.size())));
    }

    /** How many entries were ever added. */
    public int added() {
        return added;
    }

    public int size() {
        return entries.size();
    }
}
