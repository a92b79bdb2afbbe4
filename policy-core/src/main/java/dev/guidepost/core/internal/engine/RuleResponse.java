package dev.guidepost.core.internal.engine;

import java.util.List;

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
 * @param alsoFailing on a fail, the messages of the rule's later validations that fail too (Kyverno stops at the
 *                    first and reports its message, which {@code message} is); empty otherwise
 * @param element     on a foreach rule's fail, the path in the request's object of the element that failed (the
 *                    message's own path is relative to it); empty otherwise
 * @param exception   the PolicyException that decided the outcome (the rule skipped, or passed by {@code
 *                    reportAs: pass}); empty otherwise
 */
public record RuleResponse(String rule, Outcome outcome, String message, Action action, String unsupported,
        List<String> alsoFailing, List<Object> element, String exception) {

    public RuleResponse {
        alsoFailing = alsoFailing == null ? List.of() : List.copyOf(alsoFailing);
        element = element == null ? List.of() : List.copyOf(element);
        exception = exception == null ? "" : exception;
    }

    public RuleResponse(String rule, Outcome outcome, String message, Action action, String unsupported) {
        this(rule, outcome, message, action, unsupported, List.of(), List.of(), "");
    }

    /**
     * What a check's validation pass answers for a mutate rule: checks apply mutations before they validate
     * ({@link AdmissionChain}), so the rule itself has no verdict there.
     */
    public static final String MUTATION = "mutate rules";

    /** The feature a mutate-existing rule needs, and a test result that names one of its targets. */
    public static final String MUTATE_EXISTING = "mutate existing resources (mutate.targets)";

    static RuleResponse of(String rule, Outcome outcome, String message, Action action) {
        return new RuleResponse(rule, outcome, message, action, null);
    }

    static RuleResponse unsupported(String rule, String feature, Action action) {
        return new RuleResponse(rule, Outcome.SKIP, "not evaluated: " + feature, action, feature);
    }

    /** The response of a rule a PolicyException decided. */
    static RuleResponse exempted(String rule, Outcome outcome, String message, Action action, String exception) {
        return new RuleResponse(rule, outcome, message, action, null, List.of(), List.of(), exception);
    }

    /** This fail with the messages of the rule's later validations that fail too. */
    RuleResponse withAlsoFailing(List<String> messages) {
        return new RuleResponse(rule, outcome, message, action, unsupported, messages, element, exception);
    }

    /** This response for the foreach element at {@code path} of the request's object. */
    RuleResponse withElement(List<Object> path) {
        return new RuleResponse(rule, outcome, message, action, unsupported, alsoFailing, path, exception);
    }

    /** This response with another message. */
    public RuleResponse withMessage(String newMessage) {
        return new RuleResponse(rule, outcome, newMessage, action, unsupported, alsoFailing, element, exception);
    }

    /** This response under another action (a failure action override for the object's namespace). */
    RuleResponse withAction(Action newAction) {
        return new RuleResponse(rule, outcome, message, newAction, unsupported, alsoFailing, element, exception);
    }

    /** True when the rule was evaluated. */
    public boolean evaluated() {
        return unsupported == null;
    }
}
