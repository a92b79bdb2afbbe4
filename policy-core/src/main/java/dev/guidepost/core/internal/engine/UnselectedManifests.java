package dev.guidepost.core.internal.engine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.guidepost.core.Manifest;
import dev.guidepost.core.Outcome;
import dev.guidepost.core.Policy;
import dev.guidepost.core.internal.match.NamespaceNames;
import dev.guidepost.core.internal.match.PodControllers;
import dev.guidepost.core.internal.yaml.PlainValues;

/**
 * Why a policy that does not select a manifest as checked may still hold it in the cluster, judged on the object
 * the cluster would check instead: the Pods a controller creates when Kyverno makes no rules for the controller,
 * or the manifest in a namespace the policy names when the manifest names none.
 */
public final class UnselectedManifests {

    private UnselectedManifests() {
    }

    /**
     * Why a pod controller the policy does not select is still held to it: Kyverno generates no rules for the
     * controller from this policy (its Pod rules match by name, selector or annotations, or autogen is off for the
     * kind), so the cluster checks each Pod when the controller creates it, and a failure stalls the rollout
     * instead of rejecting the controller. Judged on a Pod made from the template (named after the controller).
     */
    public static Optional<String> podsCheckedWhenCreated(Policy policy, PolicyProgram program, Manifest manifest,
            PreparedRequest request, EvaluationContext context) {
        Optional<List<String>> podSpec = PodControllers.podSpecPath(manifest.kind());
        if (manifest.kind().equals("Pod") || podSpec.isEmpty() || !policy.kinds().contains("Pod")) {
            return Optional.empty();
        }
        List<String> templatePath = podSpec.get().subList(0, podSpec.get().size() - 1);
        Object template = PlainValues.at(request.request().object(), templatePath.toArray(String[]::new));
        if (!(template instanceof Map<?, ?>)) {
            return Optional.empty();
        }
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", manifest.name());
        if (!request.request().namespace().isEmpty()) {
            metadata.put("namespace", request.request().namespace());
        }
        Map<String, Object> templateMetadata = PlainValues.map(template, "metadata");
        for (String key : List.of("labels", "annotations")) {
            if (templateMetadata.get(key) instanceof Map<?, ?> values) {
                metadata.put(key, values);
            }
        }
        Map<String, Object> pod = new LinkedHashMap<>();
        pod.put("apiVersion", "v1");
        pod.put("kind", "Pod");
        pod.put("metadata", metadata);
        pod.put("spec", PlainValues.map(template, "spec"));
        PreparedRequest podRequest = CheckRequests.of(Manifest.of(pod, manifest.location()), pod);
        if (!program.selects(podRequest, context)) {
            return Optional.empty();
        }
        return Optional.of("Kyverno generates no rules for " + manifest.kind() + " from this policy (its Pod rules "
                + "match by name, selector or annotations, or autogen leaves the kind out), so the cluster checks "
                + "each Pod the " + manifest.kind() + " creates, when it is created, and a failure then stalls the "
                + "rollout; checked as a Pod made from the template, it " + verdict(program.evaluate(podRequest,
                        context)));
    }

    /**
     * Why a manifest that names no namespace, checked as in {@code default} where the policy does not apply, may
     * still be held to it: it lands in the namespace it is deployed to ({@code kubectl -n}, Helm, kustomize), and
     * the policy applies in a namespace it names. Judged as in the first such namespace.
     */
    public static Optional<String> appliesInANamedNamespace(Policy policy, PolicyProgram program, Manifest manifest,
            PreparedRequest request, EvaluationContext context) {
        if (!manifest.namespace().isEmpty() || request.request().namespace().isEmpty()) {
            return Optional.empty();
        }
        for (String namespace : NamespaceNames.of(policy.definition())) {
            Map<String, Object> object = new LinkedHashMap<>(request.request().object());
            Map<String, Object> metadata = new LinkedHashMap<>(PlainValues.map(object, "metadata"));
            metadata.put("namespace", namespace);
            object.put("metadata", metadata);
            PreparedRequest there = CheckRequests.of(Manifest.of(object, manifest.location()), object);
            if (!program.selects(there, context)) {
                continue;
            }
            return Optional.of("the manifest names no namespace, so it was checked as in 'default', where the policy "
                    + "does not apply; it applies in namespace '" + namespace + "' (deployed there with kubectl -n, "
                    + "Helm or kustomize, the cluster checks it): set metadata.namespace to check it here; checked "
                    + "as in '" + namespace + "', it " + verdict(program.evaluate(there, context)));
        }
        return Optional.empty();
    }

    /** What a policy said of an object it was tried on: "passes", or "fails: " and the first failure's message. */
    private static String verdict(PolicyResponse response) {
        return response.rules().stream().filter(r -> r.outcome() == Outcome.FAIL || r.outcome() == Outcome.ERROR)
                .findFirst().map(r -> (r.outcome() == Outcome.FAIL ? "fails" : "errors") + ": " + r.message())
                .orElse("passes");
    }
}
