package dev.guidepost.core.internal.search;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.IntStream;

import dev.guidepost.core.LabelledQuery;
import dev.guidepost.core.Policy;
import dev.guidepost.core.PolicyPack;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;

/**
 * Research harness, not a test: measures ranking variants on a labelled query set, over all queries and over the
 * two halves (A: even positions, B: odd positions), so that a choice tuned on one half can be confirmed on the
 * other, and fitted weights are judged on held-out halves ({@link #crossFit}, {@link #crossLtr}: A to B, B to A and
 * 20 random half splits). Every score is a {@code [query][policy]} matrix, so variants are cheap to combine.
 * Embeddings are cached by text in a file between runs.
 * <p>
 * Run: {@code java -Dmode=MODE -cp target/classes:target/test-classes:$(cat cp.txt)
 * dev.guidepost.core.internal.search.SearchExperiment CORPUS QUERIES [quantized|full] [VECTOR_CACHE_FILE]}.
 * Modes: baseline (add -Ddump=1 for the misses), diagnose (ranks of the first relevant name per signal), views
 * (separately embedded views, z-fused and cross-fitted), summary, titleplace (what the embedded summary holds),
 * effect (rule kind in words), phrasing, clauses (query phrasings), lexical (BM25F k1, b, field weights), terms
 * (bigrams, IDF coverage), soft (MiniLM word-level soft matching), fusion, temperature, adaptive (fusion forms),
 * local (local-IDF rerank), smooth (neighbour smoothing), geometry (centring, all-but-the-top), intent, nb,
 * intent2 (change-vs-check intent times rule kind: oracle, zero-shot, corpus naive Bayes, corpus-trained
 * classifier), passages (max over description sentences), combo, ltr2, ltr3 (pairwise logistic reranking),
 * title (title-match discount), knownitem (titles, ids and first sentences as queries), ensemble
 * (-Dother=CACHE of the other model), hub (CSLS-style hubness correction against pseudo-queries of the pack),
 * prf (Rocchio pseudo-relevance feedback on the query vector), adapter (a ridge-regression query adapter learnt
 * from the pack's own titles, sentences and messages), truncate (the summary cut to its first N words), chunks
 * (the summary in pieces the model reads whole), contrast (local contrast among the first k), kinds (a bonus
 * for the kinds the query names), autoq (template questions from titles), cutoff (how many policies and
 * relevant ones clear a discovery threshold, for plain and median/MAD z-scores).
 * <p>
 * Findings of the second round (quantized model, 200 development queries): nothing beat the shipped design on
 * both halves by more than noise within the index-time budget. The only significant dev gain, a negative weight
 * on title-only BM25 (dev R@1 0.670 to 0.720, 12 queries won and 2 lost), comes from the questions paraphrasing
 * titles and costs plain title lookups (R@1 0.916 to 0.877), so it is not shipped; the knowledge-base ratchet now
 * checks title lookups. Max-over-sentences helps a little (R@1 +0.01 held out) but embeds three times as many
 * texts.
 * <p>
 * Third round: hubness correction (+0.00 to +0.02 R@1 at best, 5-8 wins against 2-4 losses), pseudo-relevance
 * feedback (no R@1 change, MRR down) and the ridge query adapter (R@1 +0.01 to +0.02, MRR +0.01, paired wins 5-6
 * against 1-3) all stay within the noise of 200 queries, so none is shipped.
 * <p>
 * Fourth round: the Kubernetes API reference descriptions of the fields each policy's rules touch (resolved as
 * parent-child pairs against the client-java 24 model types reachable from the policy's kinds; 3.8 documented
 * fields per policy, 65 policies with none), tried appended to the summary, as a fused view (weights 0.1 to 0.3),
 * max over views, and as a BM25 feature, with and without the types' own descriptions: the best variant moved R@1
 * from 0.670 to 0.680 (6 wins, 4 losses), noise again, so API text is not indexed.
 * <p>
 * Fifth round: langchain4j's MiniLM reads only the first 128 word pieces of a text (its tokenizer truncates; the
 * rest of a longer text changes nothing, measured), and 138 of the 308 summaries are longer, so their last
 * sentences and failure messages are not embedded. Making them visible (truncate, chunks: the summary packed into
 * pieces of at most 60 to 126 tokens, plain or after the title, scored by max or mean over the pieces) did not help
 * (best: R@1 unchanged with 8 wins and 8 losses, MRR down 0.01), and cutting the summary shorter than 100 words
 * hurt. The summary's order, most telling text first, is what makes the truncation harmless; the tail's words
 * still count in the lexical index. Local contrast (contrast: rerank the first 3 to 8 by the cosine of the query
 * with what sets each candidate's vector apart from the others') lost more first places than it won (best: 4 wins,
 * 4 losses at weight 0.1; more weight, more losses), so siblings are not told apart that way either.
 * <p>
 * Sixth round: the kinds a query names (kinds: recognised from the pack's own kinds, 151 of the 200 queries name
 * one) as a bonus for the policies that select them moved R@1 from 0.675 to 0.680 and MRR from 0.833 to 0.838 at
 * best (1 win, 0 losses at weight 0.2; 2 wins, 1 loss at 0.5): the kind words already count in BM25F's kinds
 * field, so the bonus mostly repeats them. Not shipped. Two models that rank higher than MiniLM on public retrieval
 * benchmarks, langchain4j's quantized bge-small-en-v1.5 (with its query instruction) and e5-small-v2 (with its
 * "query: " and "passage: " prefixes), both at 1.11.0-beta19 (no 1.19 build is published), ranked worse in the
 * shipped design (summary fused 0.75/0.25 with BM25F): bge R@1 0.660, R@5 0.910, MRR 0.804; e5 R@1 0.675, R@5
 * 0.910, MRR 0.818; the embeddings of MiniLM and e5 averaged reached R@1 0.695, R@5 0.940, MRR 0.843 for twice the
 * model cost (ensemble with -Dother, vectors made by a throwaway program). So the model is not what holds the
 * targets back.
 * <p>
 * Seventh round: questions made from each title by its leading verb (autoq: "Disallow X" gives "Can I use X?",
 * "Add X" gives "Will X be added automatically?"; doc2query by templates, for packs without example questions),
 * as views maxed with the summary or added with weights 0.1 to 0.5, alone or followed by the description: the best
 * moved R@1 from 0.670 to 0.675 with MRR unchanged (0.832), and max-fusion lost (R@1 0.650, R@5 0.910). Not
 * shipped.
 */
public class SearchExperiment {

    final List<Policy> policies;
    final List<LabelledQuery> queries;
    final EmbeddingModel model;
    private final Path cacheFile;
    private final Map<String, float[]> cache;
    final int[] all;
    final int[] halfA;
    final int[] halfB;

    SearchExperiment(PolicyPack pack, List<LabelledQuery> queries, EmbeddingModel model, Path cacheFile)
            throws IOException, ClassNotFoundException {
        this.policies = pack.policies();
        this.queries = queries;
        this.model = model;
        this.cacheFile = cacheFile;
        this.cache = load(cacheFile);
        this.all = IntStream.range(0, queries.size()).toArray();
        this.halfA = IntStream.range(0, queries.size()).filter(i -> i % 2 == 0).toArray();
        this.halfB = IntStream.range(0, queries.size()).filter(i -> i % 2 == 1).toArray();
    }

    // ---------------------------------------------------------------- embeddings

    @SuppressWarnings("unchecked")
    private static Map<String, float[]> load(Path file) throws IOException, ClassNotFoundException {
        if (file == null || !Files.exists(file)) {
            return new HashMap<>();
        }
        try (var in = new ObjectInputStream(Files.newInputStream(file))) {
            return (Map<String, float[]>) in.readObject();
        }
    }

    /** Embeds the texts the cache lacks, in batches as the index does, and saves the cache. */
    void ensure(Collection<String> texts) {
        List<String> missing = new ArrayList<>(new LinkedHashSet<>(texts));
        missing.removeIf(cache::containsKey);
        if (missing.isEmpty()) {
            return;
        }
        long t0 = System.nanoTime();
        for (int from = 0; from < missing.size(); from += 16) {
            List<String> batch = missing.subList(from, Math.min(missing.size(), from + 16));
            var result = model.embedAll(batch.stream().map(TextSegment::from).toList()).content();
            for (int i = 0; i < batch.size(); i++) {
                cache.put(batch.get(i), result.get(i).vector());
            }
        }
        System.err.printf("embedded %d texts in %d ms%n", missing.size(), (System.nanoTime() - t0) / 1_000_000);
        if (cacheFile != null) {
            try (var out = new ObjectOutputStream(Files.newOutputStream(cacheFile))) {
                out.writeObject(new HashMap<>(cache));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    float[] vec(String text) {
        float[] v = cache.get(text);
        if (v == null) {
            ensure(List.of(text));
            v = cache.get(text);
        }
        return v;
    }

    static double cos(float[] a, float[] b) {
        double s = 0, na = 0, nb = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return s / Math.sqrt(na * nb);
    }

    /** Query vectors from one or more phrasings, averaged. */
    float[][] queryVectors(List<Function<String, String>> phrasings) {
        List<String> texts = new ArrayList<>();
        for (LabelledQuery q : queries) {
            for (var f : phrasings) {
                texts.add(f.apply(q.query()));
            }
        }
        ensure(texts);
        float[][] out = new float[queries.size()][];
        for (int q = 0; q < queries.size(); q++) {
            float[] acc = null;
            for (var f : phrasings) {
                float[] v = normalised(vec(f.apply(queries.get(q).query())));
                if (acc == null) {
                    acc = v.clone();
                } else {
                    for (int i = 0; i < acc.length; i++) {
                        acc[i] += v[i];
                    }
                }
            }
            out[q] = acc;
        }
        return out;
    }

    static float[] normalised(float[] v) {
        double n = 0;
        for (float x : v) {
            n += x * x;
        }
        float[] o = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            o[i] = (float) (v[i] / Math.sqrt(n));
        }
        return o;
    }

    /**
     * Cosines of every query against every policy's texts, reduced per policy by max ({@code max}) or mean;
     * a policy without texts gets the query's lowest score.
     */
    double[][] semantic(float[][] queryVectors, Function<Policy, List<String>> texts, boolean max) {
        List<List<String>> docs = policies.stream().map(texts).toList();
        List<String> flat = new ArrayList<>();
        docs.forEach(flat::addAll);
        ensure(flat);
        double[][] out = new double[queries.size()][policies.size()];
        for (int q = 0; q < queries.size(); q++) {
            double floor = Double.POSITIVE_INFINITY;
            for (int p = 0; p < policies.size(); p++) {
                List<String> d = docs.get(p);
                if (d.isEmpty()) {
                    out[q][p] = Double.NaN;
                    continue;
                }
                double best = Double.NEGATIVE_INFINITY, sum = 0;
                for (String t : d) {
                    double c = cos(queryVectors[q], vec(t));
                    best = Math.max(best, c);
                    sum += c;
                }
                out[q][p] = max ? best : sum / d.size();
                floor = Math.min(floor, out[q][p]);
            }
            for (int p = 0; p < policies.size(); p++) {
                if (Double.isNaN(out[q][p])) {
                    out[q][p] = floor;
                }
            }
        }
        return out;
    }

    double[][] semantic(float[][] queryVectors, Function<Policy, String> text) {
        return semantic(queryVectors, p -> {
            String t = text.apply(p).strip();
            return t.isEmpty() ? List.of() : List.of(t);
        }, true);
    }

    // ---------------------------------------------------------------- lexical

    LexicalIndex lexicalIndex(Map<PolicyField, Double> weights, double k1, double b) {
        List<Map<PolicyField, String>> docs = new ArrayList<>();
        for (Policy p : policies) {
            Map<PolicyField, String> fields = new EnumMap<>(PolicyField.class);
            for (PolicyField f : PolicyField.values()) {
                fields.put(f, f.text(p));
            }
            docs.add(fields);
        }
        return LexicalIndex.build(docs, LexicalIndex.Bm25Settings.of(k1, b, weights));
    }

    static Map<PolicyField, Double> flat() {
        Map<PolicyField, Double> w = new EnumMap<>(PolicyField.class);
        for (PolicyField f : PolicyField.values()) {
            w.put(f, 1.0);
        }
        return w;
    }

    double[][] lexical(LexicalIndex index) {
        double[][] out = new double[queries.size()][];
        for (int q = 0; q < queries.size(); q++) {
            out[q] = index.score(queries.get(q).query());
        }
        return out;
    }

    // ---------------------------------------------------------------- combination

    static double[] z(double[] s) {
        double mean = 0;
        for (double x : s) {
            mean += x;
        }
        mean /= s.length;
        double var = 0;
        for (double x : s) {
            var += (x - mean) * (x - mean);
        }
        double sd = Math.sqrt(var / s.length);
        double[] out = new double[s.length];
        for (int i = 0; i < s.length; i++) {
            out[i] = sd < 1e-12 ? 0 : (s[i] - mean) / sd;
        }
        return out;
    }

    static double[][] z(double[][] m) {
        double[][] out = new double[m.length][];
        for (int q = 0; q < m.length; q++) {
            out[q] = z(m[q]);
        }
        return out;
    }

    /** Sum of weighted matrices. */
    static double[][] sum(double[] weights, List<double[][]> features) {
        int nq = features.get(0).length, np = features.get(0)[0].length;
        double[][] out = new double[nq][np];
        for (int f = 0; f < weights.length; f++) {
            if (weights[f] == 0) {
                continue;
            }
            double[][] m = features.get(f);
            for (int q = 0; q < nq; q++) {
                for (int p = 0; p < np; p++) {
                    out[q][p] += weights[f] * m[q][p];
                }
            }
        }
        return out;
    }

    static double[][] sum(double[][] a, double wa, double[][] b, double wb) {
        return sum(new double[] {wa, wb}, List.of(a, b));
    }

    // ---------------------------------------------------------------- metrics

    /** R@1, R@3, R@5, R@10, MRR, nDCG@5 of a score matrix over a subset of queries. */
    double[] metrics(double[][] scores, int[] subset) {
        double[] m = new double[6];
        for (int q : subset) {
            List<String> ranking = ranking(scores[q]);
            LabelledQuery lq = queries.get(q);
            m[0] += RankingMetrics.hitAt(ranking, lq.relevant(), lq.primary(), 1) ? 1 : 0;
            m[1] += RankingMetrics.hitAt(ranking, lq.relevant(), lq.primary(), 3) ? 1 : 0;
            m[2] += RankingMetrics.hitAt(ranking, lq.relevant(), lq.primary(), 5) ? 1 : 0;
            m[3] += RankingMetrics.hitAt(ranking, lq.relevant(), lq.primary(), 10) ? 1 : 0;
            m[4] += RankingMetrics.reciprocalRank(ranking, lq.relevant());
            m[5] += RankingMetrics.ndcg(ranking, lq.relevant(), 5);
        }
        for (int i = 0; i < m.length; i++) {
            m[i] /= subset.length;
        }
        return m;
    }

    /** Only the first ten ids matter to every metric. */
    List<String> ranking(double[] s) {
        Integer[] idx = new Integer[s.length];
        for (int i = 0; i < s.length; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, Comparator.<Integer>comparingDouble(i -> -s[i]).thenComparing(i -> policies.get(i).id()));
        List<String> out = new ArrayList<>(10);
        for (int i = 0; i < Math.min(10, idx.length); i++) {
            out.add(policies.get(idx[i]).id());
        }
        return out;
    }

    /** The objective a fit maximises: MRR plus R@1 (both reward the first hit; MRR is smoother). */
    double objective(double[][] scores, int[] subset) {
        double[] m = metrics(scores, subset);
        return m[4] + 0.5 * m[0] + 0.5 * m[2];
    }

    void report(String name, double[][] scores) {
        double[] a = metrics(scores, all), h1 = metrics(scores, halfA), h2 = metrics(scores, halfB);
        System.out.printf(
                "%-52s R@1 %.3f R@3 %.3f R@5 %.3f R@10 %.3f MRR %.3f nDCG %.3f | A R@1 %.3f R@5 %.3f MRR %.3f | B R@1 %.3f R@5 %.3f MRR %.3f%n",
                name, a[0], a[1], a[2], a[3], a[4], a[5], h1[0], h1[2], h1[4], h2[0], h2[2], h2[4]);
    }

    // ---------------------------------------------------------------- fitting

    /**
     * Coordinate ascent of feature weights (the first held at 1) on a subset, over a grid per weight; a few
     * sweeps. Ties prefer the smaller change, so weights stay near where they start.
     */
    double[] fit(List<double[][]> features, int[] subset, double[] grid, double[] start) {
        double[] w = start.clone();
        double best = objective(sum(w, features), subset);
        for (int sweep = 0; sweep < 3; sweep++) {
            boolean changed = false;
            for (int f = 1; f < w.length; f++) {
                double keep = w[f];
                double bestValue = keep;
                for (double g : grid) {
                    w[f] = g;
                    double o = objective(sum(w, features), subset);
                    if (o > best + 1e-9) {
                        best = o;
                        bestValue = g;
                        changed = true;
                    }
                }
                w[f] = bestValue;
            }
            if (!changed) {
                break;
            }
        }
        return w;
    }

    /**
     * Fits on A and tests on B and the other way round, then on 20 random half splits: prints the weights and the
     * held-out metrics (what the fit is worth on unseen queries).
     */
    void crossFit(String name, List<double[][]> features, double[] grid, double[] start) {
        double[] wa = fit(features, halfA, grid, start);
        double[] wb = fit(features, halfB, grid, start);
        double[] onB = metrics(sum(wa, features), halfB);
        double[] onA = metrics(sum(wb, features), halfA);
        System.out.printf("%-40s fit A %s -> B R@1 %.3f R@5 %.3f MRR %.3f | fit B %s -> A R@1 %.3f R@5 %.3f MRR %.3f%n",
                name, Arrays.toString(wa), onB[0], onB[2], onB[4], Arrays.toString(wb), onA[0], onA[2], onA[4]);
        Random random = new Random(42);
        double[] test = new double[6];
        int rounds = 10;
        for (int r = 0; r < rounds; r++) {
            List<Integer> order = new ArrayList<>(IntStream.range(0, queries.size()).boxed().toList());
            java.util.Collections.shuffle(order, random);
            int[] train = order.subList(0, order.size() / 2).stream().mapToInt(i -> i).toArray();
            int[] held = order.subList(order.size() / 2, order.size()).stream().mapToInt(i -> i).toArray();
            double[] m = metrics(sum(fit(features, train, grid, start), features), held);
            for (int i = 0; i < 6; i++) {
                test[i] += m[i] / rounds;
            }
        }
        System.out.printf("%-40s random-split held-out mean: R@1 %.3f R@3 %.3f R@5 %.3f R@10 %.3f MRR %.3f nDCG %.3f%n",
                name, test[0], test[1], test[2], test[3], test[4], test[5]);
    }

    // ---------------------------------------------------------------- texts

    static String messages(Policy policy) {
        List<String> messages = new ArrayList<>();
        for (Policy.Rule rule : policy.rules()) {
            for (String m : rule.messages()) {
                if (!messages.contains(m)) {
                    messages.add(m);
                }
            }
        }
        return String.join(" ", messages);
    }

    static List<String> sentences(String text) {
        List<String> out = new ArrayList<>();
        for (String s : text.split("(?<=[.!?])\\s+(?=[A-Z`(])")) {
            if (s.strip().length() > 12) {
                out.add(s.strip());
            }
        }
        return out;
    }

    void dump(double[][] scores, int limit) {
        for (int q : all) {
            List<String> ranking = ranking(scores[q]);
            LabelledQuery lq = queries.get(q);
            if (!RankingMetrics.hitAt(ranking, lq.relevant(), lq.primary(), 1)) {
                System.out.printf("%s %s%n   want %s (primary %d)%n   got  %s%n", lq.id(), lq.query(), lq.relevant(),
                        lq.primary(), ranking.subList(0, limit));
            }
        }
    }

    // ---------------------------------------------------------------- runs

    public static void main(String[] args) throws Exception {
        PolicyPack pack = PolicyPack.load(Path.of(args[0]));
        List<LabelledQuery> queries = LabelledQuery.read(Path.of(args[1]));
        boolean full = args.length > 2 && args[2].equals("full");
        EmbeddingModel model = full ? new AllMiniLmL6V2EmbeddingModel() : new AllMiniLmL6V2QuantizedEmbeddingModel();
        Path cache = args.length > 3 ? Path.of(args[3]) : null;
        SearchExperiment x = new SearchExperiment(pack, queries, model, cache);
        String mode = System.getProperty("mode", "baseline");
        switch (mode) {
            case "baseline" -> x.baseline();
            case "autoq" -> x.autoQuestions();
            case "kinds" -> x.kindMentions();
            case "cutoff" -> x.cutoff();
            case "truncate" -> x.truncate();
            case "chunks" -> x.chunks();
            case "contrast" -> x.contrast();
            case "hub" -> x.hubness();
            case "prf" -> x.prf();
            case "adapter" -> x.adapter();
            case "views" -> x.views();
            case "effect" -> x.effect();
            case "lexical" -> x.lexicalSweep();
            case "geometry" -> x.geometry();
            case "intent" -> x.intent();
            case "diagnose" -> x.diagnose();
            case "fusion" -> x.fusion();
            case "phrasing" -> x.phrasing();
            case "terms" -> x.termFeatures();
            case "local" -> x.localRerank();
            case "soft" -> x.softMatch();
            case "adaptive" -> x.adaptive();
            case "clauses" -> x.clauses();
            case "smooth" -> x.smooth();
            case "nb" -> x.naiveBayesIntent();
            case "summary" -> x.summaryVariants();
            case "combo" -> x.combo();
            case "passages" -> x.passages();
            case "intent2" -> x.intentFromCorpusEmbeddings();
            case "ltr2" -> x.ltr2();
            case "ltr3" -> x.ltr3();
            case "title" -> x.titleSweep();
            case "knownitem" -> x.knownItems();
            case "titleplace" -> x.titlePlacement();
            case "temperature" -> x.temperature();
            case "ensemble" -> x.ensemble(Path.of(System.getProperty("other")));
            default -> throw new IllegalArgumentException(mode);
        }
    }

    /**
     * The kinds a query names, recognised from the pack's own kinds (as written, split into words, with a plural
     * s), as a feature: 1 for a policy that selects one of them, 0 for one that does not, nothing when the query
     * names no kind.
     */
    void kindMentions() {
        float[][] qv = queryVectors(List.of(Function.identity()));
        double[][] bm = z(lexical(lexicalIndex(flat(), 1.2, 0.75)));
        double[][] base = sum(z(semantic(qv, PolicyView::summary)), 0.75, bm, 0.25);
        java.util.Set<String> vocabulary = new java.util.TreeSet<>();
        for (Policy p : policies) {
            vocabulary.addAll(p.kinds());
        }
        vocabulary.remove("*");
        double[][] feature = new double[queries.size()][policies.size()];
        double[][] strict = new double[queries.size()][policies.size()];
        int naming = 0;
        for (int q = 0; q < queries.size(); q++) {
            String text = " " + queries.get(q).query().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", " ")
                    + " ";
            java.util.Set<String> named = new java.util.TreeSet<>();
            for (String kind : vocabulary) {
                String one = kind.toLowerCase(java.util.Locale.ROOT);
                String split = PolicyView.words(kind);
                for (String form : List.of(one, split)) {
                    if (text.contains(" " + form + " ") || text.contains(" " + form + "s ")
                            || text.contains(" " + form + "es ")) {
                        named.add(kind);
                    }
                }
            }
            if (named.isEmpty()) {
                continue;
            }
            naming++;
            for (int d = 0; d < policies.size(); d++) {
                List<String> kinds = policies.get(d).kinds();
                long hit = named.stream().filter(kinds::contains).count();
                feature[q][d] = hit > 0 ? 1 : 0;
                boolean pod = kinds.contains("Pod");
                strict[q][d] = hit > 0 && !(pod && !named.contains("Pod") && kinds.size() > 1) ? 1 : hit > 0 ? 0.5 : 0;
            }
        }
        System.out.println("queries naming a kind: " + naming + " of " + queries.size() + "; kinds " + vocabulary.size());
        report("shipped", base);
        for (double w : new double[] {0.05, 0.1, 0.2, 0.3, 0.5}) {
            double[][] v = sum(base, 1, feature, w);
            report("kind match +" + w, v);
            paired("kind match +" + w, base, v);
            double[][] v2 = sum(base, 1, strict, w);
            report("kind match (workload over pod) +" + w, v2);
            paired("kind match (workload over pod) +" + w, base, v2);
        }
    }

    /**
     * Discovery cut-offs: for plain z-scores of the fused score and for robust ones (median and MAD), the share of
     * queries whose first primary policy clears the cut-off and how many policies clear it on average.
     */
    void cutoff() {
        float[][] qv = queryVectors(List.of(Function.identity()));
        double[][] bm = z(lexical(lexicalIndex(flat(), 1.2, 0.75)));
        double[][] base = sum(z(semantic(qv, PolicyView::summary)), 0.75, bm, 0.25);
        double[][] robust = new double[base.length][];
        for (int q = 0; q < base.length; q++) {
            double[] row = base[q].clone();
            double[] sorted = row.clone();
            Arrays.sort(sorted);
            double median = sorted[sorted.length / 2];
            double[] dev = new double[row.length];
            for (int i = 0; i < row.length; i++) {
                dev[i] = Math.abs(row[i] - median);
            }
            Arrays.sort(dev);
            double scale = 1.4826 * dev[dev.length / 2];
            robust[q] = new double[row.length];
            for (int i = 0; i < row.length; i++) {
                robust[q][i] = (row[i] - median) / scale;
            }
        }
        for (double t : new double[] {1.5, 2, 2.5, 3, 3.5, 4, 5, 6}) {
            for (var e : Map.of("z", base, "robust", robust).entrySet()) {
                double[][] m = e.getValue();
                int kept = 0;
                int primaryKept = 0;
                int anyKept = 0;
                for (int q = 0; q < queries.size(); q++) {
                    LabelledQuery lq = queries.get(q);
                    boolean primary = false;
                    int relevantKept = 0;
                    for (int d = 0; d < policies.size(); d++) {
                        if (m[q][d] >= t) {
                            kept++;
                            int at = lq.relevant().indexOf(policies.get(d).id());
                            if (at >= 0 && at < lq.primary()) {
                                primary = true;
                            }
                            if (at >= 0) {
                                relevantKept++;
                            }
                        }
                    }
                    primaryKept += primary ? 1 : 0;
                    anyKept += relevantKept;
                }
                int relevantTotal = queries.stream().mapToInt(lq -> lq.relevant().size()).sum();
                System.out.printf("%-7s >= %.1f: primary kept %.3f, relevant kept %.3f, policies kept per query %.1f%n",
                        e.getKey(), t, primaryKept / (double) queries.size(), anyKept / (double) relevantTotal,
                        kept / (double) queries.size());
            }
        }
    }

    void baseline() {
        float[][] qv = queryVectors(List.of(Function.identity()));
        double[][] summary = semantic(qv, PolicyView::summary);
        double[][] bm25 = lexical(lexicalIndex(flat(), 1.2, 0.75));
        report("semantic summary", summary);
        report("bm25f flat", bm25);
        double[][] fused = sum(z(summary), 0.75, z(bm25), 0.25);
        report("shipped: z 0.75 summary + 0.25 bm25f", fused);
        if (System.getProperty("dump") != null) {
            dump(fused, 5);
        }
    }

    /**
     * Questions made from each policy's title by its leading verb (doc2query by templates: "Disallow X" gives
     * "Can I use X?"), embedded as extra views, fused as max with the summary or added with a weight.
     */
    void autoQuestions() {
        float[][] qv = queryVectors(List.of(Function.identity()));
        double[][] bm = z(lexical(lexicalIndex(flat(), 1.2, 0.75)));
        double[][] summary = semantic(qv, PolicyView::summary);
        double[][] base = sum(z(summary), 0.75, bm, 0.25);
        report("shipped", base);
        double[][] questions = semantic(qv, SearchExperiment::templateQuestions, true);
        report("questions alone", questions);
        double[][] maxed = new double[summary.length][];
        for (int q = 0; q < summary.length; q++) {
            maxed[q] = new double[summary[q].length];
            for (int p = 0; p < summary[q].length; p++) {
                maxed[q][p] = Math.max(summary[q][p], questions[q][p]);
            }
        }
        report("max(summary, questions) fused", sum(z(maxed), 0.75, bm, 0.25));
        for (double w : new double[] {0.1, 0.2, 0.3, 0.5}) {
            report("shipped + " + w + " z(questions)", sum(base, 1, z(questions), w));
        }
        double[][] withTitle = semantic(qv, p -> {
            List<String> out = new ArrayList<>(templateQuestions(p));
            return out.stream().map(t -> t + " " + p.description()).toList();
        }, true);
        for (double w : new double[] {0.1, 0.2, 0.3, 0.5}) {
            report("shipped + " + w + " z(question+description)", sum(base, 1, z(withTitle), w));
        }
        if (System.getProperty("dump") != null) {
            policies.stream().limit(40).forEach(p -> System.out.println(p.title() + " -> " + templateQuestions(p)));
        }
    }

    static List<String> templateQuestions(Policy p) {
        String title = p.title().strip();
        String[] words = title.split("\\s+", 2);
        if (words.length < 2) {
            return List.of();
        }
        String verb = words[0].toLowerCase(java.util.Locale.ROOT);
        String rest = words[1];
        String thing = rest.substring(0, 1).toLowerCase(java.util.Locale.ROOT) + rest.substring(1);
        return switch (verb) {
            case "disallow", "block", "deny", "prevent", "forbid", "disable", "no" -> List.of(
                    "Can I use " + thing + "?", "Is " + thing + " allowed?");
            case "require", "enforce", "ensure", "must", "check", "validate", "verify" -> List.of(
                    "Do I need " + thing + "?", "Must I set " + thing + "?");
            case "restrict", "limit", "allowed", "allow", "only" -> List.of(
                    "Which " + thing + " are allowed?", "Can I use any " + thing + "?");
            case "add", "inject", "set", "mutate", "generate", "create", "sync", "copy", "insert", "assign",
                    "default", "label", "annotate", "apply", "replace", "prepend", "append", "update", "remove" ->
                    List.of("Will " + thing + " be " + participle(verb) + " automatically?",
                            "Does the cluster " + verb + " " + thing + " for me?");
            default -> List.of("What are the rules for " + title.toLowerCase(java.util.Locale.ROOT) + "?");
        };
    }

    private static String participle(String verb) {
        return switch (verb) {
            case "set" -> "set";
            case "sync" -> "synced";
            case "copy" -> "copied";
            case "apply" -> "applied";
            default -> verb.endsWith("e") ? verb + "d" : verb + "ed";
        };
    }

    /** Each candidate view alone and fused 0.75/0.25 with BM25F, then multi-view z-fusions fit by split half. */
    void views() {
        float[][] qv = queryVectors(List.of(Function.identity()));
        double[][] bm25 = z(lexical(lexicalIndex(flat(), 1.2, 0.75)));
        Map<String, double[][]> v = new java.util.LinkedHashMap<>();
        v.put("summary", semantic(qv, PolicyView::summary));
        v.put("title", semantic(qv, Policy::title));
        v.put("title+id", semantic(qv, p -> PolicyView.sentence(p.title()) + PolicyView.words(p.id())));
        v.put("id words", semantic(qv, p -> PolicyView.words(p.id())));
        v.put("description", semantic(qv, Policy::description));
        v.put("title+description", semantic(qv, p -> PolicyView.sentence(p.title()) + p.description()));
        v.put("messages", semantic(qv, SearchExperiment::messages));
        v.put("fields", semantic(qv, p -> PolicyView.sentence(PolicyField.KINDS.text(p)) + String.join(", ",
                RuleVocabulary.of(p).stream().map(PolicyView::words).toList())));
        v.put("first sentence", semantic(qv, p -> sentences(p.description()).isEmpty() ? p.title()
                : PolicyView.sentence(p.title()) + sentences(p.description()).get(0)));
        v.put("max sentence", semantic(qv, p -> sentences(p.description()), true));
        v.put("max title|sentences", semantic(qv, p -> {
            List<String> t = new ArrayList<>();
            t.add(p.title());
            t.addAll(sentences(p.description()));
            return t;
        }, true));
        v.put("mean title|sentences", semantic(qv, p -> {
            List<String> t = new ArrayList<>();
            t.add(p.title());
            t.addAll(sentences(p.description()));
            return t;
        }, false));
        v.put("title: sentence each, max", semantic(qv, p -> sentences(p.description()).stream()
                .map(s -> PolicyView.sentence(p.title()) + s).toList(), true));
        for (var e : v.entrySet()) {
            report(e.getKey(), e.getValue());
            report("   z .75 + .25 bm25f", sum(z(e.getValue()), 0.75, bm25, 0.25));
        }
        double[] grid = {0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.8, 1.0, 1.5};
        List<String> names = List.of("summary", "title+id", "description", "messages", "fields", "max sentence",
                "first sentence");
        for (String n : names.subList(1, names.size())) {
            crossFit("summary+bm25+" + n, List.of(z(v.get("summary")), bm25, z(v.get(n))), grid,
                    new double[] {1, 0.33, 0});
        }
        List<double[][]> feats = new ArrayList<>();
        feats.add(z(v.get("summary")));
        feats.add(bm25);
        for (String n : names.subList(1, names.size())) {
            feats.add(z(v.get(n)));
        }
        double[] start = new double[feats.size()];
        start[0] = 1;
        start[1] = 0.33;
        crossFit("summary+bm25+all views", feats, grid, start);
    }

    /** What a policy's rules do, in one of several phrasings (0: none). */
    static String effect(Policy p, int style) {
        java.util.Set<String> out = new LinkedHashSet<>();
        for (Policy.Rule r : p.rules()) {
            String kind = switch (r.type()) {
                case "mutate" -> "mutate";
                case "generate" -> "generate";
                case "verifyImages" -> "verify";
                default -> "validate";
            };
            out.add(switch (style) {
                case 1 -> kind.equals("verify") ? "Verify images rule." : Character.toUpperCase(kind.charAt(0)) + kind.substring(1) + " rule.";
                case 2 -> switch (kind) {
                    case "mutate" -> "It modifies matching resources.";
                    case "generate" -> "It creates new resources.";
                    case "verify" -> "It verifies image signatures and attestations.";
                    default -> "It validates resources and blocks or audits those that do not comply.";
                };
                case 3 -> switch (kind) {
                    case "mutate" -> "It changes the resource automatically.";
                    case "generate" -> "It creates other resources automatically.";
                    case "verify" -> "It checks image signatures.";
                    default -> "It rejects or reports resources that break it.";
                };
                default -> "";
            });
        }
        return String.join(" ", out);
    }

    void effect() {
        float[][] qv = queryVectors(List.of(Function.identity()));
        double[][] bm25 = z(lexical(lexicalIndex(flat(), 1.2, 0.75)));
        java.util.Map<String, Integer> types = new java.util.TreeMap<>();
        policies.forEach(p -> p.rules().forEach(r -> types.merge(r.type(), 1, Integer::sum)));
        System.out.println("rule types: " + types);
        for (int style = 0; style <= 3; style++) {
            int st = style;
            double[][] s1 = semantic(qv, p -> PolicyView.summary(p) + " " + effect(p, st));
            double[][] s2 = semantic(qv, p -> PolicyView.sentence(p.title()) + effect(p, st) + " "
                    + PolicyView.summary(p).substring(PolicyView.sentence(p.title()).length()));
            report("style " + style + " summary+effect at end", s1);
            report("   z .75 + .25 bm25f", sum(z(s1), 0.75, bm25, 0.25));
            report("style " + style + " effect after title", s2);
            report("   z .75 + .25 bm25f", sum(z(s2), 0.75, bm25, 0.25));
        }
    }

    void lexicalSweep() {
        float[][] qv = queryVectors(List.of(Function.identity()));
        double[][] sem = z(semantic(qv, PolicyView::summary));
        for (double k1 : new double[] {0.6, 0.9, 1.2, 1.6, 2.0}) {
            for (double b : new double[] {0.3, 0.5, 0.75, 0.9}) {
                double[][] bm = z(lexical(lexicalIndex(flat(), k1, b)));
                report("k1 " + k1 + " b " + b + " fused", sum(sem, 0.75, bm, 0.25));
            }
        }
        // field weights: one at a time, 0 / 0.5 / 2 / 3
        for (PolicyField f : PolicyField.values()) {
            for (double w : new double[] {0, 0.5, 2, 3}) {
                Map<PolicyField, Double> weights = flat();
                weights.put(f, w);
                double[][] bm = z(lexical(lexicalIndex(weights, 1.2, 0.75)));
                report(f + "=" + w + " lexical alone", bm);
                report("   fused", sum(sem, 0.75, bm, 0.25));
            }
        }
    }

    /** Mean-centred doc vectors with the top principal directions removed (all-but-the-top). */
    static double[][] abtt(List<float[]> docs, int removed, double[][] directionsOut) {
        int n = docs.size(), dim = docs.get(0).length;
        double[] mean = new double[dim];
        for (float[] d : docs) {
            float[] v = normalised(d);
            for (int i = 0; i < dim; i++) {
                mean[i] += v[i] / n;
            }
        }
        double[][] x = new double[n][dim];
        for (int j = 0; j < n; j++) {
            float[] v = normalised(docs.get(j));
            for (int i = 0; i < dim; i++) {
                x[j][i] = v[i] - mean[i];
            }
        }
        // power iteration with deflation for the top directions
        double[][] dirs = new double[removed][];
        Random r = new Random(1);
        for (int k = 0; k < removed; k++) {
            double[] u = new double[dim];
            for (int i = 0; i < dim; i++) {
                u[i] = r.nextGaussian();
            }
            for (int it = 0; it < 100; it++) {
                double[] nu = new double[dim];
                for (double[] row : x) {
                    double dot = 0;
                    for (int i = 0; i < dim; i++) {
                        dot += row[i] * u[i];
                    }
                    for (int i = 0; i < dim; i++) {
                        nu[i] += dot * row[i];
                    }
                }
                for (int kk = 0; kk < k; kk++) {
                    double dot = 0;
                    for (int i = 0; i < dim; i++) {
                        dot += nu[i] * dirs[kk][i];
                    }
                    for (int i = 0; i < dim; i++) {
                        nu[i] -= dot * dirs[kk][i];
                    }
                }
                double norm = 0;
                for (double v : nu) {
                    norm += v * v;
                }
                norm = Math.sqrt(norm);
                for (int i = 0; i < dim; i++) {
                    u[i] = nu[i] / norm;
                }
            }
            dirs[k] = u;
        }
        directionsOut[0] = mean;
        for (int k = 0; k < removed; k++) {
            directionsOut[k + 1] = dirs[k];
        }
        return x;
    }

    static double[] project(float[] vector, double[][] geometry, int removed, boolean centre) {
        float[] v = normalised(vector);
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] - (centre ? geometry[0][i] : 0);
        }
        for (int k = 1; k <= removed; k++) {
            double dot = 0;
            for (int i = 0; i < v.length; i++) {
                dot += out[i] * geometry[k][i];
            }
            for (int i = 0; i < v.length; i++) {
                out[i] -= dot * geometry[k][i];
            }
        }
        return out;
    }

    static double dcos(double[] a, double[] b) {
        double s = 0, na = 0, nb = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return s / Math.sqrt(na * nb);
    }

    void geometry() {
        float[][] qv = queryVectors(List.of(Function.identity()));
        double[][] bm25 = z(lexical(lexicalIndex(flat(), 1.2, 0.75)));
        List<String> texts = policies.stream().map(PolicyView::summary).toList();
        ensure(texts);
        List<float[]> docs = texts.stream().map(this::vec).toList();
        for (int removed : new int[] {0, 1, 2, 3, 5, 8, 12}) {
            for (boolean centre : new boolean[] {false, true}) {
                if (!centre && removed > 0) {
                    continue;
                }
                double[][] g = new double[removed + 1][];
                abtt(docs, removed, g);
                double[][] dp = new double[docs.size()][];
                for (int p = 0; p < docs.size(); p++) {
                    dp[p] = project(docs.get(p), g, removed, centre);
                }
                double[][] sem = new double[queries.size()][docs.size()];
                for (int q = 0; q < queries.size(); q++) {
                    double[] qp = project(qv[q], g, removed, centre);
                    for (int p = 0; p < docs.size(); p++) {
                        sem[q][p] = dcos(qp, dp[p]);
                    }
                }
                report("centre " + centre + " remove top " + removed, sem);
                for (double a : new double[] {0.65, 0.75, 0.85}) {
                    report("   fused " + a, sum(z(sem), a, bm25, 1 - a));
                }
            }
        }
    }

    /** +1 when a policy's rules change or create resources, -1 when they only check them. */
    static double changes(Policy p) {
        boolean change = false, check = false;
        for (Policy.Rule r : p.rules()) {
            if (r.type().equals("mutate") || r.type().equals("generate")) {
                change = true;
            } else {
                check = true;
            }
        }
        return change && !check ? 1 : check && !change ? -1 : 0;
    }

    void intent() {
        float[][] qv = queryVectors(List.of(Function.identity()));
        double[][] bm25 = z(lexical(lexicalIndex(flat(), 1.2, 0.75)));
        double[][] sem = z(semantic(qv, PolicyView::summary));
        double[][] base = sum(sem, 0.75, bm25, 0.25);
        java.util.Map<String, Policy> byId = new java.util.HashMap<>();
        policies.forEach(p -> byId.put(p.id(), p));
        double[] oracle = new double[queries.size()];
        for (int q = 0; q < queries.size(); q++) {
            oracle[q] = changes(byId.get(queries.get(q).relevant().get(0)));
        }
        double[][] type = new double[queries.size()][policies.size()];
        for (int q = 0; q < queries.size(); q++) {
            for (int p = 0; p < policies.size(); p++) {
                type[q][p] = oracle[q] * changes(policies.get(p));
            }
        }
        for (double l : new double[] {0.1, 0.2, 0.3, 0.5}) {
            report("ORACLE intent bonus " + l, sum(base, 1, type, l));
        }
        // zero-shot: cosine to descriptions of Kyverno's rule kinds
        String[][] prototypes = {
            {"Mutate rules modify matching resources, adding or changing fields, labels and defaults automatically.",
             "Validate rules check resources and block or audit those that do not comply."},
            {"The cluster changes or adds to my resource automatically.", "My resource is rejected if it breaks the rule."},
            {"mutate", "validate"},
        };
        for (String[] pr : prototypes) {
            float[] m = vec(pr[0]), v = vec(pr[1]);
            double[] s = new double[queries.size()];
            for (int q = 0; q < queries.size(); q++) {
                s[q] = cos(qv[q], m) - cos(qv[q], v);
            }
            double[] zs = z(s);
            // AUC of s for oracle +1 vs -1
            double auc = 0; int pairs = 0;
            for (int i = 0; i < s.length; i++) for (int j = 0; j < s.length; j++) {
                if (oracle[i] > 0 && oracle[j] < 0) { pairs++; auc += s[i] > s[j] ? 1 : s[i] == s[j] ? 0.5 : 0; }
            }
            System.out.printf("prototype '%s' AUC %.3f (%d pairs)%n", pr[0], auc / pairs, pairs);
            double[][] f = new double[queries.size()][policies.size()];
            for (int q = 0; q < queries.size(); q++) {
                for (int p = 0; p < policies.size(); p++) {
                    f[q][p] = zs[q] * changes(policies.get(p));
                }
            }
            for (double l : new double[] {0.05, 0.1, 0.2, 0.3}) {
                report("   zero-shot intent " + l, sum(base, 1, f, l));
            }
        }
        long changing = java.util.Arrays.stream(oracle).filter(o -> o > 0).count();
        System.out.println("queries whose first relevant changes resources: " + changing);
    }

    int rankOf(double[] s, String id) {
        int idx = -1;
        for (int p = 0; p < policies.size(); p++) {
            if (policies.get(p).id().equals(id)) {
                idx = p;
            }
        }
        int rank = 1;
        for (int p = 0; p < policies.size(); p++) {
            if (s[p] > s[idx] || s[p] == s[idx] && policies.get(p).id().compareTo(id) < 0) {
                rank++;
            }
        }
        return rank;
    }

    void diagnose() {
        float[][] qv = queryVectors(List.of(Function.identity()));
        double[][] bm = lexical(lexicalIndex(flat(), 1.2, 0.75));
        double[][] cs = semantic(qv, PolicyView::summary);
        double[][] fused = sum(z(cs), 0.75, z(bm), 0.25);
        int[] counts = new int[4];
        for (int q : all) {
            LabelledQuery lq = queries.get(q);
            String primary = lq.relevant().get(0);
            int rf = rankOf(fused[q], primary);
            if (rf == 1) {
                continue;
            }
            int rs = rankOf(cs[q], primary), rl = rankOf(bm[q], primary);
            String top = ranking(fused[q]).get(0);
            System.out.printf("%s fused %d sem %d lex %d | top %s sem %d lex %d | %s%n", lq.id(), rf, rs, rl, top,
                    rankOf(cs[q], top), rankOf(bm[q], top), lq.query());
        }
    }

    static double[][] map(double[][] m, java.util.function.DoubleUnaryOperator f) {
        double[][] out = new double[m.length][];
        for (int q = 0; q < m.length; q++) {
            out[q] = Arrays.stream(m[q]).map(f).toArray();
        }
        return out;
    }

    /** Each row divided by its maximum. */
    static double[][] byMax(double[][] m) {
        double[][] out = new double[m.length][];
        for (int q = 0; q < m.length; q++) {
            double max = Arrays.stream(m[q]).max().orElse(0);
            out[q] = Arrays.stream(m[q]).map(x -> max <= 0 ? 0 : x / max).toArray();
        }
        return out;
    }

    /** z-scores using mean and sd of each row's top k only. */
    static double[][] zTop(double[][] m, int k) {
        double[][] out = new double[m.length][];
        for (int q = 0; q < m.length; q++) {
            double[] sorted = Arrays.stream(m[q]).sorted().toArray();
            double mean = 0, var = 0;
            for (int i = 0; i < k; i++) mean += sorted[sorted.length - 1 - i] / k;
            for (int i = 0; i < k; i++) var += Math.pow(sorted[sorted.length - 1 - i] - mean, 2) / k;
            double sd = Math.sqrt(var), mu = mean;
            out[q] = Arrays.stream(m[q]).map(x -> sd < 1e-12 ? 0 : (x - mu) / sd).toArray();
        }
        return out;
    }

    void sweep(String name, double[][] sem, double[][] lex, double[] weights) {
        for (double w : weights) {
            report(name + " w" + w, sum(sem, 1, lex, w));
        }
    }

    void fusion() {
        float[][] qv = queryVectors(List.of(Function.identity()));
        double[][] bm = lexical(lexicalIndex(flat(), 1.2, 0.75));
        double[][] cs = semantic(qv, PolicyView::summary);
        double[][] zs = z(cs);
        double[] ws = {0.2, 0.33, 0.45, 0.6};
        sweep("z(bm)", zs, z(bm), ws);
        sweep("z(log1p bm)", zs, z(map(bm, Math::log1p)), ws);
        sweep("z(sqrt bm)", zs, z(map(bm, Math::sqrt)), ws);
        for (double c : new double[] {2, 3, 4, 6}) {
            sweep("min(z(bm)," + c + ")", zs, map(z(bm), x -> Math.min(x, c)), ws);
        }
        sweep("bm/max", zs, byMax(bm), new double[] {0.5, 1, 1.5, 2, 3});
        sweep("cos/max + bm/max", byMax(cs), byMax(bm), new double[] {0.1, 0.2, 0.3, 0.5});
        sweep("ztop10", zTop(cs, 10), zTop(bm, 10), new double[] {0.2, 0.33, 0.5});
        sweep("ztop30", zTop(cs, 30), zTop(bm, 30), new double[] {0.2, 0.33, 0.5});
        sweep("z sem + ztop30 bm", zs, zTop(bm, 30), new double[] {0.1, 0.2, 0.33});
        double[][] zb = z(bm);
        double[][] prod = new double[zs.length][zs[0].length];
        for (int q = 0; q < zs.length; q++) for (int p = 0; p < zs[0].length; p++) prod[q][p] = Math.max(0, zs[q][p]) * Math.max(0, zb[q][p]);
        for (double v : new double[] {0.02, 0.05, 0.1}) {
            report("z + .33 zb + interaction " + v, sum(new double[] {1, 0.33, v}, List.of(zs, zb, prod)));
        }
    }

    void phrasing() {
        double[][] bm = z(lexical(lexicalIndex(flat(), 1.2, 0.75)));
        Map<String, List<Function<String, String>>> variants = new java.util.LinkedHashMap<>();
        Function<String, String> raw = Function.identity();
        Function<String, String> lower = q -> q.toLowerCase(java.util.Locale.ROOT);
        Function<String, String> words = q -> String.join(" ", Tokenizer.get().words(q));
        Function<String, String> k8s = q -> "Kubernetes policy: " + q;
        Function<String, String> kyv = q -> "Which Kyverno policy answers this question: " + q;
        Function<String, String> pol = q -> "A policy about " + q;
        variants.put("raw", List.of(raw));
        variants.put("lower", List.of(lower));
        variants.put("identifier words split", List.of(words));
        variants.put("Kubernetes policy: q", List.of(k8s));
        variants.put("Which Kyverno policy answers: q", List.of(kyv));
        variants.put("A policy about q", List.of(pol));
        variants.put("raw + words", List.of(raw, words));
        variants.put("raw + Kubernetes policy", List.of(raw, k8s));
        variants.put("raw + kyverno", List.of(raw, kyv));
        for (var e : variants.entrySet()) {
            double[][] sem = semantic(queryVectors(e.getValue()), PolicyView::summary);
            report(e.getKey(), sem);
            report("   fused .75", sum(z(sem), 0.75, bm, 0.25));
        }
    }

    static String bigrams(String text) {
        List<String> t = Tokenizer.get().terms(text);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i + 1 < t.size(); i++) {
            b.append(t.get(i).replaceAll("[^a-z0-9]", "")).append(t.get(i + 1).replaceAll("[^a-z0-9]", "")).append(' ');
        }
        return b.toString();
    }

    void termFeatures() {
        float[][] qv = queryVectors(List.of(Function.identity()));
        LexicalIndex index = lexicalIndex(flat(), 1.2, 0.75);
        double[][] bm = z(lexical(index));
        double[][] sem = z(semantic(qv, PolicyView::summary));
        double[][] base = sum(sem, 0.75, bm, 0.25);
        // bigram index over the same fields
        List<Map<PolicyField, String>> docs = new ArrayList<>();
        for (Policy p : policies) {
            Map<PolicyField, String> fields = new EnumMap<>(PolicyField.class);
            for (PolicyField f : PolicyField.values()) {
                fields.put(f, bigrams(f.text(p)));
            }
            docs.add(fields);
        }
        LexicalIndex bi = LexicalIndex.build(docs, LexicalIndex.Bm25Settings.of(1.2, 0.75, flat()));
        double[][] big = new double[queries.size()][];
        for (int q = 0; q < queries.size(); q++) {
            big[q] = bi.score(bigrams(queries.get(q).query()));
        }
        report("bigram bm25 alone", big);
        double[][] zbig = z(big);
        for (double w : new double[] {0.05, 0.1, 0.15, 0.25}) {
            report("base + bigram " + w, sum(base, 1, zbig, w));
        }
        // idf-weighted coverage
        double[][] cov = new double[queries.size()][policies.size()];
        for (int q = 0; q < queries.size(); q++) {
            List<String> terms = new ArrayList<>(new LinkedHashSet<>(Tokenizer.get().terms(queries.get(q).query())));
            Map<String, Double> idf = new HashMap<>();
            for (String t : terms) {
                double[] one = index.score(t);
                long df = Arrays.stream(one).filter(x -> x > 0).count();
                if (df > 0) {
                    idf.put(t, Math.log(1 + (policies.size() - df + 0.5) / (df + 0.5)));
                }
            }
            double total = idf.values().stream().mapToDouble(d -> d).sum();
            for (Map.Entry<String, Double> e : idf.entrySet()) {
                double[] one = index.score(e.getKey());
                for (int p = 0; p < policies.size(); p++) {
                    if (one[p] > 0) {
                        cov[q][p] += e.getValue() / total;
                    }
                }
            }
        }
        report("idf coverage alone", cov);
        double[][] zcov = z(cov);
        for (double w : new double[] {0.05, 0.1, 0.15, 0.25}) {
            report("base + coverage " + w, sum(base, 1, zcov, w));
        }
        double[] grid = {0, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5};
        crossFit("sem+bm+bigram+coverage", List.of(sem, bm, zbig, zcov), grid, new double[] {1, 0.33, 0, 0});
    }

    static int[] top(double[] s, int k) {
        return IntStream.range(0, s.length).boxed().sorted(Comparator.comparingDouble(i -> -s[i])).limit(k)
                .mapToInt(i -> i).toArray();
    }

    /** BM25 over the top k of a first ranking, with term weights from the top k alone (local IDF). */
    double[][] localLexical(LexicalIndex index, double[][] first, int k) {
        double[][] out = new double[queries.size()][policies.size()];
        for (int q = 0; q < queries.size(); q++) {
            int[] top = top(first[q], k);
            List<String> terms = new ArrayList<>(new LinkedHashSet<>(Tokenizer.get().terms(queries.get(q).query())));
            double[] local = new double[k];
            for (String t : terms) {
                double[] sc = index.score(t);
                long dfGlobal = Arrays.stream(sc).filter(x -> x > 0).count();
                if (dfGlobal == 0) {
                    continue;
                }
                double idfGlobal = Math.log(1 + (policies.size() - dfGlobal + 0.5) / (dfGlobal + 0.5));
                int df = 0;
                for (int d : top) {
                    if (sc[d] > 0) {
                        df++;
                    }
                }
                double idf = Math.log(1 + (k - df + 0.5) / (df + 0.5));
                for (int i = 0; i < k; i++) {
                    local[i] += idf * sc[top[i]] / idfGlobal;
                }
            }
            double[] zl = z(local);
            Arrays.fill(out[q], Double.NaN);
            for (int i = 0; i < k; i++) {
                out[q][top[i]] = zl[i];
            }
        }
        return out;
    }

    /** First ranking's scores, with the top k re-scored by adding w times a feature defined on them. */
    static double[][] rerank(double[][] first, double[][] feature, double w) {
        double[][] out = new double[first.length][first[0].length];
        for (int q = 0; q < first.length; q++) {
            for (int p = 0; p < first[q].length; p++) {
                out[q][p] = Double.isNaN(feature[q][p]) ? first[q][p] - 1000 : first[q][p] + w * feature[q][p];
            }
        }
        return out;
    }

    /**
     * Local contrast among the first k: each candidate's summary vector minus the mean of the other candidates'
     * (what sets it apart from its neighbours), its cosine with the query z-scored within the k, added with weight
     * w. Siblings (add-x vs require-x) share most of their text; this scores the part they do not share.
     */
    void contrast() {
        float[][] qv = queryVectors(List.of(Function.identity()));
        double[][] bm = z(lexical(lexicalIndex(flat(), 1.2, 0.75)));
        double[][] base = sum(z(semantic(qv, PolicyView::summary)), 0.75, bm, 0.25);
        List<String> summaries = policies.stream().map(PolicyView::summary).toList();
        ensure(summaries);
        float[][] pv = summaries.stream().map(t -> normalised(vec(t))).toArray(float[][]::new);
        report("base", base);
        for (int k : new int[] {3, 5, 8}) {
            double[][] feature = new double[queries.size()][policies.size()];
            for (int q = 0; q < queries.size(); q++) {
                Arrays.fill(feature[q], Double.NaN);
                int[] top = top(base[q], k);
                double[] c = new double[top.length];
                for (int i = 0; i < top.length; i++) {
                    double[] d = new double[pv[0].length];
                    for (int j = 0; j < top.length; j++) {
                        for (int x = 0; x < d.length; x++) {
                            d[x] += j == i ? pv[top[i]][x] : -pv[top[j]][x] / (top.length - 1);
                        }
                    }
                    double dot = 0, nd = 0, nq = 0;
                    for (int x = 0; x < d.length; x++) {
                        dot += d[x] * qv[q][x];
                        nd += d[x] * d[x];
                        nq += qv[q][x] * qv[q][x];
                    }
                    c[i] = dot / Math.sqrt(nd * nq);
                }
                double[] zc = z(c);
                for (int i = 0; i < top.length; i++) {
                    feature[q][top[i]] = zc[i];
                }
            }
            for (double w : new double[] {0.1, 0.2, 0.3, 0.5}) {
                double[][] r = rerank(base, feature, w);
                report("contrast top" + k + " w" + w, r);
                paired("   vs base", base, r);
            }
        }
    }

    void localRerank() {
        float[][] qv = queryVectors(List.of(Function.identity()));
        LexicalIndex index = lexicalIndex(flat(), 1.2, 0.75);
        double[][] bm = z(lexical(index));
        double[][] sem = z(semantic(qv, PolicyView::summary));
        double[][] base = sum(sem, 0.75, bm, 0.25);
        report("base", base);
        for (int k : new int[] {5, 10, 20}) {
            double[][] local = localLexical(index, base, k);
            for (double w : new double[] {0.05, 0.1, 0.2, 0.3}) {
                report("local idf bm25 top" + k + " w" + w, rerank(base, local, w));
            }
        }
    }

    static List<String> contentWords(String text) {
        return new ArrayList<>(new LinkedHashSet<>(Tokenizer.get().words(text).stream()
                .filter(w -> w.length() > 2 && !Tokenizer.STOPWORDS.contains(w) && Character.isLetter(w.charAt(0)))
                .toList()));
    }

    void softMatch() {
        float[][] qv = queryVectors(List.of(Function.identity()));
        LexicalIndex index = lexicalIndex(flat(), 1.2, 0.75);
        double[][] bm = z(lexical(index));
        double[][] sem = z(semantic(qv, PolicyView::summary));
        double[][] base = sum(sem, 0.75, bm, 0.25);
        List<List<String>> docWords = policies.stream().map(p -> contentWords(p.title() + " " + p.id() + " "
                + p.description() + " " + messages(p))).toList();
        java.util.Set<String> vocab = new LinkedHashSet<>();
        docWords.forEach(vocab::addAll);
        Map<String, Integer> df = new HashMap<>();
        docWords.forEach(ws -> ws.forEach(w -> df.merge(w, 1, Integer::sum)));
        long t0 = System.nanoTime();
        ensure(vocab);
        System.err.printf("vocabulary %d words%n", vocab.size());
        List<List<String>> queryWords = queries.stream().map(q -> contentWords(q.query())).toList();
        queryWords.forEach(this::ensure);
        for (double theta : new double[] {0.4, 0.5, 0.6, 0.7}) {
            double[][] soft = new double[queries.size()][policies.size()];
            for (int q = 0; q < queries.size(); q++) {
                for (String t : queryWords.get(q)) {
                    float[] et = vec(t);
                    for (int p = 0; p < policies.size(); p++) {
                        double best = 0;
                        for (String w : docWords.get(p)) {
                            double c = cos(et, vec(w));
                            if (c > theta) {
                                double g = (c - theta) / (1 - theta)
                                        * Math.log(1 + (policies.size() - df.get(w) + 0.5) / (df.get(w) + 0.5));
                                best = Math.max(best, g);
                            }
                        }
                        soft[q][p] += best;
                    }
                }
            }
            report("soft match theta " + theta, soft);
            double[][] zsoft = z(soft);
            for (double w : new double[] {0.1, 0.2, 0.3}) {
                report("   base + soft " + w, sum(base, 1, zsoft, w));
            }
            crossFit("sem+bm+soft " + theta, List.of(sem, bm, zsoft), new double[] {0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.7},
                    new double[] {1, 0.33, 0});
        }
    }

    /** Per-query semantic weight: alpha = clamp(a + b * x_q). */
    static double[][] adaptiveFuse(double[][] sem, double[][] lex, double[] x, double a, double b) {
        double[][] out = new double[sem.length][sem[0].length];
        for (int q = 0; q < sem.length; q++) {
            double alpha = Math.max(0, Math.min(1, a + b * x[q]));
            for (int p = 0; p < sem[0].length; p++) {
                out[q][p] = alpha * sem[q][p] + (1 - alpha) * lex[q][p];
            }
        }
        return out;
    }

    static double gap(double[] z) {
        double[] s = Arrays.stream(z).sorted().toArray();
        return s[s.length - 1] - s[s.length - 2];
    }

    void adaptive() {
        float[][] qv = queryVectors(List.of(Function.identity()));
        LexicalIndex index = lexicalIndex(flat(), 1.2, 0.75);
        double[][] bm = z(lexical(index));
        double[][] sem = z(semantic(qv, PolicyView::summary));
        Map<String, double[]> xs = new java.util.LinkedHashMap<>();
        double[] len = new double[queries.size()], lexMax = new double[queries.size()], semMax = new double[queries.size()],
                lexGap = new double[queries.size()], semGap = new double[queries.size()];
        for (int q = 0; q < queries.size(); q++) {
            len[q] = new LinkedHashSet<>(Tokenizer.get().terms(queries.get(q).query())).size();
            lexMax[q] = Arrays.stream(bm[q]).max().getAsDouble();
            semMax[q] = Arrays.stream(sem[q]).max().getAsDouble();
            lexGap[q] = gap(bm[q]);
            semGap[q] = gap(sem[q]);
        }
        xs.put("terms", z(len));
        xs.put("lexMax", z(lexMax));
        xs.put("semMax", z(semMax));
        xs.put("lexGap", z(lexGap));
        xs.put("semGap-lexGap", z(java.util.stream.IntStream.range(0, len.length).mapToDouble(i -> semGap[i] - lexGap[i]).toArray()));
        xs.put("semMax-lexMax", z(java.util.stream.IntStream.range(0, len.length).mapToDouble(i -> semMax[i] - lexMax[i]).toArray()));
        for (var e : xs.entrySet()) {
            for (double b : new double[] {-0.1, -0.05, 0.05, 0.1}) {
                report(e.getKey() + " alpha .75 + " + b + "x", adaptiveFuse(sem, bm, e.getValue(), 0.75, b));
            }
        }
    }

    static List<String> clausesOf(String query) {
        List<String> out = new ArrayList<>();
        for (String c : query.split("\\s+-\\s+|;\\s*|\\?\\s+|:\\s+|,\\s+(?=(so|and|but|or|because|which|while|when)\\b)")) {
            if (c != null && c.strip().split("\\s+").length >= 2) {
                out.add(c.strip());
            }
        }
        return out.isEmpty() ? List.of(query) : out;
    }

    void clauses() {
        float[][] qv = queryVectors(List.of(Function.identity()));
        double[][] bm = z(lexical(lexicalIndex(flat(), 1.2, 0.75)));
        double[][] whole = semantic(qv, PolicyView::summary);
        int multi = 0;
        for (LabelledQuery q : queries) {
            if (clausesOf(q.query()).size() > 1) {
                multi++;
            }
        }
        System.out.println("queries with several clauses: " + multi);
        List<String> sums = policies.stream().map(PolicyView::summary).toList();
        double[][] maxC = new double[queries.size()][policies.size()];
        double[][] meanC = new double[queries.size()][policies.size()];
        for (int q = 0; q < queries.size(); q++) {
            List<String> cs = clausesOf(queries.get(q).query());
            ensure(cs);
            for (int p = 0; p < policies.size(); p++) {
                double mx = -1, mean = 0;
                for (String c : cs) {
                    double v = cos(vec(c), vec(sums.get(p)));
                    mx = Math.max(mx, v);
                    mean += v / cs.size();
                }
                maxC[q][p] = mx;
                meanC[q][p] = mean;
            }
        }
        report("whole", whole);
        report("max clause", maxC);
        report("mean clause", meanC);
        for (double w : new double[] {0.25, 0.5, 1}) {
            double[][] semz = sum(z(whole), 1, z(meanC), w);
            report("whole + mean clause " + w + " fused", sum(z(semz), 0.75, bm, 0.25));
            double[][] semx = sum(z(whole), 1, z(maxC), w);
            report("whole + max clause " + w + " fused", sum(z(semx), 0.75, bm, 0.25));
        }
    }

    void ensemble(Path otherCache) throws Exception {
        float[][] qv = queryVectors(List.of(Function.identity()));
        double[][] bm = z(lexical(lexicalIndex(flat(), 1.2, 0.75)));
        double[][] mine = z(semantic(qv, PolicyView::summary));
        Map<String, float[]> other = load(otherCache);
        double[][] theirs = new double[queries.size()][policies.size()];
        for (int q = 0; q < queries.size(); q++) {
            for (int p = 0; p < policies.size(); p++) {
                theirs[q][p] = cos(other.get(queries.get(q).query()), other.get(PolicyView.summary(policies.get(p)).strip()));
            }
        }
        theirs = z(theirs);
        report("this model fused", sum(mine, 0.75, bm, 0.25));
        report("other model fused", sum(theirs, 0.75, bm, 0.25));
        report("both models averaged, fused", sum(new double[] {0.375, 0.375, 0.25}, List.of(mine, theirs, bm)));
    }

    /** Pairwise logistic regression of feature weights on a subset: primary-relevant vs non-relevant in the top k. */
    double[] pairwise(List<double[][]> f, double[][] first, int[] subset, int k, double l2) {
        int n = f.size();
        List<double[]> diffs = new ArrayList<>();
        for (int q : subset) {
            LabelledQuery lq = queries.get(q);
            java.util.Set<String> rel = new java.util.HashSet<>(lq.relevant());
            java.util.Set<String> prim = new java.util.HashSet<>(lq.relevant().subList(0, lq.primary()));
            int[] top = top(first[q], k);
            List<Integer> pos = new ArrayList<>(), neg = new ArrayList<>();
            for (int p = 0; p < policies.size(); p++) {
                if (prim.contains(policies.get(p).id())) {
                    pos.add(p);
                }
            }
            for (int p : top) {
                if (!rel.contains(policies.get(p).id())) {
                    neg.add(p);
                }
            }
            for (int i : pos) {
                for (int j : neg) {
                    double[] d = new double[n];
                    for (int t = 0; t < n; t++) {
                        d[t] = f.get(t)[q][i] - f.get(t)[q][j];
                    }
                    diffs.add(d);
                }
            }
        }
        double[] w = new double[n];
        w[0] = 1;
        for (int it = 0; it < 500; it++) {
            double[] g = new double[n];
            for (double[] d : diffs) {
                double m = 0;
                for (int t = 0; t < n; t++) {
                    m += w[t] * d[t];
                }
                double s = 1 / (1 + Math.exp(m));
                for (int t = 0; t < n; t++) {
                    g[t] += s * d[t] / diffs.size();
                }
            }
            for (int t = 0; t < n; t++) {
                w[t] += 0.5 * (g[t] - l2 * w[t]);
            }
        }
        return w;
    }

    static String fmt(double[] w) {
        double n = Math.abs(w[0]);
        return Arrays.stream(w).mapToObj(x -> String.format("%.2f", x / n)).toList().toString();
    }

    void smooth() {
        float[][] qv = queryVectors(List.of(Function.identity()));
        double[][] sem = z(semantic(qv, PolicyView::summary));
        double[][] bm = z(lexical(lexicalIndex(flat(), 1.2, 0.75)));
        double[][] base = sum(sem, 0.75, bm, 0.25);
        List<float[]> docs = policies.stream().map(p -> vec(PolicyView.summary(p).strip())).toList();
        int n = docs.size();
        for (int k : new int[] {3, 5, 10}) {
            int[][] nn = new int[n][];
            for (int i = 0; i < n; i++) {
                double[] c = new double[n];
                for (int j = 0; j < n; j++) {
                    c[j] = i == j ? -2 : cos(docs.get(i), docs.get(j));
                }
                nn[i] = top(c, k);
            }
            for (double l : new double[] {0.1, 0.2, 0.4}) {
                double[][] out = new double[queries.size()][n];
                for (int q = 0; q < queries.size(); q++) {
                    for (int i = 0; i < n; i++) {
                        double m = 0;
                        for (int j : nn[i]) {
                            m += base[q][j] / k;
                        }
                        out[q][i] = base[q][i] + l * m;
                    }
                }
                report("knn " + k + " smoothing " + l, out);
            }
        }
    }

    void naiveBayesIntent() {
        float[][] qv = queryVectors(List.of(Function.identity()));
        double[][] sem = z(semantic(qv, PolicyView::summary));
        double[][] bm = z(lexical(lexicalIndex(flat(), 1.2, 0.75)));
        double[][] base = sum(sem, 0.75, bm, 0.25);
        // document frequencies of terms among policies that change resources and those that check them
        Map<String, int[]> df = new HashMap<>();
        int[] n = new int[2];
        for (Policy p : policies) {
            double c = changes(p);
            if (c == 0) {
                continue;
            }
            int cls = c > 0 ? 0 : 1;
            n[cls]++;
            for (String t : new LinkedHashSet<>(Tokenizer.get().terms(p.title() + " " + p.description()))) {
                df.computeIfAbsent(t, x -> new int[2])[cls]++;
            }
        }
        System.out.printf("policies that change: %d, that check: %d%n", n[0], n[1]);
        java.util.Map<String, Policy> byId = new HashMap<>();
        policies.forEach(p -> byId.put(p.id(), p));
        for (double prior : new double[] {0.5, 1, 2}) {
            Map<String, Double> logOdds = new HashMap<>();
            df.forEach((t, c) -> logOdds.put(t, Math.log((c[0] + prior) / (n[0] + 2 * prior))
                    - Math.log((c[1] + prior) / (n[1] + 2 * prior))));
            if (prior == 1) {
                logOdds.entrySet().stream().filter(e -> df.get(e.getKey())[0] + df.get(e.getKey())[1] >= 4)
                        .sorted(Map.Entry.comparingByValue()).limit(15).forEach(e -> System.out.print(e.getKey() + " "));
                System.out.println(" <- check | change ->");
                logOdds.entrySet().stream().filter(e -> df.get(e.getKey())[0] + df.get(e.getKey())[1] >= 4)
                        .sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(25)
                        .forEach(e -> System.out.print(e.getKey() + " "));
                System.out.println();
            }
            double[] s = new double[queries.size()];
            double[] oracle = new double[queries.size()];
            for (int q = 0; q < queries.size(); q++) {
                for (String t : new LinkedHashSet<>(Tokenizer.get().terms(queries.get(q).query()))) {
                    s[q] += logOdds.getOrDefault(t, 0.0);
                }
                oracle[q] = changes(byId.get(queries.get(q).relevant().get(0)));
            }
            double auc = 0;
            int pairs = 0;
            for (int i = 0; i < s.length; i++) {
                for (int j = 0; j < s.length; j++) {
                    if (oracle[i] > 0 && oracle[j] < 0) {
                        pairs++;
                        auc += s[i] > s[j] ? 1 : s[i] == s[j] ? 0.5 : 0;
                    }
                }
            }
            System.out.printf("prior %.1f: AUC %.3f%n", prior, auc / pairs);
            double[] zs = z(s);
            double[][] f = new double[queries.size()][policies.size()];
            for (int q = 0; q < queries.size(); q++) {
                for (int p = 0; p < policies.size(); p++) {
                    f[q][p] = zs[q] * changes(policies.get(p));
                }
            }
            for (double l : new double[] {0.05, 0.1, 0.2, 0.3}) {
                report("   nb intent x type " + l, sum(base, 1, f, l));
            }
        }
    }

    static String clean(String text) {
        return text.replaceAll("\\{\\{[^}]*\\}\\}", " ").replaceAll("`", "").replaceAll("\\s+", " ").strip();
    }

    /** The summary cut to its first N words: does a long text dilute MiniLM's mean-pooled vector? */
    void truncate() {
        float[][] qv = queryVectors(List.of(Function.identity()));
        double[][] bm = z(lexical(lexicalIndex(flat(), 1.2, 0.75)));
        int[] lengths = policies.stream().mapToInt(p -> PolicyView.summary(p).split("\\s+").length).sorted().toArray();
        System.out.printf("summary words: median %d, p90 %d, max %d%n", lengths[lengths.length / 2],
                lengths[lengths.length * 9 / 10], lengths[lengths.length - 1]);
        double[][] base = sum(z(semantic(qv, PolicyView::summary)), 0.75, bm, 0.25);
        report("shipped", base);
        for (int n : new int[] {40, 60, 80, 100, 130, 160, 200}) {
            double[][] sem = semantic(qv, p -> {
                String[] w = PolicyView.summary(p).split("\\s+");
                return String.join(" ", Arrays.copyOf(w, Math.min(n, w.length)));
            });
            report("first " + n + " words", sem);
            double[][] fused = sum(z(sem), 0.75, bm, 0.25);
            report("   fused .75", fused);
            paired("   vs shipped", base, fused);
        }
    }

    static final dev.langchain4j.model.embedding.onnx.HuggingFaceTokenCountEstimator TOKENS =
            new dev.langchain4j.model.embedding.onnx.HuggingFaceTokenCountEstimator();

    /** Greedy packing of a text's sentences into pieces of at most {@code max} tokens, each after {@code prefix}. */
    static List<String> chunked(String text, int max, String prefix) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String sentence : text.split("(?<=[.!?])\\s+")) {
            String candidate = current.length() == 0 ? sentence : current + " " + sentence;
            String withPrefix = out.isEmpty() ? candidate : prefix + candidate;
            if (current.length() > 0 && TOKENS.estimateTokenCountInText(withPrefix) > max) {
                out.add(out.isEmpty() ? current.toString() : prefix + current);
                current = new StringBuilder(sentence);
            } else {
                current = new StringBuilder(candidate);
            }
        }
        if (current.length() > 0) {
            out.add(out.isEmpty() ? current.toString() : prefix + current);
        }
        return out;
    }

    /** Mean of the normalised vectors of several texts. */
    double[][] semanticMean(float[][] qv, Function<Policy, List<String>> texts) {
        return semantic(qv, texts, false);
    }

    /** The summary in pieces MiniLM reads whole (it truncates at 128 tokens): max or mean over the pieces. */
    void chunks() {
        float[][] qv = queryVectors(List.of(Function.identity()));
        double[][] bm = z(lexical(lexicalIndex(flat(), 1.2, 0.75)));
        long truncated = policies.stream().filter(p -> TOKENS.estimateTokenCountInText(PolicyView.summary(p)) > 126)
                .count();
        System.out.printf("summaries over 126 tokens: %d of %d%n", truncated, policies.size());
        double[][] base = sum(z(semantic(qv, PolicyView::summary)), 0.75, bm, 0.25);
        report("shipped", base);
        for (int max : new int[] {126, 100, 80, 60}) {
            for (boolean titled : new boolean[] {false, true}) {
                Function<Policy, List<String>> pieces = p -> chunked(PolicyView.summary(p), max,
                        titled ? PolicyView.sentence(p.title()) : "");
                String name = max + (titled ? " titled" : " plain");
                double[][] mx = semantic(qv, pieces, true);
                double[][] mean = semantic(qv, pieces, false);
                report(name + " max", mx);
                double[][] f1 = sum(z(mx), 0.75, bm, 0.25);
                report("   fused .75", f1);
                paired("   vs shipped", base, f1);
                report(name + " mean", mean);
                double[][] f2 = sum(z(mean), 0.75, bm, 0.25);
                report("   fused .75", f2);
                paired("   vs shipped", base, f2);
            }
        }
    }

    void summaryVariants() {
        float[][] qv = queryVectors(List.of(Function.identity()));
        double[][] bm = z(lexical(lexicalIndex(flat(), 1.2, 0.75)));
        Map<String, Function<Policy, String>> v = new java.util.LinkedHashMap<>();
        Function<Policy, String> kinds = p -> PolicyField.KINDS.text(p);
        v.put("shipped summary", PolicyView::summary);
        v.put("no category", p -> PolicyView.sentence(p.title()) + PolicyView.sentence(kinds.apply(p))
                + PolicyView.sentence(p.description()) + PolicyView.sentence(messages(p)));
        v.put("no kinds", p -> PolicyView.sentence(p.title()) + PolicyView.sentence(p.category())
                + PolicyView.sentence(p.description()) + PolicyView.sentence(messages(p)));
        v.put("clean messages", p -> PolicyView.sentence(p.title()) + PolicyView.sentence(p.category())
                + PolicyView.sentence(kinds.apply(p)) + PolicyView.sentence(p.description())
                + PolicyView.sentence(clean(messages(p))));
        v.put("all cleaned", p -> clean(PolicyView.sentence(p.title()) + PolicyView.sentence(p.category())
                + PolicyView.sentence(kinds.apply(p)) + PolicyView.sentence(p.description())
                + PolicyView.sentence(messages(p))));
        v.put("title twice", p -> PolicyView.sentence(p.title()) + PolicyView.summary(p));
        v.put("kinds as 'Applies to'", p -> PolicyView.sentence(p.title()) + PolicyView.sentence(p.category())
                + PolicyView.sentence("Applies to " + kinds.apply(p)) + PolicyView.sentence(p.description())
                + PolicyView.sentence(messages(p)));
        for (var e : v.entrySet()) {
            double[][] sem = semantic(qv, e.getValue());
            report(e.getKey(), sem);
            report("   fused .75", sum(z(sem), 0.75, bm, 0.25));
        }
    }

    double[][] nbIntentFeature(double prior) {
        Map<String, int[]> df = new HashMap<>();
        int[] n = new int[2];
        for (Policy p : policies) {
            double c = changes(p);
            if (c == 0) {
                continue;
            }
            int cls = c > 0 ? 0 : 1;
            n[cls]++;
            for (String t : new LinkedHashSet<>(Tokenizer.get().terms(p.title() + " " + p.description()))) {
                df.computeIfAbsent(t, x -> new int[2])[cls]++;
            }
        }
        Map<String, Double> logOdds = new HashMap<>();
        df.forEach((t, c) -> logOdds.put(t, Math.log((c[0] + prior) / (n[0] + 2 * prior))
                - Math.log((c[1] + prior) / (n[1] + 2 * prior))));
        double[] s = new double[queries.size()];
        for (int q = 0; q < queries.size(); q++) {
            for (String t : new LinkedHashSet<>(Tokenizer.get().terms(queries.get(q).query()))) {
                s[q] += logOdds.getOrDefault(t, 0.0);
            }
        }
        double[] zs = z(s);
        double[][] f = new double[queries.size()][policies.size()];
        for (int q = 0; q < queries.size(); q++) {
            for (int p = 0; p < policies.size(); p++) {
                f[q][p] = zs[q] * changes(policies.get(p));
            }
        }
        return f;
    }

    double[][] softFeature(double theta) {
        List<List<String>> docWords = policies.stream().map(p -> contentWords(p.title() + " " + p.id() + " "
                + p.description() + " " + messages(p))).toList();
        java.util.Set<String> vocab = new LinkedHashSet<>();
        docWords.forEach(vocab::addAll);
        Map<String, Integer> df = new HashMap<>();
        docWords.forEach(ws -> ws.forEach(w -> df.merge(w, 1, Integer::sum)));
        ensure(vocab);
        List<List<String>> queryWords = queries.stream().map(q -> contentWords(q.query())).toList();
        List<String> qw = new ArrayList<>();
        queryWords.forEach(qw::addAll);
        ensure(qw);
        double[][] soft = new double[queries.size()][policies.size()];
        for (int q = 0; q < queries.size(); q++) {
            for (String t : queryWords.get(q)) {
                float[] et = vec(t);
                for (int p = 0; p < policies.size(); p++) {
                    double best = 0;
                    for (String w : docWords.get(p)) {
                        double c = cos(et, vec(w));
                        if (c > theta) {
                            best = Math.max(best, (c - theta) / (1 - theta)
                                    * Math.log(1 + (policies.size() - df.get(w) + 0.5) / (df.get(w) + 0.5)));
                        }
                    }
                    soft[q][p] += best;
                }
            }
        }
        return soft;
    }

    void combo() {
        float[][] qv = queryVectors(List.of(Function.identity()));
        double[][] sem = z(semantic(qv, PolicyView::summary));
        double[][] bm = z(lexical(lexicalIndex(flat(), 1.2, 0.75)));
        double[][] sent = z(semantic(qv, p -> sentences(p.description()), true));
        double[][] nb = nbIntentFeature(0.5);
        double[][] soft = z(softFeature(0.5));
        List<String> sums = policies.stream().map(p -> PolicyView.summary(p).strip()).toList();
        double[][] meanC = new double[queries.size()][policies.size()];
        for (int q = 0; q < queries.size(); q++) {
            List<String> cs = clausesOf(queries.get(q).query());
            ensure(cs);
            for (int p = 0; p < policies.size(); p++) {
                for (String c : cs) {
                    meanC[q][p] += cos(vec(c), vec(sums.get(p))) / cs.size();
                }
            }
        }
        double[][] clause = z(meanC);
        List<double[][]> f = List.of(sem, bm, sent, nb, soft, clause);
        report("base", sum(new double[] {1, 0.33, 0, 0, 0, 0}, f));
        report("all at mid weights .25/.15/.1/.25", sum(new double[] {1, 0.33, 0.25, 0.15, 0.1, 0.25}, f));
        report("sent .25 + nb .15", sum(new double[] {1, 0.33, 0.25, 0.15, 0, 0}, f));
        report("sent .25 + soft .1", sum(new double[] {1, 0.33, 0.25, 0, 0.1, 0}, f));
        report("nb .15 + soft .1", sum(new double[] {1, 0.33, 0, 0.15, 0.1, 0}, f));
        report("sent .25 + nb .15 + soft .1", sum(new double[] {1, 0.33, 0.25, 0.15, 0.1, 0}, f));
        double[] grid = {0, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5};
        crossFit("sem,bm,sent,nb,soft,clause", f, grid, new double[] {1, 0.33, 0, 0, 0, 0});
        crossFit("sem,bm,sent", f.subList(0, 3), grid, new double[] {1, 0.33, 0});
        crossFit("sem,bm", f.subList(0, 2), grid, new double[] {1, 0.33});
        double[] wall = pairwise(f, sum(new double[] {1, 0.33, 0, 0, 0, 0}, f), all, 10, 0.001);
        System.out.println("pairwise LTR weights fit on all: " + fmt(wall));
        report("LTR fit on all (optimistic)", sum(wall, f));
        double[] wa = pairwise(f, sum(new double[] {1, 0.33, 0, 0, 0, 0}, f), halfA, 10, 0.001);
        double[] wb = pairwise(f, sum(new double[] {1, 0.33, 0, 0, 0, 0}, f), halfB, 10, 0.001);
        double[] onB = metrics(sum(wa, f), halfB), onA = metrics(sum(wb, f), halfA);
        System.out.printf("LTR fit A %s -> B R@1 %.3f R@5 %.3f MRR %.3f | fit B %s -> A R@1 %.3f R@5 %.3f MRR %.3f%n",
                fmt(wa), onB[0], onB[2], onB[4], fmt(wb), onA[0], onA[2], onA[4]);
    }

    /** Wins and losses of a variant against a base, query by query, on first-hit rank (R@1) and reciprocal rank. */
    void paired(String name, double[][] base, double[][] variant) {
        int win1 = 0, loss1 = 0, winRr = 0, lossRr = 0;
        for (int q : all) {
            double[] mb = queryMetrics(base[q], q);
            double[] mv = queryMetrics(variant[q], q);
            win1 += mv[0] > mb[0] ? 1 : 0;
            loss1 += mv[0] < mb[0] ? 1 : 0;
            winRr += mv[4] > mb[4] + 1e-9 ? 1 : 0;
            lossRr += mv[4] < mb[4] - 1e-9 ? 1 : 0;
        }
        System.out.printf("%-52s R@1 wins %d losses %d | reciprocal rank better %d worse %d%n", name, win1, loss1, winRr,
                lossRr);
    }

    /** The metrics of one query's scores. */
    double[] queryMetrics(double[] scores, int q) {
        double[][] rows = new double[queries.size()][];
        rows[q] = scores;
        return metrics(rows, new int[] {q});
    }

    static List<String> windows(Policy p, int size) {
        List<String> s = sentences(p.description());
        List<String> out = new ArrayList<>();
        for (int i = 0; i + size <= Math.max(size, s.size()); i++) {
            out.add(String.join(" ", s.subList(i, Math.min(s.size(), i + size))));
        }
        out.removeIf(String::isBlank);
        return out;
    }

    void passages() {
        float[][] qv = queryVectors(List.of(Function.identity()));
        double[][] sem = z(semantic(qv, PolicyView::summary));
        double[][] bm = z(lexical(lexicalIndex(flat(), 1.2, 0.75)));
        double[][] base = sum(sem, 1, bm, 0.33);
        Map<String, double[][]> v = new java.util.LinkedHashMap<>();
        v.put("max sentence", semantic(qv, p -> sentences(p.description()), true));
        v.put("max 2-sentence window", semantic(qv, p -> windows(p, 2), true));
        v.put("max sentence incl. messages", semantic(qv, p -> {
            List<String> t = new ArrayList<>(sentences(p.description()));
            t.addAll(sentences(messages(p)));
            return t;
        }, true));
        v.put("max title: sentence", semantic(qv, p -> sentences(p.description()).stream()
                .map(x -> PolicyView.sentence(p.title()) + x).toList(), true));
        for (var e : v.entrySet()) {
            double[][] f = z(e.getValue());
            for (double w : new double[] {0.15, 0.25, 0.35}) {
                double[][] fused = sum(base, 1, f, w);
                report(e.getKey() + " " + w, fused);
                paired("   vs base", base, fused);
            }
        }
        int total = 0;
        for (Policy p : policies) {
            total += sentences(p.description()).size();
        }
        System.out.println("description sentences: " + total);
    }

    double auc(double[] s, double[] oracle) {
        double auc = 0;
        int pairs = 0;
        for (int i = 0; i < s.length; i++) {
            for (int j = 0; j < s.length; j++) {
                if (oracle[i] > 0 && oracle[j] < 0) {
                    pairs++;
                    auc += s[i] > s[j] ? 1 : s[i] == s[j] ? 0.5 : 0;
                }
            }
        }
        return auc / pairs;
    }

    double[][] intentFeature(double[] s) {
        double[] zs = z(s);
        double[][] f = new double[queries.size()][policies.size()];
        for (int q = 0; q < queries.size(); q++) {
            for (int p = 0; p < policies.size(); p++) {
                f[q][p] = zs[q] * changes(policies.get(p));
            }
        }
        return f;
    }

    void intentFromCorpusEmbeddings() {
        float[][] qv = queryVectors(List.of(Function.identity()));
        double[][] sem = z(semantic(qv, PolicyView::summary));
        double[][] bm = z(lexical(lexicalIndex(flat(), 1.2, 0.75)));
        double[][] base = sum(sem, 1, bm, 0.33);
        Map<String, Policy> byId = new HashMap<>();
        policies.forEach(p -> byId.put(p.id(), p));
        double[] oracle = queries.stream().mapToDouble(q -> changes(byId.get(q.relevant().get(0)))).toArray();
        Map<String, Function<Policy, String>> texts = new java.util.LinkedHashMap<>();
        texts.put("summary", p -> PolicyView.summary(p).strip());
        texts.put("description", p -> p.description().strip());
        for (var e : texts.entrySet()) {
            List<String> t = policies.stream().map(e.getValue()).filter(x -> !x.isEmpty()).toList();
            ensure(t);
            int dim = qv[0].length;
            // logistic regression, L2, on corpus docs labelled change (+1) vs check (-1)
            for (double l2 : new double[] {0.01, 0.1, 1}) {
                double[] w = new double[dim + 1];
                for (int it = 0; it < 300; it++) {
                    double[] g = new double[dim + 1];
                    int n = 0;
                    for (Policy p : policies) {
                        double y = changes(p);
                        String x = e.getValue().apply(p);
                        if (y == 0 || x.isEmpty()) {
                            continue;
                        }
                        float[] v = normalised(vec(x));
                        double m = w[dim];
                        for (int i = 0; i < dim; i++) {
                            m += w[i] * v[i];
                        }
                        double s = 1 / (1 + Math.exp(y * m));
                        for (int i = 0; i < dim; i++) {
                            g[i] += s * y * v[i];
                        }
                        g[dim] += s * y;
                        n++;
                    }
                    for (int i = 0; i <= dim; i++) {
                        w[i] += 1.0 * (g[i] / n - (i < dim ? l2 * w[i] : 0));
                    }
                }
                double[] s = new double[queries.size()];
                for (int q = 0; q < queries.size(); q++) {
                    for (int i = 0; i < dim; i++) {
                        s[q] += w[i] * qv[q][i];
                    }
                }
                System.out.printf("logistic on %s l2 %.2f: query AUC %.3f%n", e.getKey(), l2, auc(s, oracle));
                double[][] f = intentFeature(s);
                for (double l : new double[] {0.1, 0.2}) {
                    report("   intent x type " + l, sum(base, 1, f, l));
                }
            }
        }
    }

    /** Pairwise LTR fit on one half, tested on the other: A/B and the mean over 20 random splits, against the base. */
    void crossLtr(String name, List<double[][]> f, double[][] first, int k, double l2) {
        double[] wa = pairwise(f, first, halfA, k, l2), wb = pairwise(f, first, halfB, k, l2);
        double[] onB = metrics(sum(wa, f), halfB), onA = metrics(sum(wb, f), halfA);
        Random random = new Random(7);
        double[] test = new double[6], base = new double[6];
        int rounds = 20;
        double[] wsum = new double[f.size()];
        for (int r = 0; r < rounds; r++) {
            List<Integer> order = new ArrayList<>(IntStream.range(0, queries.size()).boxed().toList());
            java.util.Collections.shuffle(order, random);
            int[] train = order.subList(0, order.size() / 2).stream().mapToInt(i -> i).toArray();
            int[] held = order.subList(order.size() / 2, order.size()).stream().mapToInt(i -> i).toArray();
            double[] w = pairwise(f, first, train, k, l2);
            for (int i = 0; i < w.length; i++) {
                wsum[i] += w[i] / w[0] / rounds;
            }
            double[] m = metrics(sum(w, f), held), b = metrics(first, held);
            for (int i = 0; i < 6; i++) {
                test[i] += m[i] / rounds;
                base[i] += b[i] / rounds;
            }
        }
        System.out.printf("%-34s A->B R@1 %.3f MRR %.3f | B->A R@1 %.3f MRR %.3f | random held-out R@1 %.3f (base %.3f) R@5 %.3f (%.3f) MRR %.3f (%.3f) | mean w %s%n",
                name, onB[0], onB[4], onA[0], onA[4], test[0], base[0], test[2], base[2], test[4], base[4], fmt(wsum));
    }

    void ltr2() {
        float[][] qv = queryVectors(List.of(Function.identity()));
        LexicalIndex index = lexicalIndex(flat(), 1.2, 0.75);
        Map<PolicyField, Double> titleOnly = new EnumMap<>(PolicyField.class);
        titleOnly.put(PolicyField.TITLE, 1.0);
        titleOnly.put(PolicyField.ID, 1.0);
        double[][] sem = z(semantic(qv, PolicyView::summary));
        double[][] bm = z(lexical(index));
        double[][] bmTitle = z(lexical(lexicalIndex(titleOnly, 1.2, 0.75)));
        double[][] title = z(semantic(qv, p -> PolicyView.sentence(p.title()) + PolicyView.words(p.id())));
        double[][] desc = z(semantic(qv, Policy::description));
        double[][] msgs = z(semantic(qv, SearchExperiment::messages));
        double[][] sent = z(semantic(qv, p -> sentences(p.description()), true));
        double[][] nb = nbIntentFeature(0.5);
        double[][] first = sum(sem, 1, bm, 0.33);
        System.out.println("A/B base: A R@1 " + metrics(first, halfA)[0] + " B R@1 " + metrics(first, halfB)[0]);
        for (int k : new int[] {10, 20}) {
            for (double l2 : new double[] {0.0003, 0.001, 0.003}) {
                String suffix = " k" + k + " l2 " + l2;
                crossLtr("sem,bm" + suffix, List.of(sem, bm), first, k, l2);
                crossLtr("sem,bm,sent" + suffix, List.of(sem, bm, sent), first, k, l2);
                crossLtr("sem,bm,sent,msgs,desc" + suffix, List.of(sem, bm, sent, msgs, desc), first, k, l2);
                crossLtr("7 features" + suffix, List.of(sem, bm, bmTitle, title, desc, msgs, sent), first, k, l2);
                crossLtr("7 + nb" + suffix, List.of(sem, bm, bmTitle, title, desc, msgs, sent, nb), first, k, l2);
            }
        }
    }

    double[][] fieldBm25(PolicyField... fields) {
        Map<PolicyField, Double> w = new EnumMap<>(PolicyField.class);
        for (PolicyField f : fields) {
            w.put(f, 1.0);
        }
        return z(lexical(lexicalIndex(w, 1.2, 0.75)));
    }

    /** Feature sets that cost no embeddings beyond the summary and the query. */
    void ltr3() {
        float[][] qv = queryVectors(List.of(Function.identity()));
        double[][] sem = z(semantic(qv, PolicyView::summary));
        double[][] bm = z(lexical(lexicalIndex(flat(), 1.2, 0.75)));
        double[][] bmTitle = fieldBm25(PolicyField.TITLE, PolicyField.ID);
        double[][] bmDesc = fieldBm25(PolicyField.DESCRIPTION);
        double[][] bmRules = fieldBm25(PolicyField.RULES);
        double[][] bmFields = fieldBm25(PolicyField.FIELDS);
        double[][] bmKinds = fieldBm25(PolicyField.KINDS, PolicyField.CATEGORY);
        double[][] nb = nbIntentFeature(0.5);
        double[][] first = sum(sem, 1, bm, 0.33);
        for (double l2 : new double[] {0.001}) {
            for (int k : new int[] {10, 20}) {
                String suffix = " k" + k;
                crossLtr("sem,bm" + suffix, List.of(sem, bm), first, k, l2);
                crossLtr("sem,bm,bmTitle" + suffix, List.of(sem, bm, bmTitle), first, k, l2);
                crossLtr("sem,bm,nb" + suffix, List.of(sem, bm, nb), first, k, l2);
                crossLtr("sem,bm,bmTitle,nb" + suffix, List.of(sem, bm, bmTitle, nb), first, k, l2);
                crossLtr("sem,title,desc,rules,fields,kinds" + suffix, List.of(sem, bmTitle, bmDesc, bmRules, bmFields, bmKinds), first, k, l2);
                crossLtr("sem,bm,title,desc,rules,fields,kinds,nb" + suffix, List.of(sem, bm, bmTitle, bmDesc, bmRules, bmFields, bmKinds, nb), first, k, l2);
            }
        }
    }

    void titleSweep() {
        float[][] qv = queryVectors(List.of(Function.identity()));
        double[][] sem = z(semantic(qv, PolicyView::summary));
        double[][] bm = z(lexical(lexicalIndex(flat(), 1.2, 0.75)));
        double[][] bmTitle = fieldBm25(PolicyField.TITLE, PolicyField.ID);
        double[][] bmTitleOnly = fieldBm25(PolicyField.TITLE);
        double[][] base = sum(sem, 1, bm, 0.33);
        for (double b : new double[] {0.33, 0.4, 0.5}) {
            for (double t : new double[] {0, -0.05, -0.1, -0.15, -0.2, -0.3}) {
                double[][] f = sum(new double[] {1, b, t}, List.of(sem, bm, bmTitle));
                report("bm " + b + " title+id bm25 " + t, f);
                if (b == 0.4 || b == 0.33) {
                    paired("   vs base", base, f);
                }
            }
        }
        for (double t : new double[] {-0.1, -0.2}) {
            report("bm .4 title-only bm25 " + t, sum(new double[] {1, 0.4, t}, List.of(sem, bm, bmTitleOnly)));
        }
        // BM25F with the title and id fields down-weighted, for comparison
        for (double w : new double[] {0.5, 0.25, 0}) {
            Map<PolicyField, Double> weights = flat();
            weights.put(PolicyField.TITLE, w);
            weights.put(PolicyField.ID, w);
            report("bm25f title,id weight " + w + " fused", sum(sem, 1, z(lexical(lexicalIndex(weights, 1.2, 0.75))), 0.33));
        }
    }

    /**
     * Known-item checks that need no labels: each policy's title, its id in words, or its description's first
     * sentence as the query, the policy itself as the answer. A variant must not lose these.
     */
    void knownItems() {
        Map<String, Function<Policy, String>> kinds = new java.util.LinkedHashMap<>();
        kinds.put("title", Policy::title);
        kinds.put("id words", p -> PolicyView.words(p.id()));
        kinds.put("title lower-case, 2 words", p -> String.join(" ", Tokenizer.get().words(p.title()).stream().limit(2).toList()));
        kinds.put("first sentence", p -> sentences(p.description()).isEmpty() ? p.title() : sentences(p.description()).get(0));
        for (var e : kinds.entrySet()) {
            List<LabelledQuery> items = policies.stream()
                    .map(p -> new LabelledQuery("k-" + p.id(), e.getValue().apply(p), List.of(p.id()), 1)).toList();
            SearchExperiment k = new SearchExperiment(policies, items, model, this);
            float[][] qv = k.queryVectors(List.of(Function.identity()));
            double[][] sem = z(k.semantic(qv, PolicyView::summary));
            double[][] bm = z(k.lexical(k.lexicalIndex(flat(), 1.2, 0.75)));
            double[][] bmTitle = k.fieldBm25(PolicyField.TITLE, PolicyField.ID);
            k.report(e.getKey() + " as query: base", sum(sem, 0.75, bm, 0.25));
            for (double t : new double[] {-0.05, -0.1, -0.15}) {
                k.report("   bm .4 title+id bm25 " + t, sum(new double[] {1, 0.4, t}, List.of(sem, bm, bmTitle)));
            }
        }
    }

    /** Another query set over the same policies, sharing the embedding cache. */
    SearchExperiment(List<Policy> policies, List<LabelledQuery> queries, EmbeddingModel model, SearchExperiment parent) {
        this.policies = policies;
        this.queries = queries;
        this.model = model;
        this.cacheFile = parent.cacheFile;
        this.cache = parent.cache;
        this.all = IntStream.range(0, queries.size()).toArray();
        this.halfA = IntStream.range(0, queries.size()).filter(i -> i % 2 == 0).toArray();
        this.halfB = IntStream.range(0, queries.size()).filter(i -> i % 2 == 1).toArray();
    }

    static Map<String, Function<Policy, String>> titlePlacements() {
        Map<String, Function<Policy, String>> v = new java.util.LinkedHashMap<>();
        Function<Policy, String> rest = p -> PolicyView.sentence(p.category()) + PolicyView.sentence(PolicyField.KINDS.text(p))
                + PolicyView.sentence(p.description()) + PolicyView.sentence(messages(p));
        v.put("shipped summary (title first)", PolicyView::summary);
        v.put("no title", rest);
        v.put("title after description", p -> PolicyView.sentence(p.category()) + PolicyView.sentence(PolicyField.KINDS.text(p))
                + PolicyView.sentence(p.description()) + PolicyView.sentence(p.title()) + PolicyView.sentence(messages(p)));
        v.put("title last", p -> rest.apply(p) + PolicyView.sentence(p.title()));
        return v;
    }

    void titlePlacement() {
        float[][] qv = queryVectors(List.of(Function.identity()));
        double[][] bm = z(lexical(lexicalIndex(flat(), 1.2, 0.75)));
        for (var e : titlePlacements().entrySet()) {
            double[][] sem = z(semantic(qv, e.getValue()));
            for (double b : new double[] {0.33, 0.5}) {
                report(e.getKey() + " bm " + b, sum(sem, 1, bm, b));
            }
        }
        List<LabelledQuery> items = policies.stream()
                .map(p -> new LabelledQuery("k-" + p.id(), p.title(), List.of(p.id()), 1)).toList();
        SearchExperiment k = new SearchExperiment(policies, items, model, this);
        float[][] kv = k.queryVectors(List.of(Function.identity()));
        double[][] kbm = z(k.lexical(k.lexicalIndex(flat(), 1.2, 0.75)));
        for (var e : titlePlacements().entrySet()) {
            k.report("title lookups: " + e.getKey(), sum(z(k.semantic(kv, e.getValue())), 1, kbm, 0.33));
        }
    }

    void temperature() {
        float[][] qv = queryVectors(List.of(Function.identity()));
        double[][] cs = semantic(qv, PolicyView::summary);
        double[][] bm = lexical(lexicalIndex(flat(), 1.2, 0.75));
        report("base", sum(z(cs), 0.75, z(bm), 0.25));
        for (double tau : new double[] {0.03, 0.05, 0.1, 0.2}) {
            double[][] sem = z(map(cs, c -> Math.exp(c / tau)));
            for (double a : new double[] {0.6, 0.75}) {
                report("z(exp(cos/" + tau + ")) a " + a, sum(sem, a, z(bm), 1 - a));
            }
        }
    }

    /** The shipped ranking's parts for the development queries: query vectors, cosines, BM25F z-scores, fusion. */
    record Shipped(float[][] queryVectors, double[][] semantic, double[][] lexical, double[][] fused,
            List<float[]> documents) {
    }

    Shipped shipped() {
        float[][] qv = queryVectors(List.of(Function.identity()));
        double[][] semantic = semantic(qv, PolicyView::summary);
        double[][] lexical = z(lexical(lexicalIndex(flat(), 1.2, 0.75)));
        double[][] fused = sum(z(semantic), 0.75, lexical, 0.25);
        report("base", fused);
        return new Shipped(qv, semantic, lexical, fused,
                policies.stream().map(p -> normalised(vec(PolicyView.summary(p)))).toList());
    }

    /** Mean of the k largest values. */
    static double topMean(double[] v, int k) {
        double[] c = v.clone();
        Arrays.sort(c);
        double s = 0;
        for (int i = 0; i < k; i++) {
            s += c[c.length - 1 - i];
        }
        return s / k;
    }

    /** CSLS-style hubness correction: a policy close to many pseudo-queries of the pack loses some similarity. */
    void hubness() {
        Shipped sh = shipped();
        Map<String, List<String>> probeSets = new java.util.LinkedHashMap<>();
        List<String> titles = policies.stream().map(Policy::title).filter(t -> !t.isBlank()).toList();
        List<String> sents = new ArrayList<>();
        policies.forEach(p -> sents.addAll(sentences(p.description())));
        probeSets.put("titles", titles);
        probeSets.put("sentences", sents);
        List<String> sums = policies.stream().map(PolicyView::summary).toList();
        probeSets.put("summaries", sums);
        for (var e : probeSets.entrySet()) {
            ensure(e.getValue());
            List<float[]> probes = e.getValue().stream().map(this::vec).map(SearchExperiment::normalised).toList();
            for (int k : new int[] {5, 10, 30}) {
                double[] r = new double[policies.size()];
                for (int d = 0; d < policies.size(); d++) {
                    double[] c = new double[probes.size()];
                    for (int j = 0; j < probes.size(); j++) {
                        c[j] = cos(sh.documents().get(d), probes.get(j));
                    }
                    r[d] = topMean(c, Math.min(k + 1, c.length)); // own text included among the top
                }
                for (double lambda : new double[] {0.25, 0.5, 1.0}) {
                    double[][] adj = new double[queries.size()][policies.size()];
                    for (int q = 0; q < queries.size(); q++) {
                        for (int d = 0; d < policies.size(); d++) {
                            adj[q][d] = sh.semantic()[q][d] - lambda * r[d];
                        }
                    }
                    double[][] fused = sum(z(adj), 0.75, sh.lexical(), 0.25);
                    report("hub " + e.getKey() + " k" + k + " l" + lambda, fused);
                    paired("   vs base", sh.fused(), fused);
                }
            }
        }
    }

    /** Pseudo-relevance feedback: the query vector moved towards the top documents of the first ranking. */
    void prf() {
        Shipped sh = shipped();
        for (int k : new int[] {1, 3, 5}) {
            for (double alpha : new double[] {0.1, 0.25, 0.5}) {
                double[][] sem2 = new double[queries.size()][policies.size()];
                for (int q = 0; q < queries.size(); q++) {
                    int[] top = top(sh.fused()[q], k);
                    float[] nq = normalised(sh.queryVectors()[q]).clone();
                    for (int t : top) {
                        for (int i = 0; i < nq.length; i++) {
                            nq[i] += (float) (alpha / k) * sh.documents().get(t)[i];
                        }
                    }
                    for (int d = 0; d < policies.size(); d++) {
                        sem2[q][d] = cos(nq, sh.documents().get(d));
                    }
                }
                double[][] fused = sum(z(sem2), 0.75, sh.lexical(), 0.25);
                report("prf k" + k + " a" + alpha, fused);
                paired("   vs base", sh.fused(), fused);
            }
        }
    }

    /** Solves A X = B for symmetric positive definite A (Cholesky); B is overwritten column-wise into the result. */
    static double[][] solveSpd(double[][] a, double[][] b) {
        int n = a.length;
        double[][] l = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = a[i][j];
                for (int k = 0; k < j; k++) {
                    s -= l[i][k] * l[j][k];
                }
                l[i][j] = i == j ? Math.sqrt(s) : s / l[j][j];
            }
        }
        int m = b[0].length;
        double[][] x = new double[n][m];
        for (int c = 0; c < m; c++) {
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                double s = b[i][c];
                for (int k = 0; k < i; k++) {
                    s -= l[i][k] * y[k];
                }
                y[i] = s / l[i][i];
            }
            for (int i = n - 1; i >= 0; i--) {
                double s = y[i];
                for (int k = i + 1; k < n; k++) {
                    s -= l[k][i] * x[k][c];
                }
                x[i][c] = s / l[i][i];
            }
        }
        return x;
    }

    /**
     * A linear query adapter learnt from the pack alone: pseudo-queries (titles, description sentences, rule
     * messages) regressed onto their own policy's summary vector, ridge-regularised towards the identity.
     */
    void adapter() {
        Shipped sh = shipped();
        Map<String, Function<Policy, List<String>>> sources = new java.util.LinkedHashMap<>();
        sources.put("titles", p -> p.title().isBlank() ? List.of() : List.of(p.title()));
        sources.put("sentences", p -> sentences(p.description()));
        sources.put("titles+sentences+messages", p -> {
            List<String> t = new ArrayList<>();
            if (!p.title().isBlank()) {
                t.add(p.title());
            }
            t.addAll(sentences(p.description()));
            t.addAll(sentences(messages(p)));
            return t;
        });
        int dim = sh.documents().get(0).length;
        for (var e : sources.entrySet()) {
            List<float[]> xs = new ArrayList<>();
            List<float[]> ys = new ArrayList<>();
            List<String> all = new ArrayList<>();
            for (int d = 0; d < policies.size(); d++) {
                all.addAll(e.getValue().apply(policies.get(d)));
            }
            ensure(all);
            for (int d = 0; d < policies.size(); d++) {
                for (String t : e.getValue().apply(policies.get(d))) {
                    xs.add(normalised(vec(t)));
                    ys.add(sh.documents().get(d));
                }
            }
            for (double lambda : new double[] {1, 3, 10, 30}) {
                // W = (Y X^T + lambda I)(X X^T + lambda I)^-1 ; solve (XX^T + lI) W^T = (X Y^T + lI)
                double[][] a = new double[dim][dim];
                double[][] b = new double[dim][dim];
                for (int n = 0; n < xs.size(); n++) {
                    float[] x = xs.get(n), y = ys.get(n);
                    for (int i = 0; i < dim; i++) {
                        for (int j = 0; j < dim; j++) {
                            a[i][j] += x[i] * x[j];
                            b[i][j] += x[i] * y[j];
                        }
                    }
                }
                for (int i = 0; i < dim; i++) {
                    a[i][i] += lambda;
                    b[i][i] += lambda;
                }
                double[][] wt = solveSpd(a, b); // W^T
                for (double mix : new double[] {0.5, 1.0}) {
                    double[][] sem2 = new double[queries.size()][policies.size()];
                    for (int q = 0; q < queries.size(); q++) {
                        float[] x = normalised(sh.queryVectors()[q]);
                        float[] u = new float[dim];
                        for (int j = 0; j < dim; j++) {
                            double s = 0;
                            for (int i = 0; i < dim; i++) {
                                s += x[i] * wt[i][j];
                            }
                            u[j] = (float) s;
                        }
                        for (int d = 0; d < policies.size(); d++) {
                            sem2[q][d] = mix * cos(u, sh.documents().get(d)) + (1 - mix) * sh.semantic()[q][d];
                        }
                    }
                    double[][] fused = sum(z(sem2), 0.75, sh.lexical(), 0.25);
                    report("adapter " + e.getKey() + " l" + lambda + " mix" + mix, fused);
                    paired("   vs base", sh.fused(), fused);
                }
            }
        }
    }
}
