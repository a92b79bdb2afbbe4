package dev.guidepost.cli.mcp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads a tool call's arguments defensively: the types a JSON client may send, with clear errors. */
record Arguments(Map<String, Object> values) {

    Arguments {
        values = values == null ? Map.of() : values;
    }

    String requiredString(String name) {
        String value = optionalString(name);
        if (value.isBlank()) {
            throw new BadInput("'" + name + "' is required and must be a non-empty string");
        }
        return value;
    }

    String optionalString(String name) {
        Object value = values.get(name);
        if (value == null) {
            return "";
        }
        if (!(value instanceof String s)) {
            throw new BadInput("'" + name + "' must be a string, got " + value);
        }
        return s;
    }

    int optionalInt(String name, int defaultValue, int min, int max) {
        Object value = values.get(name);
        if (value == null) {
            return defaultValue;
        }
        if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return (int) Math.max(min, Math.min(max, n.longValue()));
        }
        throw new BadInput("'" + name + "' must be a whole number from " + min + " to " + max + ", got " + value);
    }

    /** A list of strings; a single comma-separated string is accepted too. */
    List<String> optionalStrings(String name) {
        Object value = values.get(name);
        List<String> out = new ArrayList<>();
        if (value == null) {
            return out;
        }
        if (value instanceof String s) {
            for (String part : s.split(",")) {
                if (!part.isBlank()) {
                    out.add(part.strip());
                }
            }
            return out;
        }
        if (value instanceof List<?> list) {
            for (Object item : list) {
                if (!(item instanceof String s)) {
                    throw new BadInput("'" + name + "' must be a list of strings, got " + value);
                }
                out.add(s.strip());
            }
            return out;
        }
        throw new BadInput("'" + name + "' must be a list of strings, got " + value);
    }
}
