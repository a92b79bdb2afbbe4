package dev.guidepost.maven;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

import dev.guidepost.core.Baseline;
import dev.guidepost.core.ConsoleReport;
import dev.guidepost.core.FailurePolicy;
import dev.guidepost.core.GuidepostException;
import dev.guidepost.core.Manifests;
import dev.guidepost.core.PolicyEngine;
import dev.guidepost.core.PolicyPack;
import dev.guidepost.core.Report;
import dev.guidepost.core.ReportFormat;
import dev.guidepost.core.ReportOptions;
import dev.guidepost.core.Verdict;

/**
 * Checks the project's Kubernetes manifests against the configured policy packs, with Kyverno's semantics.
 * Violations of {@code Enforce} policies fail the build; {@code Audit} and {@code Warn} violations are logged as
 * warnings. Every violation is logged (one block each) and written to the reports under {@code target/guidepost/}
 * before the build fails. Never loads embeddings.
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class CheckMojo extends AbstractPolicyMojo {

    /**
     * Manifest files and folders to check, relative to the project. Default: {@code src/main/k8s},
     * {@code src/main/kubernetes} and {@code k8s}, those that exist. Point at rendered Helm or Kustomize output
     * folders to check them. A configured location that does not exist is an error.
     */
    @Parameter(property = "policy.manifests")
    private List<String> manifests = new ArrayList<>();

    /** Files to read from manifest folders, Ant-style patterns relative to each folder. Default: YAML and JSON. */
    @Parameter(property = "policy.includes")
    private List<String> includes = new ArrayList<>();

    /** Files to leave out of manifest folders, Ant-style patterns relative to each folder. */
    @Parameter(property = "policy.excludes")
    private List<String> excludes = new ArrayList<>();

    /** Fail the build on violations; {@code false} reports them only (unreadable manifests still fail). */
    @Parameter(property = "policy.failOnViolation", defaultValue = "true")
    private boolean failOnViolation;

    /**
     * Also fail on {@code Audit} and {@code Warn} violations of this severity or higher: {@code low},
     * {@code medium}, {@code high}, {@code critical}, or {@code none}. {@code Enforce} violations always count.
     */
    @Parameter(property = "policy.failOnSeverity")
    private String failOnSeverity;

    /** How many violations that would fail the build are tolerated. */
    @Parameter(property = "policy.maxAllowedViolations", defaultValue = "0")
    private int maxAllowedViolations;

    /** Fail when no manifest is selected by any policy (a wrong folder looks green otherwise). */
    @Parameter(property = "policy.failIfNothingChecked", defaultValue = "false")
    private boolean failIfNothingChecked;

    /**
     * The namespace the manifests are deployed to ({@code kubectl apply -n}, {@code helm install --namespace}):
     * objects that name no namespace are checked in it rather than in {@code default}.
     */
    @Parameter(property = "policy.namespace")
    private String namespace;

    /**
     * A committed file of known violations (YAML, or JSON by its extension): they are reported but only new
     * violations fail. Write it with {@code -Dpolicy.baseline.update}.
     */
    @Parameter(property = "policy.baseline")
    private File baseline;

    /** Write the current violations to the {@code baseline} file (creating or replacing it) instead of failing. */
    @Parameter(property = "policy.baseline.update", defaultValue = "false")
    private boolean updateBaseline;

    /** Where the reports are written. */
    /**
     * The build's output folder: a manifest folder that holds it (a manifest {@code .}) does not read
     * it, since what the build writes there (emitted policies, Kyverno tests, reports) is not the project's
     * manifests; a folder inside it ({@code target/helm-rendered}) is read.
     */
    @Parameter(defaultValue = "${project.build.directory}", readonly = true)
    private File buildDirectory;

    /**
     * Where the reports are written. A second execution of this goal in the same build writes to a folder inside it
     * named after the execution, with a warning, rather than over the first's reports.
     */
    @Parameter(property = "policy.outputDirectory", defaultValue = "${project.build.directory}/guidepost")
    private File outputDirectory;

    /**
     * The report files to write: {@code json}, {@code sarif}, {@code junit}, {@code markdown}, {@code text}, or
     * {@code none}.
     */
    @Parameter(property = "policy.formats", defaultValue = "json,sarif,junit,markdown")
    private List<String> formats = new ArrayList<>();

    /** Skips this goal only. */
    @Parameter(property = "policy.check.skip", defaultValue = "false")
    private boolean skipCheck;

    /** The project, which remembers across its executions which reports folders this build has written. */
    @Parameter(defaultValue = "${project}", readonly = true)
    private MavenProject project;

    @Override
    protected String goal() {
        return "check";
    }

    @Override
    protected boolean skipGoal() {
        return skipCheck;
    }

    @Override
    protected String goalSkipProperty() {
        return "policy.check.skip";
    }

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        List<ReportFormat> reportFormats = reportFormats();
        Path reportDirectory = reportDirectory();
        FailurePolicy failurePolicy;
        try {
            failurePolicy = new FailurePolicy(failOnViolation, FailurePolicy.parseSeverity(failOnSeverity),
                    maxAllowedViolations);
        } catch (GuidepostException e) {
            throw new MojoExecutionException("<failOnSeverity> (-Dpolicy.failOnSeverity): " + e.getMessage());
        }
        long started = System.nanoTime();
        ManifestSelection.Selection selection = ManifestSelection.select(basedir.toPath(), manifests, includes,
                excludes, buildDirectory.toPath());
        if (!selection.files().isEmpty()) {
            // loads the CEL compiler on another core while the packs are read; not in modules with nothing to check
            PolicyEngine.warmUp();
        }
        PolicyPack pack = loadPacks();
        long loaded = System.nanoTime();

        if (!selection.missing().isEmpty()) {
            throw new MojoExecutionException("Manifest location not found: " + selection.missing().stream()
                    .map(this::display).collect(Collectors.joining(", ")) + "; check <manifests> (paths are "
                    + "relative to " + basedir + ")");
        }
        if (selection.files().isEmpty()) {
            String where = selection.searched().isEmpty()
                    ? ManifestSelection.DEFAULT_FOLDERS.stream().map(f -> display(resolve(f)))
                            .collect(Collectors.joining(", ")) + " (none exists)"
                    : selection.searched().stream().map(this::display).collect(Collectors.joining(", "));
            String message = "No manifests to check in " + where + (includes.isEmpty() && excludes.isEmpty()
                    ? "; configure <manifests>" + (selection.searched().isEmpty() ? ", or set the property "
                            + "policy.check.skip to true in a module that has none" : "")
                    : " that <includes> " + (includes.isEmpty() ? ManifestSelection.DEFAULT_INCLUDES + " (the default)"
                            : includes) + " and <excludes> " + excludes + " select; check them and <manifests>");
            if (failIfNothingChecked) {
                throw new MojoFailureException(message);
            }
            if (selection.searched().isEmpty() && configuredPacks().isEmpty() && !projectPackFolders().isEmpty()) {
                // a pack project with no manifests of its own: its examples are what policy:test checks
                getLog().info("No manifests to check in this pack project (none of "
                        + String.join(", ", ManifestSelection.DEFAULT_FOLDERS) + " exists); policy:test checks the "
                        + "pack's examples");
            } else if (selection.searched().isEmpty() && manifests.isEmpty() && aggregator()) {
                // a parent that configures the packs once for its modules (pluginManagement) has none of its own
                getLog().info("No manifests to check in this pom project (none of "
                        + String.join(", ", ManifestSelection.DEFAULT_FOLDERS) + " exists); its modules are checked "
                        + "on their own");
            } else {
                getLog().warn(message);
            }
            removeStaleReports(reportDirectory, List.of(ReportFormat.values()));
            return;
        }

        PolicyEngine engine = PolicyEngine.of(pack);
        long compiled = System.nanoTime();
        getLog().info("Checking " + selection.files().size() + (selection.files().size() == 1 ? " file" : " files")
                + " in " + selection.searched().stream().map(this::display).collect(Collectors.joining(", "))
                + " against " + pack.coordinates() + " (" + policies(engine.enforceablePolicies().size()) + ")");
        if (engine.enforceablePolicies().isEmpty()) {
            getLog().warn("None of the " + pack.policies().size() + " policies of " + pack.coordinates()
                    + " can be checked, so no manifest can fail: " + pack.policies().stream().limit(3)
                            .map(p -> p.id() + " (" + p.advisoryReason().orElse("") + ")")
                            .collect(Collectors.joining("; "))
                    + (pack.policies().size() > 3 ? "; ..." : "") + ". See mvn policy:search or guidepost explain.");
        }
        Manifests read = Manifests.load(selection.files());
        if (namespace != null && !namespace.isBlank()) {
            try {
                read = read.inNamespace(namespace.strip());
            } catch (GuidepostException e) {
                throw new MojoExecutionException("<namespace>: " + e.getMessage());
            }
        }
        Report report = engine.check(read);
        long checked = System.nanoTime();

        Baseline known = baseline(report);
        ReportOptions options = ReportOptions.defaults().withBaseDir(basedir.toPath())
                .withPolicies(pack.policies()).withBaseline(known).withFailurePolicy(failurePolicy);
        for (ConsoleReport.Entry entry : ConsoleReport.entries(report, options.withBaseDir(logBase()))) {
            log(entry);
        }
        // a report of a format this run does not write is an earlier run's: CI must not read it as this one's
        List<ReportFormat> notWritten = new ArrayList<>(List.of(ReportFormat.values()));
        notWritten.removeAll(reportFormats);
        removeStaleReports(reportDirectory, notWritten);
        List<Path> written = writeReports(reportDirectory, report, options, reportFormats);
        long reported = System.nanoTime();
        getLog().debug(String.format("Guidepost timings: packs loaded in %d ms, policies compiled in %d ms, "
                + "manifests read and checked in %d ms, reports written in %d ms", (loaded - started) / 1_000_000,
                (compiled - loaded) / 1_000_000, (checked - compiled) / 1_000_000, (reported - checked) / 1_000_000));
        Verdict verdict = options.verdict(report);
        if (!written.isEmpty()) {
            getLog().info("Reports: " + written.stream().map(this::display).collect(Collectors.joining(", ")));
        }
        if (verdict.failed()) {
            Path pointer = written.stream().filter(p -> p.endsWith(ReportFormat.MARKDOWN.fileName())).findFirst()
                    .orElse(written.isEmpty() ? null : written.get(0));
            throw new MojoFailureException("Guidepost policy check failed: " + verdict.describe()
                    + (pointer == null ? "" : "; see " + display(pointer)));
        }
        if (report.nothingChecked()) {
            String message = "Nothing was checked: " + report.nothingCheckedReason() + ", against "
                    + pack.coordinates() + " (check <manifests> and <packs>)";
            if (failIfNothingChecked) {
                throw new MojoFailureException(message);
            }
            getLog().warn(message + "; <failIfNothingChecked>true</failIfNothingChecked> makes this fail the build");
        }
        getLog().info("Guidepost policy check passed: " + verdict.describe());
    }

    private Baseline baseline(Report report) throws MojoExecutionException {
        if (updateBaseline) {
            if (baseline == null) {
                throw new MojoExecutionException("-Dpolicy.baseline.update needs a <baseline> file to write: add "
                        + "<baseline>guidepost-baseline.yaml</baseline> to the plugin's configuration (in a parent's "
                        + "pluginManagement it names one file per module)");
            }
            Baseline current = Baseline.of(report);
            if (current.size() == 0 && !baseline.isFile()) {
                getLog().info("No violations to record, so no baseline written to " + display(baseline.toPath()));
                return current;
            }
            current.write(baseline.toPath());
            getLog().info("Wrote " + current.describeFor(report) + " to the baseline " + display(baseline.toPath())
                    + "; commit it");
            return current;
        }
        if (baseline == null) {
            return Baseline.empty();
        }
        if (!baseline.isFile()) {
            // a parent may name a baseline for every module; a module without violations has none and needs none
            if (report.violations().isEmpty()) {
                getLog().debug("No baseline file at " + display(baseline.toPath()) + ", and no violations");
                return Baseline.empty();
            }
            getLog().warn("No baseline file at " + display(baseline.toPath()) + ", so every violation counts; "
                    + "write it from the current violations with -Dpolicy.baseline.update=true and commit it");
            return Baseline.empty();
        }
        Baseline loaded = Baseline.load(baseline.toPath());
        getLog().info("Baseline " + display(baseline.toPath()) + ": " + loaded.size()
                + (loaded.size() == 1 ? " known violation" : " known violations"));
        return loaded;
    }

    private List<ReportFormat> reportFormats() throws MojoExecutionException {
        List<ReportFormat> out = new ArrayList<>();
        for (String name : formats == null ? List.<String>of() : formats) {
            if (name == null || name.isBlank() || name.strip().equalsIgnoreCase("none")) {
                continue;
            }
            ReportFormat format = ReportFormat.parse(name).orElseThrow(() -> new MojoExecutionException(
                    "Unknown report format '" + name.strip() + "' in <formats> (-Dpolicy.formats); use one of "
                            + ReportFormat.labels() + " (or none)"));
            if (!out.contains(format)) {
                out.add(format);
            }
        }
        return out;
    }

    /**
     * The folder this execution writes its reports to: {@code outputDirectory}, unless another execution of this
     * goal has written there in this build (two executions checking two rendered overlays), whose reports would be
     * overwritten; then a folder inside it named after this execution, with a warning.
     */
    private Path reportDirectory() {
        Path dir = outputDirectory.toPath().toAbsolutePath().normalize();
        if (project == null || mojoExecution == null) {
            return dir;
        }
        String id = mojoExecution.getExecutionId();
        String key = "dev.guidepost.check.reports:" + dir;
        Object earlier = project.getContextValue(key);
        if (earlier != null && !earlier.equals(id)) {
            Path own = dir.resolve(id);
            getLog().warn("The execution '" + earlier + "' of policy:check has written its reports to "
                    + display(dir) + " in this build, so this execution ('" + id + "') writes its reports to "
                    + display(own) + "; give each execution its own <outputDirectory>");
            dir = own;
            key = "dev.guidepost.check.reports:" + dir;
        }
        project.setContextValue(key, id);
        return dir;
    }

    /** Reports of an earlier run would tell CI about violations this run did not look at. */
    private void removeStaleReports(Path dir, List<ReportFormat> reportFormats) throws MojoExecutionException {
        for (ReportFormat format : reportFormats) {
            Path file = dir.resolve(format.fileName());
            try {
                if (Files.deleteIfExists(file)) {
                    getLog().info("Removed the report of an earlier run: " + display(file));
                }
            } catch (IOException e) {
                throw new MojoExecutionException("Cannot remove the earlier report " + display(file) + ": "
                        + e.getMessage(), e);
            }
        }
    }

    /**
     * The folder of the build's top project: SARIF paths are relative to it, so that code scanning, which reads
     * them from the repository's root, finds the files of every module of a multi-module build.
     */
    @Parameter(defaultValue = "${session.topLevelProject.basedir}", readonly = true)
    private File topLevelBasedir;

    private ReportOptions optionsFor(ReportFormat format, ReportOptions options) {
        if (format != ReportFormat.SARIF || topLevelBasedir == null) {
            return options;
        }
        Path top = topLevelBasedir.toPath().toAbsolutePath().normalize();
        return basedir.toPath().toAbsolutePath().normalize().startsWith(top) ? options.withBaseDir(top) : options;
    }

    private List<Path> writeReports(Path dir, Report report, ReportOptions options,
            List<ReportFormat> reportFormats) throws MojoExecutionException {
        List<Path> written = new ArrayList<>();
        if (reportFormats.isEmpty()) {
            return written;
        }
        try {
            Files.createDirectories(dir);
            for (ReportFormat format : reportFormats) {
                Path file = dir.resolve(format.fileName());
                Files.writeString(file, format.render(report, optionsFor(format, options)), StandardCharsets.UTF_8);
                written.add(file);
            }
        } catch (IOException e) {
            throw new MojoExecutionException("Cannot write the Guidepost reports to " + dir + ": " + e.getMessage(),
                    e);
        }
        return written;
    }

    private void log(ConsoleReport.Entry entry) {
        for (String line : entry.lines()) {
            switch (entry.level()) {
                case ERROR -> getLog().error(line);
                case WARNING -> getLog().warn(line);
                default -> getLog().info(line);
            }
        }
    }

}
