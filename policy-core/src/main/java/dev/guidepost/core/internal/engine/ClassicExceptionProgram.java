package dev.guidepost.core.internal.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.guidepost.core.Action;
import dev.guidepost.core.Outcome;
import dev.guidepost.core.internal.match.ResourceFilters;
import dev.guidepost.core.internal.match.Wildcard;
import dev.guidepost.core.internal.yaml.PlainValues;

/**
 * A {@code kyverno.io/v2} PolicyException for ClusterPolicy and Policy rules: when its {@code match} block selects
 * the request, the rules it lists ({@code exceptions[].policyName} and {@code ruleNames}, with wildcards) are
 * skipped, as Kyverno's engine does before it runs a rule's handler. {@code policyName} is {@code namespace/name}
 * for a namespaced Policy. JMESPath {@code conditions}, fine-grained image or value exceptions and
 * {@code reportAs: warn} are not evaluated: a rule they would affect is reported as not evaluated.
 */
public final class ClassicExceptionProgram {

    private record Entry(String policyName, List<String> ruleNames, boolean fineGrained, String reportAs) {
    }

    private final String name;
    private final Object match;
    private final boolean hasConditions;
    private final boolean hasPodSecurity;
    private final List<Entry> entries;

    private ClassicExceptionProgram(String name, Object match, boolean hasConditions, boolean hasPodSecurity,
            List<Entry> entries) {
        this.name = name;
        this.match = match;
        this.hasConditions = hasConditions;
        this.hasPodSecurity = hasPodSecurity;
        this.entries = List.copyOf(entries);
    }

    /** Reads an exception document. */
    public static ClassicExceptionProgram of(Map<String, Object> document) {
        Map<String, Object> spec = PlainValues.map(document, "spec");
        List<Entry> entries = new ArrayList<>();
        for (Object e : PlainValues.list(spec, "exceptions")) {
            entries.add(new Entry(PlainValues.string(e, "policyName"), PlainValues.strings(e, "ruleNames"),
                    !PlainValues.list(e, "images").isEmpty() || !PlainValues.list(e, "values").isEmpty(),
                    PlainValues.string(e, "reportAs")));
        }
        Object conditions = PlainValues.at(spec, "conditions");
        boolean hasConditions = conditions instanceof Map<?, ?> m && !m.isEmpty()
                || conditions instanceof List<?> l && !l.isEmpty();
        return new ClassicExceptionProgram(PlainValues.string(document, "metadata", "name"),
                PlainValues.map(spec, "match"), hasConditions, !PlainValues.list(spec, "podSecurity").isEmpty(),
                entries);
    }

    /**
     * The response of the first exception that exempts a rule for the subject, if any.
     *
     * @param policyKey {@code name} for a ClusterPolicy, {@code namespace/name} for a Policy
     */
    static Optional<RuleResponse> apply(List<ClassicExceptionProgram> exceptions, String policyKey, String rule,
            ResourceFilters.Subject subject, Action action) {
        for (ClassicExceptionProgram exception : exceptions) {
            Optional<Entry> entry = exception.entries.stream()
                    .filter(e -> e.policyName().equals(policyKey)
                            && e.ruleNames().stream().anyMatch(r -> Wildcard.matches(r, rule)))
                    .findFirst();
            if (entry.isEmpty() || !ResourceFilters.matches(exception.match, subject)) {
                continue;
            }
            if (exception.hasConditions) {
                return Optional.of(RuleResponse.unsupported(rule, "PolicyException conditions (JMESPath)", action));
            }
            if (exception.hasPodSecurity) {
                return Optional.of(RuleResponse.unsupported(rule, "PolicyException podSecurity (control exemptions)",
                        action));
            }
            if (entry.get().fineGrained()) {
                return Optional.of(RuleResponse.unsupported(rule, "fine-grained PolicyException (images/values)",
                        action));
            }
            String reportAs = entry.get().reportAs();
            if (reportAs.equals("warn")) {
                return Optional.of(RuleResponse.unsupported(rule, "PolicyException reportAs: warn", action));
            }
            return Optional.of(RuleResponse.exempted(rule, reportAs.equals("pass") ? Outcome.PASS : Outcome.SKIP,
                    "rule is skipped due to policy exception " + exception.name, action, exception.name));
        }
        return Optional.empty();
    }
}
