package dev.guidepost.core.internal.engine;

import java.util.List;
import java.util.Map;

/**
 * What a ClusterPolicy's mutate rules did to a request's object, as Kyverno's mutation phase reports it.
 *
 * @param rules   the responses of the mutate rules that applied, in order
 * @param patched the object after every rule (the request's object when nothing changed)
 */
public record PolicyMutation(List<RuleResponse> rules, Map<String, Object> patched) {

    public PolicyMutation {
        rules = List.copyOf(rules);
    }
}
