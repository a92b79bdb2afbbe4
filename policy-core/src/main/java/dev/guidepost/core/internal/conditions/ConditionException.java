package dev.guidepost.core.internal.conditions;

/**
 * A condition Kyverno cannot evaluate: an unknown operator or a malformed condition or block. Kyverno reports
 * these as an error of the rule rather than a false condition.
 */
public final class ConditionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ConditionException(String message) {
        super(message);
    }
}
