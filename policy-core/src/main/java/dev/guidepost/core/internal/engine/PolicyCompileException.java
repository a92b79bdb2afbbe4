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

    /**
     * One exception for several problems of a policy: the first, carrying the others as suppressed exceptions,
     * so each keeps its path ({@link #all()} lists them).
     */
    public static PolicyCompileException of(List<PolicyCompileException> problems) {
        PolicyCompileException first = problems.get(0);
        problems.subList(1, problems.size()).forEach(first::addSuppressed);
        return first;
    }

    /** This problem and those {@link #of(List)} attached to it, in order. */
    public List<PolicyCompileException> all() {
        List<PolicyCompileException> all = new java.util.ArrayList<>();
        all.add(this);
        for (Throwable other : getSuppressed()) {
            if (other instanceof PolicyCompileException p) {
                all.add(p);
            }
        }
        return all;
    }

    /** The path of the offending field in the policy document (map keys and list indexes). */
    public List<Object> path() {
        return path;
    }
}
