package dev.guidepost.core.internal.jmespath;

import java.util.Map;

/** STUB. */
public final class Variables {
    public static boolean hasVariables(Object value) {
        return false;
    }

    public static Object substitute(Object value, Map<String, Object> context) {
        return value;
    }
}
