package dev.guidepost.core.internal.podsecurity;

import java.util.List;

/**
 * One Pod Security Standards check of pod-security-admission: its id, its level, and its versions (each the
 * Kubernetes minor version from which that variant applies, oldest first).
 */
interface PodSecurityCheck {

    String id();

    PodSecurityLevel level();

    /** The minimum versions of the check's variants, oldest first. */
    List<Integer> versions();

    /** The variant applying from {@code version} on the pod: null when it allows the pod. */
    CheckResult check(int version, PodView pod);
}
