package dev.guidepost.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.guidepost.core.GuidepostException;
import dev.guidepost.core.PolicyEngine;
import dev.guidepost.core.PolicyPack;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The {@code --pack} option shared by commands: one or more packs (folders, files or classpath:NAME). */
final class PackOptions {

    @Option(names = {"-p", "--pack"}, required = true, paramLabel = "PACK",
            description = "A policy pack: a folder, a policy file, or classpath:NAME. Repeat to combine packs.")
    private List<String> packs = new ArrayList<>();

    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

    /**
     * Loads and combines the packs, and compiles their rules, so that a pack with a rule that does not compile is a
     * usage error in every command (the checking commands compile them anyway, through their engine).
     */
    PolicyPack loadCompiled() {
        PolicyPack pack = load();
        PolicyEngine.of(pack);
        return pack;
    }

    /**
     * Loads the packs and applies {@code work} to them (building a knowledge base, say) while their rules compile on
     * another thread: a rule that does not compile is still a usage error, after the work, and the time of the two
     * overlaps.
     */
    <T> T loadCompiledWhile(java.util.function.Function<PolicyPack, T> work) {
        PolicyPack pack = load();
        java.util.concurrent.CompletableFuture<PolicyEngine> compiling =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> PolicyEngine.of(pack));
        T result = work.apply(pack);
        try {
            compiling.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
        return result;
    }

    /** The packs given as folders, absolute: what a command must not write into. */
    List<Path> folders() {
        return packs.stream().filter(p -> !p.isBlank() && !p.startsWith(PolicyPack.CLASSPATH_PREFIX))
                .map(p -> Path.of(p).toAbsolutePath().normalize()).filter(Files::isDirectory).toList();
    }

    /**
     * Loads and combines the packs, printing their warnings (a Kyverno name defined twice, a cleanup policy the pack
     * does not apply) to standard error.
     */
    PolicyPack load() {
        List<PolicyPack> loaded = new ArrayList<>();
        for (String pack : packs) {
            if (pack.isBlank()) {
                throw new GuidepostException("--pack is empty; name a pack folder, a policy file or classpath:NAME");
            }
            loaded.add(PolicyPack.load(pack));
        }
        PolicyPack pack = PolicyPack.combine(loaded);
        if (command != null && !pack.warnings().isEmpty()) {
            PrintWriter err = command.commandLine().getErr();
            pack.warnings().forEach(w -> err.println("warning: " + w));
            err.flush();
        }
        return pack;
    }
}
