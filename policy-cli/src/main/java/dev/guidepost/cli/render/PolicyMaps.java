package dev.guidepost.cli.render;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.guidepost.core.Manifest;
import dev.guidepost.core.ManifestDiscovery;
import dev.guidepost.core.ManifestProblem;
import dev.guidepost.core.CelRules;
import dev.guidepost.core.Exemption;
import dev.guidepost.core.Policy;
import dev.guidepost.core.UnknownExemption;
import dev.guidepost.core.Result;
import dev.guidepost.core.SearchHit;

/**
 * Policies, search hits, results and discoveries as plain JSON-ready maps with a stable key order: one shape for
 * the commands' {@code --json} output and the MCP tools' structured content.
 */
public final class PolicyMaps {

    private PolicyMaps() {
    }

    /**
     * What a reader needs to decide whether a policy matters: id, title, severity, action, description, fix.
     * {@code advisory} is true for a policy that is never checked; its {@code action} is then what it declares
     * and has no effect.
     */
    public static Map<String, Object> summary(Policy p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", p.id());
        m.put("title", p.title());
        m.put("severity", p.severity().label());
        m.put("action", PolicyText.action(p));
        m.put("advisory", !p.enforceable());
        m.put("category", p.category());
        m.put("kinds", p.aboutKinds());
        m.put("checked", p.checked());
        m.put("description", p.description());
        m.put("remediation", p.remediation());
        return m;
    }

    /** A search hit: the policy's summary with its score, whether it is only a weak match, and what matched. */
    public static Map<String, Object> hit(SearchHit hit) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", hit.policy().id());
        m.put("score", round(hit.score()));
        m.put("weakMatch", hit.weakMatch());
        summary(hit.policy()).forEach((k, v) -> m.putIfAbsent(k, v));
        Map<String, Object> why = new LinkedHashMap<>();
        why.put("matchedWords", hit.why().matchedWords());
        why.put("matchedFields", hit.why().matchedFields());
        why.put("similarity", round(hit.why().similarity()));
        why.put("semanticShare", round(hit.why().semanticShare()));
        m.put("why", why);
        return m;
    }

    /**
     * Everything about a policy: text, rules with their CEL, examples as YAML, where it was read from, and the
     * pack's PolicyExceptions that name it.
     */
    public static Map<String, Object> full(Policy p, List<String> exceptions) {
        Map<String, Object> m = summary(p);
        m.put("rationale", p.rationale());
        m.put("subject", p.subject());
        m.put("owner", p.owner());
        m.put("keywords", p.keywords());
        m.put("questions", p.questions());
        p.namespaceSelection().ifPresent(labels -> m.put("namespaceLabels", labels));
        p.objectSelection().ifPresent(labels -> m.put("objectLabels", labels));
        PolicyText.scope(p).ifPresent(scope -> m.put("scope", scope));
        m.put("exceptions", exceptions);
        List<Object> rules = new ArrayList<>();
        for (Policy.Rule rule : p.rules()) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("name", rule.name());
            r.put("type", rule.type());
            r.put("expressions", rule.expressions());
            r.put("messages", rule.messages());
            r.put("messageExpressions", rule.messageExpressions());
            rules.add(r);
        }
        m.put("rules", rules);
        CelRules cel = CelRules.of(p);
        m.put("variables", cel.variables().stream().map(v -> named(v.name(), v.expression())).toList());
        m.put("matchConditions", cel.matchConditions().stream().map(c -> named(c.name(), c.expression())).toList());
        m.put("validations", cel.validations().stream().map(v -> {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("expression", v.expression());
            one.put("message", v.message());
            one.put("messageExpression", v.messageExpression());
            return one;
        }).toList());
        m.put("notes", p.notes());
        m.put("advisoryReason", p.advisoryReason().orElse(""));
        Map<String, Object> examples = new LinkedHashMap<>();
        examples.put("pass", p.examples().pass().stream().map(e -> YamlText.of(e.object())).toList());
        examples.put("fail", p.examples().fail().stream().map(e -> YamlText.of(e.object())).toList());
        m.put("examples", examples);
        m.put("format", p.format().name().toLowerCase(java.util.Locale.ROOT));
        m.put("source", p.source().toString());
        m.put("definition", YamlText.of(PolicyDefinition.withoutExamples(p)));
        return m;
    }

    /** One check result, with the line of its manifest. */
    public static Map<String, Object> result(Result r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("policy", r.policyId());
        m.put("title", r.policyTitle());
        m.put("rule", r.rule());
        m.put("outcome", r.outcome().label());
        m.put("severity", r.severity().label());
        m.put("action", r.action().label());
        m.put("blocking", r.isEnforcedViolation());
        m.put("message", r.message());
        m.put("remediation", r.remediation());
        m.put("resource", r.resource().toString());
        m.put("line", r.location().line());
        m.put("fieldLine", r.fieldLocation().line());
        return m;
    }

    /** A manifest's identity and line. */
    public static Map<String, Object> manifest(Manifest manifest) {
        return manifest(manifest, false);
    }

    private static Map<String, Object> manifest(Manifest manifest, boolean withFile) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("apiVersion", manifest.apiVersion());
        m.put("kind", manifest.kind());
        m.put("namespace", manifest.namespace());
        m.put("name", manifest.name());
        m.put("resource", manifest.resource().toString());
        if (withFile) {
            m.put("file", manifest.location().file());
        }
        m.put("line", manifest.location().line());
        return m;
    }

    /** A document that was not checked: where, what kind of problem, and the message. */
    public static Map<String, Object> problem(ManifestProblem problem) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("line", problem.location().line());
        m.put("type", problem.type().label());
        m.put("unreadable", problem.unreadable());
        m.put("message", problem.message());
        return m;
    }

    /** A named CEL expression, name first (an ordered map: JSON output is the same in every run). */
    private static Map<String, Object> named(String name, String expression) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("expression", expression);
        return m;
    }

    /** An object a policy exempts, and by what. */
    public static Map<String, Object> exemption(Exemption exemption) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("policy", exemption.policyId());
        m.put("resource", exemption.resource().toString());
        m.put("line", exemption.location().line());
        m.put("exception", exemption.exception());
        m.put("reason", exemption.reason());
        return m;
    }

    /** An exemption annotation that names no policy of the pack. */
    public static Map<String, Object> unknownExemption(UnknownExemption unknown) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("policy", unknown.policyId());
        m.put("resource", unknown.resource().toString());
        m.put("line", unknown.location().line());
        m.put("similarIds", unknown.similarIds());
        m.put("message", unknown.describe());
        return m;
    }

    /** What applies to a manifest by rule, and what is related by meaning. */
    public static Map<String, Object> discovery(ManifestDiscovery discovery) {
        return discovery(manifest(discovery.manifest()), discovery);
    }

    /** {@link #discovery(ManifestDiscovery)} with the file the manifest was read from, for answers over files. */
    public static Map<String, Object> discoveryInFile(ManifestDiscovery discovery) {
        return discovery(manifest(discovery.manifest(), true), discovery);
    }

    private static Map<String, Object> discovery(Map<String, Object> m, ManifestDiscovery discovery) {
        m.put("applicable", discovery.applicable().stream().map(PolicyMaps::summary).toList());
        m.put("related", discovery.related().stream().map(PolicyMaps::hit).toList());
        return m;
    }

    static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
