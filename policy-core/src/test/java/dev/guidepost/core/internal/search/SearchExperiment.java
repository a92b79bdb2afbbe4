package dev.guidepost.core.internal.search;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * Research harness, not a test: measures ranking variants on a labelled query set, over all queries and over
 * the two halves (odd and even positions) so that a choice tuned on one half can be confirmed on the other.
 * Run: {@code java -cp target/classes:target/test-classes:$(cat cp.txt) dev.guidepost.core.internal.search.SearchExperiment CORPUS QUERIES [full|quantized]}.
 */
public final class SearchExperiment {

    private final PolicyPack pack;
    private final List<LabelledQuery> queries;
    private final List<Policy> policies;
    private final List<List<PolicyView>> views;
    /** query x policy x view name -> cosine. */
    private final double[][][] cos;
    private final List<String> viewNames;
    private final double[][][] sentCos;
    private final Map<String, float[]> vectors;

    static String stripped(String query) {
        return String.join(" ", Tokenizer.get().words(query).stream().filter(w -> !Tokenizer.STOPWORDS.contains(w)).toList());
    }

    SearchExperiment(PolicyPack pack, List<LabelledQuery> queries, EmbeddingModel model, Path vectorCache)
            throws IOException, ClassNotFoundException {
        this.pack = pack;
        this.queries = queries;
        this.policies = pack.policies();
        this.views = policies.stream().map(p -> {
            List<PolicyView> vs = new ArrayList<>(PolicyView.texts(p));
            // the candidate views measured and rejected (see PolicyView)
            vs.add(new PolicyView("title", PolicyView.sentence(p.title()) + PolicyView.words(p.id())));
            vs.add(new PolicyView("description", p.description()));
            String rules = PolicyField.RULES.text(p);
            vs.add(new PolicyView("rules", rules.isEmpty() ? "-" : rules.replace('-', ' ')));
            List<String> vocabulary = RuleVocabulary.of(p);
            vs.add(new PolicyView("fields", PolicyView.sentence(PolicyField.KINDS.text(p))
                    + String.join(", ", vocabulary.stream().map(PolicyView::words).toList())));
            String[] sentences = p.description().split("(?<=[.!?])\\s+(?=[A-Z`(])");
            for (int i = 0; i < sentences.length; i++) {
                if (sentences[i].strip().length() > 12) {
                    vs.add(new PolicyView("sentence-" + i, sentences[i].strip()));
                }
            }
            String sum = vs.get(0).text();
            vs.add(new PolicyView("sum-td", p.title() + ". " + p.description()));
            vs.add(new PolicyView("sum-fields", sum + " " + String.join(", ", RuleVocabulary.of(p).stream().map(PolicyView::words).toList())));
            vs.add(new PolicyView("sum-id", PolicyView.words(p.id()) + ". " + sum));
            return List.copyOf(vs);
        }).toList();
        Map<String, float[]> cache = loadCache(vectorCache);
        List<String> texts = new ArrayList<>();
        views.forEach(vs -> vs.forEach(v -> texts.add(v.text())));
        queries.forEach(q -> texts.add(q.query()));
        queries.forEach(q -> texts.add(stripped(q.query())));
        List<String> missing = texts.stream().distinct().filter(t -> !cache.containsKey(t)).toList();
        if (!missing.isEmpty()) {
            long t0 = System.nanoTime();
            var embeddings = model.embedAll(missing.stream().map(TextSegment::from).toList()).content();
            for (int i = 0; i < missing.size(); i++) {
                cache.put(missing.get(i), embeddings.get(i).vector());
            }
            System.err.printf("embedded %d texts in %d ms%n", missing.size(), (System.nanoTime() - t0) / 1_000_000);
            try (var out = new ObjectOutputStream(Files.newOutputStream(vectorCache))) {
                out.writeObject(new HashMap<>(cache));
            }
        }
        viewNames = List.of(PolicyView.SUMMARY, "title", "description", "rules", "fields", "sum-td", "sum-fields",
                "sum-id");
        vectors = cache;
        cos = new double[queries.size()][policies.size()][viewNames.size()];
        sentCos = new double[queries.size()][policies.size()][];
        for (int q = 0; q < queries.size(); q++) {
            float[] qv = cache.get(queries.get(q).query());
            for (int p = 0; p < policies.size(); p++) {
                for (int v = 0; v < viewNames.size(); v++) {
                    cos[q][p][v] = Double.NaN;
                }
                List<Double> sc = new ArrayList<>();
                for (PolicyView view : views.get(p)) {
                    int v = viewNames.indexOf(view.name());
                    if (v >= 0) {
                        cos[q][p][v] = dot(qv, cache.get(view.text()));
                    } else if (view.name().startsWith("sentence-")) {
                        sc.add(dot(qv, cache.get(view.text())));
                    }
                }
                sentCos[q][p] = sc.stream().mapToDouble(Double::doubleValue).toArray();
            }
        }
        // timing per view type
        for (String vn : List.of("summary", "title", "description", "rules", "fields", "sentence-")) {
            List<TextSegment> segs = new ArrayList<>();
            views.forEach(vs -> vs.stream().filter(v -> v.name().startsWith(vn)).forEach(v -> segs.add(TextSegment.from(v.text()))));
            if (System.getProperty("timing") != null) {
                long t0 = System.nanoTime();
                model.embedAll(segs);
                System.err.printf("view %s: %d texts embedded in %d ms%n", vn, segs.size(), (System.nanoTime() - t0) / 1_000_000);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, float[]> loadCache(Path file) throws IOException, ClassNotFoundException {
        if (!Files.exists(file)) {
            return new HashMap<>();
        }
        try (var in = new ObjectInputStream(Files.newInputStream(file))) {
            return (Map<String, float[]>) in.readObject();
        }
    }

    private static double dot(float[] a, float[] b) {
        double s = 0, na = 0, nb = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return s / Math.sqrt(na * nb);
    }

    /** Metrics of a scorer (query index -> score per policy) over a subset of query indexes. */
    double[] evaluate(Function<Integer, double[]> scorer, int[] subset) {
        double r1 = 0, r3 = 0, r5 = 0, r10 = 0, mrr = 0, ndcg = 0;
        for (int q : subset) {
            double[] s = scorer.apply(q);
            List<String> ranking = IntStream.range(0, policies.size()).boxed()
                    .sorted(Comparator.<Integer>comparingDouble(i -> -s[i]).thenComparing(i -> policies.get(i).id()))
                    .map(i -> policies.get(i).id()).toList();
            LabelledQuery lq = queries.get(q);
            r1 += RankingMetrics.hitAt(ranking, lq.relevant(), lq.primary(), 1) ? 1 : 0;
            r3 += RankingMetrics.hitAt(ranking, lq.relevant(), lq.primary(), 3) ? 1 : 0;
            r5 += RankingMetrics.hitAt(ranking, lq.relevant(), lq.primary(), 5) ? 1 : 0;
            r10 += RankingMetrics.hitAt(ranking, lq.relevant(), lq.primary(), 10) ? 1 : 0;
            mrr += RankingMetrics.reciprocalRank(ranking, lq.relevant());
            ndcg += RankingMetrics.ndcg(ranking, lq.relevant(), 5);
        }
        int n = subset.length;
        return new double[] {r1 / n, r3 / n, r5 / n, r10 / n, mrr / n, ndcg / n};
    }

    void report(String name, Function<Integer, double[]> scorer) {
        int[] all = IntStream.range(0, queries.size()).toArray();
        int[] odd = IntStream.range(0, queries.size()).filter(i -> i % 2 == 0).toArray();
        int[] even = IntStream.range(0, queries.size()).filter(i -> i % 2 == 1).toArray();
        double[] a = evaluate(scorer, all), h1 = evaluate(scorer, odd), h2 = evaluate(scorer, even);
        System.out.printf("%-48s R@1 %.3f R@3 %.3f R@5 %.3f R@10 %.3f MRR %.3f nDCG@5 %.3f | A: R@5 %.3f MRR %.3f | B: R@5 %.3f MRR %.3f%n",
                name, a[0], a[1], a[2], a[3], a[4], a[5], h1[2], h1[4], h2[2], h2[4]);
    }

    /** Semantic score of policy p for query q combining views. */
    double semantic(int q, int p, double[] viewWeights, boolean max) {
        double best = Double.NEGATIVE_INFINITY, sum = 0, wsum = 0;
        for (int v = 0; v < viewNames.size(); v++) {
            double c = cos[q][p][v];
            if (Double.isNaN(c) || viewWeights[v] == 0) {
                continue;
            }
            best = Math.max(best, c);
            sum += viewWeights[v] * c;
            wsum += viewWeights[v];
        }
        if (wsum == 0) {
            return 0;
        }
        return max ? best : sum / wsum;
    }

    double[] semanticScores(int q, double[] viewWeights, boolean max) {
        double[] s = new double[policies.size()];
        for (int p = 0; p < s.length; p++) {
            s[p] = semantic(q, p, viewWeights, max);
        }
        return s;
    }

    static double[] zscore(double[] s) {
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
            out[i] = sd == 0 ? 0 : (s[i] - mean) / sd;
        }
        return out;
    }

    static double[] minmax(double[] s) {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (double x : s) {
            lo = Math.min(lo, x);
            hi = Math.max(hi, x);
        }
        double[] out = new double[s.length];
        for (int i = 0; i < s.length; i++) {
            out[i] = hi == lo ? 0 : (s[i] - lo) / (hi - lo);
        }
        return out;
    }

    static double[] rrf(int k, double[]... lists) {
        double[] out = new double[lists[0].length];
        for (double[] s : lists) {
            Integer[] order = IntStream.range(0, s.length).boxed().sorted(Comparator.comparingDouble(i -> -s[i]))
                    .toArray(Integer[]::new);
            for (int r = 0; r < order.length; r++) {
                out[order[r]] += 1.0 / (k + r + 1);
            }
        }
        return out;
    }

    static double[] linear(double alpha, double[] a, double[] b) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = alpha * a[i] + (1 - alpha) * b[i];
        }
        return out;
    }

    public static void main(String[] args) throws Exception {
        PolicyPack pack = PolicyPack.load(Path.of(args[0]));
        List<LabelledQuery> queries = LabelledQuery.read(Path.of(args[1]));
        boolean quantized = args.length > 2 && args[2].equals("quantized");
        EmbeddingModel model = quantized ? new AllMiniLmL6V2QuantizedEmbeddingModel() : new AllMiniLmL6V2EmbeddingModel();
        SearchExperiment x = new SearchExperiment(pack, queries, model,
                Path.of("/tmp/exp/vectors-" + (quantized ? "q" : "full") + ".bin"));
        x.run();
    }

    LexicalIndex lexical(Map<PolicyField, Double> weights, double k1, double b) {
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

    double[] viewScores(int q, int v) {
        double[] s = new double[policies.size()];
        double fill = Double.POSITIVE_INFINITY;
        for (int p = 0; p < s.length; p++) {
            s[p] = v < 0 ? (sentCos[q][p].length == 0 ? Double.NaN : java.util.Arrays.stream(sentCos[q][p]).max().getAsDouble()) : cos[q][p][v];
            if (!Double.isNaN(s[p])) fill = Math.min(fill, s[p]);
        }
        for (int p = 0; p < s.length; p++) if (Double.isNaN(s[p])) s[p] = fill;
        return s;
    }

    double[] zcombo(int q, double[] w, double sentW) {
        double[] out = new double[policies.size()];
        for (int v = 0; v < w.length; v++) {
            if (w[v] == 0) continue;
            double[] z = zscore(viewScores(q, v));
            for (int p = 0; p < out.length; p++) out[p] += w[v] * z[p];
        }
        if (sentW != 0) {
            double[] z = zscore(viewScores(q, -1));
            for (int p = 0; p < out.length; p++) out[p] += sentW * z[p];
        }
        return out;
    }

    /** cosine scores of a query vector against one view name of every policy. */
    double[] viewCos(float[] qv, String name) {
        double[] s = new double[policies.size()];
        for (int p = 0; p < s.length; p++) {
            for (PolicyView v : views.get(p)) if (v.name().equals(name)) s[p] = dot(qv, vectors.get(v.text()));
        }
        return s;
    }

    float[] vec(String text) { return vectors.get(text); }

    static float[] mix(float[] a, float[] b, double wb) {
        float[] o = new float[a.length];
        for (int i = 0; i < a.length; i++) o[i] = (float) (a[i] + wb * b[i]);
        return o;
    }

    double[] prf(int q, String view, int k, double beta) {
        float[] qv = vec(queries.get(q).query());
        double[] s = viewCos(qv, view);
        Integer[] order = IntStream.range(0, s.length).boxed().sorted(Comparator.comparingDouble(i -> -s[i])).toArray(Integer[]::new);
        float[] acc = qv.clone();
        for (int r = 0; r < k; r++) {
            for (PolicyView v : views.get(order[r])) if (v.name().equals(view)) acc = mix(acc, vec(v.text()), beta / k);
        }
        return viewCos(acc, view);
    }

    double[] hub;
    double[] csls(int q, String view, double lambda) {
        if (hub == null) {
            hub = new double[policies.size()];
            for (int p = 0; p < hub.length; p++) {
                float[] pv = null;
                for (PolicyView v : views.get(p)) if (v.name().equals("title")) pv = vec(v.text());
                double[] c = viewCos(pv, view);
                c[p] = -1;
                double[] sorted = java.util.Arrays.stream(c).sorted().toArray();
                double m = 0; for (int i = 0; i < 10; i++) m += sorted[sorted.length - 1 - i];
                hub[p] = m / 10;
            }
        }
        double[] s = viewCos(vec(queries.get(q).query()), view);
        for (int p = 0; p < s.length; p++) s[p] -= lambda * hub[p];
        return s;
    }

    void run2() {
        LexicalIndex lex = lexical(java.util.Arrays.stream(PolicyField.values()).collect(java.util.stream.Collectors.toMap(f -> f, f -> 1.0)), 1.2, 0.75);
        Function<Integer, double[]> lexS = q -> lex.score(queries.get(q).query());
        Map<String, Function<Integer, double[]>> sems = new LinkedHashMap<>();
        for (String vn : List.of("summary", "sum-td", "sum-fields", "sum-id")) {
            sems.put(vn, q -> viewCos(vec(queries.get(q).query()), vn));
        }
        sems.put("summary stripped-query", q -> viewCos(vec(stripped(queries.get(q).query())), "summary"));
        sems.put("summary q+stripped", q -> viewCos(mix(vec(queries.get(q).query()), vec(stripped(queries.get(q).query())), 1), "summary"));
        for (int k : new int[] {3, 5}) for (double beta : new double[] {0.3, 0.7}) {
            sems.put("summary prf k" + k + " b" + beta, q -> prf(q, "summary", k, beta));
        }
        for (double l : new double[] {0.25, 0.5, 1.0}) sems.put("summary csls l" + l, q -> csls(q, "summary", l));
        for (var e : sems.entrySet()) {
            report("sem " + e.getKey(), e.getValue());
            for (double a : new double[] {0.6, 0.7, 0.8}) {
                report("  z lin a" + a + " +lex", q -> linear(a, zscore(e.getValue().apply(q)), zscore(lexS.apply(q))));
            }
        }
    }

    /** The shipped configuration and its fusion weight swept, for the split-half check. */
    void run3() {
        LexicalIndex lex = lexical(java.util.Arrays.stream(PolicyField.values()).collect(java.util.stream.Collectors.toMap(f -> f, f -> 1.0)), 1.2, 0.75);
        Function<Integer, double[]> lexS = q -> lex.score(queries.get(q).query());
        Function<Integer, double[]> sem = q -> viewCos(vec(queries.get(q).query()), "summary");
        report("lexical BM25F alone", lexS);
        report("semantic summary alone", sem);
        report("rrf60", q -> rrf(60, sem.apply(q), lexS.apply(q)));
        report("rrf10", q -> rrf(10, sem.apply(q), lexS.apply(q)));
        for (double a : new double[] {0.5, 0.6, 0.7, 0.75, 0.8, 0.9}) {
            report("z-linear a" + a, q -> linear(a, zscore(sem.apply(q)), zscore(lexS.apply(q))));
        }
    }

    void run() {
        if (System.getProperty("run3") != null) { run3(); return; }
        if (System.getProperty("run2") != null) { run2(); return; }
        report("sem max sentence", q -> viewScores(q, -1));
        for (double[] w : new double[][] {{1,0,0,0,0},{1,0.5,0,0,0},{1,0,0.5,0,0},{1,0,0,0.5,0},{1,0,0,0,0.5},{1,0.3,0.3,0.3,0.3},{1,0.5,0.5,0.5,0.5},{1,0.2,0.5,0.2,0.2}}) {
            for (double sw : new double[] {0, 0.5, 1}) {
                report("zsem " + java.util.Arrays.toString(w) + " sent" + sw, q -> zcombo(q, w, sw));
            }
        }
        if (System.getProperty("full") == null) return;
        // views: summary, title, description, rules, fields
        Map<String, double[]> viewSets = new LinkedHashMap<>();
        viewSets.put("summary", new double[] {1, 0, 0, 0, 0});
        viewSets.put("title", new double[] {0, 1, 0, 0, 0});
        viewSets.put("description", new double[] {0, 0, 1, 0, 0});
        viewSets.put("rules", new double[] {0, 0, 0, 1, 0});
        viewSets.put("fields", new double[] {0, 0, 0, 0, 1});
        viewSets.put("mean all", new double[] {1, 1, 1, 1, 1});
        viewSets.put("mean sum+title+desc", new double[] {1, 1, 1, 0, 0});
        viewSets.put("mean 2sum+title+desc+rules", new double[] {2, 1, 1, 1, 0});
        viewSets.put("mean 2sum+title+desc+rules+.5fields", new double[] {2, 1, 1, 1, 0.5});
        for (var e : viewSets.entrySet()) {
            report("sem mean " + e.getKey(), q -> semanticScores(q, e.getValue(), false));
        }
        report("sem max all", q -> semanticScores(q, new double[] {1, 1, 1, 1, 1}, true));
        report("sem max sum,title,desc", q -> semanticScores(q, new double[] {1, 1, 1, 0, 0}, true));

        Map<String, Map<PolicyField, Double>> lexVariants = new LinkedHashMap<>();
        Map<PolicyField, Double> flat = new EnumMap<>(PolicyField.class);
        for (PolicyField f : PolicyField.values()) {
            flat.put(f, 1.0);
        }
        lexVariants.put("flat", flat);
        Map<PolicyField, Double> noFields = new EnumMap<>(flat);
        noFields.put(PolicyField.FIELDS, 0.0);
        lexVariants.put("flat-no-fields", noFields);
        Map<PolicyField, Double> textOnly = new EnumMap<>(PolicyField.class);
        textOnly.put(PolicyField.TITLE, 1.0);
        textOnly.put(PolicyField.DESCRIPTION, 1.0);
        textOnly.put(PolicyField.CATEGORY, 1.0);
        textOnly.put(PolicyField.KINDS, 1.0);
        lexVariants.put("title+desc+cat+subject", textOnly);
        Map<PolicyField, Double> weighted = new EnumMap<>(flat);
        weighted.put(PolicyField.TITLE, 3.0);
        weighted.put(PolicyField.ID, 2.0);
        weighted.put(PolicyField.KEYWORDS, 3.0);
        weighted.put(PolicyField.QUESTIONS, 2.0);
        weighted.put(PolicyField.CATEGORY, 0.5);
        weighted.put(PolicyField.KINDS, 0.5);
        weighted.put(PolicyField.FIELDS, 0.5);
        lexVariants.put("weighted title3 id2 misc.5", weighted);
        Map<PolicyField, Double> w2 = new EnumMap<>(weighted);
        w2.put(PolicyField.TITLE, 2.0);
        w2.put(PolicyField.ID, 1.0);
        lexVariants.put("weighted title2 id1 misc.5", w2);
        Map<String, LexicalIndex> lex = new LinkedHashMap<>();
        for (var e : lexVariants.entrySet()) {
            for (double b : new double[] {0.5, 0.75}) {
                LexicalIndex index = lexical(e.getValue(), 1.2, b);
                lex.put(e.getKey() + " b" + b, index);
                report("lex " + e.getKey() + " b" + b, q -> index.score(queries.get(q).query()));
            }
        }
        double[] semW = {2, 1, 1, 1, 0.5};
        for (String lexName : List.of("flat b0.75", "weighted title3 id2 misc.5 b0.75", "weighted title2 id1 misc.5 b0.75")) {
            LexicalIndex index = lex.get(lexName);
            for (int k : new int[] {10, 60}) {
                report("rrf" + k + " " + lexName, q -> rrf(k, semanticScores(q, semW, false), index.score(queries.get(q).query())));
            }
            for (double alpha : new double[] {0.5, 0.6, 0.7, 0.8}) {
                report("z lin a" + alpha + " " + lexName, q -> linear(alpha, zscore(semanticScores(q, semW, false)),
                        zscore(index.score(queries.get(q).query()))));
                report("mm lin a" + alpha + " " + lexName, q -> linear(alpha, minmax(semanticScores(q, semW, false)),
                        minmax(index.score(queries.get(q).query()))));
            }
        }
    }
}
