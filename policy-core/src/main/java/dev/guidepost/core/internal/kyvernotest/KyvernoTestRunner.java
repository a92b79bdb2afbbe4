package dev.guidepost.core.internal.kyvernotest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.guidepost.core.ExpectationResult;
import dev.guidepost.core.GuidepostException;
import dev.guidepost.core.KyvernoTestReport;
import dev.guidepost.core.internal.yaml.PlainValues;
import dev.guidepost.core.internal.yaml.YamlDocument;
import dev.guidepost.core.internal.yaml.YamlDocuments;

/** Finds {@code kyverno-test.yaml} files below folders (hidden ones included) and runs them. */
public final class KyvernoTestRunner {

    /** The file name the Kyverno CLI looks for. */
    public static final String TEST_FILE = "kyverno-test.yaml";

    private KyvernoTestRunner() {
    }

    /** Runs every test file below the roots, naming each relative to its root. */
    public static KyvernoTestReport run(List<Path> roots, boolean strict) {
        return run(roots, strict, false);
    }

    /**
     * Runs every test file below the roots, naming each relative to its root, or with {@code pathsAsFound} by the
     * path it was found at (the root as given, then the path below it).
     */
    public static KyvernoTestReport run(List<Path> roots, boolean strict, boolean pathsAsFound) {
        List<ExpectationResult> results = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        java.util.Set<Path> seen = new java.util.HashSet<>();
        for (Path root : roots) {
            if (!Files.exists(root)) {
                throw new GuidepostException("no such folder: " + root);
            }
            for (Path file : testFiles(root)) {
                if (!seen.add(file.toAbsolutePath().normalize())) {
                    continue; // a test file below two of the folders given runs once
                }
                String display = pathsAsFound ? file.toString()
                        : Files.isDirectory(root) ? root.relativize(file).toString() : file.getFileName().toString();
                runFile(file, display, strict, results, problems);
            }
        }
        return new KyvernoTestReport(results, problems);
    }

    private static void runFile(Path file, String display, boolean strict, List<ExpectationResult> results,
            List<String> problems) {
        for (YamlDocument doc : YamlDocuments.read(file)) {
            if (doc.problem() != null) {
                problems.add(display + ":" + doc.line() + ": " + doc.problem().message());
                continue;
            }
            if (!(doc.value() instanceof Map<?, ?>)) {
                continue;
            }
            Map<String, Object> test = PlainValues.map(doc.value());
            if (PlainValues.string(test, "apiVersion").isEmpty() || PlainValues.string(test, "kind").isEmpty()) {
                problems.add(display + ":" + doc.line() + ": the test has no apiVersion or kind; use apiVersion: "
                        + "cli.kyverno.io/v1alpha1 and kind: Test");
                continue;
            }
            java.util.Optional<TestFileFields.Problem> unknownField = TestFileFields.problem(doc);
            if (unknownField.isPresent()) {
                problems.add(display + ":" + unknownField.get().line() + ": " + unknownField.get().message());
                continue;
            }
            try {
                results.addAll(new TestFileRun(doc, file, display, strict, problems).run());
            } catch (GuidepostException e) {
                problems.add(display + ": " + e.getMessage());
            }
        }
    }

    /** True when the path is a test file or a folder with one somewhere below it; false for what does not exist. */
    public static boolean hasTests(Path root) {
        return (Files.isRegularFile(root) || Files.isDirectory(root)) && !testFiles(root).isEmpty();
    }

    private static List<Path> testFiles(Path root) {
        if (Files.isRegularFile(root)) {
            return List.of(root);
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.getFileName().toString().equals(TEST_FILE)).filter(Files::isRegularFile)
                    .sorted().toList();
        } catch (IOException e) {
            throw new GuidepostException("cannot list " + root + ": " + e.getMessage());
        }
    }
}
