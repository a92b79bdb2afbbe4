package dev.guidepost.core.internal.yaml;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Helpers for the plain value trees (maps, lists, scalars) that YAML documents are read into. */
public final class PlainValues {

    private PlainValues() {
    }

    /**
     * A deep, unmodifiable copy that keeps key order; integers become longs (a {@code BigInteger} too when it fits,
     * as YAML reads one) and floats doubles.
     */
    public static Object immutableCopy(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>(Math.max(4, map.size() * 2));
            map.forEach((k, v) -> out.put(String.valueOf(k), immutableCopy(v)));
            return Collections.unmodifiableMap(out);
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object item : list) {
                out.add(immutableCopy(item));
            }
            return Collections.unmodifiableList(out);
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Float f) {
            return f.doubleValue();
        }
        if (value == null || value instanceof String || value instanceof Long || value instanceof Double
                || value instanceof Boolean) {
            return value;
        }
        if (value instanceof java.math.BigInteger big) {
            return plainInteger(big);
        }
        // values built in code: what YAML and JSON could have said, or a clear refusal
        if (value instanceof java.util.Collection<?> collection) {
            return immutableCopy(new ArrayList<>(collection));
        }
        if (value instanceof Object[] array) {
            return immutableCopy(java.util.Arrays.asList(array));
        }
        if (value instanceof CharSequence || value instanceof Character || value instanceof Enum<?>) {
            return value instanceof Enum<?> e ? e.name() : value.toString();
        }
        if (value instanceof java.math.BigDecimal decimal) {
            return decimal.doubleValue();
        }
        if (value instanceof Number number) {
            return number instanceof java.util.concurrent.atomic.AtomicInteger
                    || number instanceof java.util.concurrent.atomic.AtomicLong ? number.longValue()
                    : number.doubleValue();
        }
        throw new IllegalArgumentException("a value of type " + value.getClass().getName() + " (" + value + ") has no "
                + "YAML or JSON form; give maps with string keys, lists, strings, numbers, booleans or null");
    }

    /** An integer too big for an int as YAML reads it: a long when it fits, else the nearest double. */
    public static Object plainInteger(java.math.BigInteger big) {
        return big.bitLength() < 64 ? (Object) big.longValue() : (Object) big.doubleValue();
    }

    /** A deep, modifiable copy. */
    public static Object mutableCopy(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>(Math.max(4, map.size() * 2));
            map.forEach((k, v) -> out.put(String.valueOf(k), mutableCopy(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object item : list) {
                out.add(mutableCopy(item));
            }
            return out;
        }
        return value;
    }

    /** The value at a path of map keys, or null. */
    public static Object at(Object root, String... keys) {
        Object current = root;
        for (String key : keys) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(key);
        }
        return current;
    }

    /** True when a string anywhere in a value tree (map values and list items, not keys) satisfies the test. */
    public static boolean anyString(Object value, java.util.function.Predicate<String> test) {
        if (value instanceof Map<?, ?> map) {
            for (Object v : map.values()) {
                if (anyString(v, test)) {
                    return true;
                }
            }
            return false;
        }
        if (value instanceof List<?> list) {
            for (Object item : list) {
                if (anyString(item, test)) {
                    return true;
                }
            }
            return false;
        }
        return value instanceof String text && test.test(text);
    }

    /** The string at a path of map keys, or {@code ""} when it is missing or not a scalar. */
    public static String string(Object root, String... keys) {
        Object value = at(root, keys);
        return value == null || value instanceof Map || value instanceof List ? "" : String.valueOf(value);
    }

    /** The map at a path of map keys, or an empty map. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Object root, String... keys) {
        Object value = at(root, keys);
        return value instanceof Map<?, ?> ? (Map<String, Object>) value : Map.of();
    }

    /** The list at a path of map keys, or an empty list. */
    @SuppressWarnings("unchecked")
    public static List<Object> list(Object root, String... keys) {
        Object value = at(root, keys);
        return value instanceof List<?> ? (List<Object>) value : List.of();
    }

    /**
     * The map at a path of map keys as strings (labels, annotations, selectors), in its order; a null value
     * becomes {@code ""}, as when Kubernetes decodes a {@code map[string]string}. Empty when missing.
     */
    public static Map<String, String> stringMap(Object root, String... keys) {
        Map<String, String> out = new LinkedHashMap<>();
        map(root, keys).forEach((k, v) -> out.put(k, v == null ? "" : String.valueOf(v)));
        return out;
    }

    /** The strings of the list at a path of map keys (scalars only). */
    public static List<String> strings(Object root, String... keys) {
        List<String> out = new ArrayList<>();
        for (Object item : list(root, keys)) {
            if (item != null && !(item instanceof Map) && !(item instanceof List)) {
                out.add(String.valueOf(item));
            }
        }
        return out;
    }
}
