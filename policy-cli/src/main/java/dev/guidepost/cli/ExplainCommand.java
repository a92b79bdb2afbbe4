package dev.guidepost.cli;

import java.util.List;
import java.util.concurrent.Callable;

import dev.guidepost.cli.render.JsonText;
import dev.guidepost.cli.render.PolicyIds;
import dev.guidepost.cli.render.PolicyMaps;
import dev.guidepost.cli.render.PolicyText;
import dev.guidepost.core.GuidepostException;
import dev.guidepost.core.Policy;
import dev.guidepost.core.PolicyPack;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code guidepost explain ID}: one policy in full, with its rule and examples. */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Show a policy in full: the rule in plain English, why, how to comply, its CEL and examples.")
final class ExplainCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private PackOptions packs;

    @Mixin
    private ColorOption color;

    @Parameters(paramLabel = "POLICY-ID", description = "The policy's id (see guidepost search or guidepost list).")
    private String id;

    @Option(names = "--json", description = "Print the policy as JSON.")
    private boolean json;

    @Override
    public Integer call() {
        PolicyPack pack = packs.loadCompiled();
        Policy policy = pack.policy(id.strip()).orElseThrow(() -> new GuidepostException(
                "no policy '" + id + "' in pack " + pack.coordinates() + PolicyIds.didYouMean(pack, id)
                        + "; find ids with: guidepost search --pack ... \"what you want to do\""));
        var out = spec.commandLine().getOut();
        List<String> exceptions = pack.exceptionsFor(policy.id());
        out.print(json ? JsonText.pretty(PolicyMaps.full(policy, exceptions))
                : new PolicyText(color.style()).explainInFull(policy, exceptions));
        return ExitCode.OK;
    }
}
