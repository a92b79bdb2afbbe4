package dev.guidepost.core.internal.cel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.google.common.primitives.UnsignedLong;
import com.google.protobuf.ByteString;

import dev.cel.common.values.NullValue;

/** Converts between plain Java values (as read from YAML) and the values cel-java evaluates. */
public final class CelValues {

    /** How numbers in a resource are seen by CEL. */
    public enum Numbers {
        /** Integers stay {@code int}, as the API server decodes JSON. */
        AS_READ,
        /** Every number is a {@code double}, as the Kyverno CLI loads resources. */
        ALL_DOUBLE
    }

    private CelValues() {
    }

    /** Converts a plain value for evaluation: longs stay longs, null becomes CEL's null. */
    public static Object toCel(Object value) {
        return toCel(value, Numbers.AS_READ);
    }

    /** Converts a plain value for evaluation. */
    public static Object toCel(Object value, Numbers numbers) {
        if (value == null) {
            return NullValue.NULL_VALUE;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>(Math.max(4, map.size() * 2));
            map.forEach((k, v) -> out.put(String.valueOf(k), toCel(v, numbers)));
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object item : list) {
                out.add(toCel(item, numbers));
            }
            return out;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            long l = ((Number) value).longValue();
            return numbers == Numbers.ALL_DOUBLE ? (Object) (double) l : (Object) l;
        }
        if (value instanceof Float f) {
            return f.doubleValue();
        }
        return value;
    }

    /** Converts an evaluation result back to plain Java values (maps, lists, strings, numbers, booleans, null). */
    public static Object fromCel(Object value) {
        if (value == null || value instanceof NullValue) {
            return null;
        }
        if (value instanceof Optional<?> optional) {
            return optional.map(CelValues::fromCel).orElse(null);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(fromCel(k)), fromCel(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object item : list) {
                out.add(fromCel(item));
            }
            return out;
        }
        if (value instanceof UnsignedLong u) {
            return u.longValue();
        }
        if (value instanceof ByteString bytes) {
            return bytes.toStringUtf8();
        }
        return value;
    }
}
