package dev.guidepost.core.internal.match;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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

    /** Where Deployments and the other pod controllers keep their pod template. */
    public static final List<String> POD_TEMPLATE_PATH = List.of("spec", "template");
    /** Where CronJobs keep their pod template. */
    public static final List<String> CRONJOB_TEMPLATE_PATH = List.of("spec", "jobTemplate", "spec", "template");
    /** Both places a pod template sits: in the pod controllers, then in CronJobs. */
    public static final List<List<String>> TEMPLATE_PATHS = List.of(POD_TEMPLATE_PATH, CRONJOB_TEMPLATE_PATH);

    /** The annotation with which a ClusterPolicy narrows its autogen: {@code none}, {@code all} or a list. */
    public static final String CLUSTER_POLICY_ANNOTATION = "pod-policies.kyverno.io/autogen-controllers";

    private PodControllers() {
    }

    /**
     * Where a kind keeps its pod spec: {@code spec} for a Pod, the pod template's {@code spec} for the controllers
     * of {@link #CLUSTER_POLICY}; empty for other kinds.
     */
    public static Optional<List<String>> podSpecPath(String kind) {
        if (kind.equals("Pod")) {
            return Optional.of(List.of("spec"));
        }
        if (!CLUSTER_POLICY.contains(kind)) {
            return Optional.empty();
        }
        List<String> path = new java.util.ArrayList<>(kind.equals("CronJob") ? CRONJOB_TEMPLATE_PATH
                : POD_TEMPLATE_PATH);
        path.add("spec");
        return Optional.of(List.copyOf(path));
    }

    /**
     * The templates of a pod controller that carry their own {@code metadata}, outermost first: its pod template
     * ({@code spec.template}), and for a CronJob its job template before it ({@code spec.jobTemplate}); none for
     * other kinds.
     */
    public static List<List<String>> templatePaths(String kind) {
        List<String> spec = podSpecPath(kind).orElse(List.of());
        List<List<String>> out = new java.util.ArrayList<>();
        for (int i = 0; i < spec.size(); i++) {
            if (spec.get(i).equals("template") || spec.get(i).equals("jobTemplate")) {
                out.add(List.copyOf(spec.subList(0, i + 1)));
            }
        }
        return List.copyOf(out);
    }

    /**
     * For a fix written for Pods, where a controller keeps the Pod's fields: "In this CronJob the Pod's fields are
     * under spec.jobTemplate.spec.template: its spec.X is spec.jobTemplate.spec.template.spec.X, ..."; empty for
     * other kinds.
     */
    public static String whereThePodIs(String kind) {
        Optional<List<String>> spec = podSpecPath(kind);
        if (spec.isEmpty() || kind.equals("Pod")) {
            return "";
        }
        String template = String.join(".", spec.get().subList(0, spec.get().size() - 1));
        return "In this " + kind + " the Pod's fields are under " + template + ": its spec.X is " + template
                + ".spec.X, its metadata " + template + ".metadata.";
    }

    /**
     * The controllers a ClusterPolicy's autogen annotation names: all of {@link #CLUSTER_POLICY} without it or
     * with {@code all}, none with {@code none}, else its comma-separated entries exactly as Kyverno splits them,
     * without trimming, so {@code "Deployment, StatefulSet"} names {@code " StatefulSet"}, which is no kind.
     */
    public static List<String> ofClusterPolicy(Map<String, Object> annotations) {
        Object annotation = annotations.get(CLUSTER_POLICY_ANNOTATION);
        if (annotation == null || String.valueOf(annotation).equals("all")) {
            return CLUSTER_POLICY;
        }
        String value = String.valueOf(annotation);
        return value.equals("none") ? List.of() : Arrays.asList(value.split(",", -1));
    }

    /**
     * True when the annotation's entries give CronJobs a rule: Kyverno looks for {@code CronJob} (or {@code all})
     * anywhere in them, so {@code " CronJob"} counts where {@code " StatefulSet"} does not.
     */
    public static boolean includesCronJob(List<String> controllers) {
        String joined = String.join(",", controllers);
        return joined.contains("CronJob") || joined.contains("all");
    }

    /** The kinds a ClusterPolicy's autogen gives rules to, given its annotation's entries. */
    public static List<String> autogenKinds(List<String> controllers) {
        List<String> kinds = new java.util.ArrayList<>(controllers.stream()
                .filter(c -> CLUSTER_POLICY.contains(c) && !c.equals("CronJob")).distinct().toList());
        if (includesCronJob(controllers)) {
            kinds.add("CronJob");
        }
        return List.copyOf(kinds);
    }
}
