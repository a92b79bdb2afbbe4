package dev.guidepost.core.internal.pattern;

/**
 * A key of a Kyverno validation pattern written as an anchor: {@code (key)} condition, {@code <(key)} global
 * condition, {@code X(key)} negation, {@code =(key)} equality, {@code ^(key)} existence and {@code +(key)}
 * add-if-not-present (a mutation anchor, which a validation treats as a plain key). Mutation patches read the
 * same anchors (see {@code internal.mutate}).
 *
 * @param type what the anchor does
 * @param key  the resource key it stands for
 */
public record Anchor(Type type, String key) {

    /** The anchor kinds and the character that introduces each. */
    public enum Type {
        CONDITION(""), GLOBAL("<"), NEGATION("X"), EQUALITY("="), EXISTENCE("^"), ADD_IF_NOT_PRESENT("+");

        private final String modifier;

        Type(String modifier) {
            this.modifier = modifier;
        }

        String modifier() {
            return modifier;
        }
    }

    /** The anchor a pattern key is, or null when it is a plain key. */
    public static Anchor parse(String text) {
        String s = text.strip();
        if (s.length() < 3 || s.charAt(s.length() - 1) != ')') {
            return null;
        }
        if (s.charAt(0) == '(') {
            return new Anchor(Type.CONDITION, s.substring(1, s.length() - 1));
        }
        if (s.charAt(1) != '(' || s.length() < 4) {
            return null;
        }
        for (Type type : Type.values()) {
            if (!type.modifier().isEmpty() && type.modifier().charAt(0) == s.charAt(0)) {
                return new Anchor(type, s.substring(2, s.length() - 1));
            }
        }
        return null;
    }

    /** The anchor written back with another key. */
    public String withKey(String newKey) {
        return type.modifier() + "(" + newKey + ")";
    }

    /** Condition, existence, equality and negation anchors are evaluated before the plain keys of a map. */
    boolean evaluatedFirst() {
        return type == Type.CONDITION || type == Type.EXISTENCE || type == Type.EQUALITY || type == Type.NEGATION;
    }

    /** Anchors whose absence from the resource Kyverno records (condition, existence, negation). */
    boolean tracked() {
        return type == Type.CONDITION || type == Type.EXISTENCE || type == Type.NEGATION;
    }
}
