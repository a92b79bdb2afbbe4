package dev.guidepost.junit;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

import dev.guidepost.core.Baseline;
import dev.guidepost.core.ExpectationResult;
import dev.guidepost.core.Manifest;
import dev.guidepost.core.ManifestProblem;
import dev.guidepost.core.Outcome;
import dev.guidepost.core.PackExamples;
import dev.guidepost.core.PolicyEngine;
import dev.guidepost.core.Report;
import dev.guidepost.core.ResourceRef;
import dev.guidepost.core.Result;
import dev.guidepost.core.SourceLocation;
import dev.guidepost.core.UnknownExemption;

/**
 * Dynamic tests for a {@code @TestFactory}: one per manifest and policy that applies to it
 * ({@link #dynamicTests(String...)}), or one per example of the pack ({@link #packExamples()}).
 *
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicTest> everyManifestAgainstEveryPolicy() {
 *     return Guidepost.dynamicTests("src/main/k8s");
 * }
 * }</pre>
 *
 * Each test is named {@code Deployment/shop/web ▸ require-run-as-non-root (src/main/k8s/web.yaml:2)} (the file
 * keeps names unique across factories, which Surefire needs) and its source is the manifest's file and line, so
 * IDEs and CI reports link to it (except under Surefire 3.5.3, which drops dynamic tests that have a file source,
 * so there they have none); it fails with the violation (message and fix) when the manifest
 * violates the policy (whatever the policy's action), and is skipped when every rule skipped it (for example an
 * exemption). So that nothing is silently left out, a manifest no policy applies to gets one skipped test
 * ({@code ▸ no applicable policy}), a document that cannot be read one failing test ({@code ▸ unreadable}), a
 * YAML document that is not a Kubernetes object one skipped test, and an exemption annotation naming no policy one
 * skipped test ({@code ▸ unknown exemption}).
 */
public final class Guidepost {

    private Guidepost() {
    }

    /**
     * The tests for the manifests in files and folders (none: the project's conventional folders
     * {@code src/main/k8s}, {@code src/main/kubernetes} and {@code k8s} that exist), against the running
     * {@link GuidepostTest} class's pack.
     */
    public static Stream<DynamicTest> dynamicTests(String... paths) {
        TestScope scope = TestScope.require("Guidepost.dynamicTests(" + String.join(", ", paths) + ")");
        return dynamicTests(scope.engine(), scope.settings(), Baseline.empty(), null, paths);
    }

    /** The tests for the manifests in files and folders, against an engine's pack. */
    public static Stream<DynamicTest> dynamicTests(PolicyEngine engine, String... paths) {
        return dynamicTests(engine, TestScope.currentSettings(), Baseline.empty(), null, paths);
    }

    /**
     * As {@link #dynamicTests(String...)}, tolerating the violations a baseline file lists (core's {@link Baseline},
     * as the Maven plugin writes it): a test whose violations are all known is skipped, naming them, rather than
     * failed; a new violation still fails. Each baseline entry that is fixed (its policy and resource were checked
     * without a violation) or not seen (no manifest is its resource) gets a skipped test saying so, so the file
     * can shrink.
     */
    public static Stream<DynamicTest> dynamicTestsWithBaseline(String baseline, String... paths) {
        TestScope scope = TestScope.require("Guidepost.dynamicTestsWithBaseline(" + baseline + ", "
                + String.join(", ", paths) + ")");
        Path file = baselineFile(scope.settings(), baseline);
        return dynamicTests(scope.engine(), scope.settings(),
                ManifestsAssert.readBaseline(file, scope.engine().pack()), file, paths);
    }

    /** As {@link #dynamicTestsWithBaseline(String, String...)}, against an engine's pack. */
    public static Stream<DynamicTest> dynamicTestsWithBaseline(PolicyEngine engine, String baseline,
            String... paths) {
        Settings settings = TestScope.currentSettings();
        Path file = baselineFile(settings, baseline);
        return dynamicTests(engine, settings, ManifestsAssert.readBaseline(file, engine.pack()), file, paths);
    }

    private static Path baselineFile(Settings settings, String baseline) {
        if (baseline == null || baseline.isBlank()) {
            throw new GuidepostConfigurationException("dynamicTestsWithBaseline needs the path of a baseline file, "
                    + "relative to the project folder (for example \"guidepost-baseline.yaml\")");
        }
        return settings.resolve(baseline);
    }

    private record Key(SourceLocation location, ResourceRef resource) {
    }

    private record Entry(SourceLocation location, DynamicTest test) {
    }

    private static Stream<DynamicTest> dynamicTests(PolicyEngine engine, Settings settings, Baseline baseline,
            Path baselineFile, String... paths) {
        ManifestFiles files = ManifestFiles.load(Arrays.asList(paths), settings);
        Report report = engine.check(files.manifests());
        Map<Key, Map<String, List<Result>>> byManifest = new LinkedHashMap<>();
        for (Result result : report.results()) {
            byManifest.computeIfAbsent(new Key(result.location(), result.resource()), k -> new LinkedHashMap<>())
                    .computeIfAbsent(result.policyId(), k -> new ArrayList<>()).add(result);
        }
        Path base = settings.baseDir();
        List<Entry> entries = new ArrayList<>();
        for (Manifest manifest : files.manifests()) {
            URI source = TestSources.of(manifest.location());
            // the file tells apart a resource named the same in two places, also across factories: Surefire
            // names a test with a file source by its display name alone, and reruns count same names as one
            String where = " (" + FailureText.location(manifest.location(), base) + ")";
            String name = manifest.resource().toString();
            Map<String, List<Result>> byPolicy = byManifest.getOrDefault(new Key(manifest.location(),
                    manifest.resource()), Map.of());
            if (byPolicy.isEmpty()) {
                String reason = "no policy of " + engine.pack().coordinates() + " applies to " + manifest.resource()
                        + " (" + FailureText.location(manifest.location(), base) + ")";
                entries.add(new Entry(manifest.location(), DynamicTest.dynamicTest(name
                        + " ▸ no applicable policy" + where, source, () -> {
                            throw new TestAbortedException(reason);
                        })));
            }
            byPolicy.forEach((policyId, results) -> entries.add(new Entry(manifest.location(),
                    DynamicTest.dynamicTest(name + " ▸ " + policyId + where, source,
                            () -> verify(results, base, baseline)))));
        }
        for (UnknownExemption unknown : report.unknownExemptions()) {
            // exempts nothing: said where the author will look, beside the manifest's tests
            String where = FailureText.location(unknown.location(), base);
            entries.add(new Entry(unknown.location(), DynamicTest.dynamicTest(unknown.resource()
                    + " ▸ unknown exemption " + unknown.policyId() + " (" + where + ")",
                    TestSources.of(unknown.location()), () -> {
                        throw new TestAbortedException(where + ": " + unknown.describe());
                    })));
        }
        for (ManifestProblem problem : files.manifests().problems()) {
            String where = FailureText.location(problem.location(), base);
            String message = where + ": " + problem.message();
            entries.add(new Entry(problem.location(), DynamicTest.dynamicTest(where + (problem.unreadable()
                    ? " ▸ unreadable" : problem.type() == ManifestProblem.Type.KUSTOMIZE ? " ▸ Kustomize file"
                    : " ▸ not a Kubernetes object"), TestSources.of(problem.location()), () -> {
                        if (problem.unreadable()) {
                            throw new AssertionFailedError(message);
                        }
                        throw new TestAbortedException(message);
                    })));
        }
        Stream<DynamicTest> manifestTests = entries.stream()
                .sorted(Comparator.comparing((Entry e) -> e.location().file()).thenComparing(e -> e.location().line()))
                .map(Entry::test);
        return baselineFile == null ? manifestTests
                : Stream.concat(manifestTests, staleBaselineEntries(baseline.split(report), baselineFile, base));
    }

    /** A skipped test per baseline entry that was fixed or not seen, saying what to do with it. */
    private static Stream<DynamicTest> staleBaselineEntries(Baseline.Split split, Path file, Path base) {
        String where = FailureText.path(file.toString(), base);
        URI source = TestSources.of(SourceLocation.of(file.toString()));
        Stream<DynamicTest> fixed = split.fixed().stream().map(entry -> DynamicTest.dynamicTest("baseline ▸ " + entry
                + " ▸ fixed", source, () -> {
                    throw new TestAbortedException(entry + " was checked without a violation; delete it from "
                            + where);
                }));
        Stream<DynamicTest> unseen = split.unchecked().stream().map(entry -> DynamicTest.dynamicTest("baseline ▸ "
                + entry + " ▸ not seen", source, () -> {
                    throw new TestAbortedException(entry + " is in " + where + " but none of the manifests checked is"
                            + " that resource (removed, or outside them); delete it if the resource is gone");
                }));
        return Stream.concat(fixed, unseen);
    }

    private static void verify(List<Result> results, Path base, Baseline baseline) {
        List<Result> violations = results.stream().filter(Result::isViolation).toList();
        List<Result> fresh = violations.stream().filter(r -> !baseline.contains(r)).toList();
        if (!fresh.isEmpty()) {
            throw new AssertionFailedError(fresh.stream().map(r -> FailureText.violation(r, base, "  "))
                    .collect(Collectors.joining("\n")));
        }
        if (!violations.isEmpty()) {
            throw new TestAbortedException("known violations in the baseline: " + violations.stream()
                    .map(r -> Baseline.Entry.of(r).toString()).collect(Collectors.joining("; ")));
        }
        List<Result> notChecked = results.stream().filter(Result::isNotChecked).toList();
        if (!notChecked.isEmpty()) {
            // what was checked passed, but not all of the policy was: never report that as a plain pass
            throw new TestAbortedException("not every rule was checked: " + notChecked.stream()
                    .map(r -> (r.rule().isEmpty() ? r.policyId() : r.rule()) + " (" + r.message() + ")")
                    .collect(Collectors.joining("; ")));
        }
        if (results.stream().allMatch(r -> r.outcome() == Outcome.SKIP)) {
            throw new TestAbortedException("skipped: " + results.stream().map(Result::message)
                    .filter(m -> !m.isEmpty()).distinct().collect(Collectors.joining("; ")));
        }
    }

    /**
     * One test per example of the running {@link GuidepostTest} class's pack (every {@code pass} example must
     * pass its policy, every {@code fail} example fail it), for pack authors: a wrong example fails with where it
     * is written and what the policy answered.
     */
    public static Stream<DynamicTest> packExamples() {
        return packExamples(TestScope.require("Guidepost.packExamples()").engine());
    }

    /** One test per example of an engine's pack. */
    public static Stream<DynamicTest> packExamples(PolicyEngine engine) {
        Path baseDir = TestScope.currentSettings().baseDir();
        return PackExamples.run(engine).results().stream()
                .map(result -> result.withFile(FailureText.sourceFile(result.file(), baseDir)))
                .map(result -> DynamicTest.dynamicTest(
                        result.policy() + " ▸ " + result.expected() + " example " + result.resource(),
                        TestSources.of(result.location()), () -> {
                            String message = FailureText.path(result.file(), baseDir) + ":" + result.line() + "  "
                                    + result.policy() + ": the " + result.expected() + " example " + result.resource()
                                    + " should " + result.expected() + " the policy, but it gave "
                                    + (result.actual().isEmpty() ? "nothing" : result.actual())
                                    + (result.reason().isEmpty() ? "" : " — " + result.reason());
                            if (result.status() == ExpectationResult.Status.FAILED) {
                                throw new AssertionFailedError(message);
                            }
                            if (result.status() == ExpectationResult.Status.SKIPPED) {
                                throw new TestAbortedException(message);
                            }
                        }));
    }
}
