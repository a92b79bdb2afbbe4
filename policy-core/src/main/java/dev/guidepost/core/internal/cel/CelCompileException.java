package dev.guidepost.core.internal.cel;

/** A CEL expression that does not compile; the message carries cel-java's description with the caret line. */
public final class CelCompileException extends Exception {

    private static final long serialVersionUID = 1L;

    public CelCompileException(String message) {
        super(message);
    }
}
