package dev.guidepost.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.guidepost.core.internal.yaml.PlainValues;

/**
 * The CEL of a policy written as a ValidatingPolicy (Guidepost's format, Kyverno's ValidatingPolicy, Kubernetes'
 * ValidatingAdmissionPolicy) as its author wrote it, each part with its own name or message: what {@code explain}
 * and the MCP {@code get_policy} tool show, so that a reader sees what {@code variables.x} means and which message
 * belongs to which expression. Empty for other kinds of policy.
 *
 * @param variables       the variables, in order ({@code variables.NAME} in the expressions)
 * @param matchConditions the conditions under which the policy applies at all
 * @param validations     the expressions that must all be true, with their messages
 */
public record CelRules(List<Variable> variables, List<MatchCondition> matchConditions,
        List<Validation> validations) {

    /** A named CEL variable. */
    public record Variable(String name, String expression) {
    }

    /** A named CEL condition; a false one means the policy does not apply. */
    public record MatchCondition(String name, String expression) {
    }

    /** A CEL expression that must be true, with its message and message expression (either may be empty). */
    public record Validation(String expression, String message, String messageExpression) {
    }

    public CelRules {
        variables = List.copyOf(variables);
        matchConditions = List.copyOf(matchConditions);
        validations = List.copyOf(validations);
    }

    /** The CEL rules of a policy, read from its document. */
    public static CelRules of(Policy policy) {
        Objects.requireNonNull(policy, "policy");
        Object document = policy.definition();
        List<Variable> variables = new ArrayList<>();
        for (Object v : PlainValues.list(document, "spec", "variables")) {
            variables.add(new Variable(PlainValues.string(v, "name"), PlainValues.string(v, "expression").strip()));
        }
        List<MatchCondition> conditions = new ArrayList<>();
        for (Object c : PlainValues.list(document, "spec", "matchConditions")) {
            conditions.add(new MatchCondition(PlainValues.string(c, "name"),
                    PlainValues.string(c, "expression").strip()));
        }
        List<Validation> validations = new ArrayList<>();
        for (Object v : PlainValues.list(document, "spec", "validations")) {
            validations.add(new Validation(PlainValues.string(v, "expression").strip(),
                    PlainValues.string(v, "message").strip(), PlainValues.string(v, "messageExpression").strip()));
        }
        return new CelRules(variables, conditions, validations);
    }

    /** True when the policy has no validations written in this form. */
    public boolean isEmpty() {
        return validations.isEmpty();
    }
}
