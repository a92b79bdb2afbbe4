package dev.guidepost.core.internal.podsecurity;

import java.util.List;

/**
 * One Pod Security Standards check of pod-security-admission: its id, its level, and its versions (each the
 * Kubernetes minor version from which that variant applies, oldest first).
 */
abstract class PodSecurityCheck {

    private final String id;
    private final PodSecurityLevel level;
    private final List<Integer> versions;

    PodSecurityCheck(String id, PodSecurityLevel level, List<Integer> versions) {
        this.id = id;
        this.level = level;
        this.versions = List.copyOf(versions);
    }

    final String id() {
        return id;
    }

    final PodSecurityLevel level() {
        return level;
    }

    /** The minimum versions of the check's variants, oldest first. */
    final List<Integer> versions() {
        return versions;
    }

    /** The variant applying from {@code version} on the pod: null when it allows the pod. */
    abstract CheckResult check(int version, PodView pod);
}
