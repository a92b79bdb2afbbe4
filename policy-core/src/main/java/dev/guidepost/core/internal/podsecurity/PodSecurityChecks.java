package dev.guidepost.core.internal.podsecurity;

import java.util.ArrayList;
import java.util.List;

/**
 * The Pod Security Standards checks, in pod-security-admission's registration order, and how Kyverno runs them for
 * a level and version: for {@code latest}, the newest variant of each check; for {@code v1.N}, every variant whose
 * minimum version is at most N (so a check may fail twice, once per variant).
 */
final class PodSecurityChecks {

    static final List<PodSecurityCheck> ALL = List.of(new PrivilegeEscalationCheck(), new AppArmorCheck(),
            new BaselineCapabilitiesCheck(), new RestrictedCapabilitiesCheck(), new HostNamespacesCheck(),
            new HostPathVolumesCheck(), new HostPortsCheck(), new HostProbesCheck(), new PrivilegedCheck(),
            new ProcMountCheck(), new RestrictedVolumesCheck(), new RunAsNonRootCheck(), new RunAsUserCheck(),
            new SeLinuxCheck(), new BaselineSeccompCheck(), new RestrictedSeccompCheck(), new SysctlsCheck(),
            new WindowsHostProcessCheck());

    private PodSecurityChecks() {
    }

    /** The checks the pod fails at this level and version. */
    static List<CheckResult> evaluate(PodSecurityLevel level, PodSecurityVersion version, PodView pod) {
        List<CheckResult> failed = new ArrayList<>();
        for (PodSecurityCheck check : ALL) {
            if (!level.runs(check.level())) {
                continue;
            }
            List<Integer> versions = check.versions();
            if (version.latest()) {
                add(failed, check.check(versions.get(versions.size() - 1), pod));
                continue;
            }
            for (int minimum : versions) {
                if (minimum <= version.minor()) {
                    add(failed, check.check(minimum, pod));
                }
            }
        }
        return failed;
    }

    private static void add(List<CheckResult> failed, CheckResult result) {
        if (result != null) {
            failed.add(result);
        }
    }
}
