package dev.guidepost.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import dev.guidepost.core.GuidepostException;
import dev.guidepost.core.KnowledgeBase;
import dev.guidepost.core.LabelledQuery;
import dev.guidepost.core.SearchEvaluation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code guidepost search-eval}: ranks the whole pack for every labelled query and prints recall@1/3/5/10, MRR and
 * nDCG@5 with the number of queries.
 */
@Command(name = "search-eval", mixinStandardHelpOptions = true,
        description = "Measure search quality on labelled queries: recall@1/3/5/10, MRR and nDCG@5.")
final class SearchEvalCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private PackOptions packs;

    @Mixin
    private KnowledgeOptions knowledge;

    @Option(names = "--queries", required = true, paramLabel = "FILE",
            description = "Labelled queries: queries: [{id, query, relevant: [...], primary: N}].")
    private Path queries;

    @Option(names = "--json", paramLabel = "OUT", description = "Also write {metrics, perQuery} as JSON to OUT "
            + "(- for standard output; the metrics then go to standard error).")
    private Path json;

    @Override
    public Integer call() throws IOException {
        if (!Files.isRegularFile(queries)) {
            throw new GuidepostException("no such query file: " + queries + "; check the --queries path");
        }
        List<LabelledQuery> labelled = LabelledQuery.read(queries);
        knowledge.preload();
        KnowledgeBase kb = packs.loadCompiledWhile(pack -> knowledge.build(pack, spec.commandLine().getErr()));
        List<String> unknown = labelled.stream().flatMap(q -> q.relevant().stream())
                .filter(id -> kb.pack().policy(id).isEmpty()).distinct().sorted().toList();
        if (!unknown.isEmpty()) {
            spec.commandLine().getErr().println("warning: " + unknown.size() + " relevant "
                    + (unknown.size() == 1 ? "id is" : "ids are") + " not in " + kb.pack().coordinates()
                    + ", so no search can find them (a typo, or a policy renamed): " + String.join(", ", unknown));
        }
        SearchEvaluation evaluation = kb.evaluate(labelled);
        SearchEvaluation.Metrics m = evaluation.metrics();
        JsonDestination jsonReport = new JsonDestination(json);
        var out = jsonReport.humanOutput(spec.commandLine());
        out.printf(java.util.Locale.ROOT, "queries    %d%n", m.queries());
        out.printf(java.util.Locale.ROOT, "recall@1   %.4f%n", m.recallAt1());
        out.printf(java.util.Locale.ROOT, "recall@3   %.4f%n", m.recallAt3());
        out.printf(java.util.Locale.ROOT, "recall@5   %.4f%n", m.recallAt5());
        out.printf(java.util.Locale.ROOT, "recall@10  %.4f%n", m.recallAt10());
        out.printf(java.util.Locale.ROOT, "MRR        %.4f%n", m.mrr());
        out.printf(java.util.Locale.ROOT, "nDCG@5     %.4f%n", m.ndcgAt5());
        out.println("ranking: " + (kb.semantic() ? "meaning + words" : "words only") + "; " + kb.indexSummary());
        if (jsonReport.requested()) {
            jsonReport.write(evaluation.toJson(), spec.commandLine());
            if (jsonReport.toFile()) {
                out.println("per-query results written to " + json);
            }
        }
        return ExitCode.OK;
    }
}
