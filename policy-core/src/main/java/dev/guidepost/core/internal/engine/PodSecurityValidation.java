package dev.guidepost.core.internal.engine;

import java.util.Map;

import dev.guidepost.core.Action;
import dev.guidepost.core.Outcome;
import dev.guidepost.core.internal.podsecurity.PodSecurity;

/**
 * A {@code validate.podSecurity} rule evaluated as Kyverno's PSS handler does: DELETE requests get no response; the
 * new object (or the old one when there is none) is checked against the Pod Security Standards of the rule's level
 * and version, minus its exclusions. The rule passes when no check fails, and fails naming every failed check.
 */
final class PodSecurityValidation {

    private final String rule;
    private final Map<String, Object> podSecurity;

    PodSecurityValidation(String rule, Map<String, Object> podSecurity) {
        this.rule = rule;
        this.podSecurity = podSecurity;
    }

    /** The rule's response, or null when Kyverno gives none (DELETE). */
    RuleResponse evaluate(PreparedRequest prepared, Action action) {
        AdmissionRequest request = prepared.request();
        if ("DELETE".equals(request.operation())) {
            return null;
        }
        Map<String, Object> resource = request.object() != null ? request.object() : request.oldObject();
        if (resource == null) {
            return null;
        }
        PodSecurity.Verdict verdict = PodSecurity.evaluate(podSecurity, resource);
        return switch (verdict.status()) {
            case PASS -> RuleResponse.of(rule, Outcome.PASS, "Validation rule '" + rule + "' passed.", action);
            case ERROR -> RuleResponse.of(rule, Outcome.ERROR, verdict.details(), action);
            case FAIL -> RuleResponse.of(rule, Outcome.FAIL, "Validation rule '" + rule
                    + "' failed. It violates PodSecurity \"" + text("level") + ":" + text("version") + "\": "
                    + verdict.details(), action);
        };
    }

    private String text(String key) {
        Object value = podSecurity.get(key);
        return value == null ? "" : String.valueOf(value);
    }
}
