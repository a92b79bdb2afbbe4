package dev.guidepost.core.internal.engine;

import java.util.List;

/** A policy that cannot be compiled; {@link #path()} points at the offending field of the policy document. */
public final class PolicyCompileException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient List<Object> path;

    public PolicyCompileException(List<Object> path, String message) {
        super(message);
        this.path = List.copyOf(path);
    }

    /** The path of the offending field in the policy document (map keys and list indexes). */
    public List<Object> path() {
        return path;
    }
}
