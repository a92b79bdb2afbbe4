package dev.guidepost.cli.mcp;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a tool call's arguments against the tool's declared input schema, in place of the SDK's generic schema
 * validation, and says what to pass, naming the tool and the argument: {@code search_policies needs 'query' (a
 * non-empty string): what you are about to do or want to know, in plain words.} Knows the part of JSON schema the
 * {@link ToolCatalog} uses: {@code required}, no other properties than the declared ones, and properties of type {@code string} ({@code minLength}, {@code maxLength}),
 * {@code integer} ({@code minimum}, {@code maximum}) and {@code array} of strings.
 */
final class ArgumentCheck {

    private static final int SHOWN = 60;

    private ArgumentCheck() {
    }

    /** Every problem with the arguments (null means none given), one a line; empty when they fit the schema. */
    static Optional<String> problems(ToolCatalog.Entry entry, Map<String, Object> arguments) {
        Map<String, Object> given = arguments == null ? Map.of() : arguments;
        List<?> required = (List<?>) entry.inputSchema().getOrDefault("required", List.of());
        List<String> problems = new ArrayList<>();
        properties(entry).forEach((name, property) -> {
            Object value = given.get(name);
            String needs = entry.name() + " needs '" + name + "' (" + expected(property) + ")";
            String what = describe(property);
            if (value == null) {
                if (required.contains(name)) {
                    problems.add(needs + what);
                }
            } else if (!fits(property, value)) {
                problems.add(needs + ", not " + shown(value) + what);
            }
        });
        for (String name : new java.util.TreeSet<>(given.keySet())) {
            if (!properties(entry).containsKey(name)) {
                problems.add(entry.name() + " takes no argument '" + name + "'; it takes "
                        + String.join(", ", properties(entry).keySet()) + ".");
            }
        }
        return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("\n", problems));
    }

    /** The tool's declared properties by name. */
    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Object>> properties(ToolCatalog.Entry entry) {
        return (Map<String, Map<String, Object>>) entry.inputSchema().getOrDefault("properties", Map.of());
    }

    /** What a property takes, in words: "a non-empty string", "a whole number from 1 to 50", ... */
    static String expected(Map<String, Object> property) {
        Object type = property.get("type");
        if ("string".equals(type)) {
            String text = number(property, "minLength") > 0 ? "a non-empty string" : "a string";
            return property.containsKey("maxLength")
                    ? text + " of at most " + property.get("maxLength") + " characters" : text;
        } else if ("integer".equals(type)) {
            return property.containsKey("minimum") && property.containsKey("maximum")
                    ? "a whole number from " + property.get("minimum") + " to " + property.get("maximum")
                    : "a whole number";
        } else if ("array".equals(type) && property.get("items") instanceof Map<?, ?> items
                && "string".equals(items.get("type"))) {
            return "a list of strings";
        }
        throw new IllegalStateException("ArgumentCheck does not know the schema " + property);
    }

    private static boolean fits(Map<String, Object> property, Object value) {
        switch (String.valueOf(property.get("type"))) {
            case "string" -> {
                // JSON Schema counts a string's length in characters (code points), not UTF-16 units
                return value instanceof String s && codePoints(s.strip()) >= number(property, "minLength")
                        && (!property.containsKey("maxLength") || codePoints(s) <= number(property, "maxLength"));
            }
            case "integer" -> {
                return value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
                        && (!property.containsKey("minimum") || n.doubleValue() >= number(property, "minimum"))
                        && (!property.containsKey("maximum") || n.doubleValue() <= number(property, "maximum"));
            }
            case "array" -> {
                return value instanceof List<?> list && list.stream().allMatch(String.class::isInstance);
            }
            default -> throw new IllegalStateException("ArgumentCheck does not know the schema " + property);
        }
    }

    private static long number(Map<String, Object> property, String keyword) {
        return property.get(keyword) instanceof Number n ? n.longValue() : 0;
    }

    /** ": " and the property's description, first letter lower-cased; "." when there is none. */
    private static String describe(Map<String, Object> property) {
        String description = String.valueOf(property.getOrDefault("description", "")).strip();
        if (description.isEmpty()) {
            return ".";
        }
        boolean word = description.length() > 1 && Character.isLowerCase(description.charAt(1));
        return ": " + (word ? description.substring(0, 1).toLowerCase(Locale.ROOT) + description.substring(1)
                : description);
    }

    private static String shown(Object value) {
        if (value instanceof String s && s.isBlank()) {
            return s.isEmpty() ? "an empty string" : "a string of only white space";
        }
        if (value instanceof String s) {
            String cut = codePoints(s) > SHOWN ? s.substring(0, s.offsetByCodePoints(0, SHOWN - 1)) + "…" : s;
            return "the string \"" + cut.replaceAll("\\s+", " ") + "\"";
        } else if (value instanceof Number n) {
            return "the number " + n;
        } else if (value instanceof Boolean b) {
            return b.toString();
        } else if (value instanceof List<?> list) {
            return list.stream().filter(item -> !(item instanceof String)).findFirst()
                    .map(item -> "a list holding " + shown(item)).orElse("a list");
        } else if (value instanceof Map<?, ?>) {
            return "an object";
        }
        return String.valueOf(value);
    }

    private static int codePoints(String s) {
        return s.codePointCount(0, s.length());
    }
}
