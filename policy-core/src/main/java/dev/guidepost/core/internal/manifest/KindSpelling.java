package dev.guidepost.core.internal.manifest;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.guidepost.core.internal.match.ApiResources;
import dev.guidepost.core.internal.pack.IdSimilarity;

/** Slips in a manifest's kind that the cluster would refuse, and the kind meant. */
public final class KindSpelling {

    private KindSpelling() {
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
