package dev.guidepost.maven;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import dev.guidepost.core.ExpectationResult;
import dev.guidepost.core.KyvernoTestReport;
import dev.guidepost.core.KyvernoTests;
import dev.guidepost.core.PackExamples;
import dev.guidepost.core.PolicyEngine;
import dev.guidepost.core.PolicyPack;

/**
 * Runs the packs' own examples (every {@code examples.pass} manifest must pass its policy, every
 * {@code examples.fail} one must fail it) and the Kyverno CLI tests ({@code kyverno-test.yaml}) below the test
 * folders, scored as {@code kyverno test} scores them, with the same summary line as {@code guidepost test}. The
 * packs are the configured ones or, without {@code packs}, the project's own (as for the {@code index} goal).
 */
@Mojo(name = "test", defaultPhase = LifecyclePhase.TEST, threadSafe = true)
public class TestMojo extends AbstractPolicyMojo {

    /** The conventional folder of Kyverno CLI tests, used when no test folder is configured and it exists. */
    static final String DEFAULT_TEST_FOLDER = "src/test/kyverno";

    /**
     * Folders (relative to the project) searched for {@code kyverno-test.yaml} files. Default:
     * {@code src/test/kyverno} when it exists. A configured folder that does not exist is an error.
     */
    @Parameter(property = "policy.testDirectories")
    private List<String> testDirectories = new ArrayList<>();

    /** Run the packs' own examples. */
    @Parameter(property = "policy.test.examples", defaultValue = "true")
    private boolean examples;

    /** Count expectations that no rule answered (which {@code kyverno test} passes) as failed. */
    @Parameter(property = "policy.test.strict", defaultValue = "false")
    private boolean strict;

    /** Skips this goal only. */
    @Parameter(property = "policy.test.skip", defaultValue = "false")
    private boolean skipTest;

    /** Maven's usual switch for skipping tests, honoured here too. */
    @Parameter(property = "skipTests", defaultValue = "false")
    private boolean skipTests;

    /** Maven's switch for skipping compiling and running tests, honoured here too. */
    @Parameter(property = "maven.test.skip", defaultValue = "false")
    private boolean mavenTestSkip;

    @Override
    protected String goal() {
        return "test";
    }

    @Override
    protected boolean skipGoal() {
        return skipTest || skipTests || mavenTestSkip;
    }

    @Override
    protected String goalSkipProperty() {
        return skipTest ? "policy.test.skip" : skipTests ? "skipTests" : "maven.test.skip";
    }

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        List<Path> folders = testFolders();
        List<String> packLocations = examples ? examplePacks() : List.of();
        if (folders.isEmpty() && packLocations.isEmpty()) {
            getLog().info("No Guidepost tests to run: " + (examples ? "no <packs> configured and no pack in "
                    + display(projectPacksRoot()) + "/<name>/ (their examples run), " : "")
                    + "no <testDirectories> with kyverno-test.yaml files (default " + DEFAULT_TEST_FOLDER + ")");
            return;
        }
        List<ExpectationResult> results = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String location : packLocations) {
            KyvernoTestReport packReport = PackExamples.run(PolicyEngine.of(loadPack(location)));
            String shownLocation = location.startsWith(PolicyPack.CLASSPATH_PREFIX) ? location
                    : display(resolve(location));
            getLog().info("Pack " + shownLocation + ": " + packReport.results().size() + " examples");
            packReport.results().forEach(r -> results.add(r.withFile(shown(r.file()))));
        }
        if (!folders.isEmpty()) {
            getLog().info("Running kyverno-test.yaml files below " + folders.stream().map(this::display)
                    .collect(Collectors.joining(", ")));
            for (Path folder : folders) {
                // each file as the project sees it, so that a failure's file:line opens from the project's folder
                KyvernoTestReport tests = KyvernoTests.run(List.of(folder), strict);
                Path base = Files.isDirectory(folder) ? folder : folder.getParent();
                tests.results().forEach(r -> results.add(r.withFile(display(base.resolve(r.file())))));
                // a problem starts with its test file, named below the folder like the results' files
                tests.problems().forEach(problem -> problems.add(display(base) + "/" + problem));
            }
        }
        KyvernoTestReport report = new KyvernoTestReport(results, problems);
        for (String problem : report.problems()) {
            getLog().error(problem);
        }
        for (ExpectationResult r : report.results()) {
            if (r.status() == ExpectationResult.Status.FAILED) {
                getLog().error("FAIL " + r.describe());
            }
        }
        Map<String, Long> skipped = report.skippedByFeature();
        if (!skipped.isEmpty()) {
            getLog().info("Skipped (Guidepost cannot evaluate these yet):");
            skipped.forEach((feature, count) -> getLog().info("  " + feature + ": " + count));
        }
        getLog().info(report.summary());
        if (!report.successful()) {
            throw new MojoFailureException("Guidepost tests failed: " + report.summary());
        }
    }

    /**
     * The packs whose examples run: the configured ones, or else the project's own, given by their absolute path
     * (the log names them relative to the top project, which a module of a bigger build cannot resolve).
     */
    private List<String> examplePacks() throws MojoExecutionException {
        List<String> configured = configuredPacks();
        return configured.isEmpty() ? ownPackFolders().stream().map(Path::toString).toList() : configured;
    }

    /** The packs that are folders: the configured ones on the disk, or else the project's own. */
    private List<Path> packFolders() throws MojoExecutionException {
        List<String> configured = configuredPacks();
        if (configured.isEmpty()) {
            return ownPackFolders();
        }
        return configured.stream().filter(p -> !p.startsWith(PolicyPack.CLASSPATH_PREFIX)).map(this::resolve)
                .filter(Files::isDirectory).toList();
    }

    private List<Path> testFolders() throws MojoExecutionException {
        List<Path> out = new ArrayList<>();
        boolean configured = testDirectories != null && testDirectories.stream().anyMatch(d -> d != null
                && !d.isBlank());
        if (!configured) {
            Path conventional = resolve(DEFAULT_TEST_FOLDER);
            if (Files.isDirectory(conventional)) {
                out.add(conventional);
            }
            // imported Kyverno policies keep their kyverno-test.yaml beside them, inside the pack
            for (Path pack : packFolders()) {
                if (!pack.startsWith(conventional) && KyvernoTests.found(pack)) {
                    out.add(pack);
                }
            }
            return out;
        }
        for (String dir : testDirectories) {
            if (dir == null || dir.isBlank()) {
                continue;
            }
            Path path = resolve(dir.strip());
            if (!Files.exists(path)) {
                throw new MojoExecutionException("Test folder not found: " + display(path)
                        + "; check <testDirectories>");
            }
            out.add(path);
        }
        return out;
    }
}
