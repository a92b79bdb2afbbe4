package dev.guidepost.cli;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Callable;

import dev.guidepost.cli.render.JsonText;
import dev.guidepost.cli.render.PolicyMaps;
import dev.guidepost.cli.render.PolicyText;
import dev.guidepost.core.KnowledgeBase;
import dev.guidepost.core.Policy;
import dev.guidepost.core.SearchHit;
import dev.guidepost.core.SearchRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code guidepost search "question"}: the policies that answer a question, best first, one a line. */
@Command(name = "search", mixinStandardHelpOptions = true,
        description = "Find the policies for a question in plain words, best first (id, score, severity, title).")
final class SearchCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private PackOptions packs;

    @Mixin
    private KnowledgeOptions knowledge;

    @Mixin
    private ColorOption color;

    @Parameters(paramLabel = "QUESTION", arity = "1..*",
            description = "What you want to know, e.g. \"can my container run as root?\"")
    private List<String> words = new ArrayList<>();

    @Option(names = {"-n", "--limit"}, defaultValue = "10", paramLabel = "N",
            description = "How many policies to show (default: ${DEFAULT-VALUE}).")
    private int limit;

    @Option(names = "--kinds", split = ",", paramLabel = "KIND",
            description = "Only policies about these kinds, e.g. --kinds Deployment,Pod.")
    private List<String> kinds = new ArrayList<>();

    @Option(names = "--category", split = ",", paramLabel = "CATEGORY", description = "Only these categories.")
    private List<String> categories = new ArrayList<>();

    @Option(names = "--json", description = "Print the hits as JSON.")
    private boolean json;

    @Override
    public Integer call() {
        if (limit < 1) {
            throw new dev.guidepost.core.GuidepostException("--limit must be at least 1, was " + limit);
        }
        String question = String.join(" ", words).strip();
        if (question.isEmpty()) {
            throw new dev.guidepost.core.GuidepostException("give a question in plain words, e.g. guidepost search "
                    + "--pack PACK \"can my container run as root?\" (guidepost list shows every policy)");
        }
        knowledge.preload();
        KnowledgeBase kb = packs.loadCompiledWhile(pack -> knowledge.build(pack, spec.commandLine().getErr()));
        SearchRequest request = SearchRequest.of(question).withLimit(limit)
                .withKinds(new HashSet<>(kinds)).withCategories(new HashSet<>(categories));
        List<SearchHit> hits = kb.search(request);
        var out = spec.commandLine().getOut();
        if (json) {
            out.print(JsonText.pretty(hits.stream().map(PolicyMaps::hit).toList()));
        } else if (hits.isEmpty()) {
            spec.commandLine().getErr().println("no policy matches; try other words, or drop --kinds/--category");
        } else {
            PolicyText text = new PolicyText(color.style()).alignedTo(hits.stream().map(SearchHit::policy).toList());
            hits.forEach(hit -> out.println(text.hitLine(hit)));
            if (hits.stream().allMatch(SearchHit::weakMatch)) {
                spec.commandLine().getErr().println("note: no policy matches this question well; these are only "
                        + "the closest. Try other words, or the pack may have no rule about it");
            }
        }
        if (kinds.isEmpty()) {
            // search ranks by meaning: rules every object of a kind must follow may not be among the hits
            kb.policiesForKindsNamedIn(question, hits).forEach((kind, more) -> spec.commandLine().getErr().println(
                    "note: " + more.size() + (more.size() == 1 ? " more policy applies" : " more policies apply")
                            + " to every " + kind + ": " + String.join(", ", more.stream().map(Policy::id).toList())
                            + " (guidepost list --kinds " + kind + " lists them all)"));
        }
        return ExitCode.OK;
    }
}
