package dev.guidepost.core;

import java.util.Objects;

/**
 * Where something was read from: a file (or another source name such as {@code <stdin>}) and a 1-based line and
 * column. {@link #toString()} gives the {@code file:line} form editors and CI servers link to.
 */
public record SourceLocation(String file, int line, int column) implements java.io.Serializable {

    public SourceLocation {
        Objects.requireNonNull(file, "file");
    }

    /** A location that names only a file. */
    public static SourceLocation of(String file) {
        return new SourceLocation(file, 0, 0);
    }

    /** A location in a file at a line. */
    public static SourceLocation of(String file, int line) {
        return new SourceLocation(file, line, 0);
    }

    @Override
    public String toString() {
        return line > 0 ? file + ":" + line : file;
    }
}
