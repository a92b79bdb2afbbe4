package dev.guidepost.core.internal.engine;

import java.util.Map;

/**
 * Values a Kyverno CLI test gives ClusterPolicy rules through its values file: global values and values per
 * resource of a policy (set into the JMESPath context before the rules run), and values per rule (which stand in
 * for the rule's context entries, such as API calls, that a cluster would answer). Keys may be dotted.
 */
public interface RuleVariables {

    /** No values: a check of manifests. */
    RuleVariables NONE = new RuleVariables() {
        @Override
        public Map<String, Object> forResource(String policy, String resourceName) {
            return Map.of();
        }

        @Override
        public Map<String, Object> forRule(String policy, String rule) {
            return Map.of();
        }
    };

    /** Global values, then the values of this resource under this policy. */
    Map<String, Object> forResource(String policy, String resourceName);

    /** The values of one rule of a policy. */
    Map<String, Object> forRule(String policy, String rule);

    /**
     * The values of one rule's foreach elements ({@code foreachValues}); they stand in for the foreach's context
     * entries as the rule's values do for the rule's.
     */
    default ForeachValues forEachValues(String policy, String rule) {
        return ForeachValues.NONE;
    }
}
