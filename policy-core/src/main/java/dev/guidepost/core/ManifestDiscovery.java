package dev.guidepost.core;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a knowledge base knows about one manifest, in two clearly separate lists: the policies that apply to it by
 * their match rules (the enforceable ones are checked by the engine; advisory ones, {@link Policy#enforceable()}
 * false, apply by kind and are never checked), and other policies related to it by meaning (found by search, for
 * rules worth knowing that do not select it, such as namespace policies).
 *
 * @param manifest   the manifest
 * @param query      the plain-words query built from the manifest for the related search
 * @param applicable policies whose match rules select the manifest, advisory ones included; empty until an engine
 *                   supplies them
 * @param related    other policies related by meaning, best first; never one of {@code applicable}
 */
public record ManifestDiscovery(Manifest manifest, String query, List<Policy> applicable, List<SearchHit> related) {

    public ManifestDiscovery {
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(query, "query");
        applicable = List.copyOf(applicable);
        Set<String> ids = applicable.stream().map(Policy::id).collect(Collectors.toSet());
        related = related.stream().filter(h -> !ids.contains(h.policy().id())).toList();
    }

    /** The same discovery with the applicable policies an engine found (they leave the related list). */
    public ManifestDiscovery withApplicable(List<Policy> policies) {
        return new ManifestDiscovery(manifest, query, policies, related);
    }

    /** The manifest and the ids found, applicable then related: a log line. */
    @Override
    public String toString() {
        return "ManifestDiscovery[" + manifest.resource() + ": applicable " + applicable.stream().map(Policy::id)
                .toList() + ", related " + related.stream().map(h -> h.policy().id()).toList() + "]";
    }
}
