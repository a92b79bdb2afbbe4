package dev.guidepost.core;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Latency and memory harness for the knowledge base (not a test). Modes:
 * <ul>
 * <li>{@code first-answer PACK CACHE_DIR QUERY [full|quantized]}: load the pack, build from the cache folder and
 * answer one query, printing the time since JVM start; run it under {@code time} or {@code hyperfine} for the
 * whole JVM start-to-answer time.</li>
 * <li>{@code bench PACK QUERIES [full|quantized]}: index from scratch (fresh cache folder) and from the cache, the
 * median query latency over the query file's questions, retained heap, and the retrieval metrics.</li>
 * </ul>
 */
public final class SearchBenchmark {

    public static void main(String[] args) throws Exception {
        SearchModel model = args.length > 3 && args[3].equals("full") || args.length == 3 && args[2].equals("full")
                ? SearchModel.FULL : SearchModel.QUANTIZED;
        switch (args[0]) {
            case "first-answer" -> firstAnswer(Path.of(args[1]), Path.of(args[2]), args.length > 3 ? args[3] : "",
                    model);
            case "bench" -> bench(Path.of(args[1]), Path.of(args[2]), model);
            default -> throw new IllegalArgumentException("mode: first-answer | bench");
        }
    }

    private static void firstAnswer(Path pack, Path cache, String query, SearchModel model) {
        long start = java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
        KnowledgeBase kb = KnowledgeBase.builder(PolicyPack.load(pack)).model(model).cacheDirectory(cache).build();
        List<SearchHit> hits = kb.search(query.isEmpty() ? "can my container run as root?" : query, 3);
        System.out.printf("first answer %s after %d ms since JVM start (%s)%n", hits.get(0).policy().id(),
                System.currentTimeMillis() - start, kb.indexSummary());
    }

    private static void bench(Path packDir, Path queryFile, SearchModel model) throws Exception {
        long t0 = System.nanoTime();
        PolicyPack pack = PolicyPack.load(packDir);
        System.out.printf("pack: %d policies loaded in %d ms%n", pack.policies().size(), ms(t0));
        t0 = System.nanoTime();
        KnowledgeBase.builder(pack).model(model).lexicalOnly().build();
        t0 = System.nanoTime();
        KnowledgeBase.builder(PolicyPack.load(packDir)).lexicalOnly().build();
        System.out.printf("lexical index: %d ms%n", ms(t0));
        t0 = System.nanoTime();
        KnowledgeBase.builder(pack).model(model).build().search("warm up the model", 1);
        System.out.printf("%s: model load + index from scratch: %d ms%n", model.id(), ms(t0));
        Path cache = Files.createTempDirectory("guidepost-bench");
        List<Long> scratch = new ArrayList<>();
        List<Long> cached = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Path dir = Files.createTempDirectory("guidepost-bench");
            t0 = System.nanoTime();
            KnowledgeBase.builder(pack).model(model).cacheDirectory(dir).build();
            scratch.add(ms(t0));
            t0 = System.nanoTime();
            KnowledgeBase.builder(pack).model(model).cacheDirectory(dir).build();
            cached.add(ms(t0));
        }
        System.out.printf("index from scratch (model loaded) median %d ms %s; from cache median %d ms %s%n",
                median(scratch), scratch, median(cached), cached);
        System.gc();
        Thread.sleep(200);
        long before = usedHeap();
        KnowledgeBase kb = KnowledgeBase.builder(pack).model(model).cacheDirectory(cache).build();
        System.gc();
        Thread.sleep(200);
        System.out.printf("retained heap of one knowledge base (model excluded, shared per JVM): %.1f MB%n",
                (usedHeap() - before) / 1e6);
        List<LabelledQuery> queries = LabelledQuery.read(queryFile);
        List<Long> latencies = new ArrayList<>();
        for (int round = 0; round < 2; round++) {
            for (LabelledQuery q : queries) {
                long t = System.nanoTime();
                kb.search(q.query(), 10);
                if (round == 1) {
                    latencies.add((System.nanoTime() - t) / 1000);
                }
            }
        }
        Collections.sort(latencies);
        System.out.printf("query latency over %d queries: median %.2f ms, p90 %.2f ms, max %.2f ms%n",
                latencies.size(), latencies.get(latencies.size() / 2) / 1000.0,
                latencies.get(latencies.size() * 9 / 10) / 1000.0, latencies.get(latencies.size() - 1) / 1000.0);
        SearchEvaluation.Metrics m = kb.evaluate(queries).metrics();
        System.out.printf("R@1 %.3f R@3 %.3f R@5 %.3f R@10 %.3f MRR %.3f nDCG@5 %.3f (%d queries)%n", m.recallAt1(),
                m.recallAt3(), m.recallAt5(), m.recallAt10(), m.mrr(), m.ndcgAt5(), m.queries());
        System.out.printf("heap used with model loaded: %.1f MB; max RSS: see /usr/bin/time%n", usedHeap() / 1e6);
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static long ms(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
