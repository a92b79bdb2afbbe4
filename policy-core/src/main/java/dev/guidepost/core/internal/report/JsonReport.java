package dev.guidepost.core.internal.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.guidepost.core.Exemption;
import dev.guidepost.core.ManifestProblem;
import dev.guidepost.core.Report;
import dev.guidepost.core.ReportOptions;
import dev.guidepost.core.Result;
import dev.guidepost.core.UnknownExemption;
import dev.guidepost.core.Verdict;
import dev.guidepost.core.internal.json.Json;

/** The machine-readable report: every result, exemption and problem, with counts. Stable field order. */
public final class JsonReport {

    private JsonReport() {
    }

    /** Renders the report as indented JSON. */
    public static String render(Report report) {
        return render(report, ReportOptions.defaults());
    }

    /**
     * Renders the report as indented JSON, with paths relative to the options' base folder, the verdict of their
     * failure policy and, with a baseline, which violations it knows.
     */
    public static String render(Report report, ReportOptions options) {
        Map<String, Object> root = new LinkedHashMap<>();
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("manifests", report.manifestsChecked());
        summary.put("policies", report.policiesChecked());
        report.countsByOutcome().forEach((outcome, count) -> summary.put(outcome.label(), count));
        // the skips that are rules left unchecked (what only the cluster knows), counted apart as the text does
        summary.put("notChecked", report.results().stream().filter(Result::isNotChecked).count());
        summary.put("enforcedViolations", report.enforcedViolations().size());
        summary.put("unreadable", report.unreadable().size());
        summary.put("failed", report.failed());
        summary.put("text", report.summary());
        root.put("summary", summary);
        Verdict verdict = options.verdict(report);
        Map<String, Object> judged = new LinkedHashMap<>();
        judged.put("failed", verdict.failed());
        judged.put("counting", verdict.counting().size());
        judged.put("warnings", verdict.tolerated().size());
        judged.put("known", verdict.known().size());
        judged.put("fixed", verdict.fixed().size());
        judged.put("unseen", verdict.unseen().size());
        // which baseline entries, so that a bot can prune the baseline
        judged.put("fixedEntries", verdict.fixed().stream().map(JsonReport::entry).toList());
        judged.put("unseenEntries", verdict.unseen().stream().map(JsonReport::entry).toList());
        judged.put("text", verdict.describe());
        root.put("verdict", judged);
        boolean withBaseline = !options.baseline().isEmpty();
        List<Object> results = new ArrayList<>();
        for (Result r : report.results()) {
            Map<String, Object> m = result(r);
            m.put("file", options.displayPath(r.location().file()));
            if (withBaseline) {
                m.put("baselined", options.baseline().contains(r));
            }
            results.add(m);
        }
        root.put("results", results);
        List<Object> exemptions = new ArrayList<>();
        for (Exemption e : report.exemptions()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("policy", e.policyId());
            m.put("resource", e.resource().toString());
            m.put("file", options.displayPath(e.location().file()));
            m.put("line", e.location().line());
            m.put("reason", e.reason());
            exemptions.add(m);
        }
        root.put("exemptions", exemptions);
        List<Object> unknown = new ArrayList<>();
        for (UnknownExemption e : report.unknownExemptions()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("policy", e.policyId());
            m.put("resource", e.resource().toString());
            m.put("file", options.displayPath(e.location().file()));
            m.put("line", e.location().line());
            m.put("similarIds", e.similarIds());
            m.put("message", e.describe());
            unknown.add(m);
        }
        root.put("unknownExemptions", unknown);
        List<Object> problems = new ArrayList<>();
        for (ManifestProblem p : report.problems()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("file", options.displayPath(p.location().file()));
            m.put("line", p.location().line());
            m.put("type", p.type().label());
            m.put("message", options.displayMessage(p.message()));
            problems.add(m);
        }
        root.put("problems", problems);
        return Json.pretty(root);
    }

    /** One result as a JSON-ready map. */
    public static Map<String, Object> result(Result r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("outcome", r.outcome().label());
        m.put("notChecked", r.isNotChecked());
        m.put("policy", r.policyId());
        m.put("title", r.policyTitle());
        m.put("rule", r.rule());
        m.put("severity", r.severity().label());
        m.put("action", r.action().label());
        m.put("apiVersion", r.resource().apiVersion());
        m.put("kind", r.resource().kind());
        m.put("namespace", r.resource().namespace());
        m.put("name", r.resource().name());
        m.put("file", r.location().file());
        m.put("line", r.location().line());
        m.put("fieldLine", r.fieldLocation().line());
        m.put("message", r.message());
        m.put("remediation", r.remediation());
        m.put("enforced", r.isEnforcedViolation());
        return m;
    }

    private static Map<String, Object> entry(dev.guidepost.core.Baseline.Entry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("policy", e.policyId());
        m.put("rule", e.rule());
        m.put("kind", e.kind());
        m.put("namespace", e.namespace());
        m.put("name", e.name());
        return m;
    }
}
