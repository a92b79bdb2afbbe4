package dev.guidepost.core.internal.engine;

import dev.guidepost.core.Action;
import dev.guidepost.core.Outcome;

/**
 * The verdict of one rule of one policy on one request.
 *
 * @param rule        the rule's name ({@code ""} for rule-less kinds such as ValidatingPolicy)
 * @param outcome     pass, fail, skip or error
 * @param message     why (the validation message on fail, the error on error, the reason on skip)
 * @param action      what the cluster would do on a failure
 * @param unsupported when the rule could not be evaluated because Guidepost lacks a feature: that feature;
 *                    otherwise null (the outcome is then meaningless)
 */
public record RuleResponse(String rule, Outcome outcome, String message, Action action, String unsupported) {

    /** The feature a mutate-existing rule needs, and a test result that names one of its targets. */
    public static final String MUTATE_EXISTING = "mutate existing resources (mutate.targets)";

    static RuleResponse of(String rule, Outcome outcome, String message, Action action) {
        return new RuleResponse(rule, outcome, message, action, null);
    }

    static RuleResponse unsupported(String rule, String feature, Action action) {
        return new RuleResponse(rule, Outcome.SKIP, "not evaluated: " + feature, action, feature);
    }

    /** True when the rule was evaluated. */
    public boolean evaluated() {
        return unsupported == null;
    }
}
