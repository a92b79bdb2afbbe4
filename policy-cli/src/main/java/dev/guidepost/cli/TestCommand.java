package dev.guidepost.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import dev.guidepost.core.ExpectationResult;
import dev.guidepost.core.GuidepostException;
import dev.guidepost.core.KyvernoTestReport;
import dev.guidepost.core.KyvernoTests;
import dev.guidepost.core.PackExamples;
import dev.guidepost.core.PolicyEngine;
import dev.guidepost.core.PolicyPack;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code guidepost test}: runs Kyverno CLI test files ({@code kyverno-test.yaml}) found below folders, and the
 * examples of packs, scored as {@code kyverno test} scores them.
 */
@Command(name = "test", mixinStandardHelpOptions = true,
        description = "Run the kyverno-test.yaml files below the folders (and the examples of --pack packs).")
final class TestCommand implements Callable<Integer> {

    private static final Map<ExpectationResult.Status, String> RESULT_LABELS = Map.of(
            ExpectationResult.Status.PASSED, "PASS", ExpectationResult.Status.FAILED, "FAIL",
            ExpectationResult.Status.SKIPPED, "SKIP");

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "DIR", arity = "0..*", description = "Folders to search for kyverno-test.yaml.")
    private List<Path> folders = new ArrayList<>();

    @Option(names = {"-p", "--pack"}, paramLabel = "PACK",
            description = "Also run this pack's own pass/fail examples, and without DIRs the kyverno-test.yaml "
                    + "files in its folder. Repeatable.")
    private List<String> packs = new ArrayList<>();

    @Option(names = "--json", paramLabel = "FILE", description = "Write every expectation as JSON to FILE "
            + "(- for standard output; the summary then goes to standard error).")
    private Path json;

    @Option(names = "--strict",
            description = "Count expectations that no rule answered (which kyverno test passes) as failed.")
    private boolean strict;

    @Option(names = {"-t", "--test-case-selector"}, paramLabel = "SELECTOR",
            description = "Only the expectations selected, as for kyverno test: \"policy=NAME, rule=NAME, "
                    + "resource=NAME\" (any combination; * matches any characters).")
    private String selector;

    @Option(names = "--detailed-results",
            description = "Print every expectation, the passing and skipped ones too, not only the failures.")
    private boolean detailed;

    /** True for a pack folder on the disk with a test file somewhere below it (not a jar or a class path pack). */
    private static boolean holdsKyvernoTests(String pack) {
        try {
            Path folder = Path.of(pack);
            return java.nio.file.Files.isDirectory(folder) && KyvernoTests.found(folder);
        } catch (java.nio.file.InvalidPathException e) {
            return false;
        }
    }

    /** The expectations the selector keeps; all without one. */
    private static List<ExpectationResult> selected(List<ExpectationResult> results, TestCaseSelector selection) {
        if (selection == null) {
            return results;
        }
        List<ExpectationResult> kept = results.stream().filter(selection).toList();
        List<String> selectingNothing = selection.partsSelectingNothing(results);
        if (!selectingNothing.isEmpty() && !results.isEmpty()) {
            throw new GuidepostException("--test-case-selector: " + String.join(", ", selectingNothing)
                    + " selects none of the " + results.size() + " expectations by its own field; check the name "
                    + "(guidepost test --detailed-results without a selector lists them)");
        }
        if (kept.isEmpty() && !results.isEmpty()) {
            throw new GuidepostException("--test-case-selector \"" + selection + "\" selects none of the "
                    + results.size() + " expectations; check the policy, rule and resource names (guidepost test "
                    + "--detailed-results without a selector lists them)");
        }
        return kept;
    }

    @Override
    public Integer call() throws IOException {
        if (folders.isEmpty() && packs.isEmpty()) {
            throw new GuidepostException("give at least one folder or --pack (see guidepost test --help)");
        }
        // an empty selector selects everything, as in kyverno test
        TestCaseSelector selection = selector == null || selector.isBlank() ? null : TestCaseSelector.parse(selector);
        List<ExpectationResult> results = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<Path> testFolders = new ArrayList<>(folders);
        for (String pack : packs) {
            PolicyPack loaded = PolicyPack.load(pack);
            KyvernoTestReport examples = PackExamples.run(PolicyEngine.of(loaded));
            // without folders, the tests kept in a pack folder (beside imported Kyverno policies) run too
            boolean withTests = folders.isEmpty() && holdsKyvernoTests(pack);
            if (withTests) {
                testFolders.add(Path.of(pack));
            }
            if (examples.results().isEmpty() && !withTests) {
                spec.commandLine().getErr().println("warning: " + loaded.coordinates() + " has no pass or fail "
                        + "examples and no " + KyvernoTests.TEST_FILE + " in its folder, so --pack tested nothing; "
                        + "add examples to its policies (spec.examples)");
            }
            results.addAll(examples.results());
        }
        if (!testFolders.isEmpty()) {
            // each test file as seen from the working directory, so that file:line opens from here
            KyvernoTestReport tests = KyvernoTests.runNamingFilesAsFound(testFolders, strict);
            if (tests.results().isEmpty() && tests.problems().isEmpty() && !folders.isEmpty()) {
                throw new GuidepostException("no kyverno-test.yaml with results below " + folders.stream()
                        .map(Path::toString).collect(Collectors.joining(", ")) + "; give the folders that hold "
                        + "the tests (for example the ones with .kyverno-test folders)");
            }
            results.addAll(tests.results());
            problems.addAll(tests.problems());
        }
        KyvernoTestReport report = new KyvernoTestReport(selected(results, selection), problems);
        JsonDestination jsonReport = new JsonDestination(json);
        var out = jsonReport.humanOutput(spec.commandLine());
        for (String problem : report.problems()) {
            out.println("ERROR " + problem);
        }
        for (ExpectationResult r : report.results()) {
            if (detailed || r.status() == ExpectationResult.Status.FAILED) {
                out.println(RESULT_LABELS.get(r.status()) + " " + r.describe());
            }
        }
        Map<String, Long> skipped = report.skippedByFeature();
        if (!skipped.isEmpty()) {
            out.println("Skipped (Guidepost cannot evaluate these yet):");
            skipped.forEach((feature, count) -> out.println("  " + feature + ": " + count));
        }
        if (jsonReport.requested()) {
            jsonReport.write(report.toJson(), spec.commandLine());
        }
        out.println(report.summary());
        return report.successful() ? ExitCode.OK : ExitCode.VIOLATIONS;
    }
}
