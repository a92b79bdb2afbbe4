package dev.guidepost.core.internal.engine;

import java.util.ArrayList;
import java.util.List;

import dev.guidepost.core.Action;
import dev.guidepost.core.Outcome;
import dev.guidepost.core.internal.cel.CelValues;
import dev.guidepost.core.internal.pattern.PatternMatch;
import dev.guidepost.core.internal.pattern.PatternMatcher;

/**
 * A {@code validate.pattern} or {@code validate.anyPattern} rule evaluated as Kyverno's validation handler does:
 * one pattern must match, or any one of several; a skipped pattern (a condition anchor that did not hold) skips the
 * rule. DELETE requests get no response. (An UPDATE's existing violations are {@link ClassicRuleProgram}'s.)
 */
final class PatternValidation {

    private final String rule;
    private final String message;
    private final Object pattern;
    private final List<Object> anyPatterns;
    private final String anyPatternError;

    private PatternValidation(String rule, String message, Object pattern, List<Object> anyPatterns,
            String anyPatternError) {
        this.rule = rule;
        this.message = message;
        this.pattern = pattern;
        this.anyPatterns = anyPatterns;
        this.anyPatternError = anyPatternError;
    }

    /** The rule's pattern or list of patterns, with its message. */
    static PatternValidation of(String rule, String message, Object pattern, Object anyPattern) {
        if (pattern != null || anyPattern == null) {
            return new PatternValidation(rule, message, pattern, null, null);
        }
        if (anyPattern instanceof List<?> list) {
            return new PatternValidation(rule, message, null, new ArrayList<>(list), null);
        }
        return new PatternValidation(rule, message, null, null,
                "failed to deserialize anyPattern, expected type array");
    }

    /** The rule's response, or null when Kyverno gives none (DELETE). */
    RuleResponse evaluate(PreparedRequest prepared, Action action) {
        AdmissionRequest request = prepared.request();
        if ("DELETE".equals(request.operation()) || request.object() == null) {
            return null;
        }
        PatternMatcher matcher = new PatternMatcher(prepared.numbers() == CelValues.Numbers.ALL_DOUBLE);
        return validate(matcher, request.object(), action);
    }

    /** The response for one resource (or foreach element) against the pattern(s), without the UPDATE rule. */
    RuleResponse validate(PatternMatcher matcher, Object resource, Action action) {
        if (anyPatternError != null) {
            return RuleResponse.of(rule, Outcome.ERROR, anyPatternError, action);
        }
        if (anyPatterns == null) {
            PatternMatch m = matcher.match(resource, pattern);
            return switch (m.status()) {
                case PASS -> RuleResponse.of(rule, Outcome.PASS, "validation rule '" + rule + "' passed.", action);
                case SKIP -> RuleResponse.of(rule, Outcome.SKIP, m.message(), action);
                case ERROR -> RuleResponse.of(rule, Outcome.ERROR, errorMessage(m.message(), ""), action);
                case FAIL -> RuleResponse.of(rule, Outcome.FAIL, errorMessage(m.message(), m.path()), action);
            };
        }
        List<String> failed = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (int i = 0; i < anyPatterns.size(); i++) {
            PatternMatch m = matcher.match(resource, anyPatterns.get(i));
            switch (m.status()) {
                case PASS -> {
                    return RuleResponse.of(rule, Outcome.PASS,
                            "validation rule '" + rule + "' anyPattern[" + i + "] passed.", action);
                }
                case SKIP -> skipped.add("rule " + rule + "[" + i + "] skipped: " + m.message());
                case ERROR -> failed.add("rule " + rule + "[" + i + "] failed: " + m.message());
                case FAIL -> failed.add("rule " + rule + "[" + i + "] failed at path " + m.path());
            }
        }
        if (!failed.isEmpty()) {
            String errors = String.join(" ", failed);
            String text = message.isEmpty() ? "validation error: " + errors
                    : message.endsWith(".") ? "validation error: " + message + " " + errors
                    : "validation error: " + message + ". " + errors;
            return RuleResponse.of(rule, Outcome.FAIL, text, action);
        }
        if (!skipped.isEmpty()) {
            return RuleResponse.of(rule, Outcome.SKIP, String.join(" ", skipped), action);
        }
        return RuleResponse.of(rule, Outcome.PASS, message, action);
    }

    private String errorMessage(String error, String path) {
        if (message.isEmpty()) {
            return path.isEmpty() ? "validation error: rule " + rule + " execution error: " + error
                    : "validation error: rule " + rule + " failed at path " + path;
        }
        String m = message.endsWith(".") ? message : message + ".";
        return path.isEmpty() ? "validation error: " + m + " rule " + rule + " execution error: " + error
                : "validation error: " + m + " rule " + rule + " failed at path " + path;
    }
}
