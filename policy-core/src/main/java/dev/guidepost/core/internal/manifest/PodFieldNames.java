package dev.guidepost.core.internal.manifest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.guidepost.core.internal.pack.IdSimilarity;

/**
 * The field names of a pod spec, its containers and their security contexts (Kubernetes 1.34), to catch a slip
 * such as {@code resource:} for {@code resources:} or {@code runAsNonRooot:}: the API server refuses unknown fields
 * (kubectl's and Helm's field validation), and a check would otherwise report the real field as missing. Only a
 * name one or two edits from a known one counts, so a field newer than this table is never taken for a slip.
 */
final class PodFieldNames {

    static final Set<String> POD_SPEC = Set.of("activeDeadlineSeconds", "affinity", "automountServiceAccountToken",
            "containers", "dnsConfig", "dnsPolicy", "enableServiceLinks", "ephemeralContainers", "hostAliases",
            "hostIPC", "hostNetwork", "hostPID", "hostUsers", "hostname", "hostnameOverride", "imagePullSecrets",
            "initContainers", "nodeName", "nodeSelector", "os", "overhead", "preemptionPolicy", "priority",
            "priorityClassName", "readinessGates", "resourceClaims", "resources", "restartPolicy", "runtimeClassName",
            "schedulerName", "schedulingGates", "securityContext", "serviceAccount", "serviceAccountName",
            "setHostnameAsFQDN", "shareProcessNamespace", "subdomain", "terminationGracePeriodSeconds", "tolerations",
            "topologySpreadConstraints", "volumes");
    static final Set<String> CONTAINER = Set.of("args", "command", "env", "envFrom", "image", "imagePullPolicy",
            "lifecycle", "livenessProbe", "name", "ports", "readinessProbe", "resizePolicy", "resources",
            "restartPolicy", "restartPolicyRules", "securityContext", "startupProbe", "stdin", "stdinOnce",
            "targetContainerName", "terminationMessagePath", "terminationMessagePolicy", "tty", "volumeDevices",
            "volumeMounts", "workingDir");
    static final Set<String> CONTAINER_SECURITY = Set.of("allowPrivilegeEscalation", "appArmorProfile",
            "capabilities", "privileged", "procMount", "readOnlyRootFilesystem", "runAsGroup", "runAsNonRoot",
            "runAsUser", "seLinuxOptions", "seccompProfile", "windowsOptions");
    static final Set<String> POD_SECURITY = Set.of("appArmorProfile", "fsGroup", "fsGroupChangePolicy", "runAsGroup",
            "runAsNonRoot", "runAsUser", "seLinuxChangePolicy", "seLinuxOptions", "seccompProfile",
            "supplementalGroups", "supplementalGroupsPolicy", "sysctls", "windowsOptions");
    static final Set<String> RESOURCES = Set.of("claims", "limits", "requests");

    private PodFieldNames() {
    }

    /** The keys of a mapping that are slips of a known name, each with the name meant, in the mapping's order. */
    static List<Map.Entry<String, String>> slips(Map<?, ?> mapping, Set<String> known) {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        for (Object key : mapping.keySet()) {
            String name = String.valueOf(key);
            if (!known.contains(name)) {
                meant(name, known).ifPresent(m -> out.add(Map.entry(name, m)));
            }
        }
        return out;
    }

    /** The one known name at most two edits from {@code name}, case aside; empty when none or several are. */
    private static Optional<String> meant(String name, Set<String> known) {
        List<String> close = known.stream().filter(k -> k.equalsIgnoreCase(name)
                || IdSimilarity.distance(k.toLowerCase(java.util.Locale.ROOT),
                        name.toLowerCase(java.util.Locale.ROOT)) <= 2).sorted().toList();
        return close.size() == 1 ? Optional.of(close.get(0)) : Optional.empty();
    }
}
