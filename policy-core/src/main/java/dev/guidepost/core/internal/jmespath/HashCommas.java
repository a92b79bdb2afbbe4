package dev.guidepost.core.internal.jmespath;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * go-jmespath's leniency in multi-select hashes: after a key's value its parser takes a comma if there is one and
 * otherwise goes on to the next key, so Kyverno accepts {@code {op: 'add', path: x value: y}}. The JMESPath
 * grammar (and Guidepost's parser) wants the comma; this puts it where go-jmespath would have read one: before a
 * key ({@code name:} directly inside braces) that follows a value rather than a comma or the opening brace.
 */
final class HashCommas {

    private HashCommas() {
    }

    /** The expression with the commas go-jmespath does without added; unchanged when none is missing. */
    static String added(String expression) {
        if (expression.indexOf('{') < 0) {
            return expression;
        }
        StringBuilder out = null;
        int copied = 0;
        Deque<Character> open = new ArrayDeque<>();
        char last = 0; // the last character outside quotes that is not blank; 'Q' after a quoted part
        int previous = -1;
        Unquoted scan = new Unquoted(expression);
        while (scan.next()) {
            int at = scan.position();
            if (at > previous + 1 && !expression.substring(previous + 1, at).isBlank()) {
                last = 'Q';
            }
            previous = at;
            char c = scan.current();
            if (Character.isWhitespace(c)) {
                continue;
            }
            if (c == '{' || c == '[' || c == '(') {
                open.push(c);
            } else if ((c == '}' || c == ']' || c == ')') && !open.isEmpty()) {
                open.pop();
            } else if (isKeyStart(expression, at) && !open.isEmpty() && open.peek() == '{' && last != ','
                    && last != '{' && keyFollows(expression, at)) {
                if (out == null) {
                    out = new StringBuilder(expression.length() + 8);
                }
                out.append(expression, copied, at).append(", ");
                copied = at;
            }
            last = c;
        }
        if (out == null) {
            return expression;
        }
        return out.append(expression, copied, expression.length()).toString();
    }

    /** True at the first letter of an identifier (not inside a longer name or after a dot). */
    private static boolean isKeyStart(String expression, int at) {
        char c = expression.charAt(at);
        if (!(Character.isLetter(c) || c == '_')) {
            return false;
        }
        char before = at == 0 ? ' ' : expression.charAt(at - 1);
        return !(Character.isLetterOrDigit(before) || before == '_' || before == '.' || before == '@');
    }

    /** True when the identifier at {@code at} is followed, after blanks, by a colon: a key of the hash. */
    private static boolean keyFollows(String expression, int at) {
        int i = at;
        while (i < expression.length() && (Character.isLetterOrDigit(expression.charAt(i))
                || expression.charAt(i) == '_')) {
            i++;
        }
        while (i < expression.length() && Character.isWhitespace(expression.charAt(i))) {
            i++;
        }
        return i < expression.length() && expression.charAt(i) == ':';
    }
}
