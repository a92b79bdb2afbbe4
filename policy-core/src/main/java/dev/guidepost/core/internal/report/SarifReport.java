package dev.guidepost.core.internal.report;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.guidepost.core.Action;
import dev.guidepost.core.Exemption;
import dev.guidepost.core.BuildInfo;
import dev.guidepost.core.ManifestProblem;
import dev.guidepost.core.Policy;
import dev.guidepost.core.Report;
import dev.guidepost.core.ReportOptions;
import dev.guidepost.core.ResourceRef;
import dev.guidepost.core.Result;
import dev.guidepost.core.Severity;
import dev.guidepost.core.UnknownExemption;
import dev.guidepost.core.SourceLocation;
import dev.guidepost.core.internal.digest.Sha256;
import dev.guidepost.core.internal.json.Json;

/**
 * SARIF 2.1.0 for code-scanning UIs: one rule per policy (title, description, remediation as help, default level
 * from the action, GitHub's {@code security-severity}), one result per violation with its file and line relative to
 * the base folder ({@code %SRCROOT%}), exemptions as suppressed results, unreadable manifests as results of the rule
 * {@value #UNREADABLE_RULE}, exemption annotations naming no policy as warnings of {@value #UNKNOWN_EXEMPTION_RULE}.
 * With a baseline, results carry {@code baselineState} ({@code new} or
 * {@code unchanged}).
 */
public final class SarifReport {

    /** The SARIF version written. */
    public static final String VERSION = "2.1.0";
    /** The schema of SARIF 2.1.0. */
    public static final String SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/"
            + "sarif-schema-2.1.0.json";
    /** The rule id of unreadable manifests (a colon, so it never clashes with a policy id). */
    public static final String UNREADABLE_RULE = "guidepost:unreadable-manifest";
    /** The rule of exemption annotations that name no policy of the pack. */
    public static final String UNKNOWN_EXEMPTION_RULE = "guidepost:unknown-exemption";
    /** The base id of project-relative paths. */
    public static final String SRCROOT = "%SRCROOT%";

    private SarifReport() {
    }

    /** Renders the report as indented SARIF JSON. */
    public static String render(Report report, ReportOptions options) {
        Rules rules = new Rules();
        for (Policy policy : options.policies()) {
            // advisory policies (guidance, mutations) have no verdicts: they are no rules of a code-scanning tool
            if (policy.enforceable()) {
                rules.add(policy.id(), rule(policy));
            }
        }
        for (Result r : report.results()) {
            if (r.isViolation() && !rules.has(r.policyId())) {
                rules.add(r.policyId(), rule(r));
            }
        }
        List<Object> results = new ArrayList<>();
        boolean withBaseline = !options.baseline().isEmpty();
        for (Result r : report.results()) {
            if (!r.isViolation()) {
                continue;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("ruleId", r.policyId());
            m.put("ruleIndex", rules.index(r.policyId()));
            m.put("level", level(r));
            m.put("message", Map.of("text", message(r)));
            m.put("locations", List.of(location(r.fieldLocation(), r.resource(), options)));
            m.put("partialFingerprints", Map.of("guidepost/v1", fingerprint(r.policyId(), r.resource(), r.rule())));
            if (withBaseline) {
                m.put("baselineState", options.baseline().contains(r) ? "unchanged" : "new");
            }
            Map<String, Object> properties = new LinkedHashMap<>();
            properties.put("outcome", r.outcome().label());
            properties.put("severity", r.severity().label());
            properties.put("action", r.action().label());
            properties.put("resource", r.resource().toString());
            if (!r.rule().isEmpty()) {
                properties.put("rule", r.rule());
            }
            m.put("properties", properties);
            results.add(m);
        }
        for (Result r : report.results()) {
            if (!r.isNotChecked()) {
                continue;
            }
            // a rule left unchecked is no verdict: SARIF's "review" kind says a person (or the cluster) decides
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("ruleId", r.policyId());
            if (rules.has(r.policyId())) {
                m.put("ruleIndex", rules.index(r.policyId()));
            }
            m.put("kind", "review");
            m.put("level", "none");
            m.put("message", Map.of("text", r.resource() + ": " + r.message()));
            m.put("locations", List.of(location(r.location(), r.resource(), options)));
            results.add(m);
        }
        for (Exemption e : report.exemptions()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("ruleId", e.policyId());
            if (rules.has(e.policyId())) {
                m.put("ruleIndex", rules.index(e.policyId()));
            }
            m.put("kind", "informational");
            m.put("level", "none");
            m.put("message", Map.of("text", e.resource() + " is exempted from " + e.policyId() + ": " + e.reason()));
            m.put("locations", List.of(location(e.location(), e.resource(), options)));
            Map<String, Object> suppression = new LinkedHashMap<>();
            suppression.put("kind", "inSource");
            suppression.put("status", "accepted");
            suppression.put("justification", e.reason());
            m.put("suppressions", List.of(suppression));
            results.add(m);
        }
        if (!report.unknownExemptions().isEmpty()) {
            Map<String, Object> rule = new LinkedHashMap<>();
            rule.put("id", UNKNOWN_EXEMPTION_RULE);
            rule.put("name", "UnknownExemption");
            rule.put("shortDescription", Map.of("text", "Exemption annotations name a policy of the pack"));
            rule.put("fullDescription", Map.of("text", "An annotation " + Exemption.ANNOTATION_PREFIX + "<id> "
                    + "that names no policy of the pack (a misspelt id) exempts nothing."));
            rule.put("help", Map.of("text", "Correct the policy id in the annotation, or remove it."));
            rule.put("defaultConfiguration", Map.of("level", "warning"));
            rules.add(UNKNOWN_EXEMPTION_RULE, rule);
            for (UnknownExemption unknown : report.unknownExemptions()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("ruleId", UNKNOWN_EXEMPTION_RULE);
                m.put("ruleIndex", rules.index(UNKNOWN_EXEMPTION_RULE));
                m.put("level", "warning");
                m.put("message", Map.of("text", unknown.resource() + ": " + unknown.describe()));
                m.put("locations", List.of(location(unknown.location(), unknown.resource(), options)));
                results.add(m);
            }
        }
        List<ManifestProblem> unreadable = report.unreadable();
        if (!unreadable.isEmpty()) {
            Map<String, Object> rule = new LinkedHashMap<>();
            rule.put("id", UNREADABLE_RULE);
            rule.put("name", "UnreadableManifest");
            rule.put("shortDescription", Map.of("text", "Manifests can be read"));
            rule.put("fullDescription", Map.of("text", "A manifest that is not valid YAML or JSON, holds an "
                    + "unrendered template or breaks a limit cannot be checked against any policy."));
            rule.put("help", Map.of("text", "Fix the syntax, or render templates (helm template, kustomize build) "
                    + "and check the output."));
            rule.put("defaultConfiguration", Map.of("level", "error"));
            rules.add(UNREADABLE_RULE, rule);
            for (ManifestProblem p : unreadable) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("ruleId", UNREADABLE_RULE);
                m.put("ruleIndex", rules.index(UNREADABLE_RULE));
                m.put("level", "error");
                m.put("message", Map.of("text", options.displayMessage(p.message())));
                m.put("locations", List.of(location(p.location(), null, options)));
                m.put("properties", Map.of("type", p.type().label()));
                results.add(m);
            }
        }

        Map<String, Object> driver = new LinkedHashMap<>();
        driver.put("name", BuildInfo.NAME);
        driver.put("informationUri", BuildInfo.INFORMATION_URI);
        if (!options.toolVersion().isEmpty()) {
            driver.put("version", options.toolVersion());
        }
        driver.put("rules", rules.list);
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("tool", Map.of("driver", driver));
        options.baseDir().ifPresent(dir -> run.put("originalUriBaseIds",
                Map.of(SRCROOT, Map.of("uri", directoryUri(dir)))));
        Map<String, Object> invocation = new LinkedHashMap<>();
        invocation.put("executionSuccessful", true);
        run.put("invocations", List.of(invocation));
        run.put("results", results);
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("$schema", SCHEMA);
        root.put("version", VERSION);
        root.put("runs", List.of(run));
        return Json.pretty(root);
    }

    /** {@code error} for Enforce violations and evaluation errors, {@code warning} for Audit and Warn. */
    static String level(Result r) {
        return r.action() == Action.ENFORCE ? "error" : "warning";
    }

    private static String message(Result r) {
        String text = r.message().isEmpty() ? r.policyTitle() : r.message();
        if (r.outcome() == dev.guidepost.core.Outcome.ERROR) {
            text = "the policy could not be evaluated: " + text;
        }
        return r.resource() + ": " + text;
    }

    private static Map<String, Object> rule(Policy p) {
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("id", p.id());
        rule.put("name", p.id());
        rule.put("shortDescription", Map.of("text", p.title()));
        rule.put("fullDescription", Map.of("text", p.description().isEmpty() ? p.title() : p.description()));
        rule.put("help", help(p.title(), p.description(), p.rationale(), p.remediation()));
        rule.put("defaultConfiguration", Map.of("level", p.action() == Action.ENFORCE ? "error" : "warning"));
        rule.put("properties", properties(p.severity(), p.action(), p.category(), p.owner()));
        return rule;
    }

    private static Map<String, Object> rule(Result r) {
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("id", r.policyId());
        rule.put("name", r.policyId());
        rule.put("shortDescription", Map.of("text", r.policyTitle()));
        rule.put("help", help(r.policyTitle(), "", "", r.remediation()));
        rule.put("defaultConfiguration", Map.of("level", level(r)));
        rule.put("properties", properties(r.severity(), r.action(), "", ""));
        return rule;
    }

    private static Map<String, Object> help(String title, String description, String rationale,
            String remediation) {
        StringBuilder text = new StringBuilder();
        StringBuilder markdown = new StringBuilder("**").append(title).append("**");
        if (!description.isEmpty()) {
            text.append(description).append('\n');
            markdown.append("\n\n").append(description);
        }
        if (!rationale.isEmpty()) {
            text.append("Why: ").append(rationale).append('\n');
            markdown.append("\n\n*Why:* ").append(rationale);
        }
        if (!remediation.isEmpty()) {
            text.append("Fix: ").append(remediation).append('\n');
            markdown.append("\n\n*Fix:* ").append(remediation);
        }
        Map<String, Object> help = new LinkedHashMap<>();
        help.put("text", text.isEmpty() ? title : text.toString().strip());
        help.put("markdown", markdown.toString());
        return help;
    }

    private static Map<String, Object> properties(Severity severity, Action action, String category, String owner) {
        Map<String, Object> properties = new LinkedHashMap<>();
        List<String> tags = new ArrayList<>();
        tags.add("kubernetes");
        if (!category.isEmpty()) {
            tags.add(category);
        }
        properties.put("tags", tags);
        properties.put("severity", severity.label());
        properties.put("security-severity", securitySeverity(severity));
        properties.put("action", action.label());
        if (!owner.isEmpty()) {
            properties.put("owner", owner);
        }
        return properties;
    }

    /** GitHub's numeric {@code security-severity}: critical above 9, high 7 to 8.9, medium 4 to 6.9, low below. */
    private static String securitySeverity(Severity severity) {
        return switch (severity) {
            case CRITICAL -> "9.5";
            case HIGH -> "8.0";
            case MEDIUM -> "5.5";
            case LOW -> "3.0";
        };
    }

    private static Map<String, Object> location(SourceLocation location, ResourceRef resource,
            ReportOptions options) {
        Map<String, Object> artifact = new LinkedHashMap<>();
        String shown = options.displayPath(location.file());
        if (!shown.startsWith("<") && isAbsolute(shown)) {
            artifact.put("uri", Path.of(shown).normalize().toUri().toString());
        } else {
            artifact.put("uri", relativeUri(shown));
            if (options.baseDir().isPresent() && !shown.startsWith("<")) {
                artifact.put("uriBaseId", SRCROOT);
            }
        }
        Map<String, Object> physical = new LinkedHashMap<>();
        physical.put("artifactLocation", artifact);
        if (location.line() > 0) {
            Map<String, Object> region = new LinkedHashMap<>();
            region.put("startLine", location.line());
            if (location.column() > 0) {
                region.put("startColumn", location.column());
            }
            physical.put("region", region);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("physicalLocation", physical);
        if (resource != null) {
            Map<String, Object> logical = new LinkedHashMap<>();
            logical.put("name", resource.name());
            logical.put("fullyQualifiedName", resource.toString());
            logical.put("kind", "resource");
            out.put("logicalLocations", List.of(logical));
        }
        return out;
    }

    private static boolean isAbsolute(String path) {
        try {
            return Path.of(path).isAbsolute();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static String relativeUri(String path) {
        try {
            return new URI(null, null, path.replace('\\', '/'), null).toASCIIString();
        } catch (URISyntaxException e) {
            return path.replace('\\', '/');
        }
    }

    private static String directoryUri(Path dir) {
        String uri = dir.toUri().toString();
        return uri.endsWith("/") ? uri : uri + "/";
    }

    private static String fingerprint(String policyId, ResourceRef resource, String rule) {
        String key = policyId + '\0' + rule + '\0' + resource.kind() + '\0' + resource.namespace() + '\0'
                + resource.name();
        return Sha256.hex(key).substring(0, 32);
    }

    private static final class Rules {
        private final List<Object> list = new ArrayList<>();
        private final Map<String, Integer> indexes = new LinkedHashMap<>();

        void add(String id, Map<String, Object> rule) {
            if (!indexes.containsKey(id)) {
                indexes.put(id, list.size());
                list.add(rule);
            }
        }

        boolean has(String id) {
            return indexes.containsKey(id);
        }

        int index(String id) {
            return indexes.get(id);
        }
    }
}
