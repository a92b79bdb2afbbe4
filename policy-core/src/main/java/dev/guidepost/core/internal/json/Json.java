package dev.guidepost.core.internal.json;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes plain values (maps, lists, strings, numbers, booleans, null) as JSON: compact with sorted keys (a
 * canonical form, the same value always gives the same text) or indented in the maps' own key order (for reports
 * people read). A map without an order of its own ({@code Map.of}, {@code HashMap}, whose order changes from one JVM
 * to the next) is always written with sorted keys, so the same value gives the same text in every run.
 */
public final class Json {

    private Json() {
    }

    /** Compact JSON with sorted keys. */
    public static String canonical(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out, true, -1, 0);
        return out.toString();
    }

    /** Indented JSON (two spaces) keeping the maps' key order, ending with a newline. */
    public static String pretty(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out, false, 2, 0);
        return out.append('\n').toString();
    }

    private static void write(Object value, StringBuilder out, boolean sort, int indent, int depth) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof Map<?, ?> map) {
            Map<?, ?> entries = sort || unordered(map) ? new TreeMap<>(stringKeys(map)) : map;
            if (entries.isEmpty()) {
                out.append("{}");
                return;
            }
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : entries.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                newline(out, indent, depth + 1);
                string(String.valueOf(e.getKey()), out);
                out.append(indent >= 0 ? ": " : ":");
                write(e.getValue(), out, sort, indent, depth + 1);
            }
            newline(out, indent, depth);
            out.append('}');
        } else if (value instanceof List<?> list) {
            if (list.isEmpty()) {
                out.append("[]");
                return;
            }
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                newline(out, indent, depth + 1);
                write(list.get(i), out, sort, indent, depth + 1);
            }
            newline(out, indent, depth);
            out.append(']');
        } else if (value instanceof Double d && (d.isNaN() || d.isInfinite())) {
            out.append("null");
        } else if (value instanceof java.math.BigDecimal big) {
            out.append(big.toPlainString());
        } else if (value instanceof Number || value instanceof Boolean) {
            out.append(value);
        } else {
            string(String.valueOf(value), out);
        }
    }

    /** True for maps whose iteration order is not defined: {@code Map.of}/{@code copyOf}, hash maps. */
    private static boolean unordered(Map<?, ?> map) {
        Class<?> type = map.getClass();
        return map.size() > 1 && (type == java.util.HashMap.class
                || type == java.util.concurrent.ConcurrentHashMap.class
                || type.getName().startsWith("java.util.ImmutableCollections$"));
    }

    private static Map<String, Object> stringKeys(Map<?, ?> map) {
        Map<String, Object> out = new TreeMap<>();
        map.forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }

    private static void newline(StringBuilder out, int indent, int depth) {
        if (indent >= 0) {
            out.append('\n');
            out.append(" ".repeat(indent * depth));
        }
    }

    /** Appends a JSON string literal. */
    public static void string(String s, StringBuilder out) {
        string(s, out, false);
    }

    /**
     * Appends a JSON string literal; with {@code htmlSafe}, also escapes {@code <}, {@code >}, {@code &}, U+2028 and
     * U+2029 as Go's {@code encoding/json} does.
     */
    public static void string(String s, StringBuilder out, boolean htmlSafe) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '<', '>', '&', '\u2028', '\u2029' -> {
                    if (htmlSafe) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
