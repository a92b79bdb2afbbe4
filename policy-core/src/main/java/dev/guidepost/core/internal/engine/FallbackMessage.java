package dev.guidepost.core.internal.engine;

/**
 * The message a failed validation shows when its {@code messageExpression} could not be evaluated: the API server
 * (and Kyverno) fall back to the static message without a word, so the author never learns why their message is
 * missing. Guidepost shows the same fallback, followed by the evaluation error.
 */
final class FallbackMessage {

    private FallbackMessage() {
    }

    /** {@code fallback}, with the messageExpression's error when there was one ({@code error} may be null). */
    static String of(String fallback, Exception error) {
        if (error == null) {
            return fallback;
        }
        return fallback + " (the policy's messageExpression failed, so the cluster shows the message before this "
                + "note: " + error.getMessage() + ")";
    }
}
