package dev.guidepost.core.internal.engine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.guidepost.core.Manifest;
import dev.guidepost.core.Outcome;
import dev.guidepost.core.Policy;
import dev.guidepost.core.internal.match.KindSelector;
import dev.guidepost.core.internal.match.MatchSections;
import dev.guidepost.core.internal.match.NamespaceNames;
import dev.guidepost.core.internal.match.PodControllers;
import dev.guidepost.core.internal.match.Wildcard;
import dev.guidepost.core.internal.yaml.PlainValues;

/**
 * What a policy that does not select a manifest as checked says of it in the cluster, judged on the object the
 * cluster checks instead: the Pods a controller creates when Kyverno makes no rules for the controller, or the
 * manifest in a namespace the policy names when the manifest names none.
 */
public final class UnselectedManifests {

    /** What to do for a manifest that names no namespace when the verdict depends on the one it is deployed to. */
    public static final String NAME_THE_NAMESPACE = "set metadata.namespace, or name the namespace it is deployed "
            + "to (check --namespace, the plugin's <namespace>, @GuidepostTest(namespace = ...))";

    private UnselectedManifests() {
    }

    /**
     * The verdict on the Pods a controller will create, for a Pod policy that does not select the controller:
     * Kyverno generates no rules for it from this policy (its Pod rules match by name, selector or annotations, or
     * autogen is off for the kind), so the cluster checks each Pod when the controller creates it; a failure then
     * stalls the rollout (Enforce) rather than rejecting the controller. Judged on a Pod made from the template
     * ({@link ControllerPods}), each failure's message saying so (a pass or an exception's skip keeps its own)
     * and a foreach element's path moved into the template; empty when the policy would not select that Pod either.
     */
    public static Optional<PolicyResponse> podsOf(Policy policy, PolicyProgram program, Manifest manifest,
            PreparedRequest request, EvaluationContext context) {
        Optional<PodFromTemplate> pod = podRequest(policy, program, manifest, request, context);
        if (pod.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(asTheControllers(program.evaluate(pod.get().request(), context), manifest,
                pod.get().templatePath(), "Kyverno makes no rules for the " + manifest.kind() + " itself from this "
                        + "policy, so"));
    }

    /**
     * The verdict on the Pods a controller creates when they fail a Pod policy its template passes: each Pod gets
     * what its template lacks ({@link ControllerPods#whatPodsGet}: the API server's Pod-only defaults, a DaemonSet
     * controller's node affinity and tolerations), and the cluster checks each Pod a controller creates against the
     * Pod policy (autogen only adds rules for the controller). Empty when the Pods get nothing the template lacks, or
     * when they pass too.
     */
    public static Optional<PolicyResponse> podsFailingWhatTheTemplatePasses(Policy policy, PolicyProgram program,
            Manifest manifest, PreparedRequest request, EvaluationContext context) {
        Optional<List<String>> podSpec = PodControllers.podSpecPath(manifest.kind());
        if (manifest.kind().equals("Pod") || podSpec.isEmpty() || !policy.kinds().contains("Pod")) {
            return Optional.empty();
        }
        List<String> leftToPods = ControllerPods.whatPodsGet(manifest.kind(), PlainValues.at(request.request()
                .object(), podSpec.get().toArray(String[]::new)));
        if (leftToPods.isEmpty()) {
            return Optional.empty();
        }
        Optional<PodFromTemplate> pod = podRequest(policy, program, manifest, request, context);
        if (pod.isEmpty()) {
            return Optional.empty();
        }
        PolicyResponse response = program.evaluate(pod.get().request(), context);
        if (response.rules().stream().noneMatch(r -> r.outcome() == Outcome.FAIL || r.outcome() == Outcome.ERROR)) {
            return Optional.empty();
        }
        return Optional.of(asTheControllers(response, manifest, pod.get().templatePath(), "each Pod gets what its "
                + "template leaves out: " + String.join(", ", leftToPods) + ";"));
    }

    /**
     * The Pods' verdict given to the controller: each failure's message says that the Pods fail and why the cluster
     * checks them ({@code why}, ending where "the cluster checks each Pod ..." follows), a pass or a skip keeps its
     * own message (an exception's skip names the exception), and a foreach element's path is moved into the
     * template.
     */
    private static PolicyResponse asTheControllers(PolicyResponse response, Manifest manifest,
            List<String> templatePath, String why) {
        List<RuleResponse> rules = new java.util.ArrayList<>();
        for (RuleResponse rule : response.rules()) {
            boolean violation = rule.outcome() == Outcome.FAIL || rule.outcome() == Outcome.ERROR;
            boolean rejects = rule.outcome() == Outcome.FAIL && rule.action() == dev.guidepost.core.Action.ENFORCE;
            String about = !violation ? "" : "the Pods this " + manifest.kind() + " creates (" + why + " the cluster "
                    + "checks each Pod when it is created" + (rejects ? " and rejects it: the rollout stalls" : "")
                    + "): ";
            List<Object> element = new java.util.ArrayList<>();
            if (!rule.element().isEmpty()) {
                element.addAll(templatePath);
                element.addAll(rule.element());
            }
            rules.add(rule.withMessage(about + rule.message()).withElement(element));
        }
        return new PolicyResponse(response.policy(), response.answered(), rules);
    }

    /** True when the policy, making no rules for a pod controller, selects the Pods it creates. */
    public static boolean selectsPodsOf(Policy policy, PolicyProgram program, Manifest manifest,
            PreparedRequest request, EvaluationContext context) {
        return podRequest(policy, program, manifest, request, context).isPresent();
    }

    /** A Pod made from a controller's template: its request, and where the template is in the controller. */
    private record PodFromTemplate(PreparedRequest request, List<String> templatePath) {
    }

    /** The request of a Pod made from a controller's template, when the policy is a Pod policy that selects it. */
    private static Optional<PodFromTemplate> podRequest(Policy policy, PolicyProgram program, Manifest manifest,
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
        Map<String, Object> pod = ControllerPods.podOf(manifest, template, request.request().namespace());
        PreparedRequest made = CheckRequests.of(Manifest.of(pod, manifest.location()), pod);
        // the Pod carries what the controller's mutations left unknown
        PreparedRequest podRequest = request.mutationsIncomplete() ? made.withIncompleteMutations() : made;
        return program.selects(podRequest, context) ? Optional.of(new PodFromTemplate(podRequest, templatePath))
                : Optional.empty();
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
                    + "Helm or kustomize, the cluster checks it): " + NAME_THE_NAMESPACE + ", to check it here; "
                    + "checked "
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

    /**
     * The rules of a ClusterPolicy that gave no answer though the kinds they match include the manifest's (directly,
     * or a Pod rule autogen applies to it), with why they may apply in the cluster: they select namespaces by labels
     * this check does not know, or name namespaces other than {@code default} for a manifest that names none. Their
     * siblings' answers must not hide them.
     *
     * @param namespaceLabelRules the rules that select namespaces by labels, when the manifest's namespace's labels
     *                            are unknown here; empty when they are known
     */
    public static Map<String, String> unansweredRules(Policy policy, Set<String> namespaceLabelRules,
            Manifest manifest, PreparedRequest request, PolicyResponse response) {
        boolean unknownLabels = !namespaceLabelRules.isEmpty();
        // a manifest that names no namespace, checked as in default, may be deployed where a rule names
        boolean placedInDefault = manifest.namespace().isEmpty() && !request.request().namespace().isEmpty();
        if (!unknownLabels && !placedInDefault) {
            return Map.of();
        }
        Set<String> answered = new java.util.HashSet<>();
        response.rules().forEach(r -> answered.add(Policy.Rule.writtenName(r.rule())));
        Map<String, String> out = new LinkedHashMap<>();
        for (Object rule : PlainValues.list(policy.definition(), "spec", "rules")) {
            String name = PlainValues.string(rule, "name");
            if (answered.contains(name)) {
                continue;
            }
            String why;
            List<String> named = MatchSections.stringsOf(rule, "namespaces");
            if (unknownLabels && namespaceLabelRules.contains(name)) {
                why = "the rule selects namespaces by their labels and the labels of namespace '"
                        + request.request().namespace() + "' are unknown: check its Namespace manifest together "
                        + "with this one; in the cluster the rule applies if they match";
            } else if (placedInDefault && !named.isEmpty()
                    && named.stream().noneMatch(n -> Wildcard.matches(n, request.request().namespace()))) {
                why = "the manifest names no namespace, so it was checked as in '" + request.request().namespace()
                        + "', where the rule does not apply; it applies in namespace " + String.join(", ", named)
                        + " (deployed there with kubectl -n, Helm or kustomize, the cluster checks it): "
                        + NAME_THE_NAMESPACE + ", to check it here";
            } else {
                continue;
            }
            List<String> kinds = MatchSections.stringsOf(rule, "kinds");
            boolean podRuleOnController = kinds.contains("Pod") && !manifest.kind().equals("Pod")
                    && policy.kinds().contains(manifest.kind());
            if (KindSelector.anySelects(kinds, manifest.apiVersion(), manifest.kind()) || podRuleOnController) {
                out.put(name, why);
            }
        }
        return out;
    }
}
