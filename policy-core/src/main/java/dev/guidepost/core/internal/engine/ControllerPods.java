package dev.guidepost.core.internal.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.guidepost.core.Manifest;
import dev.guidepost.core.internal.yaml.PlainValues;

/**
 * The Pods a pod controller creates, as the cluster's Kyverno sees them when the controller creates each one: the
 * template's metadata and spec, a name like those the controller gives (so a policy matching Pods by name matches
 * them and one naming the controller does not), the controller's ownership, and what a DaemonSet's controller adds
 * to each Pod (the node affinity that pins it to its node, and its tolerations). The API server then gives the Pod
 * its Pod-only defaults ({@link ApiServerDefaults}).
 */
final class ControllerPods {

    private static final String NODE = "node-1";

    private ControllerPods() {
    }

    /** A Pod the controller {@code manifest} creates from its {@code template}, in {@code namespace}. */
    static Map<String, Object> podOf(Manifest manifest, Object template, String namespace) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", podName(manifest.kind(), manifest.name()));
        if (!namespace.isEmpty()) {
            metadata.put("namespace", namespace);
        }
        metadata.put("ownerReferences", List.of(owner(manifest)));
        Map<String, Object> templateMetadata = PlainValues.map(template, "metadata");
        for (String key : List.of("labels", "annotations")) {
            if (templateMetadata.get(key) instanceof Map<?, ?> values) {
                metadata.put(key, values);
            }
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> spec = (Map<String, Object>) PlainValues.mutableCopy(PlainValues.map(template, "spec"));
        if (manifest.kind().equals("DaemonSet")) {
            pinToNode(spec);
            tolerate(spec);
        }
        Map<String, Object> pod = new LinkedHashMap<>();
        pod.put("apiVersion", "v1");
        pod.put("kind", "Pod");
        pod.put("metadata", metadata);
        pod.put("spec", spec);
        return pod;
    }

    /**
     * What a controller's Pods get that its template lacks, in words: requests taken from limits and host ports on
     * the host network (the API server's Pod-only defaults), a DaemonSet controller's node affinity and
     * tolerations; none when the Pods are the template.
     */
    static List<String> whatPodsGet(String kind, Object spec) {
        boolean hostNetwork = Boolean.TRUE.equals(PlainValues.at(spec, "hostNetwork"));
        boolean requests = false;
        boolean hostPorts = false;
        for (String list : List.of("containers", "initContainers")) {
            if (!(PlainValues.at(spec, list) instanceof List<?> containers)) {
                continue;
            }
            for (Object container : containers) {
                Object limits = PlainValues.at(container, "resources", "limits");
                Object written = PlainValues.at(container, "resources", "requests");
                requests |= limits instanceof Map<?, ?> l && !l.isEmpty() && !(written instanceof Map<?, ?> r
                        && r.keySet().containsAll(l.keySet()));
                hostPorts |= hostNetwork && PlainValues.at(container, "ports") instanceof List<?> ports
                        && ports.stream().anyMatch(p -> PlainValues.at(p, "hostPort") == null);
            }
        }
        List<String> out = new ArrayList<>();
        if (requests) {
            out.add("requests taken from limits");
        }
        if (hostPorts) {
            out.add("host ports from container ports on the host network");
        }
        if (kind.equals("DaemonSet")) {
            out.add("the node affinity and tolerations the DaemonSet controller adds");
        }
        return out;
    }

    /**
     * A name like those the controller gives its Pods: a StatefulSet's first ordinal, the others a generated suffix
     * (a Deployment's after its ReplicaSet's, a CronJob's after its Job's).
     */
    private static String podName(String kind, String controller) {
        return switch (kind) {
            case "StatefulSet" -> controller + "-0";
            case "Deployment" -> controller + "-6d4cf56db6-x7k2p";
            case "CronJob" -> controller + "-29150000-x7k2p";
            default -> controller + "-x7k2p";
        };
    }

    /** The controller that creates the Pod: a Deployment's ReplicaSet, a CronJob's Job, else the controller. */
    private static Map<String, Object> owner(Manifest manifest) {
        String[] owner = switch (manifest.kind()) {
            case "Deployment" -> new String[] {"apps/v1", "ReplicaSet", manifest.name() + "-6d4cf56db6"};
            case "CronJob" -> new String[] {"batch/v1", "Job", manifest.name() + "-29150000"};
            default -> new String[] {manifest.apiVersion(), manifest.kind(), manifest.name()};
        };
        Map<String, Object> reference = new LinkedHashMap<>();
        reference.put("apiVersion", owner[0]);
        reference.put("kind", owner[1]);
        reference.put("name", owner[2]);
        reference.put("controller", true);
        reference.put("blockOwnerDeletion", true);
        return reference;
    }

    /**
     * A DaemonSet Pod's required node affinity, which its controller sets to the node it runs on (replacing the
     * template's required node selector terms, keeping its other affinity).
     */
    private static void pinToNode(Map<String, Object> spec) {
        Map<String, Object> affinity = child(spec, "affinity");
        Map<String, Object> nodeAffinity = child(affinity, "nodeAffinity");
        Map<String, Object> term = new LinkedHashMap<>();
        term.put("matchFields", List.of(Map.of("key", "metadata.name", "operator", "In", "values", List.of(NODE))));
        nodeAffinity.put("requiredDuringSchedulingIgnoredDuringExecution",
                Map.of("nodeSelectorTerms", List.of(term)));
    }

    /** The tolerations a DaemonSet's controller adds to each Pod it creates, in place of the template's same ones. */
    private static void tolerate(Map<String, Object> spec) {
        List<Object> tolerations = new ArrayList<>(spec.get("tolerations") instanceof List<?> written ? written
                : List.of());
        List<String[]> added = new ArrayList<>(List.of(
                new String[] {"node.kubernetes.io/not-ready", "NoExecute"},
                new String[] {"node.kubernetes.io/unreachable", "NoExecute"},
                new String[] {"node.kubernetes.io/disk-pressure", "NoSchedule"},
                new String[] {"node.kubernetes.io/memory-pressure", "NoSchedule"},
                new String[] {"node.kubernetes.io/pid-pressure", "NoSchedule"},
                new String[] {"node.kubernetes.io/unschedulable", "NoSchedule"}));
        if (Boolean.TRUE.equals(spec.get("hostNetwork"))) {
            added.add(new String[] {"node.kubernetes.io/network-unavailable", "NoSchedule"});
        }
        for (String[] taint : added) {
            // the controller's toleration replaces one the template gives for the same taint
            tolerations.removeIf(t -> taint[0].equals(PlainValues.at(t, "key"))
                    && "Exists".equals(PlainValues.at(t, "operator")) && taint[1].equals(PlainValues.at(t, "effect"))
                    && PlainValues.string(t, "value").isEmpty());
            Map<String, Object> toleration = new LinkedHashMap<>();
            toleration.put("key", taint[0]);
            toleration.put("operator", "Exists");
            toleration.put("effect", taint[1]);
            tolerations.add(toleration);
        }
        spec.put("tolerations", tolerations);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> child(Map<String, Object> parent, String key) {
        if (parent.get(key) instanceof Map<?, ?> existing) {
            Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) existing);
            parent.put(key, copy);
            return copy;
        }
        Map<String, Object> made = new LinkedHashMap<>();
        parent.put(key, made);
        return made;
    }
}
