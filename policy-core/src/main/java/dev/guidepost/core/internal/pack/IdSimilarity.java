package dev.guidepost.core.internal.pack;

import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** "Did you mean" for mistyped policy ids: close spellings first, then ids sharing a word. */
public final class IdSimilarity {

    private IdSimilarity() {
    }

    /** Up to three of {@code ids} that look like {@code id}, closest first. */
    public static List<String> similar(Collection<String> ids, String id) {
        String wanted = id.strip().toLowerCase(Locale.ROOT);
        Set<String> words = words(wanted);
        int close = Math.max(3, wanted.length() / 4);
        List<Scored> scored = ids.stream()
                .map(candidate -> new Scored(candidate, distance(wanted, candidate.toLowerCase(Locale.ROOT)),
                        shared(words, words(candidate.toLowerCase(Locale.ROOT)))))
                .toList();
        List<String> spelled = scored.stream().filter(s -> s.distance <= close)
                .sorted(Comparator.comparingInt(Scored::distance)).limit(3).map(Scored::id).toList();
        if (!spelled.isEmpty()) {
            return spelled;
        }
        return scored.stream().filter(s -> s.shared > 0)
                .sorted(Comparator.comparingInt(Scored::shared).reversed().thenComparingInt(Scored::distance))
                .limit(3).map(Scored::id).toList();
    }

    /** "; did you mean a, b?" for the ids {@link #similar} found, or empty when it found none. */
    public static String didYouMean(List<String> similar) {
        return similar.isEmpty() ? "" : "; did you mean " + String.join(", ", similar) + "?";
    }

    private record Scored(String id, int distance, int shared) {
    }

    private static Set<String> words(String id) {
        return Arrays.stream(id.split("[^a-z0-9]+")).filter(w -> w.length() >= 3).collect(Collectors.toSet());
    }

    private static int shared(Set<String> a, Set<String> b) {
        return (int) a.stream().filter(b::contains).count();
    }

    /** Levenshtein distance. */
    public static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
