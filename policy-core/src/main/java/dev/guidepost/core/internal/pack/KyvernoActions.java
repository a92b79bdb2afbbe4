package dev.guidepost.core.internal.pack;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.guidepost.core.Action;
import dev.guidepost.core.internal.yaml.PlainValues;

/** How Kyverno's failure actions and validation actions map to {@link Action}. */
public final class KyvernoActions {

    private KyvernoActions() {
    }

    /** A ClusterPolicy failure action: {@code Enforce} (any case) denies; anything else audits. */
    public static Action classic(String failureAction) {
        return failureAction.toLowerCase(Locale.ROOT).equals("enforce") ? Action.ENFORCE : Action.AUDIT;
    }

    /**
     * A ClusterPolicy rule's action where no failure-action override applies: the rule's own
     * {@code validate.failureAction}, else the policy's {@code spec.validationFailureAction}; Audit for a policy
     * evaluated only in background scans.
     */
    public static Action ofRule(Map<String, Object> spec, Object rule) {
        if (backgroundOnly(spec)) {
            return Action.AUDIT;
        }
        String own = PlainValues.string(rule, "validate", "failureAction");
        return classic(own.isEmpty() ? PlainValues.string(spec, "validationFailureAction") : own);
    }

    /**
     * True for a policy the cluster's Kyverno evaluates only in background scans, never at admission: a
     * ClusterPolicy with {@code spec.admission: false}, a ValidatingPolicy with
     * {@code spec.evaluation.admission.enabled: false}. Its violations are reported, never blocking.
     */
    public static boolean backgroundOnly(Map<String, Object> spec) {
        return Boolean.FALSE.equals(PlainValues.at(spec, "admission"))
                || Boolean.FALSE.equals(PlainValues.at(spec, "evaluation", "admission", "enabled"));
    }

    /**
     * A Kyverno CEL policy's {@code validationActions}: Deny when none are listed (Kyverno's
     * {@code ValidationActions()} defaults to it), else as {@link #validationActions}.
     */
    public static Action ofCelPolicy(List<String> validationActions) {
        return validationActions.isEmpty() ? Action.ENFORCE : validationActions(validationActions);
    }

    /**
     * A binding's or a CEL policy's listed {@code validationActions}: Deny if listed, else Warn if listed, else
     * Audit.
     */
    public static Action validationActions(List<String> validationActions) {
        if (validationActions.contains("Deny")) {
            return Action.ENFORCE;
        }
        if (validationActions.contains("Warn")) {
            return Action.WARN;
        }
        return Action.AUDIT;
    }
}
