package dev.guidepost.core.internal.emit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.guidepost.core.Policy;
import dev.guidepost.core.PolicyPack;
import dev.guidepost.core.internal.pack.ValidatingPolicyTranslator;
import dev.guidepost.core.internal.yaml.PlainValues;

/**
 * Writes a Guidepost policy as the Kyverno {@code ValidatingPolicy} ({@code policies.kyverno.io/v1}) that the
 * engine evaluates ({@link ValidatingPolicyTranslator}), with the pack's annotations and the remediation in its
 * messages. Kyverno does autogen for Pod policies itself, as the engine does.
 */
final class ValidatingPolicyTarget {

    static final String KIND = "ValidatingPolicy";

    private ValidatingPolicyTarget() {
    }

    /** The ValidatingPolicy spec of a policy, messages with remediation (the base of every format). */
    static Map<String, Object> spec(Policy policy) {
        Map<String, Object> spec = new LinkedHashMap<>(ValidatingPolicyTranslator.spec(policy));
        spec.put("validations", ValidationMessages.withRemediation(PlainValues.list(spec, "validations"),
                policy.remediation()));
        return spec;
    }

    /** True when the policy's CEL reads the requesting user, which a background scan has not got. */
    static boolean readsRequestUser(Map<String, Object> spec) {
        return dev.guidepost.core.internal.json.Json.canonical(spec).contains("request.userInfo");
    }

    static EmittedPolicy emit(Policy policy, PolicyPack pack) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("apiVersion", ValidatingPolicyTranslator.API_VERSION);
        document.put("kind", KIND);
        document.put("metadata", PolicyAnnotations.metadata(policy.id(), PolicyAnnotations.of(policy, pack)));
        Map<String, Object> spec = spec(policy);
        if (readsRequestUser(spec)) {
            // the CRD: background must be off for a rule that reads what only an admission request has
            spec.put("evaluation", Map.of("background", Map.of("enabled", false)));
        }
        document.put("spec", spec);
        return new EmittedPolicy(policy, List.of(document), List.of(),
                new ExampleRouting(policy.id(), "", "isValidatingPolicy", Map.of(), ""));
    }
}
