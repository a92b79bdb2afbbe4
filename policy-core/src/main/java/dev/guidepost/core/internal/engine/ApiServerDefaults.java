package dev.guidepost.core.internal.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.guidepost.core.internal.yaml.PlainValues;

/**
 * The defaults the API server fills in when it decodes an object, before any admission webhook sees it (and again
 * after each mutating webhook): a check hands Kyverno the object the cluster's Kyverno receives, so a policy reading
 * a Service's {@code spec.type} or a container's {@code imagePullPolicy} gets the cluster's value when the manifest
 * leaves it out. The defaults are those of Kubernetes' own defaulting functions for the built-in kinds policies
 * most often read (core/v1 pods and pod templates, containers, probes, volumes, Services, Secrets, Namespaces,
 * persistent volumes and claims; apps/v1 and batch/v1 controllers; storage classes and network policies), in their
 * current form (a Pod's requests from
 * its limits and hostNetwork's host ports are Pod-only). Fields the manifest sets are never changed, and a field of
 * an unexpected type is left as it is; text written empty ({@code imagePullPolicy: ""}, as Helm's {@code quote}
 * renders an unset value) is unset, as Go's defaulters read it. What the API server's JSON leaves out is left out
 * too: an empty map such as a ConfigMap's {@code data: {}} is not filled in, {@code false}, {@code 0} and empty
 * text, lists and maps in the optional fields Kubernetes writes only when set ({@code hostNetwork}, {@code hostPort},
 * {@code nodeSelector}, ...) are removed, and a field written as {@code null} in an object of Kubernetes' own groups
 * is unset (a structure held by value, such as {@code spec}, is empty instead). A
 * Secret's {@code stringData} is merged into its {@code data}, encoded, as the API server stores it. The changes
 * of the API server's admission plugins (a Pod's {@code serviceAccountName: default}, a claim's default storage
 * class) and of its registry (a Service's cluster IP, a Job's generated selector) depend on the cluster and are
 * not made. {@code kyverno apply} and {@code kyverno test} apply none of this; the test
 * runner does not either.
 */
public final class ApiServerDefaults {

    private static final Long DEFAULT_FILE_MODE = 420L; // 0644

    private ApiServerDefaults() {
    }

    /**
     * A copy of {@code object} with the API server's defaults of its kind filled in and its nulls resolved;
     * {@code object} itself when neither applies (a custom resource outside Kubernetes' groups).
     */
    public static Map<String, Object> apply(String apiVersion, String kind, Map<String, Object> object) {
        String group = switch (apiVersion) {
            case "v1" -> "core";
            case "apps/v1" -> "apps";
            case "batch/v1" -> "batch";
            case "storage.k8s.io/v1" -> "storage";
            case "networking.k8s.io/v1" -> "networking";
            default -> "";
        };
        boolean defaulted = defaults(group, kind);
        boolean rbacRole = apiVersion.startsWith("rbac.authorization.k8s.io/")
                && (kind.equals("Role") || kind.equals("ClusterRole"));
        if (!defaulted && !rbacRole && !(kubernetesGroup(apiVersion) && hasNull(object))) {
            return object;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> copy = (Map<String, Object>) PlainValues.mutableCopy(object);
        dropNulls(copy, false);
        if (rbacRole && copy.get("rules") == null) {
            // rules is written without omitempty: a role without rules (an aggregated ClusterRole) reaches
            // Kyverno as rules: null
            copy.put("rules", null);
        }
        Map<String, Object> metadata = map(copy, "metadata");
        if (metadata != null) {
            dropEmpty(metadata, "labels", "annotations");
        }
        if (!defaulted) {
            return copy;
        }
        Map<String, Object> spec = map(copy, "spec");
        switch (kind) {
            case "PodTemplate" -> podTemplate(map(copy, "template"));
            case "Secret" -> secret(copy);
            case "Namespace" -> namespace(copy);
            case "StorageClass" -> storageClass(copy);
            // the spec is held by value: a policy without one is defaulted all the same
            case "NetworkPolicy" -> networkPolicy(child(copy, "spec"));
            default -> {
                if (spec == null) {
                    break;
                }
                switch (kind) {
                    case "Pod" -> {
                        podSpec(spec);
                        podOnly(spec);
                    }
                    case "ReplicationController" -> replicationController(copy, spec);
                    case "Deployment" -> deployment(spec);
                    case "StatefulSet" -> statefulSet(spec);
                    case "DaemonSet" -> daemonSet(spec);
                    case "ReplicaSet" -> {
                        setIfAbsent(spec, "replicas", 1L);
                        podTemplate(map(spec, "template"));
                    }
                    case "Job" -> job(copy, spec);
                    case "CronJob" -> cronJob(spec);
                    case "Service" -> service(spec);
                    case "PersistentVolumeClaim" -> claimSpec(spec);
                    case "PersistentVolume" -> persistentVolume(spec);
                    default -> {
                    }
                }
            }
        }
        return copy;
    }

    // ---------------------------------------------------------------- controllers

    private static void replicationController(Map<String, Object> object, Map<String, Object> spec) {
        setIfAbsent(spec, "replicas", 1L);
        Map<String, Object> template = map(spec, "template");
        podTemplate(template);
        Object labels = template == null ? null : PlainValues.at(template, "metadata", "labels");
        if (labels instanceof Map<?, ?> templateLabels && !templateLabels.isEmpty()) {
            if (isEmptyMap(spec.get("selector"))) {
                spec.put("selector", PlainValues.mutableCopy(templateLabels));
            }
            inheritLabels(object, templateLabels);
        }
    }

    private static void deployment(Map<String, Object> spec) {
        setIfAbsent(spec, "replicas", 1L);
        rollingUpdate(child(spec, "strategy"), "25%", "25%");
        setIfAbsent(spec, "revisionHistoryLimit", 10L);
        setIfAbsent(spec, "progressDeadlineSeconds", 600L);
        podTemplate(map(spec, "template"));
    }

    private static void daemonSet(Map<String, Object> spec) {
        rollingUpdate(child(spec, "updateStrategy"), 1L, 0L);
        setIfAbsent(spec, "revisionHistoryLimit", 10L);
        podTemplate(map(spec, "template"));
    }

    /** A Deployment's or DaemonSet's strategy: rolling updates, with these bounds unless the manifest sets them. */
    private static void rollingUpdate(Map<String, Object> strategy, Object maxUnavailable, Object maxSurge) {
        setIfAbsent(strategy, "type", "RollingUpdate");
        if ("RollingUpdate".equals(strategy.get("type"))) {
            Map<String, Object> rolling = child(strategy, "rollingUpdate");
            setIfAbsent(rolling, "maxUnavailable", maxUnavailable);
            setIfAbsent(rolling, "maxSurge", maxSurge);
        }
    }

    private static void statefulSet(Map<String, Object> spec) {
        setIfAbsent(spec, "podManagementPolicy", "OrderedReady");
        Map<String, Object> strategy = child(spec, "updateStrategy");
        if (absent(strategy, "type")) {
            strategy.put("type", "RollingUpdate");
            child(strategy, "rollingUpdate");
        }
        if ("RollingUpdate".equals(strategy.get("type")) && map(strategy, "rollingUpdate") != null) {
            setIfAbsent(map(strategy, "rollingUpdate"), "partition", 0L);
        }
        Map<String, Object> retention = child(spec, "persistentVolumeClaimRetentionPolicy");
        setIfAbsent(retention, "whenDeleted", "Retain");
        setIfAbsent(retention, "whenScaled", "Retain");
        setIfAbsent(spec, "replicas", 1L);
        setIfAbsent(spec, "revisionHistoryLimit", 10L);
        podTemplate(map(spec, "template"));
        for (Map<String, Object> claim : maps(spec.get("volumeClaimTemplates"))) {
            claimSpec(map(claim, "spec"));
            setIfAbsent(child(claim, "status"), "phase", "Pending");
        }
    }

    private static void job(Map<String, Object> object, Map<String, Object> spec) {
        if (absent(spec, "completions") && absent(spec, "parallelism")) {
            spec.put("completions", 1L);
        }
        setIfAbsent(spec, "parallelism", 1L);
        setIfAbsent(spec, "backoffLimit", absent(spec, "backoffLimitPerIndex") ? 6L : (long) Integer.MAX_VALUE);
        setIfAbsent(spec, "completionMode", "NonIndexed");
        setIfAbsent(spec, "suspend", false);
        setIfAbsent(spec, "podReplacementPolicy", absent(spec, "podFailurePolicy") ? "TerminatingOrFailed" : "Failed");
        setIfAbsent(spec, "manualSelector", false);
        Map<String, Object> failurePolicy = map(spec, "podFailurePolicy");
        for (Map<String, Object> rule : failurePolicy == null ? List.<Map<String, Object>>of()
                : maps(failurePolicy.get("rules"))) {
            for (Map<String, Object> pattern : maps(rule.get("onPodConditions"))) {
                setIfAbsent(pattern, "status", "True");
            }
        }
        Map<String, Object> template = map(spec, "template");
        podTemplate(template);
        Object labels = template == null ? null : PlainValues.at(template, "metadata", "labels");
        if (labels instanceof Map<?, ?> templateLabels) {
            inheritLabels(object, templateLabels);
        }
    }

    private static void cronJob(Map<String, Object> spec) {
        setIfAbsent(spec, "concurrencyPolicy", "Allow");
        setIfAbsent(spec, "suspend", false);
        setIfAbsent(spec, "successfulJobsHistoryLimit", 3L);
        setIfAbsent(spec, "failedJobsHistoryLimit", 1L);
        // the job template gets the pod template's defaults, not a Job's
        Object jobSpec = PlainValues.at(spec, "jobTemplate", "spec");
        if (jobSpec instanceof Map<?, ?>) {
            podTemplate(map(asMap(jobSpec), "template"));
        }
    }

    /**
     * True for Kubernetes' own API groups (the core group, the groups without a dot such as {@code apps}, and
     * {@code *.k8s.io}), whose objects the API server decodes into typed fields: a field written as {@code null} is
     * then unset, and the API server's JSON leaves it out (as it prunes nulls from custom resources of these groups).
     */
    private static boolean kubernetesGroup(String apiVersion) {
        int slash = apiVersion.indexOf('/');
        String group = slash < 0 ? "" : apiVersion.substring(0, slash);
        return group.isEmpty() || !group.contains(".") || group.endsWith(".k8s.io");
    }

    /** The maps whose values are text (a {@code null} there is the empty string, not an unset field). */
    private static final java.util.Set<String> TEXT_MAPS = java.util.Set.of("labels", "annotations", "nodeSelector",
            "matchLabels", "data", "stringData");

    /**
     * The fields that are structures held by value, not by pointer: the API server reads {@code null} there as an
     * empty structure, which its JSON always writes ({@code resources: {}} on every container).
     */
    private static final java.util.Set<String> VALUE_STRUCTS = java.util.Set.of("spec", "template", "metadata",
            "strategy", "updateStrategy", "resources", "jobTemplate");

    private static boolean hasNull(Object node) {
        if (node instanceof Map<?, ?> map) {
            return map.values().stream().anyMatch(v -> v == null || hasNull(v));
        }
        return node instanceof List<?> list && list.stream().anyMatch(ApiServerDefaults::hasNull);
    }

    /**
     * Removes fields written as null, recursively; a structure held by value ({@code spec:}) becomes empty, and in a
     * map of text ({@code labels: {a: null}}) null is "".
     */
    private static void dropNulls(Object node, boolean textMap) {
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> fields = asMap(map);
            if (textMap) {
                fields.replaceAll((key, value) -> value == null ? "" : value);
                return;
            }
            fields.replaceAll((key, value) -> value == null && VALUE_STRUCTS.contains(key)
                    ? new LinkedHashMap<String, Object>() : value);
            fields.values().removeIf(java.util.Objects::isNull);
            fields.forEach((key, value) -> dropNulls(value, TEXT_MAPS.contains(key)));
        } else if (node instanceof List<?> list) {
            list.forEach(item -> dropNulls(item, false));
        }
    }

    private static boolean defaults(String group, String kind) {
        return switch (group) {
            case "core" -> List.of("Pod", "PodTemplate", "ReplicationController", "Service", "Secret", "Namespace", "PersistentVolumeClaim", "PersistentVolume").contains(kind);
            case "apps" -> List.of("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet").contains(kind);
            case "batch" -> List.of("Job", "CronJob").contains(kind);
            case "storage" -> kind.equals("StorageClass");
            case "networking" -> kind.equals("NetworkPolicy");
            default -> false;
        };
    }

    // ---------------------------------------------------------------- pods

    private static void podTemplate(Map<String, Object> template) {
        Map<String, Object> metadata = template == null ? null : map(template, "metadata");
        if (metadata != null) {
            dropEmpty(metadata, "labels", "annotations");
        }
        Map<String, Object> spec = template == null ? null : map(template, "spec");
        if (spec != null) {
            podSpec(spec);
        }
    }

    /** What every pod spec gets, in a Pod or a template. */
    private static void podSpec(Map<String, Object> spec) {
        dropZero(spec, "hostNetwork", "hostPID", "hostIPC");
        dropEmpty(spec, "nodeSelector", "nodeName", "tolerations", "volumes", "initContainers", "ephemeralContainers",
                "imagePullSecrets", "hostAliases", "priorityClassName", "serviceAccountName", "serviceAccount",
                "hostname", "subdomain", "topologySpreadConstraints", "readinessGates");
        setIfAbsent(spec, "dnsPolicy", "ClusterFirst");
        setIfAbsent(spec, "restartPolicy", "Always");
        setIfAbsent(spec, "securityContext", new LinkedHashMap<String, Object>());
        setIfAbsent(spec, "terminationGracePeriodSeconds", 30L);
        setIfAbsent(spec, "schedulerName", "default-scheduler");
        for (String list : List.of("containers", "initContainers", "ephemeralContainers")) {
            for (Map<String, Object> container : maps(spec.get(list))) {
                container(container);
            }
        }
        for (Map<String, Object> volume : maps(spec.get("volumes"))) {
            volume(volume);
        }
    }

    /** What only a Pod gets (not a template): requests from limits, service links, host ports of hostNetwork. */
    private static void podOnly(Map<String, Object> spec) {
        for (String list : List.of("containers", "initContainers")) {
            for (Map<String, Object> container : maps(spec.get(list))) {
                Map<String, Object> resources = map(container, "resources");
                if (resources != null && resources.get("limits") instanceof Map<?, ?> limits) {
                    Map<String, Object> requests = child(resources, "requests");
                    limits.forEach((key, value) -> requests.putIfAbsent(String.valueOf(key), value));
                }
            }
        }
        setIfAbsent(spec, "enableServiceLinks", true);
        if (Boolean.TRUE.equals(spec.get("hostNetwork"))) {
            for (String list : List.of("containers", "initContainers")) {
                for (Map<String, Object> container : maps(spec.get(list))) {
                    for (Map<String, Object> port : maps(container.get("ports"))) {
                        if (isZero(port.get("hostPort")) && port.get("containerPort") instanceof Number number) {
                            port.put("hostPort", number.longValue());
                        }
                    }
                }
            }
        }
    }

    private static void container(Map<String, Object> container) {
        if ((absent(container, "imagePullPolicy") || "".equals(container.get("imagePullPolicy")))
                && container.get("image") instanceof String image) {
            container.put("imagePullPolicy", pullsAlways(image) ? "Always" : "IfNotPresent");
        }
        setIfAbsent(container, "resources", new LinkedHashMap<String, Object>()); // held by value: always written
        setIfAbsent(container, "terminationMessagePath", "/dev/termination-log");
        setIfAbsent(container, "terminationMessagePolicy", "File");
        dropZero(container, "stdin", "stdinOnce", "tty");
        dropEmpty(container, "args", "command", "env", "envFrom", "ports", "volumeMounts", "volumeDevices",
                "workingDir");
        for (Map<String, Object> port : maps(container.get("ports"))) {
            setIfAbsent(port, "protocol", "TCP");
            dropZero(port, "hostPort");
            dropEmpty(port, "name", "hostIP");
        }
        Map<String, Object> resources = map(container, "resources");
        if (resources != null) {
            dropEmpty(resources, "limits", "requests", "claims");
        }
        for (Map<String, Object> env : maps(container.get("env"))) {
            if ("".equals(env.get("value"))) {
                env.remove("value"); // text the API server's JSON leaves out when empty
            }
            Object fieldRef = PlainValues.at(env, "valueFrom", "fieldRef");
            if (fieldRef instanceof Map<?, ?>) {
                setIfAbsent(asMap(fieldRef), "apiVersion", "v1");
            }
        }
        for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
            Map<String, Object> settings = map(container, probe);
            if (settings != null) {
                // a probe's settings are defaulted when zero, not only when unset
                dropZero(settings, "timeoutSeconds", "periodSeconds", "successThreshold", "failureThreshold",
                        "initialDelaySeconds");
                setIfAbsent(settings, "timeoutSeconds", 1L);
                setIfAbsent(settings, "periodSeconds", 10L);
                setIfAbsent(settings, "successThreshold", 1L);
                setIfAbsent(settings, "failureThreshold", 3L);
                httpGet(map(settings, "httpGet"));
                Map<String, Object> grpc = map(settings, "grpc");
                if (grpc != null && !grpc.containsKey("service")) {
                    grpc.put("service", "");
                }
            }
        }
        Map<String, Object> lifecycle = map(container, "lifecycle");
        if (lifecycle != null) {
            for (String hook : List.of("postStart", "preStop")) {
                Map<String, Object> handler = map(lifecycle, hook);
                httpGet(handler == null ? null : map(handler, "httpGet"));
            }
        }
    }

    /** A downward API source's items read fields of API version v1 unless they say otherwise. */
    private static void fieldRefs(Map<String, Object> downwardApi) {
        for (Map<String, Object> item : downwardApi == null ? List.<Map<String, Object>>of()
                : maps(downwardApi.get("items"))) {
            Map<String, Object> fieldRef = map(item, "fieldRef");
            if (fieldRef != null) {
                setIfAbsent(fieldRef, "apiVersion", "v1");
            }
        }
    }

    private static void httpGet(Map<String, Object> action) {
        if (action != null) {
            setIfAbsent(action, "path", "/");
            setIfAbsent(action, "scheme", "HTTP");
        }
    }

    private static void volume(Map<String, Object> volume) {
        if (volume.keySet().stream().allMatch(key -> key.equals("name"))) {
            volume.put("emptyDir", new LinkedHashMap<String, Object>()); // a volume naming no source
        }
        for (String source : List.of("secret", "configMap", "downwardAPI", "projected")) {
            Map<String, Object> settings = map(volume, source);
            if (settings != null) {
                setIfAbsent(settings, "defaultMode", DEFAULT_FILE_MODE);
            }
        }
        Map<String, Object> projected = map(volume, "projected");
        for (Map<String, Object> projection : projected == null ? List.<Map<String, Object>>of()
                : maps(projected.get("sources"))) {
            Map<String, Object> token = map(projection, "serviceAccountToken");
            if (token != null) {
                setIfAbsent(token, "expirationSeconds", 3600L);
            }
            fieldRefs(map(projection, "downwardAPI"));
        }
        fieldRefs(map(volume, "downwardAPI"));
        Object claimSpec = PlainValues.at(volume, "ephemeral", "volumeClaimTemplate", "spec");
        if (claimSpec instanceof Map<?, ?>) {
            claimSpec(asMap(claimSpec));
        }
        Map<String, Object> hostPath = map(volume, "hostPath");
        if (hostPath != null) {
            setIfAbsent(hostPath, "type", "");
        }
    }

    /**
     * As the API server decides it: the tag {@code latest}, or neither a tag nor a digest, pulls always; anything
     * else if not present.
     */
    static boolean pullsAlways(String image) {
        boolean digest = image.contains("@");
        String name = digest ? image.substring(0, image.indexOf('@')) : image;
        int colon = name.lastIndexOf(':');
        String tag = colon > name.lastIndexOf('/') ? name.substring(colon + 1) : "";
        return tag.equals("latest") || tag.isEmpty() && !digest;
    }

    // ---------------------------------------------------------------- other kinds

    /** A Secret's type, and its stringData merged into its data, encoded, as the API server stores it. */
    private static void secret(Map<String, Object> secret) {
        setIfAbsent(secret, "type", "Opaque");
        if (secret.get("stringData") instanceof Map<?, ?> plain) {
            Map<String, Object> data = child(secret, "data");
            plain.forEach((key, value) -> {
                if (value instanceof String text) {
                    data.put(String.valueOf(key), java.util.Base64.getEncoder()
                            .encodeToString(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
                }
            });
            secret.remove("stringData");
        }
    }

    /** Every namespace is labelled with its name. */
    private static void namespace(Map<String, Object> namespace) {
        Map<String, Object> metadata = map(namespace, "metadata");
        if (metadata != null && metadata.get("name") instanceof String name && !name.isEmpty()) {
            child(metadata, "labels").put("kubernetes.io/metadata.name", name);
        }
    }

    /** storage/v1 SetDefaults_StorageClass: pointer fields, so text written empty stays as written. */
    private static void storageClass(Map<String, Object> storageClass) {
        for (Map.Entry<String, String> field : Map.of("reclaimPolicy", "Delete", "volumeBindingMode", "Immediate")
                .entrySet()) {
            if (absent(storageClass, field.getKey())) {
                storageClass.put(field.getKey(), field.getValue());
            }
        }
    }

    /**
     * networking/v1 SetDefaults_NetworkPolicy and SetDefaults_NetworkPolicyPort: without policy types a policy is
     * an Ingress one, and an Egress one too when it has egress rules; a port's protocol is TCP.
     */
    private static void networkPolicy(Map<String, Object> spec) {
        if (absent(spec, "podSelector")) {
            spec.put("podSelector", new LinkedHashMap<>()); // held by value: the empty selector
        }
        if (absent(spec, "policyTypes") || spec.get("policyTypes") instanceof List<?> types && types.isEmpty()) {
            List<Object> types = new ArrayList<>(List.of("Ingress"));
            if (spec.get("egress") instanceof List<?> egress && !egress.isEmpty()) {
                types.add("Egress");
            }
            spec.put("policyTypes", types);
        }
        for (String direction : List.of("ingress", "egress")) {
            if (spec.get(direction) instanceof List<?> rules) {
                for (Object rule : rules) {
                    if (rule instanceof Map<?, ?> r && r.get("ports") instanceof List<?> ports) {
                        for (Object port : ports) {
                            if (port instanceof Map<?, ?> p) {
                                @SuppressWarnings("unchecked")
                                Map<String, Object> portMap = (Map<String, Object>) p;
                                if (absent(portMap, "protocol")) {
                                    portMap.put("protocol", "TCP"); // a pointer: "" stays
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    private static void persistentVolume(Map<String, Object> spec) {
        setIfAbsent(spec, "persistentVolumeReclaimPolicy", "Retain");
        setIfAbsent(spec, "volumeMode", "Filesystem");
        Map<String, Object> hostPath = map(spec, "hostPath");
        if (hostPath != null) {
            setIfAbsent(hostPath, "type", "");
        }
    }

    private static void service(Map<String, Object> spec) {
        setIfAbsent(spec, "sessionAffinity", "None");
        if ("None".equals(spec.get("sessionAffinity"))) {
            spec.remove("sessionAffinityConfig");
        }
        if ("ClientIP".equals(spec.get("sessionAffinity"))) {
            Map<String, Object> clientIp = child(child(spec, "sessionAffinityConfig"), "clientIP");
            setIfAbsent(clientIp, "timeoutSeconds", 10800L);
        }
        setIfAbsent(spec, "type", "ClusterIP");
        for (Map<String, Object> port : maps(spec.get("ports"))) {
            setIfAbsent(port, "protocol", "TCP");
            Object target = port.get("targetPort");
            if ((isZero(target) || "".equals(target)) && port.get("port") instanceof Number number) {
                port.put("targetPort", number.longValue());
            }
        }
        Object type = spec.get("type");
        boolean external = "LoadBalancer".equals(type) || "NodePort".equals(type)
                || "ClusterIP".equals(type) && spec.get("externalIPs") instanceof List<?> ips && !ips.isEmpty();
        if (external) {
            setIfAbsent(spec, "externalTrafficPolicy", "Cluster");
        }
        if ("LoadBalancer".equals(type) || "NodePort".equals(type) || "ClusterIP".equals(type)) {
            setIfAbsent(spec, "internalTrafficPolicy", "Cluster");
        }
        if ("LoadBalancer".equals(type)) {
            setIfAbsent(spec, "allocateLoadBalancerNodePorts", true);
        }
    }

    private static void claimSpec(Map<String, Object> spec) {
        if (spec != null) {
            setIfAbsent(spec, "volumeMode", "Filesystem");
        }
    }

    /** The object's labels from its template's, when it has none (a Job's, a ReplicationController's). */
    private static void inheritLabels(Map<String, Object> object, Map<?, ?> templateLabels) {
        Map<String, Object> metadata = map(object, "metadata");
        if (metadata != null && isEmptyMap(metadata.get("labels")) && !templateLabels.isEmpty()) {
            metadata.put("labels", PlainValues.mutableCopy(templateLabels));
        }
    }

    // ---------------------------------------------------------------- maps

    /** True when the field is missing or null, which the API server decodes as unset. */
    private static boolean absent(Map<String, Object> map, String key) {
        return map.get(key) == null;
    }

    /** Sets a field the manifest leaves unset; for text, an empty string is unset too (Go's defaulters test ""). */
    private static void setIfAbsent(Map<String, Object> map, String key, Object value) {
        if (map != null && (absent(map, key) || value instanceof String && "".equals(map.get(key)))) {
            map.put(key, value);
        }
    }

    /** Removes false and zero values of fields the API server's JSON leaves out when empty ({@code omitempty}). */
    private static void dropZero(Map<String, Object> map, String... keys) {
        for (String key : keys) {
            Object value = map.get(key);
            if (Boolean.FALSE.equals(value) || value instanceof Number n && n.doubleValue() == 0) {
                map.remove(key);
            }
        }
    }

    /** True for a missing, null or zero number, which the API server treats as unset. */
    private static boolean isZero(Object value) {
        return value == null || value instanceof Number n && n.doubleValue() == 0;
    }

    /** Removes empty text, lists and maps of fields the API server's JSON leaves out when empty. */
    private static void dropEmpty(Map<String, Object> map, String... keys) {
        for (String key : keys) {
            Object value = map.get(key);
            if ("".equals(value) || value instanceof List<?> list && list.isEmpty()
                    || value instanceof Map<?, ?> entries && entries.isEmpty()) {
                map.remove(key);
            }
        }
    }

    private static boolean isEmptyMap(Object value) {
        return value == null || value instanceof Map<?, ?> m && m.isEmpty();
    }

    /** The map at {@code key}, or null when there is none or it is something else. */
    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        Object value = parent == null ? null : parent.get(key);
        return value instanceof Map<?, ?> ? asMap(value) : null;
    }

    /** The map at {@code key}, made when missing or null; a detached empty map when it is something else. */
    private static Map<String, Object> child(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        if (value == null) {
            Map<String, Object> made = new LinkedHashMap<>();
            parent.put(key, made);
            return made;
        }
        return value instanceof Map<?, ?> ? asMap(value) : new LinkedHashMap<>();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value) {
        return (Map<String, Object>) value;
    }

    /** The maps of a list (others skipped); none when it is not a list. */
    private static List<Map<String, Object>> maps(Object value) {
        if (!(value instanceof List<?> list)) {
            return List.of();
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object item : list) {
            if (item instanceof Map<?, ?>) {
                out.add(asMap(item));
            }
        }
        return out;
    }
}
