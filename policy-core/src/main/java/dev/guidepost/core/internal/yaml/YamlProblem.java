package dev.guidepost.core.internal.yaml;

/** Why a YAML document could not be read. */
public record YamlProblem(Type type, int line, int column, String message) {

    /** The kinds of unreadable input. */
    public enum Type {
        /** Not valid YAML or JSON. */
        SYNTAX,
        /** A Helm or Go template that was not rendered. */
        TEMPLATE,
        /** A YAML tag outside the safe standard set (for example a language-specific object tag). */
        REFUSED_TAG,
        /** Over a size, alias or nesting limit. */
        LIMIT,
        /** The file could not be read. */
        IO
    }
}
