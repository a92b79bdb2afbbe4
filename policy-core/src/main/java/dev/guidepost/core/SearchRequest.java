package dev.guidepost.core;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import dev.guidepost.core.internal.match.ApiResources;

/**
 * A search of a {@link KnowledgeBase}: the question in plain words, how many hits to return, and optional filters.
 * Filters narrow the hits without changing their scores. Immutable; the {@code with...} methods return copies.
 *
 * <pre>{@code
 * kb.search(SearchRequest.of("can my container run as root?").withKinds(Set.of("Pod")).withLimit(5));
 * }</pre>
 *
 * @param query           the question
 * @param limit           the most hits to return (at least 1)
 * @param kinds           keep policies that select or talk about one of these kinds (any case; {@code Kind},
 *                        {@code version/Kind} or {@code group/version/Kind}): by their match kinds (a {@code *}
 *                        selects every kind) or subject, or, for a policy without match kinds (advisory
 *                        guidance), its keywords; empty keeps all
 * @param categories      keep policies in one of these categories (any case); empty keeps all
 * @param minimumSeverity keep policies at least this severe
 * @param minimumScore    keep hits scoring at least this ({@link SearchHit#score()}); {@code -Infinity} keeps all
 */
public record SearchRequest(String query, int limit, Set<String> kinds, Set<String> categories,
        Optional<Severity> minimumSeverity, double minimumScore) {

    /** The number of hits returned when no limit is given. */
    public static final int DEFAULT_LIMIT = 10;

    public SearchRequest {
        Objects.requireNonNull(query, "query");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        kinds = lowerCase(Objects.requireNonNull(kinds, "kinds").stream().map(SearchRequest::kindName)
                .collect(Collectors.toSet()));
        categories = lowerCase(Objects.requireNonNull(categories, "categories"));
        Objects.requireNonNull(minimumSeverity, "minimumSeverity");
        if (Double.isNaN(minimumScore)) {
            throw new IllegalArgumentException("minimumScore must be a number (Double.NEGATIVE_INFINITY keeps every "
                    + "hit), was NaN");
        }
    }

    /** A request for the best {@value #DEFAULT_LIMIT} hits, unfiltered. */
    public static SearchRequest of(String query) {
        return new SearchRequest(query, DEFAULT_LIMIT, Set.of(), Set.of(), Optional.empty(), Double.NEGATIVE_INFINITY);
    }

    /** This request returning at most {@code newLimit} hits (at least 1). */
    public SearchRequest withLimit(int newLimit) {
        return new SearchRequest(query, newLimit, kinds, categories, minimumSeverity, minimumScore);
    }

    /**
     * This request keeping only policies about one of these kinds ({@code Deployment}, {@code apps/v1/Deployment},
     * {@code deployments} or {@code deploy}), policies for every kind, and guidance whose keywords name the kind;
     * empty: every kind.
     */
    public SearchRequest withKinds(Set<String> newKinds) {
        return new SearchRequest(query, limit, newKinds, categories, minimumSeverity, minimumScore);
    }

    /** This request keeping only policies in one of these categories (any case); empty: every category. */
    public SearchRequest withCategories(Set<String> newCategories) {
        return new SearchRequest(query, limit, kinds, newCategories, minimumSeverity, minimumScore);
    }

    /** This request keeping only policies of at least this severity. */
    public SearchRequest withMinimumSeverity(Severity severity) {
        return new SearchRequest(query, limit, kinds, categories,
                Optional.of(Objects.requireNonNull(severity, "severity")), minimumScore);
    }

    /** This request keeping only hits scoring at least {@code score} ({@link SearchHit#score()}). */
    public SearchRequest withMinimumScore(double score) {
        return new SearchRequest(query, limit, kinds, categories, minimumSeverity, score);
    }

    private static final Set<String> POD_CONTROLLERS = dev.guidepost.core.internal.match.PodControllers
            .CLUSTER_POLICY.stream().map(k -> k.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());

    /** True when a policy passes the filters. */
    public boolean accepts(Policy policy) {
        if (minimumSeverity.isPresent() && !policy.severity().atLeast(minimumSeverity.get())) {
            return false;
        }
        if (!categories.isEmpty() && split(policy.category()).stream().noneMatch(categories::contains)) {
            return false;
        }
        if (!kinds.isEmpty()) {
            Set<String> named = split(policy.subject());
            policy.kinds().forEach(k -> named.add(kindName(k).toLowerCase(Locale.ROOT)));
            if (named.contains("*")) {
                return true; // a policy for every kind
            }
            if (named.contains("pod") && kinds.stream().anyMatch(POD_CONTROLLERS::contains)) {
                return true; // a controller's Pods are checked too, with or without autogen rules for it
            }
            if (policy.kinds().isEmpty() || !policy.enforceable()) {
                // guidance names the kinds it is about among its keywords (it checks nothing, so its match kinds
                // need not say all of them: advice on Deployments may be about their PodDisruptionBudget)
                policy.keywords().forEach(k -> named.add(k.strip().toLowerCase(Locale.ROOT)));
            }
            return named.stream().anyMatch(kinds::contains);
        }
        return true;
    }

    /**
     * The kind of a reference as packs write them ({@code apps/v1/Deployment} and {@code v1/Pod} name a kind too),
     * or as people and agents do: a plural resource ({@code statefulsets}) or kubectl's short name ({@code pvc}).
     */
    static String kindName(String reference) {
        String[] parts = reference.strip().split("/");
        for (int i = parts.length - 1; i >= 0; i--) {
            if (!parts[i].isEmpty() && Character.isUpperCase(parts[i].charAt(0))) {
                // a capitalised plural (StatefulSets) is the resource's kind too; other names are kept as written
                return parts.length == 1 && ApiResources.builtIn().byKind(parts[i]).isEmpty()
                        ? ApiResources.builtIn().kindOfName(parts[i]).orElse(parts[i]) : parts[i];
            }
        }
        return ApiResources.builtIn().kindOfName(reference).orElse(reference.strip());
    }

    private static Set<String> split(String list) {
        return java.util.Arrays.stream(list.split(",")).map(s -> s.strip().toLowerCase(Locale.ROOT))
                .filter(s -> !s.isEmpty()).collect(Collectors.toCollection(java.util.HashSet::new));
    }

    private static Set<String> lowerCase(Set<String> values) {
        return Objects.requireNonNull(values).stream().map(v -> v.strip().toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }
}
