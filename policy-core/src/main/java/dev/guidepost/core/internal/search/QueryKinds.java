package dev.guidepost.core.internal.search;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import dev.guidepost.core.internal.match.ApiResources;

/**
 * The Kubernetes kinds a question names: a kind as written ({@code StatefulSet}, {@code Deployments}), a kind
 * whose name is no English word in any case ({@code statefulset}, {@code cronjobs}), the common workload words
 * ({@code pod}, {@code deployment}, {@code ingress}) and kubectl's short names ({@code sts}, {@code pvc}). A word such
 * as "service", "job" or "secret" names a kind only when capitalised, since in lower case it is mostly English.
 */
public final class QueryKinds {

    private static final Set<String> WORKLOAD_WORDS = Set.of("pod", "pods", "deployment", "deployments", "ingress",
            "ingresses", "namespace", "namespaces");
    private static final Set<String> SHORT_NAMES = Set.of("sts", "pvc", "pv", "hpa", "pdb", "netpol", "ds", "rs",
            "cj", "crd", "cm", "svc", "sa");

    private QueryKinds() {
    }

    /** The kinds the question names, in the order it names them, without repeats. */
    public static List<String> named(String question) {
        Set<String> out = new LinkedHashSet<>();
        for (String word : question.split("[^A-Za-z]+")) {
            kindOf(word).ifPresent(out::add);
        }
        return List.copyOf(out);
    }

    private static Optional<String> kindOf(String word) {
        if (word.length() < 2) {
            return Optional.empty();
        }
        ApiResources types = ApiResources.builtIn();
        String lower = word.toLowerCase(Locale.ROOT);
        Optional<String> kind = types.kindOfName(word);
        if (kind.isEmpty() && word.endsWith("s")) {
            kind = types.kindOfName(word.substring(0, word.length() - 1));
        }
        if (kind.isEmpty()) {
            return Optional.empty();
        }
        String kindLower = kind.get().toLowerCase(Locale.ROOT);
        boolean fullName = lower.startsWith(kindLower) || types.kindOfResource(lower).isPresent();
        if (!fullName) {
            // kubectl's short names, but not those that are English words ("no", "limits", "deploy")
            return SHORT_NAMES.contains(lower) ? kind : Optional.empty();
        }
        boolean capitalised = Character.isUpperCase(word.charAt(0));
        boolean camelKind = kind.get().chars().filter(Character::isUpperCase).count() > 1;
        return capitalised || camelKind || WORKLOAD_WORDS.contains(lower) ? kind : Optional.empty();
    }
}
