package dev.guidepost.core.internal.emit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.guidepost.core.internal.yaml.PlainValues;

/**
 * Puts a policy's remediation text into its validation messages, so that a denial or a policy report tells people
 * how to comply: {@code message} gets {@code Fix: ...} appended and a {@code messageExpression} appends it as a
 * CEL string literal. Messages become single lines (Kubernetes rejects line breaks in them); expressions are
 * left exactly as they are.
 */
final class ValidationMessages {

    private ValidationMessages() {
    }

    /** Copies of the validations ({@code expression}, {@code message}, {@code messageExpression}, {@code reason}). */
    static List<Object> withRemediation(List<Object> validations, String remediation) {
        List<Object> out = new ArrayList<>();
        for (Object v : validations) {
            Map<String, Object> validation = new LinkedHashMap<>();
            validation.put("expression", PlainValues.string(v, "expression"));
            String message = oneLine(PlainValues.string(v, "message"));
            if (!message.isEmpty()) {
                validation.put("message", withFix(message, remediation));
            }
            String messageExpression = PlainValues.string(v, "messageExpression");
            if (!messageExpression.isBlank()) {
                validation.put("messageExpression", remediation.isEmpty() ? messageExpression
                        : "(" + messageExpression.strip() + ") + " + celString(". Fix: " + oneLine(remediation)));
            }
            String reason = PlainValues.string(v, "reason");
            if (!reason.isEmpty()) {
                validation.put("reason", reason);
            }
            out.add(validation);
        }
        return out;
    }

    private static String withFix(String message, String remediation) {
        if (remediation.isEmpty()) {
            return message;
        }
        char last = message.charAt(message.length() - 1);
        String separator = last == '.' || last == '!' || last == '?' ? " " : ". ";
        return message + separator + "Fix: " + oneLine(remediation);
    }

    /** A CEL string literal (single-quoted) of a text. */
    static String celString(String text) {
        StringBuilder out = new StringBuilder("'");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\'' -> out.append("\\'");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(c);
            }
        }
        return out.append('\'').toString();
    }

    private static String oneLine(String text) {
        return text.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
