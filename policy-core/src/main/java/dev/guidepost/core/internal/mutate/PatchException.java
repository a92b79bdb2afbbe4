package dev.guidepost.core.internal.mutate;

/** A patch that cannot be applied to a resource; Kyverno reports the rule as an error. */
public final class PatchException extends RuntimeException {

    private final boolean testFailed;

    public PatchException(String message) {
        this(message, false);
    }

    PatchException(String message, boolean testFailed) {
        super(message, null, false, false);
        this.testFailed = testFailed;
    }

    /** True when a {@code test} operation failed (Kubernetes then leaves the object as it was). */
    public boolean testFailed() {
        return testFailed;
    }
}
