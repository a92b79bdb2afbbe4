package dev.guidepost.core.internal.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import opennlp.tools.stemmer.PorterStemmer;

/**
 * Turns text into search terms the way Kubernetes people write it. Words are split on anything that is not a
 * letter or digit and on camelCase humps ({@code runAsNonRoot} → run, as, non, root; {@code hostPID} → host,
 * pid); a word written as several joined parts ({@code runAsNonRoot}, {@code non-root}, {@code host_path}) also
 * yields the parts run together ({@code runasnonroot}, {@code nonroot}, {@code hostpath}), so either spelling
 * matches the other. Terms are lower-cased, English stopwords dropped and the rest Porter-stemmed. Thread-safe.
 */
public final class Tokenizer {

    /** A common English stopword list, plus the question words people start a search with. */
    static final Set<String> STOPWORDS = Set.of(
            "a", "about", "above", "after", "again", "against", "all", "am", "an", "and", "any", "are", "as", "at",
            "be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can", "could",
            "did", "do", "does", "doing", "down", "during", "each", "few", "for", "from", "further", "had", "has",
            "have", "having", "he", "her", "here", "hers", "herself", "him", "himself", "his", "how", "i", "if",
            "in", "into", "is", "it", "its", "itself", "just", "me", "more", "most", "my", "myself", "nor", "of",
            "off", "on", "once", "only", "or", "other", "our", "ours", "ourselves", "out", "over", "own", "same",
            "she", "should", "so", "some", "such", "than", "that", "the", "their", "theirs", "them", "themselves",
            "then", "there", "these", "they", "this", "those", "through", "to", "too", "under", "until", "up",
            "very", "was", "we", "were", "what", "when", "where", "which", "while", "who", "whom", "why", "will",
            "with", "would", "you", "your", "yours", "yourself", "yourselves", "s", "t", "d", "ll", "m", "re",
            "ve", "may", "might", "must", "shall", "let", "get", "got", "also", "etc", "e", "g", "ie");

    /** Splits at camelCase humps: fooBar, fooBAR, FOOBar, foo2Bar. */
    private static final Pattern CAMEL_HUMP = Pattern.compile("(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])");
    /** A run of letters and digits, possibly joined by '-', '_' or '.' into one compound word. */
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+(?:[-_.][\\p{L}\\p{N}]+)*");
    private static final Pattern JOINER = Pattern.compile("[-_.]");

    private static final Tokenizer INSTANCE = new Tokenizer();
    /** Stems are memoised (the Porter stemmer is not thread-safe and allocates), up to a bound. */
    private static final int MAX_CACHED_STEMS = 50_000;

    private final Map<String, String> stems = new ConcurrentHashMap<>();

    private Tokenizer() {
    }

    /** The shared tokenizer. */
    public static Tokenizer get() {
        return INSTANCE;
    }

    /** The search terms of a text, in order, with repeats (so term frequencies can be counted). */
    public List<String> terms(String text) {
        List<String> out = new ArrayList<>();
        var matcher = WORD.matcher(text);
        while (matcher.find()) {
            String compound = matcher.group();
            List<String> parts = new ArrayList<>();
            for (String piece : JOINER.split(compound)) {
                for (String part : CAMEL_HUMP.split(piece)) {
                    if (!part.isEmpty()) {
                        parts.add(part.toLowerCase(Locale.ROOT));
                    }
                }
            }
            for (String part : parts) {
                addTerm(out, part);
            }
            if (parts.size() > 1 && parts.size() <= 4 && !isNumberLike(compound)) {
                addTerm(out, String.join("", parts));
            }
        }
        return out;
    }

    /** The words of a text split like {@link #terms(String)}, lower-cased but neither stemmed nor filtered. */
    public List<String> words(String text) {
        List<String> out = new ArrayList<>();
        var matcher = WORD.matcher(text);
        while (matcher.find()) {
            for (String piece : JOINER.split(matcher.group())) {
                for (String part : CAMEL_HUMP.split(piece)) {
                    if (!part.isEmpty()) {
                        out.add(part.toLowerCase(Locale.ROOT));
                    }
                }
            }
        }
        return out;
    }

    private void addTerm(List<String> out, String word) {
        if (STOPWORDS.contains(word)) {
            return;
        }
        out.add(stem(word));
    }

    /** The Porter stem of a lower-case word (digits and short words are kept as they are). */
    String stem(String word) {
        if (word.length() <= 3 || !Character.isLetter(word.charAt(word.length() - 1))) {
            return word;
        }
        String cached = stems.get(word);
        if (cached != null) {
            return cached;
        }
        String stem = new PorterStemmer().stem(word);
        if (stems.size() < MAX_CACHED_STEMS) {
            stems.put(word, stem);
        }
        return stem;
    }

    private static boolean isNumberLike(String compound) {
        for (int i = 0; i < compound.length(); i++) {
            char c = compound.charAt(i);
            if (Character.isLetter(c)) {
                return false;
            }
        }
        return true;
    }
}
