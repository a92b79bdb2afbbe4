package dev.guidepost.cli;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Callable;

import dev.guidepost.cli.render.FilterValues;
import dev.guidepost.cli.render.JsonText;
import dev.guidepost.cli.render.PolicyMaps;
import dev.guidepost.cli.render.PolicyText;
import dev.guidepost.core.Policy;
import dev.guidepost.core.PolicyPack;
import dev.guidepost.core.SearchRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code guidepost list}: every policy of the packs, one a line, optionally only those about some kinds or in some
 * categories; with a kind it is the complete list of the rules a manifest of that kind must satisfy.
 */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List the policies (id, severity, action, title, kinds), optionally by kind or category.")
final class ListCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private PackOptions packs;

    @Mixin
    private ColorOption color;

    @Option(names = "--kinds", split = ",", paramLabel = "KIND",
            description = "Only policies that apply to these kinds (pod rules included for pod controllers).")
    private List<String> kinds = new ArrayList<>();

    @Option(names = "--category", split = ",", paramLabel = "CATEGORY", description = "Only these categories.")
    private List<String> categories = new ArrayList<>();

    @Option(names = "--json", description = "Print the policies as JSON.")
    private boolean json;

    @Override
    public Integer call() {
        PolicyPack pack = packs.loadCompiled();
        SearchRequest filter = SearchRequest.of("list").withKinds(new HashSet<>(kinds))
                .withCategories(new HashSet<>(categories));
        List<Policy> selected = pack.policies().stream().filter(filter::accepts).toList();
        var out = spec.commandLine().getOut();
        if (json) {
            out.print(JsonText.pretty(selected.stream().map(PolicyMaps::summary).toList()));
            return ExitCode.OK;
        }
        PolicyText text = new PolicyText(color.style()).alignedTo(selected);
        selected.forEach(p -> out.println(text.listLine(p)));
        if (selected.isEmpty()) {
            spec.commandLine().getErr().println("no policy of " + pack.coordinates() + " matches"
                    + (kinds.isEmpty() ? "" : " kinds " + kinds) + (categories.isEmpty() ? "" : " categories "
                            + categories) + ". " + FilterValues.describe(pack));
        }
        return ExitCode.OK;
    }
}
