package dev.guidepost.core.internal.jmespath;

/** STUB. */
public class JmesPathException extends RuntimeException {
    public JmesPathException(String message) {
        super(message);
    }
}
