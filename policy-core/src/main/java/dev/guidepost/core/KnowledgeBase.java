package dev.guidepost.core;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import dev.guidepost.core.internal.match.KindSelector;
import dev.guidepost.core.internal.search.Evaluator;
import dev.guidepost.core.internal.search.IndexBuilder;
import dev.guidepost.core.internal.search.IndexStats;
import dev.guidepost.core.internal.search.ManifestQuery;
import dev.guidepost.core.internal.search.QueryKinds;
import dev.guidepost.core.internal.search.Ranker;
import dev.guidepost.core.internal.search.SharedModels;
import dev.guidepost.core.internal.search.WeakMatch;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore;

/**
 * A policy pack as knowledge to search in plain words ("can my container run as root?"), so people and agents
 * find the rules before they write a manifest. Every policy is searchable, advisory and mutate/generate ones
 * included. Ranking fuses meaning (all-MiniLM-L6-v2 sentence embeddings of each policy, run in-process) with words
 * (BM25F over the policy's title, description, rule messages, constrained fields and more). When the embedding
 * model cannot load, search still works by words, with one warning. Immutable and thread-safe.
 *
 * <pre>{@code
 * KnowledgeBase kb = KnowledgeBase.builder(pack).cacheDirectory(Path.of("target/guidepost")).build();
 * List<SearchHit> hits = kb.search("can my container run as root?", 5);
 * }</pre>
 */
public final class KnowledgeBase {

    private final PolicyPack pack;
    private final Ranker ranker;
    private final List<String> warnings;
    private final Optional<IndexStats> stats;
    private volatile PolicyEngine engine;

    private KnowledgeBase(PolicyPack pack, IndexBuilder.Built built) {
        this.pack = pack;
        this.ranker = built.ranker();
        this.warnings = List.copyOf(built.warnings());
        this.stats = built.stats();
    }

    /** A knowledge base of a pack with the default model, an in-memory store and no cache folder. */
    public static KnowledgeBase of(PolicyPack pack) {
        return builder(pack).build();
    }

    /** Starts configuring a knowledge base of a pack. */
    public static Builder builder(PolicyPack pack) {
        return new Builder(pack);
    }

    /** The pack searched. */
    public PolicyPack pack() {
        return pack;
    }

    /** True when ranking uses meaning as well as words; false after a fallback to words only. */
    public boolean semantic() {
        return ranker.semantic();
    }

    /** Problems met while building that did not stop it (model unavailable, unreadable cache, ...). */
    public List<String> warnings() {
        return warnings;
    }

    /** How many policy views were embedded now and how many came from the store or index files. */
    public String indexSummary() {
        return stats.map(s -> s.views() + " policy views: " + s.fromStore() + " from the store, " + s.fromPackJars()
                + " from pack jars' index.json, " + s.fromCache() + " from the cache folder, " + s.embedded()
                + " embedded now").orElse("lexical index only");
    }

    /** The best {@code limit} policies for a question. */
    public List<SearchHit> search(String query, int limit) {
        return search(SearchRequest.of(query).withLimit(limit));
    }

    /**
     * The Kubernetes kinds a question names ({@code StatefulSet}, {@code cronjobs}, {@code sts}), each with the
     * enforceable policies of the pack that apply to it (as a {@link SearchRequest#withKinds kind filter} selects
     * them) and are not among the hits already shown, in the order the question names the kinds; a kind with none
     * left is left out. Search ranks by meaning, so a rule every workload must follow can rank low for "I'm adding
     * a StatefulSet": these are the rest of the list to read besides the hits.
     */
    public Map<String, List<Policy>> policiesForKindsNamedIn(String question, Collection<SearchHit> shown) {
        Objects.requireNonNull(question, "question");
        Set<String> shownIds = shown.stream().map(h -> h.policy().id()).collect(Collectors.toSet());
        Map<String, List<Policy>> out = new LinkedHashMap<>();
        for (String kind : QueryKinds.named(question)) {
            SearchRequest filter = SearchRequest.of(question).withKinds(Set.of(kind));
            List<Policy> applying = pack.policies().stream()
                    .filter(p -> p.enforceable() && filter.accepts(p) && !shownIds.contains(p.id())).toList();
            if (!applying.isEmpty()) {
                out.put(kind, applying);
            }
        }
        return java.util.Collections.unmodifiableMap(out);
    }

    /** The best policies for a request, filtered, best first; ties are broken by policy id. */
    public List<SearchHit> search(SearchRequest request) {
        if (Objects.requireNonNull(request, "request").query().isBlank()) {
            return List.of();
        }
        Ranker.Scores scores = ranker.score(request.query());
        List<Policy> policies = ranker.policies();
        List<SearchHit> hits = new ArrayList<>();
        for (int d : scores.order(policies)) {
            if (hits.size() >= request.limit() || scores.fused()[d] < request.minimumScore()) {
                break;
            }
            if (!scores.semantic() && scores.lexical()[d] <= 0) {
                break; // ranked by words alone, a policy sharing no word with the query is no hit (the rest neither)
            }
            Policy policy = policies.get(d);
            if (request.accepts(policy)) {
                hits.add(hit(request.query(), scores, d, policy));
            }
        }
        return List.copyOf(hits);
    }

    /**
     * Policies for an intent in plain words ("I want to expose my app on the internet"): the best ten, ranked as
     * {@link #search(SearchRequest)} ranks them. Every one is returned, with {@link SearchHit#weakMatch()} set on
     * those that answer the intent poorly and scores relative to the pack's average (0); for strong matches only,
     * search with {@link SearchRequest#withMinimumScore(double)}.
     */
    public List<SearchHit> discover(String intent) {
        return search(SearchRequest.of(intent));
    }

    /**
     * What the pack says about a manifest: the policies that apply to it, in pack order, and other policies
     * related to it by meaning, found with a query built out of the manifest's kind, names, labels, images and
     * fields. The enforceable policies apply when their match rules select the manifest (exact, as the engine
     * decides); an advisory policy, which has no rules to evaluate, applies when its match kinds include the
     * manifest's kind. Related policies are only those scoring at least the pack's average ({@link SearchHit#score()}
     * of 0 or more) for that query or for a compact one of the kind and images alone ({@code StatefulSet postgres}),
     * which keeps a workload's nature from drowning in its field names.
     */
    public ManifestDiscovery discover(Manifest manifest) {
        Objects.requireNonNull(manifest, "manifest");
        String query = ManifestQuery.of(manifest);
        Set<String> selected = engine().applicablePolicies(manifest).stream().map(Policy::id)
                .collect(Collectors.toSet());
        List<Policy> applicable = pack.policies().stream().filter(p -> selected.contains(p.id())
                || !p.enforceable() && KindSelector.anySelects(p.kinds(), manifest.apiVersion(), manifest.kind()))
                .toList();
        return new ManifestDiscovery(manifest, query, applicable, related(query, ManifestQuery.compact(manifest)));
    }

    /**
     * The hits scoring at least the pack's average for the manifest's full query or for its compact one (kind and
     * images), each policy once with its better score, best first.
     */
    private List<SearchHit> related(String query, String compact) {
        Map<String, SearchHit> best = new LinkedHashMap<>();
        for (String q : compact.isEmpty() ? List.of(query) : List.of(query, compact)) {
            for (SearchHit hit : search(SearchRequest.of(q).withMinimumScore(0))) {
                best.merge(hit.policy().id(), hit, (a, b) -> b.score() > a.score() ? b : a);
            }
        }
        return best.values().stream().sorted(Comparator.comparingDouble((SearchHit h) -> -h.score())
                .thenComparing(h -> h.policy().id())).toList();
    }

    /**
     * The engine that decides which policies apply by their match rules, compiled on first use and then shared:
     * an adapter that also checks manifests uses this one instead of compiling the pack a second time.
     */
    public PolicyEngine engine() {
        PolicyEngine current = engine;
        if (current == null) {
            synchronized (this) {
                if (engine == null) {
                    engine = PolicyEngine.of(pack);
                }
                current = engine;
            }
        }
        return current;
    }

    /** Ranks the whole pack for every query and scores the rankings. */
    public SearchEvaluation evaluate(List<LabelledQuery> queries) {
        return Evaluator.evaluate(queries, this::rankAll);
    }

    /** Every policy id, best first, for a query. */
    public List<String> rankAll(String query) {
        Ranker.Scores scores = ranker.score(Objects.requireNonNull(query, "query"));
        List<Policy> policies = ranker.policies();
        return scores.order(policies).stream().map(d -> policies.get(d).id()).toList();
    }

    /**
     * Writes the pack's embeddings as {@code index.json} into a folder: put it in a pack jar's
     * {@code META-INF/guidepost/} and consumers of the jar never embed the pack again.
     *
     * @return the file written
     * @throws GuidepostException when semantic search is off, so there is nothing to write
     */
    public Path writeIndex(Path directory) {
        return IndexBuilder.writeIndex(ranker, directory);
    }

    private SearchHit hit(String query, Ranker.Scores scores, int d, Policy policy) {
        Ranker.Match match = ranker.matched(query, d);
        double semanticPart = Math.abs(scores.semanticPart()[d]);
        double lexicalPart = Math.abs(scores.lexicalPart()[d]);
        double share = scores.semantic() && semanticPart + lexicalPart > 0
                ? semanticPart / (semanticPart + lexicalPart) : 0;
        boolean weak = WeakMatch.weak(scores.semantic(), scores.cosine()[d], match.words().size(),
                match.queryWords());
        return new SearchHit(policy, scores.fused()[d], new SearchHit.Why(scores.cosine()[d],
                scores.bestView()[d], scores.lexical()[d], match.words(), match.fields(), share), weak);
    }

    @Override
    public String toString() {
        return "KnowledgeBase[" + pack + (semantic() ? ", semantic+lexical" : ", lexical") + "]";
    }

    /** Configures a {@link KnowledgeBase}. Not thread-safe; the knowledge base it builds is. */
    public static final class Builder {

        private final PolicyPack pack;
        private SearchModel model = SearchModel.QUANTIZED;
        private EmbeddingModel customModel;
        private String customModelId;
        private boolean lexicalOnly;
        private EmbeddingStore<TextSegment> store;
        private Path cacheDirectory;
        private ClassLoader classLoader;
        private boolean classLoaderSet;

        private Builder(PolicyPack pack) {
            this.pack = Objects.requireNonNull(pack, "pack");
        }

        /** Which bundled model embeds (default {@link SearchModel#QUANTIZED}). */
        public Builder model(SearchModel searchModel) {
            this.model = Objects.requireNonNull(searchModel, "searchModel");
            this.customModel = null;
            return this;
        }

        /**
         * Any langchain4j embedding model instead of a bundled one; {@code id} names it in cache keys, so two
         * different models must have different ids.
         */
        public Builder embeddingModel(EmbeddingModel embeddingModel, String id) {
            this.customModel = Objects.requireNonNull(embeddingModel, "embeddingModel");
            this.customModelId = Objects.requireNonNull(id, "id");
            return this;
        }

        /** Ranks by words only, without loading a model. */
        public Builder lexicalOnly() {
            this.lexicalOnly = true;
            return this;
        }

        /**
         * Where vectors are kept and searched (default: a new in-memory store). A store shared by many builds
         * and agents is filled once: entries are keyed by model, policy and view content, and only missing ones
         * are added. The store should apply langchain4j's metadata filters (the in-memory store, pgvector, Qdrant
         * and Elasticsearch do): one that does not still gives the same answers, since entries of other packs and
         * models are left out and a search asks it again for more results until it has all of this pack's, but
         * each search then costs more.
         */
        public Builder embeddingStore(EmbeddingStore<TextSegment> embeddingStore) {
            this.store = Objects.requireNonNull(embeddingStore, "embeddingStore");
            return this;
        }

        /** A folder (for example the build's target folder) where the embeddings are cached between runs. */
        public Builder cacheDirectory(Path directory) {
            this.cacheDirectory = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /**
         * Where to look for pack jars' {@code META-INF/guidepost/index.json} (default: the thread's context class
         * loader); {@code null} looks nowhere.
         */
        public Builder classLoader(ClassLoader loader) {
            this.classLoader = loader;
            this.classLoaderSet = true;
            return this;
        }

        /** Builds the indexes (embedding only what no store, index file or cache already holds). */
        public KnowledgeBase build() {
            Optional<Supplier<SharedModels.Loaded>> embeddingModel;
            String modelId;
            if (lexicalOnly) {
                embeddingModel = Optional.empty();
                modelId = "none";
            } else if (customModel != null) {
                SharedModels.Loaded custom = new SharedModels.Loaded(Optional.of(customModel), "");
                embeddingModel = Optional.of(() -> custom);
                modelId = customModelId;
            } else {
                SearchModel shared = model;
                shared.preload();
                embeddingModel = Optional.of(() -> SharedModels.get(shared));
                modelId = shared.id();
            }
            ClassLoader loader = classLoaderSet ? classLoader : Thread.currentThread().getContextClassLoader();
            EmbeddingStore<TextSegment> target = store != null ? store : new InMemoryEmbeddingStore<>();
            return new KnowledgeBase(pack, IndexBuilder.build(pack, embeddingModel, modelId, target,
                    Optional.ofNullable(cacheDirectory), loader));
        }
    }
}
