package dev.guidepost.core.internal.engine;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.guidepost.core.Manifest;
import dev.guidepost.core.Outcome;

/**
 * What the cluster's Kyverno does around validation, from a pack: its mutations first (ClusterPolicy and Policy
 * mutate rules in pack order, then MutatingPolicies), so that validation sees the object as mutated, and its
 * PolicyExceptions during validation. Immutable and thread-safe.
 */
public final class AdmissionChain {

    private final List<ClassicExceptionProgram> classicExceptions;
    private final List<PolicyExceptionProgram> exceptions;
    private final List<PolicyProgram> mutators;
    private final Map<String, Set<String>> mutatingByNamespace;

    /**
     * @param classicExceptions          the {@code kyverno.io} exceptions, for ClusterPolicy and Policy rules
     * @param exceptions                 the {@code policies.kyverno.io} exceptions, for ValidatingPolicies
     * @param mutators                   the mutating policies, in the order the cluster applies them
     * @param mutatingByNamespace        for those whose mutations may depend on the namespace's labels, by name, the
     *                                   kinds they are about
     */
    public AdmissionChain(List<ClassicExceptionProgram> classicExceptions, List<PolicyExceptionProgram> exceptions,
            List<PolicyProgram> mutators, Map<String, Set<String>> mutatingByNamespace) {
        this.classicExceptions = List.copyOf(classicExceptions);
        this.exceptions = List.copyOf(exceptions);
        this.mutators = List.copyOf(mutators);
        this.mutatingByNamespace = Map.copyOf(mutatingByNamespace);
    }

    /**
     * The context of a check of these manifests, with the exceptions the cluster would apply now (admission leaves
     * out those whose {@code expiresAt} has passed).
     */
    public EvaluationContext context(List<Manifest> manifests) {
        Instant now = Instant.now();
        return EvaluationContext.forCheck(new ManifestNamespaces(manifests),
                exceptions.stream().filter(e -> !e.expiredAt(now)).toList(), classicExceptions);
    }

    /**
     * The request for a manifest as validation sees it: each mutation applied in turn. A mutation that errs (it
     * leaves no object) or that cannot be evaluated here leaves the object as it was.
     */
    public PreparedRequest request(Manifest manifest, EvaluationContext context) {
        PreparedRequest decoded = CheckRequests.of(manifest, manifest.object());
        PreparedRequest request = decoded;
        boolean incomplete = false;
        String namespace = decoded.request().namespace();
        // the run holds no Namespace manifest for it, and no labels are given for it
        boolean labelsUnknown = !namespace.isEmpty() && context.namespaces().object(namespace).isEmpty()
                && context.namespaces().selectorLabels(namespace).isEmpty();
        for (PolicyProgram mutator : mutators) {
            Optional<PolicyMutation> mutation = mutator.mutate(request, context);
            // a mutation that errs, needs the cluster, or may select the namespace by labels a check does not know
            incomplete |= mutation.isPresent() && mutation.get().rules().stream()
                    .anyMatch(r -> !r.evaluated() || r.outcome() == Outcome.ERROR)
                    || labelsUnknown && mutatingByNamespace.getOrDefault(mutator.name(), Set.of()).stream()
                            .anyMatch(kind -> dev.guidepost.core.internal.match.Wildcard.matches(kind,
                                    manifest.kind()));
            if (mutation.isPresent() && !mutation.get().patched().isEmpty()
                    && !mutation.get().patched().equals(request.request().object())) {
                request = CheckRequests.of(manifest, mutation.get().patched());
            }
        }
        request = request == decoded ? request : request.mutatedFrom(decoded.request().object());
        return incomplete ? request.withIncompleteMutations() : request;
    }
}
