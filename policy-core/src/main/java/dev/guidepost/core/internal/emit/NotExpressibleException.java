package dev.guidepost.core.internal.emit;

/** A policy cannot be written in the requested format without changing what it means; the message says why. */
final class NotExpressibleException extends Exception {

    private static final long serialVersionUID = 1L;

    NotExpressibleException(String message) {
        super(message);
    }
}
