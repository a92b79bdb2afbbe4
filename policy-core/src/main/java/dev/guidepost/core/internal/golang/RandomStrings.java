package dev.guidepost.core.internal.golang;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import com.github.curiousoddman.rgxgen.RgxGen;

/**
 * Kyverno's {@code random(pattern)} (JMESPath and CEL): a random string the regular expression matches, as the Go
 * library it uses (goregen) makes one; without a pattern, eight lower-case letters and digits. Thread-safe.
 */
public final class RandomStrings {

    /** The pattern of Kyverno's {@code random()} without an argument. */
    public static final String DEFAULT_PATTERN = "[0-9a-z]{8}";

    private RandomStrings() {
    }

    /**
     * A random string matching {@code pattern}.
     *
     * @throws IllegalArgumentException when the pattern is empty or not a regular expression
     */
    public static String matching(String pattern) {
        if (pattern.isEmpty()) {
            throw new IllegalArgumentException("no pattern provided");
        }
        try {
            Pattern.compile(pattern);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("error parsing regexp: " + e.getDescription() + ": `" + pattern + "`");
        }
        return RgxGen.parse(pattern).generate();
    }
}
