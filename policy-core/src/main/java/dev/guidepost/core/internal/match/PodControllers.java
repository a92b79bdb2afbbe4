package dev.guidepost.core.internal.match;

import java.util.List;

/**
 * The workload kinds that run pods through a pod template, which Kyverno's autogen adds to a policy written for
 * Pods. ValidatingPolicy autogen covers Deployments, StatefulSets, DaemonSets, ReplicaSets, Jobs and CronJobs;
 * ClusterPolicy autogen also covers ReplicationControllers.
 */
public final class PodControllers {

    /** What ValidatingPolicy autogen adds. */
    public static final List<String> VALIDATING_POLICY = List.of("Deployment", "StatefulSet", "DaemonSet",
            "ReplicaSet", "Job", "CronJob");
    /** What ClusterPolicy autogen adds. */
    public static final List<String> CLUSTER_POLICY = List.of("Deployment", "StatefulSet", "DaemonSet",
            "ReplicaSet", "Job", "CronJob", "ReplicationController");

    private PodControllers() {
    }
}
