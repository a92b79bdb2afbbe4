package dev.guidepost.core.internal.podsecurity;

import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.guidepost.core.internal.yaml.PlainValues;

/**
 * The pod a podSecurity rule checks: its metadata and spec, taken as Kyverno's handler takes them from a Pod, from
 * the pod template of a DaemonSet, Deployment, Job, StatefulSet, ReplicaSet or ReplicationController, or from a
 * CronJob (whose metadata, in Kyverno, is the job template's, not the pod template's).
 *
 * @param metadata the pod metadata (annotations are read)
 * @param spec     the pod spec
 */
record PodView(Map<String, Object> metadata, Map<String, Object> spec) {

    private static final Set<String> TEMPLATE_KINDS = Set.of("DaemonSet", "Deployment", "Job", "StatefulSet",
            "ReplicaSet", "ReplicationController");

    /** The pod of a resource, or null when its kind has none Kyverno reads. */
    static PodView of(Map<String, Object> resource) {
        String kind = PlainValues.string(resource, "kind");
        if (TEMPLATE_KINDS.contains(kind)) {
            return new PodView(PlainValues.map(resource, "spec", "template", "metadata"),
                    PlainValues.map(resource, "spec", "template", "spec"));
        }
        if (kind.equals("CronJob")) {
            return new PodView(PlainValues.map(resource, "spec", "jobTemplate", "metadata"),
                    PlainValues.map(resource, "spec", "jobTemplate", "spec", "template", "spec"));
        }
        if (kind.equals("Pod")) {
            return new PodView(PlainValues.map(resource, "metadata"), PlainValues.map(resource, "spec"));
        }
        return null;
    }

    Map<String, Object> securityContext() {
        return PlainValues.map(spec, "securityContext");
    }

    /** The containers of one kind: {@code containers}, {@code initContainers} or {@code ephemeralContainers}. */
    List<Object> containers(String type) {
        return PlainValues.list(spec, type);
    }

    /**
     * True when the pod declares a Windows OS ({@code spec.os.name}) and the checks are those of Kubernetes 1.25 or
     * later: from then on the restricted checks of Linux-only fields do not apply to Windows pods.
     */
    boolean windowsExempt(int version) {
        return version >= 25 && PlainValues.string(spec, "os", "name").equals("windows");
    }
}
