package dev.guidepost.core.internal.search;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.guidepost.core.Policy;

/**
 * The Kubernetes field names and short values a policy's rules talk about, read from its patterns, conditions and
 * expressions: {@code spec.containers[].securityContext.runAsNonRoot: true} gives containers, securityContext,
 * runAsNonRoot. People ask about the fields they are writing, so these words make a policy findable by the field
 * it constrains even when its prose never names it.
 */
final class RuleVocabulary {

    /** Parts of a policy that are prose or selection, not rule content. */
    private static final Set<String> SKIPPED_KEYS = Set.of("match", "exclude", "examples", "title", "description",
            "rationale", "remediation", "keywords", "questions", "message", "messageExpression", "owner", "name",
            "failureAction", "validationFailureAction", "background", "admission", "failurePolicy",
            "validationActions", "webhookConfiguration", "emitWarning", "useServerSideApply");
    /** Kyverno's own schema words: they say how a rule is written, not what it is about. */
    private static final Set<String> SCHEMA_WORDS = Set.of("rules", "validate", "pattern", "anyPattern", "deny",
            "conditions", "any", "all", "key", "operator", "value", "values", "foreach", "list", "mutate",
            "patchStrategicMerge", "patchesJson6902", "generate", "preconditions", "context", "variable",
            "jmesPath", "default", "cel", "expressions", "expression", "elementScope", "apiCall", "urlPath",
            "request", "object", "oldObject", "element", "element0", "elementIndex", "spec", "metadata", "data",
            "kind", "apiVersion", "synchronize", "clone", "namespace", "length", "validations", "variables",
            "matchConditions", "auditAnnotations", "verifyImages", "attestors", "entries", "imageReferences",
            "path", "op", "in", "to_string", "contains", "items", "has", "size", "exists", "startsWith", "endsWith",
            "matches", "orValue", "self", "params", "true", "false", "null", "AnyIn", "AllIn", "AnyNotIn",
            "AllNotIn", "Equals", "NotEquals", "In", "NotIn", "GreaterThan", "LessThan", "GreaterThanOrEquals",
            "LessThanOrEquals", "DurationGreaterThan", "DurationLessThan");
    /** A Kyverno anchor around a key: {@code =(x)}, {@code ^(x)}, {@code X(x)}, {@code +(x)}, {@code <(x)}, {@code (x)}. */
    private static final Pattern ANCHOR = Pattern.compile("^[=^X+<]?\\((.*)\\)$");
    /** A field name in a path or expression: {@code .securityContext}, {@code object.spec}. */
    private static final Pattern MEMBER = Pattern.compile("(?<![\\w$])(?:[A-Za-z_][A-Za-z0-9_]*\\.)+[A-Za-z_][A-Za-z0-9_]*");
    /** A short plain word value: {@code Default}, {@code ALL}, {@code latest}. */
    private static final Pattern WORD_VALUE = Pattern.compile("[!*?]*([A-Za-z][A-Za-z0-9-]{2,30})[*?]*");

    private RuleVocabulary() {
    }

    /** The distinct field names and word values of a policy's rules, in order of first appearance. */
    static List<String> of(Policy policy) {
        Set<String> out = new LinkedHashSet<>();
        Object spec = policy.definition().get("spec");
        walk(spec, out);
        for (Policy.Rule rule : policy.rules()) {
            for (String expression : rule.expressions()) {
                members(expression, out);
            }
        }
        return List.copyOf(out);
    }

    private static void walk(Object node, Set<String> out) {
        if (node instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                String key = unanchor(String.valueOf(entry.getKey()));
                if (SKIPPED_KEYS.contains(key)) {
                    continue;
                }
                if (key.contains("{{") || key.contains(".")) {
                    members(key, out);
                } else {
                    add(key, out);
                }
                walk(entry.getValue(), out);
            }
        } else if (node instanceof List<?> list) {
            for (Object item : list) {
                walk(item, out);
            }
        } else if (node instanceof String text) {
            Matcher word = WORD_VALUE.matcher(text.strip());
            if (word.matches()) {
                add(word.group(1), out);
            } else {
                members(text, out);
            }
        }
    }

    private static void members(String text, Set<String> out) {
        Matcher m = MEMBER.matcher(text);
        while (m.find()) {
            for (String part : m.group().split("\\.")) {
                add(part, out);
            }
        }
    }

    private static void add(String word, Set<String> out) {
        String w = word.strip();
        if (w.length() < 2 || SCHEMA_WORDS.contains(w) || !Character.isLetter(w.charAt(0))) {
            return;
        }
        out.add(w);
    }

    private static String unanchor(String key) {
        Matcher m = ANCHOR.matcher(key);
        return m.matches() ? m.group(1) : key;
    }
}
