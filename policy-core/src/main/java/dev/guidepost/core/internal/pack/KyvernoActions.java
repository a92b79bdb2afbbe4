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
     * {@code validate.failureAction}, else the policy's {@code spec.validationFailureAction}.
     */
    public static Action ofRule(Map<String, Object> spec, Object rule) {
        String own = PlainValues.string(rule, "validate", "failureAction");
        return classic(own.isEmpty() ? PlainValues.string(spec, "validationFailureAction") : own);
    }

    /** A ValidatingPolicy's {@code validationActions}: Deny if listed, else Warn if listed, else Audit. */
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
