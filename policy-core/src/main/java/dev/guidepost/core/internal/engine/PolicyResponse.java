package dev.guidepost.core.internal.engine;

import java.util.List;

/**
 * A policy's answer for one request: the responses of the rules that applied. A policy may answer with no rule
 * responses (Kyverno reports such a resource as excluded) or not answer at all (it does not concern the
 * resource).
 *
 * @param policy   the policy's name
 * @param answered true when the policy answered for the request
 * @param rules    the responses of the rules that applied
 */
public record PolicyResponse(String policy, boolean answered, List<RuleResponse> rules) {

    public PolicyResponse {
        rules = List.copyOf(rules);
    }

    static PolicyResponse none(String policy) {
        return new PolicyResponse(policy, false, List.of());
    }
}
