package dev.guidepost.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.guidepost.core.internal.json.Json;

/**
 * The outcome of running Kyverno CLI test files: one {@link ExpectationResult} per expectation, and the test
 * files that could not be run at all.
 *
 * @param results  every expectation, in file order
 * @param problems test files that could not be loaded, each naming the file (and line) and what is wrong
 */
public record KyvernoTestReport(List<ExpectationResult> results, List<String> problems) {

    public KyvernoTestReport {
        results = List.copyOf(results);
        problems = List.copyOf(problems);
    }

    /** The number of expectations with this status. */
    public long count(ExpectationResult.Status status) {
        return results.stream().filter(r -> r.status() == status).count();
    }

    /** Skipped expectations grouped by the feature they need, with counts, sorted by feature. */
    public Map<String, Long> skippedByFeature() {
        Map<String, Long> out = new TreeMap<>();
        for (ExpectationResult r : results) {
            if (r.status() == ExpectationResult.Status.SKIPPED) {
                out.merge(r.reason(), 1L, Long::sum);
            }
        }
        return out;
    }

    /**
     * True when nothing failed and every test file could be loaded; also true for a run that ran nothing, which
     * {@link #nothingRun()} tells.
     */
    public boolean successful() {
        return problems.isEmpty() && count(ExpectationResult.Status.FAILED) == 0;
    }

    /**
     * True when the run found no expectation and no test file it could not load (an empty or wrong folder): a
     * caller that expects tests should treat it as a mistake, as {@code guidepost test} does.
     */
    public boolean nothingRun() {
        return results.isEmpty() && problems.isEmpty();
    }

    /**
     * The summary line: {@code N passed, N failed, N skipped}, then {@code , N errors} when test files or
     * documents could not be loaded (they fail the run too).
     */
    public String summary() {
        return count(ExpectationResult.Status.PASSED) + " passed, " + count(ExpectationResult.Status.FAILED)
                + " failed, " + count(ExpectationResult.Status.SKIPPED) + " skipped"
                + (problems.isEmpty() ? "" : ", " + problems.size() + (problems.size() == 1 ? " error" : " errors"));
    }

    /**
     * The report as indented JSON: {@code {"results": [{"file", "line", "test", "policy", "rule", "kind",
     * "resource", "expected", "actual", "status", "reason", "policyKind"}], "problems": [...], "summary": "..."}};
     * {@code line} is 0 when unknown.
     */
    public String toJson() {
        List<Object> rows = new ArrayList<>();
        for (ExpectationResult r : results) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("file", r.file());
            row.put("line", r.line());
            row.put("test", r.test());
            row.put("policy", r.policy());
            row.put("rule", r.rule());
            row.put("kind", r.kind());
            row.put("resource", r.resource());
            row.put("expected", r.expected());
            row.put("actual", r.actual());
            row.put("status", r.status().label());
            row.put("reason", r.reason());
            row.put("policyKind", r.policyKind());
            rows.add(row);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("results", rows);
        root.put("problems", problems);
        root.put("summary", summary());
        return Json.pretty(root);
    }
}
