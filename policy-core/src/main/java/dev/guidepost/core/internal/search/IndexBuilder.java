package dev.guidepost.core.internal.search;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

import dev.guidepost.core.GuidepostException;
import dev.guidepost.core.PolicyPack;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore;

/**
 * Builds the search indexes of a pack: the lexical index always, the semantic one when a model is available. The
 * vectors come from the store, the pack jars' {@code META-INF/guidepost/index.json}, the cache folder, and last
 * the model. The cache file is rewritten when it did not hold exactly the pack's current views. Problems with
 * caches or the model become warnings and a lexical fallback, never errors.
 */
public final class IndexBuilder {

    private static final System.Logger LOG = System.getLogger("dev.guidepost.search");
    /** Model failures are logged once per JVM, however many knowledge bases are built. */
    private static final Set<String> LOGGED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** The outcome of a build. */
    public record Built(Ranker ranker, List<String> warnings, Optional<IndexStats> stats) {
    }

    private IndexBuilder() {
    }

    /**
     * Builds the indexes. The lexical index and the index files are read before the model is asked for, so that a
     * model loading in the background ({@link SharedModels#preload}) overlaps that work.
     *
     * @param model          supplies the embedding model, or why it could not load; empty for lexical search
     * @param modelId        the model's id (part of every vector's key)
     * @param store          where vectors are kept and searched
     * @param cacheDirectory a folder for the cache file, if any
     * @param loader         where to look for pack jars' indexes, if anywhere
     */
    public static Built build(PolicyPack pack, Optional<Supplier<SharedModels.Loaded>> model, String modelId,
            EmbeddingStore<TextSegment> store, Optional<Path> cacheDirectory, ClassLoader loader) {
        List<String> warnings = new ArrayList<>();
        Consumer<String> warn = message -> {
            warnings.add(message);
            LOG.log(System.Logger.Level.WARNING, message);
        };
        LexicalIndex lexical = Ranker.lexicalIndex(pack.policies());
        if (model.isEmpty()) {
            return new Built(Ranker.of(pack.policies(), lexical, Optional.empty(), warn), warnings, Optional.empty());
        }
        Optional<Path> cacheFile = cacheDirectory.map(d -> IndexFiles.cacheFile(d, pack.name(), pack.source(), modelId));
        List<InMemoryEmbeddingStore<TextSegment>> packJars = new ArrayList<>(IndexFiles.readJar(pack.source(), warn));
        if (packJars.isEmpty() && pack.source().contains(", ")) {
            // combined packs: their sources joined, each maybe a pack jar with its own index
            for (String part : pack.source().split(", ")) {
                packJars.addAll(IndexFiles.readJar(part, warn));
            }
        }
        packJars.addAll(IndexFiles.readClasspath(loader, warn));
        List<InMemoryEmbeddingStore<TextSegment>> cached = cacheFile.map(f -> IndexFiles.read(f, warn))
                .orElse(List.of());
        // a copy of the pack read from elsewhere (another checkout) has its vectors in the folder already
        List<InMemoryEmbeddingStore<TextSegment>> copies = cached.isEmpty() && cacheFile.isPresent()
                ? IndexFiles.readOtherCopies(cacheFile.get(), pack.name(), modelId, warn) : List.of();
        SharedModels.Loaded loaded = model.get().get();
        if (loaded.model().isEmpty()) {
            String message = "semantic search is off because the embedding model " + modelId
                    + " could not load (" + loaded.failure() + "); ranking by words only";
            warnings.add(message);
            if (LOGGED.add(message)) {
                LOG.log(System.Logger.Level.WARNING, message);
            }
            return new Built(Ranker.of(pack.policies(), lexical, Optional.empty(), warn), warnings, Optional.empty());
        }
        SemanticIndex semantic;
        try {
            List<InMemoryEmbeddingStore<TextSegment>> cache = new ArrayList<>(cached);
            cache.addAll(copies);
            semantic = SemanticIndex.build(pack.policies(), loaded.model().get(), modelId, store, packJars, cache,
                    warn);
        } catch (RuntimeException e) {
            warn.accept("semantic search is off because the policies could not be embedded ("
                    + SharedModels.describe(e) + "); ranking by words only");
            return new Built(Ranker.of(pack.policies(), lexical, Optional.empty(), warn), warnings, Optional.empty());
        }
        if (semantic.stats().fromPackJars() == 0 && semantic.stats().embedded() > 0) {
            otherModels(packJars, modelId, pack, loaded.model().get().dimension()).ifPresent(models -> warn.accept(
                    "the pack jar's search index was built with " + models + ", not " + modelId + ", so "
                            + semantic.stats().embedded() + " views were embedded now; build the index with the "
                            + "model searches use (the index goal's model)"));
        }
        // the cache keeps what was embedded here; vectors that came from a pack jar or the store need no copy
        boolean copied = semantic.stats().fromCache() > 0 && cached.isEmpty();
        if (cacheFile.isPresent() && (semantic.stats().embedded() > 0 || copied) && !holdsExactly(cached, semantic)) {
            try {
                IndexFiles.write(cacheFile.get(), modelId, semantic.views(), semantic.vectors());
            } catch (IOException | RuntimeException e) {
                warn.accept("cannot write the search index cache " + cacheFile.get() + ": "
                        + SharedModels.describe(e));
            }
        }
        return new Built(Ranker.of(pack.policies(), lexical, Optional.of(semantic), warn), warnings,
                Optional.of(semantic.stats()));
    }

    /**
     * The models a pack jar's index was built with when none is {@code modelId} and it holds views of this pack's
     * policies: its vectors then cannot serve this search.
     */
    private static Optional<String> otherModels(List<InMemoryEmbeddingStore<TextSegment>> packJars, String modelId,
            PolicyPack pack, int dimension) {
        Set<String> policies = new java.util.HashSet<>();
        pack.policies().forEach(p -> policies.add(p.id()));
        Set<String> models = new java.util.TreeSet<>();
        for (InMemoryEmbeddingStore<TextSegment> store : packJars) {
            try {
                models.addAll(StoredVectors.models(store, policies, dimension));
            } catch (RuntimeException e) {
                // an index of vectors of another size: of another model, and no use here either
            }
        }
        return models.isEmpty() || models.contains(modelId) ? Optional.empty()
                : Optional.of(String.join(", ", models));
    }

    /** Writes a ranker's vectors as {@code index.json} in a folder, for a pack jar's {@code META-INF/guidepost/}. */
    public static Path writeIndex(Ranker ranker, Path directory) {
        SemanticIndex semantic = ranker.semanticIndex().orElseThrow(() -> new GuidepostException(
                "cannot write a search index: semantic search is off (see the knowledge base's warnings)"));
        Path file = directory.resolve(IndexFiles.INDEX_FILE);
        try {
            IndexFiles.write(file, semantic.modelId(), semantic.views(), semantic.vectors());
        } catch (IOException e) {
            throw new GuidepostException("cannot write the search index " + file + ": " + SharedModels.describe(e));
        }
        return file;
    }

    private static boolean holdsExactly(List<InMemoryEmbeddingStore<TextSegment>> cached, SemanticIndex semantic) {
        if (cached.size() != 1) {
            return false;
        }
        Set<String> keys = new LinkedHashSet<>();
        semantic.views().forEach(v -> keys.add(v.key()));
        InMemoryEmbeddingStore<TextSegment> store = cached.get(0);
        if (store.size() != keys.size()) {
            return false;
        }
        int dimension = semantic.vectors().values().iterator().next().dimension();
        try {
            return StoredVectors.find(store, semantic.modelId(), keys, dimension).size() == keys.size();
        } catch (RuntimeException e) {
            return false; // an unusable entry (a vector of another length): the cache is written again
        }
    }
}
