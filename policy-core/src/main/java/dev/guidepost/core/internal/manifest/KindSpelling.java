package dev.guidepost.core.internal.manifest;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.guidepost.core.internal.match.ApiResources;
import dev.guidepost.core.internal.pack.IdSimilarity;

/** Slips in a manifest's kind that the cluster would refuse, and the kind meant. */
public final class KindSpelling {

    /** Kinds Kubernetes removed entirely (no version serves them), with what replaced them. */
    private static final Map<String, String> REMOVED = Map.of(
            "PodSecurityPolicy", "Kubernetes removed PodSecurityPolicy in 1.25, so the cluster would refuse it; Pod "
                    + "Security admission (pod-security.kubernetes.io/* labels on the Namespace) and the pack's "
                    + "policies replace it: drop the object (a chart's psp.create: false)");

    private KindSpelling() {
    }

    /** Why a kind Kubernetes removed is refused (in Kubernetes' own groups only); empty for any other kind. */
    public static Optional<String> removed(String apiVersion, String kind) {
        String group = ApiResources.groupOf(apiVersion);
        boolean kubernetesGroup = !group.contains(".") || group.endsWith(".k8s.io");
        return kubernetesGroup ? Optional.ofNullable(REMOVED.get(kind)) : Optional.empty();
    }

    /**
     * The kind of a Kubernetes group that an unknown kind there looks like a slip of ({@code Deploymnet},
     * {@code CronJobs}, {@code Ingres}, kubectl's {@code deploy}): its plural or short name, or the one kind of the
     * group at most two edits away. Empty for kinds of other groups, and for a kind far from every one of the
     * group's, which may be newer than the built-in types this knows.
     */
    public static Optional<String> meant(String apiVersion, String kind) {
        Set<String> kinds = ApiResources.builtIn().kindsOfBuiltInGroup(apiVersion);
        if (kinds.isEmpty() || kinds.contains(kind)) {
            return Optional.empty();
        }
        Optional<String> named = ApiResources.builtIn().kindOfName(kind).filter(kinds::contains);
        if (named.isPresent()) {
            return named;
        }
        List<String> close = kinds.stream().filter(k -> IdSimilarity.distance(k, kind) <= 2).toList();
        return close.size() == 1 ? Optional.of(close.get(0)) : Optional.empty();
    }
}
