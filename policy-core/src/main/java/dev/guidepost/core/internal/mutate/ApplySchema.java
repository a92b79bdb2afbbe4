package dev.guidepost.core.internal.mutate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What server-side apply needs to know of a Kubernetes kind to merge an apply configuration into it: for each
 * field, whether it is a struct, a map or a list, whether it is atomic (replaced whole), and how list items are
 * identified ({@code x-kubernetes-list-type: map} with its keys, {@code set}, {@code atomic}). This is the subset
 * of the Kubernetes 1.32 OpenAPI schemas (as structured-merge-diff reads them) for pods and pod templates of the
 * workload kinds, and object metadata of every kind. Fields outside it are {@link #UNKNOWN}: a scalar there is
 * taken as it is, but a map or a list there cannot be merged faithfully and is reported as unsupported.
 */
public final class ApplySchema {

    /** How a list merges. */
    enum ListType {
        ATOMIC, SET, MAP
    }

    /** A schema node. */
    sealed interface Node permits Struct, MapOf, ListOf, Scalar, Unknown {
    }

    /** A struct: named fields ({@link #UNKNOWN} for the others); atomic ones are replaced whole. */
    record Struct(Map<String, Node> fields, boolean atomic) implements Node {
        Node field(String name) {
            return fields.getOrDefault(name, UNKNOWN);
        }
    }

    /** A map of string keys ({@code additionalProperties}). */
    record MapOf(Node element, boolean atomic) implements Node {
    }

    /**
     * A list: its items, how it merges and, for a map list, its key fields with their defaults (for example a
     * port's protocol is TCP when omitted).
     */
    record ListOf(Node element, ListType type, List<String> keys, Map<String, Object> keyDefaults)
            implements Node {
    }

    /** A scalar. */
    record Scalar() implements Node {
    }

    /** A field this schema does not describe. */
    record Unknown() implements Node {
    }

    static final Node SCALAR = new Scalar();
    static final Node UNKNOWN = new Unknown();

    private static final Node STRING_MAP = new MapOf(SCALAR, false);
    private static final Node ATOMIC_SCALARS = new ListOf(SCALAR, ListType.ATOMIC, List.of(), Map.of());
    private static final Node ATOMIC_STRUCT = new Struct(Map.of(), true);

    private static final Node OBJECT_META = struct(false,
            "labels", STRING_MAP,
            "annotations", STRING_MAP,
            "finalizers", new ListOf(SCALAR, ListType.SET, List.of(), Map.of()),
            "ownerReferences", mapList(ATOMIC_STRUCT, "uid"));

    private static final Node KEY_SELECTOR = ATOMIC_STRUCT;

    private static final Node ENV_VAR = struct(false,
            "valueFrom", struct(false,
                    "configMapKeyRef", KEY_SELECTOR,
                    "secretKeyRef", KEY_SELECTOR,
                    "fieldRef", KEY_SELECTOR,
                    "resourceFieldRef", KEY_SELECTOR));

    private static final Node PROBE = struct(false,
            "exec", struct(false, "command", ATOMIC_SCALARS),
            "httpGet", struct(false, "httpHeaders", new ListOf(struct(false), ListType.ATOMIC, List.of(),
                    Map.of())),
            "tcpSocket", struct(false),
            "grpc", struct(false));

    private static final Node CONTAINER = struct(false,
            "command", ATOMIC_SCALARS,
            "args", ATOMIC_SCALARS,
            "env", mapList(ENV_VAR, "name"),
            "envFrom", new ListOf(struct(false), ListType.ATOMIC, List.of(), Map.of()),
            "ports", new ListOf(struct(false), ListType.MAP, List.of("containerPort", "protocol"),
                    Map.of("protocol", "TCP")),
            "volumeMounts", mapList(struct(false), "mountPath"),
            "volumeDevices", mapList(struct(false), "devicePath"),
            "resources", struct(false,
                    "limits", STRING_MAP,
                    "requests", STRING_MAP,
                    "claims", mapList(struct(false), "name")),
            "resizePolicy", new ListOf(struct(false), ListType.ATOMIC, List.of(), Map.of()),
            "securityContext", struct(false,
                    "capabilities", struct(false, "add", ATOMIC_SCALARS, "drop", ATOMIC_SCALARS),
                    "seLinuxOptions", struct(false),
                    "seccompProfile", struct(false),
                    "appArmorProfile", struct(false),
                    "windowsOptions", struct(false)),
            "livenessProbe", PROBE,
            "readinessProbe", PROBE,
            "startupProbe", PROBE);

    private static final Node VOLUME = struct(false,
            "emptyDir", struct(false),
            "hostPath", struct(false),
            "persistentVolumeClaim", struct(false),
            "configMap", struct(false, "items", new ListOf(struct(false), ListType.ATOMIC, List.of(), Map.of())),
            "secret", struct(false, "items", new ListOf(struct(false), ListType.ATOMIC, List.of(), Map.of())));

    private static final Node POD_SPEC = struct(false,
            "containers", mapList(CONTAINER, "name"),
            "initContainers", mapList(CONTAINER, "name"),
            "volumes", mapList(VOLUME, "name"),
            "tolerations", new ListOf(struct(false), ListType.ATOMIC, List.of(), Map.of()),
            "nodeSelector", new MapOf(SCALAR, true),
            "securityContext", struct(false,
                    "supplementalGroups", ATOMIC_SCALARS,
                    "sysctls", new ListOf(struct(false), ListType.ATOMIC, List.of(), Map.of()),
                    "seLinuxOptions", struct(false),
                    "seccompProfile", struct(false),
                    "appArmorProfile", struct(false),
                    "windowsOptions", struct(false)),
            "dnsConfig", struct(false,
                    "nameservers", ATOMIC_SCALARS,
                    "searches", ATOMIC_SCALARS,
                    "options", new ListOf(struct(false), ListType.ATOMIC, List.of(), Map.of())),
            "hostAliases", mapList(struct(false, "hostnames", ATOMIC_SCALARS), "ip"),
            "readinessGates", new ListOf(struct(false), ListType.ATOMIC, List.of(), Map.of()),
            "schedulingGates", mapList(struct(false), "name"),
            "overhead", STRING_MAP);

    private static final Node POD_TEMPLATE = struct(false, "metadata", OBJECT_META, "spec", POD_SPEC);

    private static final Node POD = struct(false, "metadata", OBJECT_META, "spec", POD_SPEC);

    private static final Node WORKLOAD = struct(false, "metadata", OBJECT_META,
            "spec", struct(false, "template", POD_TEMPLATE, "selector", ATOMIC_STRUCT));

    private static final Node CRON_JOB = struct(false, "metadata", OBJECT_META,
            "spec", struct(false, "jobTemplate", struct(false, "metadata", OBJECT_META,
                    "spec", struct(false, "template", POD_TEMPLATE, "selector", ATOMIC_STRUCT))));

    private static final Node OTHER = struct(false, "metadata", OBJECT_META);

    private ApplySchema() {
    }

    /** The schema of a kind of the core or workload API groups; other kinds only have their metadata described. */
    static Node of(String apiVersion, String kind) {
        String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        return switch (group + "/" + kind) {
            case "/Pod" -> POD;
            case "apps/Deployment", "apps/StatefulSet", "apps/DaemonSet", "apps/ReplicaSet", "batch/Job" -> WORKLOAD;
            case "batch/CronJob" -> CRON_JOB;
            default -> OTHER;
        };
    }

    private static Node mapList(Node element, String key) {
        return new ListOf(element, ListType.MAP, List.of(key), Map.of());
    }

    private static Struct struct(boolean atomic, Object... fields) {
        Map<String, Node> out = new LinkedHashMap<>();
        for (int i = 0; i < fields.length; i += 2) {
            out.put((String) fields[i], (Node) fields[i + 1]);
        }
        return new Struct(out, atomic);
    }
}
