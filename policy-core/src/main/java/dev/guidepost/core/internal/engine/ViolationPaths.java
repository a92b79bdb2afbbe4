package dev.guidepost.core.internal.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The field a violation names, and its line: Kyverno's pattern messages end in {@code failed at path
 * /spec/volumes/1/hostPath/}, and Pod Security messages name fields as {@code spec.volumes[1].hostPath}. Pointing
 * at that line, not only at the object's first, saves a reader (or an agent) the search in a long manifest.
 */
public final class ViolationPaths {

    private static final Pattern PATTERN_PATH = Pattern.compile("failed at path (/\\S*)");
    private static final Pattern FIELD = Pattern.compile("\\b((?:spec|metadata|data)(?:\\.[A-Za-z0-9_-]+|\\[\\d+])+)");
    private static final Pattern FIELD_STEP = Pattern.compile("\\.?([A-Za-z0-9_-]+)|\\[(\\d+)]");

    private ViolationPaths() {
    }

    /**
     * The message with {@code (line N)} added when it names a field whose line differs from the object's.
     *
     * @param objectLine the object's first line
     * @param lineOf     the line of a path in the object's document (0 when unknown)
     */
    public static String withLine(String message, int objectLine, ToIntFunction<List<Object>> lineOf) {
        List<Object> path = path(message);
        if (path.isEmpty()) {
            return message;
        }
        int line = lineOf.applyAsInt(path);
        return line > 0 && line != objectLine ? message + " (line " + line + ")" : message;
    }

    /** The path a message names, as keys and list indexes; empty when it names none. */
    static List<Object> path(String message) {
        List<Object> path = new ArrayList<>();
        Matcher pattern = PATTERN_PATH.matcher(message);
        if (pattern.find()) {
            for (String step : pattern.group(1).split("/")) {
                if (!step.isEmpty()) {
                    path.add(step.chars().allMatch(Character::isDigit) ? (Object) Integer.valueOf(step) : step);
                }
            }
            return path;
        }
        Matcher field = FIELD.matcher(message);
        if (field.find()) {
            Matcher step = FIELD_STEP.matcher(field.group(1));
            while (step.find()) {
                path.add(step.group(1) != null ? step.group(1) : Integer.valueOf(step.group(2)));
            }
        }
        return path;
    }
}
