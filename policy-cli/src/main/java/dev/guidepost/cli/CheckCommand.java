package dev.guidepost.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import dev.guidepost.core.GuidepostException;
import dev.guidepost.core.Manifest;
import dev.guidepost.core.ManifestProblem;
import dev.guidepost.core.Manifests;
import dev.guidepost.core.PolicyEngine;
import dev.guidepost.core.Report;
import dev.guidepost.core.ReportFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code guidepost check}: checks manifests against the pack and prints every result that is not a pass. */
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
            description = "Output format: text, json, and sarif, junit, markdown where this build has them "
                    + "(default: ${DEFAULT-VALUE}).")
    private String format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the report to a file.")
    private Path output;

    @Option(names = "--fail-if-nothing-checked",
            description = "Exit with 3 when no manifest is selected by any policy (a wrong folder looks green).")
    private boolean failIfNothingChecked;

    @Mixin
    private ColorOption color;

    @Override
    public Integer call() throws IOException {
        ReportFormat reportFormat = ReportFormat.parse(format).orElseThrow(() -> new GuidepostException(
                "unknown --format '" + format + "'; this build knows " + java.util.Arrays.stream(ReportFormat.values())
                        .map(f -> f.name().toLowerCase(java.util.Locale.ROOT))
                        .collect(java.util.stream.Collectors.joining(", "))));
        PolicyEngine engine = PolicyEngine.of(packs.load());
        Report report = engine.check(readManifests());
        String rendered = reportFormat.render(report, output == null && Terminal.colorWanted(color.noColor()));
        if (output != null) {
            Files.createDirectories(output.toAbsolutePath().getParent());
            Files.writeString(output, rendered, StandardCharsets.UTF_8);
            spec.commandLine().getOut().println(report.summary());
            spec.commandLine().getOut().println("report written to " + output);
        } else {
            spec.commandLine().getOut().print(rendered);
        }
        if (report.failed()) {
            return ExitCode.VIOLATIONS;
        }
        if (failIfNothingChecked && report.nothingChecked()) {
            spec.commandLine().getErr().println("nothing was checked: no manifest is selected by any policy "
                    + "(check the paths and the pack)");
            return ExitCode.NOTHING_CHECKED;
        }
        return ExitCode.OK;
    }

    private Manifests readManifests() throws IOException {
        List<Manifest> manifests = new ArrayList<>();
        List<ManifestProblem> problems = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        for (String path : paths) {
            if (path.equals("-")) {
                Manifests stdin = Manifests.parse(readStdin(), "<stdin>");
                manifests.addAll(stdin.manifests());
                problems.addAll(stdin.problems());
            } else {
                Path p = Path.of(path);
                if (!Files.exists(p)) {
                    throw new GuidepostException("no such file or folder: " + path);
                }
                files.add(p);
            }
        }
        Manifests fromFiles = Manifests.load(files);
        manifests.addAll(fromFiles.manifests());
        problems.addAll(fromFiles.problems());
        return Manifests.of(manifests, problems);
    }

    private static String readStdin() throws IOException {
        InputStream in = System.in;
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
}
