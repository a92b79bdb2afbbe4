package dev.guidepost.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import dev.guidepost.core.Baseline;
import dev.guidepost.core.FailurePolicy;
import dev.guidepost.core.GuidepostException;
import dev.guidepost.core.Manifest;
import dev.guidepost.core.ManifestPatterns;
import dev.guidepost.core.Manifests;
import dev.guidepost.core.PolicyEngine;
import dev.guidepost.core.PolicyPack;
import dev.guidepost.core.Report;
import dev.guidepost.core.ReportFormat;
import dev.guidepost.core.ReportOptions;
import dev.guidepost.core.Verdict;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code guidepost check}: checks manifests against the pack and prints every result that is not a pass. What fails
 * the check is core's {@link FailurePolicy} (as in the Maven plugin): violations of Enforce policies that the
 * baseline does not list, and manifests that cannot be read.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Check manifests (files, folders, or - for standard input) against the pack.")
final class CheckCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private PackOptions packs;

    @Parameters(paramLabel = "PATH", arity = "1..*",
            description = "Manifest files or folders (YAML or JSON); - reads standard input.")
    private List<String> paths = new ArrayList<>();

    @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT",
            description = "Output format: text, json, sarif, junit or markdown (default: ${DEFAULT-VALUE}). File "
                    + "paths in reports are relative to the working directory.")
    private String format;

    @Option(names = "--json", description = "Short for --format json, as the other commands write it.")
    private boolean json;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the report to a file.")
    private Path output;

    @Option(names = "--baseline", paramLabel = "FILE",
            description = "Known violations (a Guidepost baseline file, as the Maven plugin writes): they are "
                    + "reported as known and do not fail the check; new violations still do.")
    private Path baselineFile;

    @Option(names = "--update-baseline",
            description = "Write the current violations to the --baseline file (creating it, or rewriting it while "
                    + "keeping the entries of resources this run did not check) and exit 0 unless a manifest cannot "
                    + "be read.")
    private boolean updateBaseline;

    @Option(names = "--base-dir", paramLabel = "DIR",
            description = "Write file paths in reports relative to DIR (default: the working directory); for "
                    + "GitHub code scanning, the repository's root.")
    private Path baseDir;

    @Option(names = {"-n", "--namespace"}, paramLabel = "NAMESPACE",
            description = "Check objects that name no namespace as deployed to NAMESPACE, as kubectl apply -n and "
                    + "helm install --namespace place them (default: as in default).")
    private String namespace;

    @Option(names = "--exclude", paramLabel = "PATTERN",
            description = "Leave out of the folders checked the files this Ant-style pattern matches, relative to "
                    + "each folder (chart/** for a Helm chart beside the manifests); repeat for more. A file named "
                    + "itself is checked all the same.")
    private List<String> excludes = new ArrayList<>();

    @Option(names = "--fail-if-nothing-checked",
            description = "Exit with 3 when no manifest is selected by any policy (a wrong folder looks green).")
    private boolean failIfNothingChecked;

    @Mixin
    private ColorOption color;

    @Override
    public Integer call() throws IOException {
        if (json && !format.equalsIgnoreCase("text") && !format.equalsIgnoreCase("json")) {
            throw new GuidepostException("--json and --format " + format + " ask for two formats; give one");
        }
        ReportFormat reportFormat = json ? ReportFormat.JSON : ReportFormat.parse(format).orElseThrow(
                () -> new GuidepostException("unknown --format '" + format + "'; use one of "
                        + ReportFormat.labels()));
        if (updateBaseline && baselineFile == null) {
            throw new GuidepostException("--update-baseline needs --baseline FILE to write");
        }
        PolicyEngine.warmUp();
        PolicyPack pack = packs.load();
        Baseline baseline = baselineFile == null || updateBaseline && !Files.exists(baselineFile) ? Baseline.empty()
                : Baseline.load(baselineFile);
        PolicyEngine engine = PolicyEngine.of(pack);
        Manifests manifests = ManifestInput.read(paths, ManifestPatterns.excluding(excludes));
        if (namespace != null) {
            manifests = manifests.inNamespace(namespace);
        }
        if (output != null) {
            refuseInputAsOutput(manifests);
        }
        Report report = engine.check(manifests);
        PrintWriter err = spec.commandLine().getErr();
        if (updateBaseline) {
            baseline = baseline.updatedBy(report);
            baseline.write(baselineFile);
            err.println("wrote " + baseline.describeFor(report) + " to " + baselineFile + "; commit it");
        }
        Path reportBase = (baseDir != null ? baseDir : Path.of("")).toAbsolutePath().normalize();
        if (!Files.isDirectory(reportBase)) {
            throw new GuidepostException("--base-dir " + baseDir + " is not a folder; give the folder report paths "
                    + "are relative to (for GitHub code scanning, the repository's root)");
        }
        ReportOptions options = ReportOptions.defaults().withBaseDir(reportBase)
                .withPolicies(pack.policies()).withBaseline(baseline).withFailurePolicy(FailurePolicy.DEFAULT);
        String rendered = reportFormat.render(report, options,
                output == null && Terminal.colorWanted(color.noColor()));
        if (output != null) {
            Path parent = output.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(output, rendered, StandardCharsets.UTF_8);
            spec.commandLine().getOut().println(report.summary());
            spec.commandLine().getOut().println("report written to " + output);
        } else {
            spec.commandLine().getOut().print(rendered);
            if (reportFormat != ReportFormat.TEXT) {
                // a machine format on stdout: the log of the run still says what happened, as test --json - does
                err.println(report.summary());
            }
        }
        Verdict verdict = options.verdict(report);
        if (baselineFile != null) {
            verdict.baselineCleanup(baselineFile.toString(), pack.policies()).forEach(err::println);
            err.println((verdict.failed() ? "check failed: " : "check passed: ") + verdict.describe());
        }
        int code = ExitCode.OK;
        if (verdict.failed()) {
            code = ExitCode.VIOLATIONS;
        } else if (report.nothingChecked()) {
            err.println((failIfNothingChecked ? "error: " : "warning: ") + "nothing was checked: "
                    + report.nothingCheckedReason() + " (check the paths and the pack"
                    + (failIfNothingChecked ? ")" : "; --fail-if-nothing-checked makes this exit 3)"));
            if (failIfNothingChecked) {
                code = ExitCode.NOTHING_CHECKED;
            }
        }
        err.flush();
        return code;
    }

    /** Where a path leads, through symbolic links when it exists. */
    private static Path real(Path path) {
        try {
            return Files.exists(path) ? path.toRealPath() : path.toAbsolutePath().normalize();
        } catch (IOException e) {
            return path.toAbsolutePath().normalize();
        }
    }

    /** The report must not overwrite a manifest it reports on. */
    private void refuseInputAsOutput(Manifests manifests) {
        Path target = real(output);
        java.util.stream.Stream.concat(manifests.manifests().stream().map(m -> m.location().file()),
                manifests.problems().stream().map(p -> p.location().file())).distinct().forEach(file -> {
                    if (!file.startsWith("<") && real(Path.of(file)).equals(target)) {
                        throw new GuidepostException("--output " + output + " is one of the manifests being checked;"
                                + " write the report to another file");
                    }
                });
    }

}
