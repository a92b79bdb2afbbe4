package dev.guidepost.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import dev.guidepost.core.EmitFormat;
import dev.guidepost.core.GuidepostException;
import dev.guidepost.core.KyvernoEmitter;
import dev.guidepost.core.KyvernoOutput;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code guidepost kyverno}: writes the pack's enforceable policies as Kyverno (or Kubernetes admission) policy
 * YAML, with Kyverno CLI tests from the examples. A thin adapter over {@link KyvernoEmitter}.
 */
@Command(name = "kyverno", mixinStandardHelpOptions = true,
        description = {"Write the pack's policies as Kyverno policy YAML for the cluster (kyverno/<policy-id>.yaml "
                + "and kyverno/kustomization.yaml under --out), and with --tests the examples as Kyverno CLI tests "
                + "(kyverno-tests/<policy-id>/kyverno-test.yaml) for 'kyverno test'.",
            "Exits 1 when a policy cannot be written in the chosen format (the others are written)."})
final class KyvernoCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private PackOptions packOptions;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "DIR",
            description = "The folder to write kyverno/ and kyverno-tests/ into (one folder per pack). Files "
                    + "Guidepost wrote there from this pack before and no longer emits are removed; other files are "
                    + "left alone, and a file to write that Guidepost did not generate stops the run.")
    private Path out;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "validating-policy",
            description = "validating-policy (Kyverno 1.17+, the default), cluster-policy (older Kyverno) or vap "
                    + "(Kubernetes ValidatingAdmissionPolicy and binding, no Kyverno).")
    private String format;

    @Option(names = "--tests", description = "Also write Kyverno CLI tests from the policies' examples.")
    private boolean tests;

    @Option(names = "--single-file", description = "Write all policies into kyverno/policies.yaml.")
    private boolean singleFile;

    @Override
    public Integer call() {
        EmitFormat emitFormat = EmitFormat.parse(format).orElseThrow(() -> new CommandLine.ParameterException(
                spec.commandLine(), "unknown --format '" + format + "'; use one of " + EmitFormat.labels()));
        checkOut();
        KyvernoOutput output = KyvernoEmitter.forPack(packOptions.load()).format(emitFormat).withTests(tests)
                .singleFile(singleFile).emit();
        output.writeTo(out);
        PrintWriter writer = spec.commandLine().getOut();
        output.summary().lines().forEach(writer::println);
        int files = output.files().size();
        writer.println("Wrote " + files + (files == 1 ? " file" : " files") + " to " + out);
        return output.summary().complete() ? ExitCode.OK : ExitCode.VIOLATIONS;
    }

    /** The output folder must be named, and what is written there must not land in a pack being read. */
    private void checkOut() {
        if (out.toString().isBlank()) {
            throw new GuidepostException("--out is empty; name the folder to write kyverno/ and kyverno-tests/ into");
        }
        Path target = out.toAbsolutePath().normalize();
        for (Path pack : packOptions.folders()) {
            for (Path written : List.of(target.resolve("kyverno"), target.resolve("kyverno-tests"))) {
                if (written.startsWith(pack) || pack.startsWith(written)) {
                    throw new GuidepostException("--out " + out + " would write the emitted files into the pack "
                            + "folder " + pack + ", where loading the pack would read them as its own policies; "
                            + "write them elsewhere (for example --out target/kyverno-out)");
                }
            }
        }
    }
}
