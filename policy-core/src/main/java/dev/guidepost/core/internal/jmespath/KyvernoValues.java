package dev.guidepost.core.internal.jmespath;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.guidepost.core.internal.golang.GoValues;

/**
 * What the JMESPath layer adds to {@link GoValues}: the copy back from Kyverno's float64 numbers for callers,
 * Kyverno's {@code ifaceToString}, and {@code json.Marshal} failing with a {@link JmesPathException}.
 */
final class KyvernoValues {

    private static final double TWO_63 = 0x1p63;

    private KyvernoValues() {
    }

    /**
     * A copy for callers: a whole-number Double within the {@code long} range becomes a Long (what SnakeYAML gives
     * for the same number in YAML); other values are copied as they are.
     */
    static Object toPlain(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>(Math.max(4, map.size() * 2));
            map.forEach((k, v) -> out.put(String.valueOf(k), toPlain(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object item : list) {
                out.add(toPlain(item));
            }
            return out;
        }
        if (value instanceof Double d && d == Math.rint(d) && !d.isInfinite() && Math.abs(d) < TWO_63) {
            return d.longValue();
        }
        if (value instanceof Float f) {
            return toPlain(f.doubleValue());
        }
        return value;
    }

    /** {@link GoValues#marshal(Object)}, Go's error (NaN, infinities) as a JmesPathException. */
    static String marshal(Object value) {
        try {
            return GoValues.marshal(value);
        } catch (IllegalArgumentException e) {
            throw new JmesPathException(e.getMessage());
        }
    }

    /** Kyverno's {@code ifaceToString}: strings as they are, numbers with float32 precision, booleans. */
    static String ifaceToString(Object value) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Double || value instanceof Float) {
            return GoValues.formatFloat(((Number) value).doubleValue(), true);
        }
        if (value instanceof Long || value instanceof Integer || value instanceof BigInteger) {
            return value.toString();
        }
        if (value instanceof Boolean b) {
            return b.toString();
        }
        return null;
    }
}
