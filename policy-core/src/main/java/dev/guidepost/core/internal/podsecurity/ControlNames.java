package dev.guidepost.core.internal.podsecurity;

import java.util.List;
import java.util.Map;

/**
 * The Pod Security Standards control names an {@code exclude} entry uses ({@code controlName}) and the check ids
 * behind each, as Kyverno maps them.
 */
final class ControlNames {

    private static final Map<String, List<String>> IDS = Map.ofEntries(
            Map.entry("Capabilities", List.of("capabilities_baseline", "capabilities_restricted")),
            Map.entry("Seccomp", List.of("seccompProfile_baseline", "seccompProfile_restricted")),
            Map.entry("Privileged Containers", List.of("privileged")),
            Map.entry("Host Ports", List.of("hostPorts")),
            Map.entry("/proc Mount Type", List.of("procMount")),
            Map.entry("Host Probes / Lifecycle Hooks", List.of("hostProbesAndHostLifecycle")),
            Map.entry("HostProcess", List.of("windowsHostProcess")),
            Map.entry("SELinux", List.of("seLinuxOptions")),
            Map.entry("Host Namespaces", List.of("hostNamespaces")),
            Map.entry("HostPath Volumes", List.of("hostPathVolumes")),
            Map.entry("Sysctls", List.of("sysctls")),
            Map.entry("AppArmor", List.of("appArmorProfile")),
            Map.entry("Privilege Escalation", List.of("allowPrivilegeEscalation")),
            Map.entry("Running as Non-root", List.of("runAsNonRoot")),
            Map.entry("Running as Non-root user", List.of("runAsUser")),
            Map.entry("Volume Types", List.of("restrictedVolumes")));

    private ControlNames() {
    }

    /** The check ids of a control; empty for an unknown name. */
    static List<String> checkIds(String controlName) {
        return IDS.getOrDefault(controlName, List.of());
    }
}
