package dev.guidepost.core.internal.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.guidepost.core.Action;
import dev.guidepost.core.internal.match.LabelSelector;
import dev.guidepost.core.internal.match.Wildcard;
import dev.guidepost.core.internal.pack.KyvernoActions;
import dev.guidepost.core.internal.yaml.PlainValues;

/**
 * What the cluster does when a ClusterPolicy's validate rule fails for a resource, by the resource's namespace: the
 * rule's own {@code validate.failureActionOverrides}, then its {@code validate.failureAction}, then the policy's
 * {@code validationFailureActionOverrides}, then its {@code validationFailureAction}. An override applies when one of
 * its {@code namespaces} (wildcards allowed) names the namespace and its {@code namespaceSelector}, if any, matches
 * the namespace's labels, or, without namespaces, when its selector matches. This is how "Audit everywhere, Enforce
 * in prod-*" rolls out. Immutable.
 */
final class FailureActions {

    /** One override: the action and where it holds. */
    private record Override(Action action, List<String> namespaces, Object selector) {

        boolean holds(String namespace, Map<String, String> namespaceLabels) {
            if (namespaces.isEmpty()) {
                return selector != null && LabelSelector.of(selector).matches(namespaceLabels);
            }
            for (String pattern : namespaces) {
                if (Wildcard.matches(pattern, namespace)) {
                    return selector == null || LabelSelector.of(selector).matches(namespaceLabels);
                }
            }
            return false;
        }
    }

    /** A rule's own overrides and action (null when it sets none). */
    private record RuleActions(List<Override> overrides, Action action) {
    }

    private final Map<String, RuleActions> rules;
    private final List<Override> policyOverrides;
    private final Action policyAction;

    private FailureActions(Map<String, RuleActions> rules, List<Override> policyOverrides, Action policyAction) {
        this.rules = Map.copyOf(rules);
        this.policyOverrides = List.copyOf(policyOverrides);
        this.policyAction = policyAction;
    }

    /** The failure actions of a policy's spec and its rules (as computed, autogen rules included). */
    static FailureActions of(Map<String, Object> spec, List<Object> rules) {
        if (KyvernoActions.backgroundOnly(spec)) {
            // never evaluated at admission: background scans report its violations, blocking nothing
            return new FailureActions(Map.of(), List.of(), Action.AUDIT);
        }
        Map<String, RuleActions> byRule = new HashMap<>();
        for (Object rule : rules) {
            Map<String, Object> validate = PlainValues.map(rule, "validate");
            String action = PlainValues.string(validate, "failureAction");
            byRule.put(PlainValues.string(rule, "name"), new RuleActions(
                    overrides(PlainValues.list(validate, "failureActionOverrides"), "action"),
                    action.isEmpty() ? null : KyvernoActions.classic(action)));
        }
        return new FailureActions(byRule,
                overrides(PlainValues.list(spec, "validationFailureActionOverrides"), "action"),
                KyvernoActions.classic(PlainValues.string(spec, "validationFailureAction")));
    }

    private static List<Override> overrides(List<Object> entries, String key) {
        List<Override> out = new ArrayList<>();
        for (Object entry : entries) {
            String action = PlainValues.string(entry, key).toLowerCase(Locale.ROOT);
            if (!action.equals("enforce") && !action.equals("audit")) {
                continue; // Kyverno skips an override whose action is not valid
            }
            Object selector = PlainValues.at(entry, "namespaceSelector");
            out.add(new Override(KyvernoActions.classic(action), PlainValues.strings(entry, "namespaces"),
                    selector instanceof Map<?, ?> ? selector : null));
        }
        return out;
    }

    /** True when no override is written anywhere, so every rule keeps the action it was compiled with. */
    boolean none() {
        return policyOverrides.isEmpty() && rules.values().stream().allMatch(r -> r.overrides().isEmpty());
    }

    /** The action of a rule for a resource in {@code namespace} with those namespace labels. */
    Action of(String rule, String namespace, Map<String, String> namespaceLabels) {
        RuleActions own = rules.get(rule);
        if (own != null) {
            for (Override o : own.overrides()) {
                if (o.holds(namespace, namespaceLabels)) {
                    return o.action();
                }
            }
            if (own.action() != null) {
                return own.action();
            }
        }
        for (Override o : policyOverrides) {
            if (o.holds(namespace, namespaceLabels)) {
                return o.action();
            }
        }
        return policyAction;
    }
}
