package dev.guidepost.core.internal.engine;

import java.util.List;
import java.util.Map;

/**
 * What a ClusterPolicy's generate rules did for a request, as the Kyverno CLI's generate step reports it.
 *
 * @param rules the generate rules that applied, in order, each with the resources it generated
 */
public record PolicyGeneration(List<Rule> rules) {

    public PolicyGeneration {
        rules = List.copyOf(rules);
    }

    /**
     * One generate rule's response and the resources it generated (none when it was skipped or failed).
     *
     * @param response  the rule's response
     * @param generated the generated resources, as Kyverno would create them (without its generate labels)
     */
    public record Rule(RuleResponse response, List<Map<String, Object>> generated) {

        public Rule {
            generated = List.copyOf(generated);
        }
    }
}
