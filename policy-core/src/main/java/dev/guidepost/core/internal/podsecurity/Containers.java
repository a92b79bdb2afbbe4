package dev.guidepost.core.internal.podsecurity;

import java.util.List;
import java.util.Map;

import dev.guidepost.core.internal.yaml.PlainValues;

/** Visits a pod's containers, init containers and ephemeral containers in that order, as pod-security-admission. */
final class Containers {

    /** The three container lists of a pod spec. */
    static final List<String> TYPES = List.of("containers", "initContainers", "ephemeralContainers");

    /** Receives each container with its field path, such as {@code spec.initContainers[1]}. */
    interface Visitor {
        void visit(Map<String, Object> container, String name, String path);
    }

    private Containers() {
    }

    static void visit(PodView pod, Visitor visitor) {
        for (String type : TYPES) {
            List<Object> list = pod.containers(type);
            for (int i = 0; i < list.size(); i++) {
                Map<String, Object> container = PlainValues.map(list.get(i));
                visitor.visit(container, PlainValues.string(container, "name"), "spec." + type + "[" + i + "]");
            }
        }
    }

    /** The container's security context, or an empty map. */
    static Map<String, Object> securityContext(Map<String, Object> container) {
        return PlainValues.map(container, "securityContext");
    }
}
