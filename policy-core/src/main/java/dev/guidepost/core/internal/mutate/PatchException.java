package dev.guidepost.core.internal.mutate;

/** A patch that cannot be applied to a resource; Kyverno reports the rule as an error. */
public final class PatchException extends RuntimeException {

    public PatchException(String message) {
        super(message, null, false, false);
    }
}
