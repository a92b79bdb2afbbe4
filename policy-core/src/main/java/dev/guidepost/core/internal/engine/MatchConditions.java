package dev.guidepost.core.internal.engine;

import java.util.List;

import dev.cel.runtime.CelEvaluationException;
import dev.guidepost.core.internal.cel.ClusterData;

/**
 * A CEL policy's {@code matchConditions}, evaluated as Kyverno's ValidatingPolicy and MutatingPolicy engines do:
 * the first false decides; errors and non-bool results matter only when no condition is false.
 *
 * @param falseCondition the name of the condition that is false, or null
 * @param error          the first error when none is false, or null
 */
record MatchConditions(String falseCondition, String error) {

    static MatchConditions evaluate(List<NamedExpression> conditions, Activation activation, ClusterData cluster) {
        String error = null;
        for (NamedExpression condition : conditions) {
            try {
                Object value = condition.expression().evaluate(activation, cluster);
                if (Boolean.FALSE.equals(value)) {
                    return new MatchConditions(condition.name(), null);
                }
                if (!(value instanceof Boolean) && error == null) {
                    error = "match condition '" + condition.name() + "' returned " + value + ", not a bool";
                }
            } catch (CelEvaluationException | RuntimeException e) {
                if (error == null) {
                    error = "match condition '" + condition.name() + "' failed: " + e.getMessage();
                }
            }
        }
        return new MatchConditions(null, error);
    }
}
