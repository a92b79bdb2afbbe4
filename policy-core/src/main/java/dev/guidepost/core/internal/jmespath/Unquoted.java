package dev.guidepost.core.internal.jmespath;

/**
 * Walks the characters of a JMESPath expression that stand outside its quoted parts: raw strings
 * ({@code 'a'}), quoted identifiers ({@code "a"}) and literals ({@code `1`}). In the first two a backslash escapes
 * the next character; in a literal it escapes only a backtick. The quote characters themselves are not visited.
 * For scans that must not mistake a bracket or a pipe inside a string for one of the expression's.
 */
final class Unquoted {

    private final String expression;
    private int position = -1;
    private char quote;

    Unquoted(String expression) {
        this.expression = expression;
    }

    /** Moves to the next character outside quotes; false at the end of the expression. */
    boolean next() {
        while (++position < expression.length()) {
            char c = expression.charAt(position);
            if (quote != 0) {
                if (c == '\\' && (quote != '`' || followedBy('`'))) {
                    position++;
                } else if (c == quote) {
                    quote = 0;
                }
                continue;
            }
            if (c == '\'' || c == '"' || c == '`') {
                quote = c;
                continue;
            }
            return true;
        }
        return false;
    }

    /** The character moved to. */
    char current() {
        return expression.charAt(position);
    }

    /** Its position in the expression. */
    int position() {
        return position;
    }

    /** True when the character after the current one is {@code c}. */
    boolean followedBy(char c) {
        return position + 1 < expression.length() && expression.charAt(position + 1) == c;
    }

    /** Passes over the character after the current one. */
    void skip() {
        position++;
    }

    /** The quote left open at the end of the expression, or 0 when every quote is closed. */
    char openQuote() {
        return quote;
    }
}
