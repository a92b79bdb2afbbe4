package dev.guidepost.core.internal.jmespath;

import static dev.guidepost.core.internal.jmespath.KyvernoFunctions.fn;
import static dev.guidepost.core.internal.jmespath.KyvernoFunctions.num;
import static dev.guidepost.core.internal.jmespath.KyvernoFunctions.str;
import static io.burt.jmespath.JmesPathType.ARRAY;
import static io.burt.jmespath.JmesPathType.NUMBER;
import static io.burt.jmespath.JmesPathType.STRING;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.burt.jmespath.JmesPathType;
import io.burt.jmespath.function.ArgumentConstraint;
import io.burt.jmespath.function.ArgumentConstraints;
import io.burt.jmespath.function.Function;

/**
 * The functions the JMESPath Community edition adds to the standard ones (jmespath-community/go-jmespath, which
 * Kyverno evaluates with), where Kyverno does not define its own of the same name: {@code lower}, {@code upper},
 * {@code trim_left}, {@code trim_right}, {@code pad_left}, {@code pad_right}, {@code find_first},
 * {@code find_last}, {@code zip} and {@code from_items}. Strings are indexed by code point, as Go's runes.
 */
final class CommunityFunctions {

    private CommunityFunctions() {
    }

    static Function[] all() {
        List<Function> f = new ArrayList<>();
        f.add(fn("lower", a -> str(a, 0).toLowerCase(java.util.Locale.ROOT), one(STRING)));
        f.add(fn("upper", a -> str(a, 0).toUpperCase(java.util.Locale.ROOT), one(STRING)));
        f.add(fn("trim_left", a -> trim(str(a, 0), optional(a, 1, ""), true, false), between(1, 2, STRING)));
        f.add(fn("trim_right", a -> trim(str(a, 0), optional(a, 1, ""), false, true), between(1, 2, STRING)));
        f.add(fn("pad_left", a -> pad(typed(a, "pad_left", STRING, NUMBER, STRING), true), between(2, 3, null)));
        f.add(fn("pad_right", a -> pad(typed(a, "pad_right", STRING, NUMBER, STRING), false),
                between(2, 3, null)));
        f.add(fn("find_first", a -> find(typed(a, "find_first", STRING, STRING, NUMBER, NUMBER), true),
                between(2, 4, null)));
        f.add(fn("find_last", a -> find(typed(a, "find_last", STRING, STRING, NUMBER, NUMBER), false),
                between(2, 4, null)));
        f.add(fn("zip", CommunityFunctions::zip, ArgumentConstraints.listOf(1, Integer.MAX_VALUE,
                ArgumentConstraints.typeOf(ARRAY))));
        f.add(fn("from_items", a -> fromItems(a.get(0)), one(ARRAY)));
        return f.toArray(Function[]::new);
    }

    private static ArgumentConstraint one(JmesPathType type) {
        return ArgumentConstraints.typeOf(type);
    }

    /**
     * From {@code min} to {@code max} arguments of one type (any type when null). Optional trailing arguments are
     * written this way: the library's arity check rejects a trailing list constraint that may be empty.
     */
    private static ArgumentConstraint between(int min, int max, JmesPathType type) {
        return ArgumentConstraints.listOf(min, max,
                type == null ? ArgumentConstraints.anyValue() : ArgumentConstraints.typeOf(type));
    }

    /** The arguments, each checked against the type at its position. */
    private static List<Object> typed(List<Object> a, String function, JmesPathType... types) {
        for (int i = 0; i < a.size(); i++) {
            Object value = a.get(i);
            boolean ok = types[i] == STRING ? value instanceof String : value instanceof Number;
            if (!ok) {
                throw KyvernoFunctions.invalidArgumentType(function, i + 1, types[i] == STRING ? "string" : "number");
            }
        }
        return a;
    }

    private static String optional(List<Object> a, int i, String fallback) {
        return a.size() > i ? str(a, i) : fallback;
    }

    /** Go's strings.TrimLeft/TrimRight with a cutset, or of white space when the cutset is empty. */
    private static String trim(String s, String chars, boolean left, boolean right) {
        int[] cps = s.codePoints().toArray();
        int from = 0;
        int to = cps.length;
        while (left && from < to && cut(cps[from], chars)) {
            from++;
        }
        while (right && to > from && cut(cps[to - 1], chars)) {
            to--;
        }
        return new String(cps, from, to - from);
    }

    private static boolean cut(int codePoint, String chars) {
        return chars.isEmpty() ? Character.isWhitespace(codePoint) : chars.codePoints().anyMatch(c -> c == codePoint);
    }

    private static String pad(List<Object> a, boolean left) {
        return pad(str(a, 0), num(a, 1), optional(a, 2, " "), left);
    }

    private static String pad(String s, double width, String pad, boolean left) {
        int length = (int) s.codePoints().count();
        if (pad.isEmpty() || width <= length) {
            return s;
        }
        StringBuilder fill = new StringBuilder();
        int[] padding = pad.codePoints().toArray();
        for (int i = 0; i < (int) width - length; i++) {
            fill.appendCodePoint(padding[i % padding.length]);
        }
        return left ? fill + s : s + fill;
    }

    /** The code-point index of the first (or last) occurrence within [start, end), or null. */
    private static Object find(List<Object> a, boolean first) {
        int[] subject = str(a, 0).codePoints().toArray();
        String sub = str(a, 1);
        if (sub.isEmpty()) {
            return null;
        }
        int start = a.size() > 2 ? bound(num(a, 2), subject.length) : 0;
        int end = a.size() > 3 ? bound(num(a, 3), subject.length) : subject.length;
        if (start >= end) {
            return null;
        }
        String window = new String(subject, start, end - start);
        int at = first ? window.indexOf(sub) : window.lastIndexOf(sub);
        return at < 0 ? null : (double) (start + window.codePointCount(0, at));
    }

    private static int bound(double index, int length) {
        int i = (int) index;
        if (i < 0) {
            i += length;
        }
        return Math.max(0, Math.min(length, i));
    }

    private static Object zip(List<Object> a) {
        List<Object> out = new ArrayList<>();
        int shortest = Integer.MAX_VALUE;
        for (Object list : a) {
            shortest = Math.min(shortest, ((List<?>) list).size());
        }
        for (int i = 0; i < shortest; i++) {
            List<Object> row = new ArrayList<>();
            for (Object list : a) {
                row.add(((List<?>) list).get(i));
            }
            out.add(row);
        }
        return out;
    }

    private static Object fromItems(Object items) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Object item : (List<?>) items) {
            if (!(item instanceof List<?> pair) || pair.size() != 2 || !(pair.get(0) instanceof String key)) {
                throw KyvernoFunctions.error("from_items", "each item must be a [key, value] pair with a string key");
            }
            out.put(key, pair.get(1));
        }
        return out;
    }
}
