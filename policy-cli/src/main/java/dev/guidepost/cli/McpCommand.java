package dev.guidepost.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.concurrent.Callable;

import dev.guidepost.cli.mcp.GuidepostMcpServer;
import dev.guidepost.cli.mcp.PolicyTools;
import dev.guidepost.core.KnowledgeBase;
import dev.guidepost.core.PolicyEngine;
import dev.guidepost.core.PolicyPack;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code guidepost mcp}: serves the pack to AI agents over the Model Context Protocol (stdio). The pack, the engine
 * and the embedding model load once before the first message; stdout carries protocol messages only (anything
 * else printed by a library goes to stderr).
 */
@Command(name = "mcp", mixinStandardHelpOptions = true,
        description = {"Serve the pack to AI agents over MCP (stdio): search_policies, get_policy, check_manifest, "
                + "list_policies, policies_for_manifest.",
                "Register it, e.g.: claude mcp add guidepost -- java -jar /path/to/guidepost.jar mcp --pack DIR"})
final class McpCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private PackOptions packs;

    @Mixin
    private KnowledgeOptions knowledge;

    @Override
    public Integer call() throws InterruptedException {
        exitZeroOnSigterm();
        OutputStream protocol = new FileOutputStream(FileDescriptor.out);
        PrintStream stray = System.out;
        System.setOut(System.err);
        try {
            var err = spec.commandLine().getErr();
            long start = System.nanoTime();
            // the CEL compiler loads while the pack and the model do (the engine is compiled after the index)
            PolicyEngine.warmUp();
            knowledge.preload();
            PolicyPack pack = packs.load();
            long packLoaded = System.nanoTime();
            KnowledgeBase kb = knowledge.build(pack, err);
            long indexed = System.nanoTime();
            PolicyTools tools = new PolicyTools(kb);
            long compiled = System.nanoTime();
            tools.warmUp();
            long warm = System.nanoTime();
            err.printf(java.util.Locale.ROOT, "guidepost mcp: %s ready in %d ms (pack %d ms, model and index %d ms, "
                    + "engine %d ms, warm-up %d ms; %s; %s); serving on stdio%n", tools.packDescription(),
                    ms(warm - start), ms(packLoaded - start), ms(indexed - packLoaded), ms(compiled - indexed),
                    ms(warm - compiled), kb.semantic() ? "meaning + words" : "words only", kb.indexSummary());
            err.flush();
            GuidepostMcpServer.serve(tools, GuidepostCli.VERSION, System.in, protocol);
            return ExitCode.OK;
        } finally {
            System.setOut(stray);
        }
    }

    /**
     * MCP clients end a stdio session by closing stdin or, if the server is still running (even still starting),
     * with SIGTERM: both are a normal end of the session, so both exit with 0. (sun.misc.Signal: jdk.unsupported,
     * kept for this use by JEP 260; javac warns about it all the same.)
     */
    static void exitZeroOnSigterm() {
        sun.misc.Signal.handle(new sun.misc.Signal("TERM"), signal -> System.exit(ExitCode.OK));
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }
}
