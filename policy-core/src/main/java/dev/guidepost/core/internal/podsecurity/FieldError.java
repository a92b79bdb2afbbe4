package dev.guidepost.core.internal.podsecurity;

import java.util.ArrayList;
import java.util.List;

/**
 * One field a check objects to, as the field errors of Kyverno's pod-security-admission fork: the path (with list
 * indexes), whether the field is forbidden or required, and the offending value.
 *
 * @param field    the path, such as {@code spec.containers[0].securityContext.privileged}
 * @param required true for a missing required value, false for a forbidden one
 * @param badValue the offending value: a Boolean, a String, a {@code List<String>}, an Integer (a Go int) or a
 *                 Long (a Go int32/int64, which exclusion values never match); {@code ""} when none
 */
record FieldError(String field, boolean required, Object badValue) {

    static FieldError forbidden(String field, Object badValue) {
        return new FieldError(field, false, badValue);
    }

    static FieldError forbidden(String field) {
        return new FieldError(field, false, "");
    }

    static FieldError required(String field) {
        return new FieldError(field, true, "");
    }

    /** The values an exclusion's {@code values} are matched against (Kyverno's extractBadValues). */
    List<String> badValues() {
        List<String> out = new ArrayList<>();
        if (badValue instanceof String s && !s.isEmpty()) {
            out.add(s);
        } else if (badValue instanceof Boolean || badValue instanceof Integer) {
            out.add(String.valueOf(badValue));
        } else if (badValue instanceof List<?> list) {
            list.forEach(v -> out.add(String.valueOf(v)));
        }
        return out;
    }

    /** The error as Kyverno's failure message prints it. */
    String text() {
        if (!required && !"".equals(badValue)) {
            return field + " is forbidden, forbidden values found: " + goValue(badValue);
        }
        return field + ": " + (required ? "Required value" : "Forbidden");
    }

    private static String goValue(Object value) {
        if (value == null) {
            return "<nil>";
        }
        if (value instanceof List<?> list) {
            return "[" + String.join(" ", list.stream().map(String::valueOf).toList()) + "]";
        }
        return String.valueOf(value);
    }
}
