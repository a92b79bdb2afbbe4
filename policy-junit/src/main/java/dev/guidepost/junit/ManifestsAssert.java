package dev.guidepost.junit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

import dev.guidepost.core.Baseline;
import dev.guidepost.core.GuidepostException;
import dev.guidepost.core.KnowledgeBase;
import dev.guidepost.core.ManifestProblem;
import dev.guidepost.core.Manifests;
import dev.guidepost.core.Outcome;
import dev.guidepost.core.Policy;
import dev.guidepost.core.PolicyEngine;
import dev.guidepost.core.PolicyPack;
import dev.guidepost.core.Report;
import dev.guidepost.core.Result;
import dev.guidepost.core.SearchHit;
import dev.guidepost.core.SearchRequest;

/**
 * Assertions on manifests: that they satisfy the policies discovered for an intent, every applicable policy or
 * named policies, or that they violate a policy (for negative examples). A failure is an {@link AssertionError}
 * listing every violation with its file and line, resource, policy, message and fix. By default the pack is the
 * one of the running {@link GuidepostTest} class; {@link #using(PolicyEngine)} and {@link #using(KnowledgeBase)}
 * name one explicitly. Immutable: the {@code using} and {@code with} methods return new assertions.
 *
 * <p>Every violation counts, whatever the policy's action ({@code Enforce}, {@code Audit} or {@code Warn}): a
 * manifest satisfies a policy only when the policy passes. Documents that cannot be read fail the satisfy
 * assertions too. An assertion that would check nothing (no policy discovered, or none selecting the manifests)
 * fails rather than passing vacuously.
 */
public final class ManifestsAssert {

    private final List<String> paths;
    private final Manifests given;
    private final PolicyEngine engine;
    private final KnowledgeBase knowledgeBase;
    private final String baseline;
    /**
     * The test class's pack and settings where the assertion was made: it keeps them when it runs on a thread the
     * test started.
     */
    private final Optional<TestScope> scope;

    private ManifestsAssert(List<String> paths, Manifests given, PolicyEngine engine, KnowledgeBase knowledgeBase,
            String baseline, Optional<TestScope> scope) {
        this.paths = paths;
        this.given = given;
        this.engine = engine;
        this.knowledgeBase = knowledgeBase;
        this.baseline = baseline;
        this.scope = scope;
    }

    static ManifestsAssert ofPaths(List<String> paths) {
        // a null path stays in, so that reading the paths names it as a configuration error
        return new ManifestsAssert(java.util.Collections.unmodifiableList(new java.util.ArrayList<>(paths)), null,
                null, null, null, TestScope.current());
    }

    static ManifestsAssert of(Manifests manifests) {
        return new ManifestsAssert(List.of(), Objects.requireNonNull(manifests, "manifests"), null, null, null,
                TestScope.current());
    }

    /** The class's settings where the assertion was made, else those bound to this thread, else the defaults. */
    private Settings settings() {
        return scope.map(TestScope::settings).orElseGet(TestScope::currentSettings);
    }

    /**
     * Publishes a report entry for the test running on this thread, or on a thread the test started (none bound
     * there), for the test the assertion was made in.
     */
    private void publish(String key, String value) {
        TestScope.current().or(() -> scope).ifPresent(s -> s.context().publishReportEntry(key, value));
    }

    /** The class's scope where the assertion was made, else the one bound to this thread, else a message. */
    private TestScope requireScope(String operation) {
        return scope.orElseGet(() -> TestScope.require(operation));
    }

    /** Checks against this engine's pack instead of the test class's. */
    public ManifestsAssert using(PolicyEngine policyEngine) {
        Objects.requireNonNull(policyEngine, "policyEngine");
        KnowledgeBase kb = knowledgeBase != null && knowledgeBase.pack() == policyEngine.pack() ? knowledgeBase
                : null;
        return new ManifestsAssert(paths, given, policyEngine, kb, baseline, scope);
    }

    /** Discovers and checks with this knowledge base's pack instead of the test class's. */
    public ManifestsAssert using(KnowledgeBase kb) {
        Objects.requireNonNull(kb, "kb");
        // the knowledge base compiles its pack once and keeps the engine
        PolicyEngine compiled = engine != null && engine.pack() == kb.pack() ? engine : kb.engine();
        return new ManifestsAssert(paths, given, compiled, kb, baseline, scope);
    }

    /**
     * Tolerates the violations recorded in a baseline file (core's {@link Baseline} format, which the Maven plugin's
     * {@code -Dpolicy.baseline.update} and {@code guidepost check --baseline} use too: {@code violations: [{policy:
     * ID, kind: K, namespace: NS, name: N}]}, relative to the project folder): the satisfy assertions fail only on
     * new violations.
     */
    public ManifestsAssert withBaseline(String path) {
        return new ManifestsAssert(paths, given, engine, knowledgeBase, Objects.requireNonNull(path, "path"),
                scope);
    }

    /**
     * Finds the policies for an intent in plain words ("deploying a PostgreSQL database") by searching the pack,
     * keeps those scoring at least the class's {@link GuidepostTest#minimumScore()} (by default
     * {@value GuidepostTest#DEFAULT_MINIMUM_SCORE}, or in a pack of n &lt; 14 policies 0.8 √((n−3)/3), 80% of what
     * each of three policies fitting the intent equally would score) that are not
     * {@linkplain SearchHit#weakMatch() weak matches}, and checks the
     * manifests against the enforceable ones. Fails
     * when a manifest violates one, and when nothing enforceable is discovered or nothing discovered selects the
     * manifests. The message names the policies discovered, with their scores.
     */
    public ManifestsAssert satisfyPoliciesDiscoveredFor(String intent) {
        double minimum = settings().minimumScore();
        return minimum == GuidepostTest.UNSET_MINIMUM_SCORE
                ? discovered(intent, GuidepostTest.DEFAULT_MINIMUM_SCORE, true)
                : discovered(intent, minimum, false);
    }

    /**
     * As {@link #satisfyPoliciesDiscoveredFor(String)}, keeping policies that score at least {@code minimumScore}
     * (standard deviations above the pack's average for the intent).
     */
    public ManifestsAssert satisfyPoliciesDiscoveredFor(String intent, double minimumScore) {
        return discovered(intent, minimumScore, false);
    }

    private ManifestsAssert discovered(String intent, double minimumScore, boolean scaleToPack) {
        if (intent == null || intent.isBlank()) {
            throw new GuidepostConfigurationException("the intent of satisfyPoliciesDiscoveredFor is "
                    + (intent == null ? "null" : "blank") + "; say what"
                    + " the manifests are for in plain words, e.g. \"deploying a PostgreSQL database\"");
        }
        if (Double.isNaN(minimumScore)) {
            throw new GuidepostConfigurationException("satisfyPoliciesDiscoveredFor(\"" + intent + "\", NaN): give "
                    + "the minimum score as a number, for example " + GuidepostTest.DEFAULT_MINIMUM_SCORE);
        }
        String operation = "satisfyPoliciesDiscoveredFor(\"" + intent + "\")";
        Target target = target(operation);
        KnowledgeBase kb = knowledgeBase(operation);
        int size = kb.pack().policies().size();
        double ceiling = Math.sqrt(Math.max(0, size - 1));
        double threshold = DiscoveryThreshold.of(minimumScore, scaleToPack, size);
        List<SearchHit> hits = kb.search(SearchRequest.of(intent).withMinimumScore(threshold)).stream()
                .filter(h -> !h.weakMatch()).toList();
        Set<String> enforceable = target.engine().enforceablePolicies().stream().map(Policy::id)
                .collect(Collectors.toSet());
        List<SearchHit> checked = hits.stream().filter(h -> enforceable.contains(h.policy().id())).toList();
        List<SearchHit> advisory = hits.stream().filter(h -> !enforceable.contains(h.policy().id())).toList();
        String expectation = "Expected " + target.subject() + " to satisfy the policies discovered for \"" + intent
                + "\"";
        List<String> notes = new ArrayList<>();
        notes.add("Discovered in " + kb.pack().coordinates() + " (score >= " + FailureText.score(threshold)
                + "): " + (checked.isEmpty() ? "nothing enforceable" : FailureText.hits(checked))
                + (advisory.isEmpty() ? "" : "; advisory, not checked: " + FailureText.hits(advisory)));
        if (!kb.semantic()) {
            notes.add("Searched by words only" + (kb.warnings().isEmpty() ? "" : ": " + kb.warnings()));
        }
        if (checked.isEmpty()) {
            List<SearchHit> best = kb.search(intent, 3);
            if (threshold < minimumScore || ceiling < 2 * threshold) {
                notes.add("In a pack of " + size + (size == 1 ? " policy" : " policies") + " no score can exceed √"
                        + (size - 1) + " = " + FailureText.score(ceiling) + DiscoveryThreshold.sharedNote(size)
                        + ".");
            }
            throw failure(expectation + ", but no enforceable policy was discovered, so nothing would be checked.",
                    notes, "Best matches: " + (best.isEmpty() ? "none" : FailureText.hits(best)) + "\nRephrase"
                            + " the intent in the pack's words, lower the minimum score (@GuidepostTest(minimumScore"
                            + " = ...) or satisfyPoliciesDiscoveredFor(intent, minimumScore)), or name the policies"
                            + " with satisfy(...).");
        }
        List<String> ids = checked.stream().map(h -> h.policy().id()).toList();
        Report report = target.engine().check(target.manifests(), ids);
        if (report.results().isEmpty() && report.unreadable().isEmpty()) {
            throw failure(expectation + ", but none of the discovered policies selects them (by its match rules),"
                    + " so nothing was checked.", notes, "Check the paths, or that the intent describes these"
                    + " manifests.");
        }
        return checkViolations(expectation, target, report, notes);
    }

    /**
     * Checks the manifests against every enforceable policy of the pack that selects them. Fails on any violation,
     * and when no policy selects any of the manifests.
     */
    public ManifestsAssert satisfyAllApplicablePolicies() {
        Target target = target("satisfyAllApplicablePolicies()");
        Report report = target.engine().check(target.manifests());
        String expectation = "Expected " + target.subject() + " to satisfy every applicable policy of "
                + target.engine().pack().coordinates();
        if (report.results().isEmpty() && report.unreadable().isEmpty()) {
            throw failure(expectation + ", but no policy selects any of them by its match rules ("
                    + read(target) + "), so nothing was checked.", List.of(),
                    "Check the paths, or that the pack has policies for these kinds.");
        }
        return checkViolations(expectation, target, report, List.of());
    }

    /**
     * Checks the manifests against the named policies. Fails on any violation, and when a named policy selects none
     * of the manifests.
     */
    public ManifestsAssert satisfy(String... policyIds) {
        String operation = "satisfy(" + quoted(policyIds) + ")";
        Target target = target(operation);
        List<String> ids = requireEnforceable(target.engine(), policyIds, operation);
        Report report = target.engine().check(target.manifests(), ids);
        String expectation = "Expected " + target.subject() + " to satisfy " + String.join(", ", ids);
        List<String> unselected = ids.stream()
                .filter(id -> report.results().stream().noneMatch(r -> r.policyId().equals(id))).toList();
        if (!unselected.isEmpty() && report.unreadable().isEmpty()) {
            throw failure(expectation + ", but " + String.join(", ", unselected) + (unselected.size() == 1
                    ? " selects" : " select") + " none of them by match rules (" + read(target) + "), so nothing"
                    + " was checked.", List.of(), "Check the paths and the policy ids.");
        }
        // a policy whose every result is a skip (not checked, match conditions or preconditions false) checked
        // nothing: satisfying it would pass vacuously; an exempted manifest counts as satisfying it
        List<String> unchecked = new ArrayList<>();
        for (String id : ids) {
            List<Result> results = report.results().stream().filter(r -> r.policyId().equals(id)).toList();
            boolean checked = results.stream().anyMatch(r -> r.outcome() != Outcome.SKIP
                    || report.exemptions().stream().anyMatch(e -> e.policyId().equals(id)
                            && e.resource().equals(r.resource())));
            if (!checked && !results.isEmpty()) {
                unchecked.add(id + ": " + results.stream().map(r -> r.resource() + " — " + r.message()).distinct()
                        .collect(Collectors.joining("; ")));
            }
        }
        if (!unchecked.isEmpty() && report.unreadable().isEmpty()) {
            throw failure(expectation + ", but nothing was checked: every result of " + (unchecked.size() == 1
                    ? "the policy" : "these policies") + " is a skip.", unchecked, "Add what the policy needs to "
                    + "apply (the Namespace manifest with its labels, test values), or assert on manifests it "
                    + "checks.");
        }
        return checkViolations(expectation, target, report, List.of());
    }

    /**
     * Checks that the manifests violate each named policy: at least one manifest fails it. For negative tests,
     * such as a bad example the pack must reject.
     */
    public ManifestsAssert violate(String... policyIds) {
        String operation = "violate(" + quoted(policyIds) + ")";
        Target target = target(operation);
        List<String> ids = requireEnforceable(target.engine(), policyIds, operation);
        Report report = target.engine().check(target.manifests(), ids);
        StringBuilder why = new StringBuilder();
        for (String id : ids) {
            List<Result> results = report.results().stream().filter(r -> r.policyId().equals(id)).toList();
            if (results.stream().anyMatch(Result::isViolation)) {
                continue;
            }
            Policy policy = target.engine().pack().policy(id).orElseThrow();
            why.append(id).append(" (").append(policy.title()).append(")");
            if (results.isEmpty()) {
                why.append(" selects none of them by its match rules (").append(read(target)).append("):\n")
                        .append(target.manifests().manifests().stream()
                                .map(m -> "  " + FailureText.location(m.location(), target.settings().baseDir())
                                        + "  " + m.resource() + "\n").collect(Collectors.joining()));
            } else {
                why.append(" is not violated:\n").append(results.stream()
                        .map(r -> "  " + r.outcome().label() + "  "
                                + FailureText.location(r.location(), target.settings().baseDir()) + "  "
                                + r.resource() + (r.message().isEmpty() ? "" : "  (" + r.message() + ")") + "\n")
                        .collect(Collectors.joining()));
            }
        }
        if (why.length() > 0) {
            StringBuilder message = new StringBuilder("Expected " + target.subject() + " to violate "
                    + String.join(", ", ids) + ", but\n" + why);
            if (!report.unreadable().isEmpty()) {
                message.append("These documents could not be read:\n")
                        .append(FailureText.problems(report.unreadable(), target.settings().baseDir()));
            }
            throw new AssertionFailedError(message.toString().stripTrailing());
        }
        if (!report.unreadable().isEmpty()) {
            // a broken negative example would otherwise pass unnoticed beside the ones that do violate
            throw new AssertionFailedError("Expected " + target.subject() + " to violate " + String.join(", ", ids)
                    + "; they do, but " + FailureText.count(report.unreadable().size(), "document")
                    + " could not be read, so what they would violate is unknown:\n"
                    + FailureText.problems(report.unreadable(), target.settings().baseDir()).stripTrailing());
        }
        return this;
    }

    private ManifestsAssert checkViolations(String expectation, Target target, Report report, List<String> notes) {
        // a passing assertion says nothing otherwise: what was discovered and checked, beside the test
        publish("guidepost", String.join("\n", notes) + (notes.isEmpty() ? "" : "\n") + "Checked: "
                + report.summary());
        if (!report.unknownExemptions().isEmpty()) {
            publish("guidepost.unknownExemptions", report.unknownExemptions().stream()
                    .map(u -> FailureText.location(u.location(), target.settings().baseDir()) + "  " + u.resource()
                            + ": " + u.describe())
                    .collect(Collectors.joining("\n")));
        }
        Path baselineFile = baseline == null ? null : target.settings().resolve(baseline);
        Baseline known = baselineFile == null ? Baseline.empty()
                : readBaseline(baselineFile, target.engine().pack());
        Baseline.Split split = known.split(report);
        List<Result> fresh = split.newViolations();
        if (baselineFile != null && (!split.fixed().isEmpty() || !split.unchecked().isEmpty())) {
            // a passing check says which entries the baseline no longer needs, as guidepost check does
            publish("guidepost.baseline", FailureText.path(baselineFile.toString(),
                    target.settings().baseDir()) + ": " + (split.fixed().isEmpty() ? "" : "no longer violated, "
                    + "remove from the baseline: " + split.fixed().stream().map(Baseline.Entry::toString)
                            .collect(Collectors.joining(", ")) + (split.unchecked().isEmpty() ? "" : "; "))
                    + (split.unchecked().isEmpty() ? "" : "not among the manifests checked (remove from the baseline "
                            + "if gone): " + split.unchecked().stream().map(Baseline.Entry::toString)
                                    .collect(Collectors.joining(", "))));
        }
        if (fresh.isEmpty() && report.unreadable().isEmpty()) {
            // satisfying a policy means passing it whatever its action, so an Audit or Warn rule left unchecked
            // leaves the assertion as open as an Enforce one: never a plain pass
            List<Result> unchecked = report.results().stream().filter(Result::isNotChecked).toList();
            if (!unchecked.isEmpty()) {
                throw new TestAbortedException(expectation + ": no violation found, but "
                        + FailureText.count(unchecked.size(), "rule") + " could not be checked here (the cluster "
                        + "checks them):\n" + unchecked.stream()
                                .map(r -> "  " + FailureText.location(r.location(), target.settings().baseDir())
                                        + "  " + r.resource() + "  " + r.policyId()
                                        + (r.rule().isEmpty() ? "" : "/" + r.rule()) + " [" + r.action().label()
                                        + "]: " + r.message())
                                .collect(Collectors.joining("\n")));
            }
            return this;
        }
        List<String> allNotes = new ArrayList<>(notes);
        report.unknownExemptions().forEach(u -> allNotes.add(FailureText.location(u.location(),
                target.settings().baseDir()) + "  " + u.resource() + ": " + u.describe()));
        notes = allNotes;
        StringBuilder message = new StringBuilder(expectation).append(", but ");
        List<String> parts = new ArrayList<>();
        if (!fresh.isEmpty()) {
            parts.add("found " + FailureText.count(fresh.size(), baselineFile == null ? "violation"
                    : "new violation"));
        }
        if (!report.unreadable().isEmpty()) {
            parts.add(FailureText.count(report.unreadable().size(), "document") + " could not be read");
        }
        message.append(String.join(" and ", parts)).append(":\n");
        notes.forEach(n -> message.append(n).append('\n'));
        message.append('\n');
        if (!fresh.isEmpty()) {
            message.append(FailureText.violations(fresh, target.settings().baseDir())).append('\n');
        }
        if (!report.unreadable().isEmpty()) {
            message.append("Could not be read:\n")
                    .append(FailureText.problems(report.unreadable(), target.settings().baseDir())).append('\n');
        }
        message.append("Checked: ").append(report.summary());
        if (baselineFile != null) {
            message.append("\nBaseline ")
                    .append(FailureText.path(baselineFile.toString(), target.settings().baseDir())).append(": ")
                    .append(FailureText.count(split.known().size(), "known violation")).append(" tolerated");
            if (!split.fixed().isEmpty()) {
                message.append("; no longer violated, remove from the baseline: ").append(split.fixed().stream()
                        .map(Baseline.Entry::toString).collect(Collectors.joining(", ")));
            }
            if (!split.unchecked().isEmpty()) {
                message.append("; not among the manifests checked (remove from the baseline if gone): ")
                        .append(split.unchecked().stream().map(Baseline.Entry::toString)
                                .collect(Collectors.joining(", ")));
            }
        }
        throw new AssertionFailedError(message.toString());
    }

    /** Reads a baseline file with core's {@link Baseline}; a missing or invalid file is a configuration error. */
    static Baseline readBaseline(Path file, PolicyPack pack) {
        if (!Files.isRegularFile(file)) {
            throw new GuidepostConfigurationException("no baseline file at " + file + "; record the known violations"
                    + " there as violations: [{policy: ID, kind: K, namespace: NS, name: N}]");
        }
        Baseline baseline;
        try {
            baseline = Baseline.load(file);
        } catch (GuidepostException e) {
            throw GuidepostConfigurationException.withoutTrace(e.getMessage());
        }
        List<String> unknown = baseline.unknownPolicies(pack);
        if (!unknown.isEmpty()) {
            throw GuidepostConfigurationException.withoutTrace("the baseline " + file + " " + unknown.get(0));
        }
        return baseline;
    }

    private static AssertionFailedError failure(String headline, List<String> notes, String advice) {
        StringBuilder message = new StringBuilder(headline).append('\n');
        notes.forEach(n -> message.append(n).append('\n'));
        message.append(advice);
        return new AssertionFailedError(message.toString());
    }

    /** The pack and manifests an assertion checks. */
    private record Target(Settings settings, PolicyEngine engine, Manifests manifests, String subject) {
    }

    private Target target(String operation) {
        Settings settings = settings();
        PolicyEngine checking = engine != null ? engine : requireScope(operation).engine();
        if (given != null) {
            return new Target(settings, checking, given, "the " + FailureText.count(given.size(), "manifest")
                    + " given");
        }
        ManifestFiles files = ManifestFiles.load(paths, settings);
        return new Target(settings, checking, files.manifests(), "the manifests in " + files.describe(settings));
    }

    private KnowledgeBase knowledgeBase(String operation) {
        if (knowledgeBase != null) {
            return knowledgeBase;
        }
        Optional<TestScope> bound = scope.isPresent() ? scope : TestScope.current();
        if (engine != null && bound.map(s -> s.engine().pack() != engine.pack()).orElse(true)) {
            throw new GuidepostConfigurationException(operation + " searches the pack, so it needs its knowledge"
                    + " base: pass it with .using(KnowledgeBase.of(pack)) instead of .using(engine)");
        }
        return requireScope(operation).knowledgeBase();
    }

    private static List<String> requireEnforceable(PolicyEngine engine, String[] policyIds, String operation) {
        if (policyIds == null || policyIds.length == 0) {
            throw new GuidepostConfigurationException(operation + ": name at least one policy id");
        }
        Set<String> enforceable = engine.enforceablePolicies().stream().map(Policy::id).collect(Collectors.toSet());
        for (String id : policyIds) {
            Policy policy = engine.pack().policy(id).orElseThrow(() -> new GuidepostConfigurationException(
                    operation + ": " + FailureText.unknownPolicy(engine.pack(), String.valueOf(id))));
            if (!enforceable.contains(id)) {
                throw new GuidepostConfigurationException(operation + ": policy '" + id + "' is advisory ("
                        + policy.advisoryReason().orElse("nothing to check") + "), so no manifest can satisfy or"
                        + " violate it");
            }
        }
        return List.copyOf(new LinkedHashSet<>(Arrays.asList(policyIds)));
    }

    private static String read(Target target) {
        Manifests manifests = target.manifests();
        long kustomize = manifests.skipped().stream().filter(p -> p.type() == ManifestProblem.Type.KUSTOMIZE).count();
        String kustomizeNote = kustomize == 0 ? "" : "; " + FailureText.count((int) kustomize, "Kustomize file")
                + " skipped (kustomizations and the patches they name are not objects: check what kustomize build"
                + " renders, as " + manifests.skipped().stream().filter(p -> p.type() == ManifestProblem.Type.KUSTOMIZE)
                        .findFirst().map(p -> p.location().toString()).orElse("") + " says)";
        if (manifests.size() == 0) {
            int skipped = manifests.skipped().size() - (int) kustomize;
            return "they held no Kubernetes objects" + (skipped == 0 ? ""
                    : "; " + FailureText.count(skipped, "YAML document") + " skipped") + kustomizeNote;
        }
        return FailureText.count(manifests.size(), "manifest") + " read" + kustomizeNote;
    }

    private static String quoted(String[] ids) {
        return ids == null ? "" : Arrays.stream(ids).map(id -> "\"" + id + "\"").collect(Collectors.joining(", "));
    }
}
