package dev.guidepost.core.internal.emit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.guidepost.core.Policy;
import dev.guidepost.core.PolicyPack;
import dev.guidepost.core.internal.engine.PolicyCompiler;
import dev.guidepost.core.internal.engine.ValidatingPolicyAutogen;
import dev.guidepost.core.internal.json.Json;
import dev.guidepost.core.internal.yaml.PlainValues;

/**
 * Writes a Guidepost policy as Kubernetes {@code ValidatingAdmissionPolicy} and
 * {@code ValidatingAdmissionPolicyBinding} ({@code admissionregistration.k8s.io/v1}) for clusters without
 * Kyverno. Kubernetes has no autogen, so a Pod policy that Kyverno would extend to pod controllers gets one more
 * policy per autogen variant, named as Kyverno names autogen rules ({@code autogen-<id>} for DaemonSets,
 * Deployments, ReplicaSets, StatefulSets and Jobs, {@code autogen-cronjob-<id>} for CronJobs), with exactly the
 * match constraints and rewritten expressions of Kyverno's ValidatingPolicy autogen. Each binding carries the
 * policy's validation actions and repeats its match constraints as {@code matchResources} (the same set in a
 * cluster; the Kyverno CLI matches bindings only by them). A policy whose expressions do not compile in
 * Kubernetes' admission CEL environment (without Kyverno's libraries) is not expressible.
 */
final class AdmissionPolicyTarget {

    static final String API_VERSION = "admissionregistration.k8s.io/v1";
    static final String KIND = "ValidatingAdmissionPolicy";
    static final String BINDING_KIND = "ValidatingAdmissionPolicyBinding";

    private AdmissionPolicyTarget() {
    }

    static EmittedPolicy emit(Policy policy, PolicyPack pack) throws NotExpressibleException {
        Map<String, Object> spec = ValidatingPolicyTarget.spec(policy);
        java.util.Optional<String> plain = plainOrValue(Json.canonical(spec));
        if (plain.isPresent()) {
            throw new NotExpressibleException("its CEL calls orValue on '" + plain.get() + "', which is not "
                    + "optional: Kyverno lets that pass the value through, but the API server has orValue for "
                    + "optionals only, so the expression would error there; select optionally instead ("
                    + plain.get().replaceFirst("\\.(?=[A-Za-z_][A-Za-z0-9_]*$)", ".?") + ".orValue(...))");
        }
        Map<String, Object> annotations = PolicyAnnotations.of(policy, pack);
        List<String> actions = PlainValues.strings(spec, "validationActions");
        List<Map<String, Object>> documents = new ArrayList<>();
        addPolicy(documents, policy.id(), spec, annotations, actions);
        Map<String, String> byResource = new LinkedHashMap<>();
        for (ValidatingPolicyAutogen.Variant variant : ValidatingPolicyAutogen.variants(spec)) {
            String name = (variant.name().equals(ValidatingPolicyAutogen.CRONJOBS) ? "autogen-cronjob-"
                    : "autogen-") + policy.id();
            addPolicy(documents, name, variant.spec(), annotations, actions);
            for (String controller : variant.controllers()) {
                byResource.put((controller.equals("jobs") || controller.equals("cronjobs") ? "batch" : "apps") + "/"
                        + controller, name);
            }
        }
        return new EmittedPolicy(policy, documents, List.of(),
                new ExampleRouting(policy.id(), "", "isValidatingAdmissionPolicy", byResource, ""));
    }

    /** The variables whose fields are plain values, never optional ones. */
    private static final List<String> OBJECT_ROOTS = List.of("object", "oldObject", "request", "namespaceObject",
            "params");

    /**
     * The receiver of the first {@code x.orValue(...)} whose receiver is a field chain of the object (or request,
     * namespace, params) with no optional step ({@code ?}), which only Kyverno's pass-through accepts; empty when
     * there is none (variables, and receivers ending in a call or an index, are not judged).
     */
    static java.util.Optional<String> plainOrValue(String text) {
        int at = text.indexOf(".orValue(");
        while (at >= 0) {
            int start = at;
            while (start > 0 && (Character.isLetterOrDigit(text.charAt(start - 1)) || text.charAt(start - 1) == '_'
                    || text.charAt(start - 1) == '.' || text.charAt(start - 1) == '?')) {
                start--;
            }
            String receiver = text.substring(start, at);
            boolean judged = start == 0 || "])".indexOf(text.charAt(start - 1)) < 0;
            String root = receiver.contains(".") ? receiver.substring(0, receiver.indexOf('.')) : "";
            if (judged && !receiver.contains("?") && OBJECT_ROOTS.contains(root)) {
                return java.util.Optional.of(receiver);
            }
            at = text.indexOf(".orValue(", at + 1);
        }
        return java.util.Optional.empty();
    }

    private static void addPolicy(List<Map<String, Object>> documents, String name, Map<String, Object> source,
            Map<String, Object> annotations, List<String> actions) throws NotExpressibleException {
        Map<String, Object> spec = new LinkedHashMap<>();
        if (source.containsKey("failurePolicy")) {
            spec.put("failurePolicy", source.get("failurePolicy"));
        }
        spec.put("matchConstraints", source.get("matchConstraints"));
        for (String key : List.of("matchConditions", "variables", "validations", "auditAnnotations")) {
            List<Object> list = PlainValues.list(source, key);
            if (!list.isEmpty()) {
                spec.put(key, list);
            }
        }
        Map<String, Object> policy = new LinkedHashMap<>();
        policy.put("apiVersion", API_VERSION);
        policy.put("kind", KIND);
        policy.put("metadata", PolicyAnnotations.metadata(name, annotations));
        policy.put("spec", spec);

        Map<String, Object> bindingSpec = new LinkedHashMap<>();
        bindingSpec.put("policyName", name);
        bindingSpec.put("validationActions", actions);
        bindingSpec.put("matchResources", source.get("matchConstraints"));
        Map<String, Object> binding = new LinkedHashMap<>();
        binding.put("apiVersion", API_VERSION);
        binding.put("kind", BINDING_KIND);
        Map<String, Object> bindingAnnotations = new LinkedHashMap<>();
        annotations.forEach((key, value) -> {
            if (key.startsWith("guidepost.dev/")) {
                bindingAnnotations.put(key, value);
            }
        });
        binding.put("metadata", PolicyAnnotations.metadata(name, bindingAnnotations));
        binding.put("spec", bindingSpec);
        List<String> errors = PolicyCompiler.validatingAdmissionPolicyErrors(policy);
        if (!errors.isEmpty()) {
            throw new NotExpressibleException("its CEL does not compile in Kubernetes' admission CEL environment "
                    + "(without Kyverno's libraries): " + errors.get(0));
        }
        documents.add(policy);
        documents.add(binding);
    }
}
