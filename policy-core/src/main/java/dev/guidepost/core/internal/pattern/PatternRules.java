package dev.guidepost.core.internal.pattern;

import dev.guidepost.core.internal.json.Json;
import dev.guidepost.core.internal.yaml.PlainValues;

/**
 * Which Kyverno {@code validate.pattern}/{@code anyPattern} rules need nothing but the resource: no JMESPath
 * (variables or anchor references in the pattern, preconditions, context entries). Those take the fast path of the
 * pattern matcher alone; the others go through Kyverno's JMESPath handling.
 */
public final class PatternRules {

    private PatternRules() {
    }

    /** True when the rule validates with {@code pattern} or {@code anyPattern}. */
    public static boolean isPatternRule(Object rule) {
        Object validate = PlainValues.at(rule, "validate");
        return validate instanceof java.util.Map<?, ?> v && !v.containsKey("cel")
                && (v.containsKey("pattern") || v.containsKey("anyPattern"));
    }

    /** What JMESPath feature this pattern rule needs, or null when it needs none. */
    public static String unsupported(Object rule) {
        if (!PlainValues.list(rule, "preconditions").isEmpty() || !PlainValues.map(rule, "preconditions").isEmpty()) {
            return "JMESPath preconditions";
        }
        if (!PlainValues.list(rule, "context").isEmpty()) {
            return "rule context entries";
        }
        if (!PlainValues.list(rule, "celPreconditions").isEmpty()) {
            return "CEL preconditions on pattern rules";
        }
        Object validate = PlainValues.at(rule, "validate");
        String text = Json.canonical(new java.util.ArrayList<>(java.util.Arrays.asList(
                PlainValues.at(validate, "pattern"), PlainValues.at(validate, "anyPattern"))));
        if (text.contains("{{")) {
            return "variables in validation patterns";
        }
        if (text.contains("$(")) {
            return "anchor references in validation patterns";
        }
        if (PlainValues.string(validate, "message").contains("{{")) {
            return "variables in the message";
        }
        return null;
    }
}
