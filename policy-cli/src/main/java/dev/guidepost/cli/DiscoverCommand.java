package dev.guidepost.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import dev.guidepost.cli.render.JsonText;
import dev.guidepost.cli.render.PolicyMaps;
import dev.guidepost.cli.render.PolicyText;
import dev.guidepost.cli.render.Style;
import dev.guidepost.core.KnowledgeBase;
import dev.guidepost.core.Manifest;
import dev.guidepost.core.ManifestDiscovery;
import dev.guidepost.core.ManifestProblem;
import dev.guidepost.core.Manifests;
import dev.guidepost.core.Policy;
import dev.guidepost.core.SearchHit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code guidepost discover FILE...}: for every manifest in the files, the policies that apply to it by their match
 * rules and the ones related to it by meaning.
 */
@Command(name = "discover", mixinStandardHelpOptions = true,
        description = "Which policies apply to the manifests in FILE... and why: matched by rule vs related by "
                + "meaning.")
final class DiscoverCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private PackOptions packs;

    @Mixin
    private KnowledgeOptions knowledge;

    @Mixin
    private ColorOption color;

    @Parameters(paramLabel = "FILE", arity = "1..*",
            description = "Manifest files or folders (YAML or JSON), or - for stdin.")
    private List<String> files;

    @Option(names = {"-n", "--related"}, defaultValue = "5", paramLabel = "N",
            description = "How many related policies to show per manifest (default: ${DEFAULT-VALUE}).")
    private int related;

    @Option(names = "--json", description = "Print the discoveries as JSON.")
    private boolean json;

    @Override
    public Integer call() throws IOException {
        knowledge.preload();
        Manifests manifests = ManifestInput.read(files);
        KnowledgeBase kb = knowledge.build(packs.loadCompiled(), spec.commandLine().getErr());
        List<ManifestDiscovery> discoveries = new ArrayList<>();
        for (Manifest manifest : manifests) {
            ManifestDiscovery d = kb.discover(manifest);
            discoveries.add(new ManifestDiscovery(d.manifest(), d.query(), d.applicable(),
                    d.related().stream().limit(Math.max(0, related)).toList()));
        }
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        for (ManifestProblem problem : manifests.problems()) {
            err.println((problem.unreadable() ? "unreadable " : "skipped ") + problem);
        }
        if (json) {
            out.print(JsonText.pretty(discoveries.stream().map(PolicyMaps::discoveryInFile).toList()));
        } else {
            Style style = color.style();
            PolicyText text = new PolicyText(style).alignedTo(discoveries.stream().flatMap(d -> Stream.concat(
                    d.applicable().stream(), d.related().stream().map(SearchHit::policy))).toList());
            for (ManifestDiscovery d : discoveries) {
                out.println(style.bold(d.manifest().resource().toString()) + "  " + style.dim(
                        d.manifest().location().toString()));
                out.println("  applies (selected by the policy's match rules; guidepost check checks all but the "
                        + "advisory ones):");
                if (d.applicable().isEmpty()) {
                    out.println("    none");
                }
                for (Policy p : d.applicable()) {
                    out.println("    " + text.listLine(p) + p.namespaceSelection()
                            .map(labels -> " (only in namespaces labelled " + labels + ")").orElse(""));
                }
                out.println("  related (by meaning; read them, they may still matter):");
                if (d.related().isEmpty()) {
                    out.println("    none");
                }
                for (SearchHit hit : d.related()) {
                    out.println("    " + text.hitLine(hit));
                }
                out.println();
            }
        }
        if (!manifests.unreadable().isEmpty()) {
            return ExitCode.VIOLATIONS;
        }
        if (manifests.size() == 0) {
            err.println("no Kubernetes object found in " + String.join(", ", files));
        }
        return ExitCode.OK;
    }
}
