package dev.guidepost.core.internal.emit;

import java.util.Map;
import java.util.Optional;

import dev.guidepost.core.Manifest;
import dev.guidepost.core.internal.match.ApiResource;
import dev.guidepost.core.internal.match.ApiResources;

/**
 * How the expectations of a Kyverno CLI test name the emitted policy that answers an example, and which examples
 * {@code kyverno test} cannot reproduce in this format.
 *
 * @param policy           the emitted policy's name
 * @param rule             the rule to name ({@code ""} for rule-less kinds)
 * @param flag             the result flag for the policy's kind ({@code isValidatingPolicy}, ...), or {@code ""}
 * @param policyByResource emitted policies that answer for other resources ({@code group/plural} → name), as the
 *                         controller variants of a ValidatingAdmissionPolicy
 * @param namespacedLimit  why {@code kyverno test} cannot reproduce the policy's verdict on namespaced resources
 *                         ({@code ""} when it can)
 */
record ExampleRouting(String policy, String rule, String flag, Map<String, String> policyByResource,
        String namespacedLimit) {

    ExampleRouting {
        policyByResource = Map.copyOf(policyByResource);
    }

    /** The name of the emitted policy that answers for the example. */
    String policyFor(Manifest example) {
        ApiResource type = type(example);
        return policyByResource.getOrDefault(type.group() + "/" + type.resource(), policy);
    }

    /** Why {@code kyverno test} cannot reproduce the verdict on this example, if it cannot. */
    Optional<String> limit(Manifest example) {
        return namespacedLimit.isEmpty() || !type(example).namespaced() ? Optional.empty()
                : Optional.of(namespacedLimit);
    }

    private static ApiResource type(Manifest example) {
        return ApiResources.builtIn().resolve(example.apiVersion(), example.kind());
    }
}
