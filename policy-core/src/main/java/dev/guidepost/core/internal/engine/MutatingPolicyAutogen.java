package dev.guidepost.core.internal.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.guidepost.core.internal.yaml.PlainValues;

/**
 * Kyverno's rewrite of a MutatingPolicy's autogen variant (kyverno pkg/cel/policies/mpol/autogen): the variants and
 * their match constraints are ValidatingPolicy autogen's ({@link ValidatingPolicyAutogen}); then each match
 * condition and each {@code ApplyConfiguration} expression (not {@code JSONPatch}) is rewritten as text:
 * {@code object.spec} and {@code Object.spec} become the pod template's spec, {@code object.metadata.labels} and
 * {@code .annotations} (and {@code Object.}) the template's, but never {@code namespaceObject}'s; an expression that
 * is an {@code Object{...}} literal is nested under {@code Object.spec.template} (CronJobs: under
 * {@code Object.spec.jobTemplate.spec.template}).
 */
final class MutatingPolicyAutogen {

    /** A top-level {@code Object{}} literal; Kyverno allows spaces before the brace. */
    private static final Pattern OBJECT_LITERAL = Pattern.compile("^Object\\s*\\{");

    private static final String CRONJOB_WRAPPER = "Object{spec: Object.spec{jobTemplate: Object.spec.jobTemplate{"
            + "spec: Object.spec.jobTemplate.spec{template: Object.spec.jobTemplate.spec.template{";
    private static final String DEFAULTS_WRAPPER = "Object{spec: Object.spec{template: Object.spec.template{";

    private MutatingPolicyAutogen() {
    }

    /** The variants of a MutatingPolicy spec, {@code defaults} first (none when autogen does not apply). */
    static List<ValidatingPolicyAutogen.Variant> variants(Map<String, Object> spec) {
        return ValidatingPolicyAutogen.variants(spec, MutatingPolicyAutogen::spec);
    }

    /** The spec of variant {@code variant} with its match conditions and apply configurations rewritten. */
    static Map<String, Object> spec(Map<String, Object> spec, String variant) {
        Map<String, Object> out = new LinkedHashMap<>(spec);
        if (spec.get("matchConditions") instanceof List<?>) {
            out.put("matchConditions", rewritten(PlainValues.list(spec, "matchConditions"), variant));
        }
        if (!(spec.get("mutations") instanceof List<?>)) {
            return out;
        }
        List<Object> mutations = new ArrayList<>();
        for (Object mutation : PlainValues.list(spec, "mutations")) {
            if (PlainValues.at(mutation, "applyConfiguration") instanceof Map<?, ?> apply) {
                Map<String, Object> copy = new LinkedHashMap<>(PlainValues.map(mutation));
                copy.put("applyConfiguration", rewritten(PlainValues.map(apply), variant));
                mutations.add(copy);
            } else {
                mutations.add(mutation);
            }
        }
        out.put("mutations", mutations);
        return out;
    }

    private static List<Object> rewritten(List<Object> entries, String variant) {
        List<Object> out = new ArrayList<>();
        for (Object entry : entries) {
            out.add(entry instanceof Map<?, ?> map ? rewritten(PlainValues.map(map), variant) : entry);
        }
        return out;
    }

    private static Map<String, Object> rewritten(Map<String, Object> entry, String variant) {
        String expression = PlainValues.string(entry, "expression");
        if (expression.isEmpty()) {
            return entry;
        }
        Map<String, Object> out = new LinkedHashMap<>(entry);
        out.put("expression", expression(expression, variant));
        return out;
    }

    /** Kyverno's {@code convertPodToTemplateExpression}: one expression for variant {@code variant}. */
    static String expression(String expression, String variant) {
        String spec = null;
        String metadata = null;
        for (AutogenRewrite.Replacement r : AutogenRewrite.template(variant)) {
            if (r.from().equals("spec")) {
                spec = r.to();
            } else if (r.from().equals("metadata")) {
                metadata = r.to();
            }
        }
        String out = expression;
        out = paths(out, "spec", spec);
        out = paths(out, "metadata.labels", metadata + ".labels");
        out = paths(out, "metadata.annotations", metadata + ".annotations");
        String trimmed = out.strip();
        Matcher literal = OBJECT_LITERAL.matcher(trimmed);
        if (!literal.find()) {
            return out;
        }
        String content = trimmed.substring(literal.end());
        int depth = 1;
        int end = 0;
        for (int i = 0; i < content.length(); i++) {
            char c = content.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                end = i;
                break;
            }
        }
        if (end == 0) {
            return out; // an empty or unbalanced literal stays as it is
        }
        boolean cronjobs = variant.equals(ValidatingPolicyAutogen.CRONJOBS);
        return (cronjobs ? CRONJOB_WRAPPER : DEFAULTS_WRAPPER) + content.substring(0, end)
                + (cronjobs ? "}}}}}" : "}}}") + content.substring(end + 1);
    }

    /** {@code object.path} and {@code Object.path} (so {@code oldObject.path} too) become {@code .to}. */
    private static String paths(String expression, String path, String to) {
        String out = expression;
        for (String root : List.of("object.", "Object.")) {
            out = AutogenRewrite.replace(out, root + path, root + to,
                    (text, start, end) -> text.startsWith("namespace", start - "namespace".length()));
        }
        return out;
    }
}
