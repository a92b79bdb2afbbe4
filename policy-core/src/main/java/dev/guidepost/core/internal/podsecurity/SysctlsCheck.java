package dev.guidepost.core.internal.podsecurity;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.guidepost.core.internal.yaml.PlainValues;

/**
 * Baseline {@code sysctls}: only the safe sysctls; the safe set grew in 1.27 ({@code ip_local_reserved_ports}) and
 * 1.29 (the TCP keepalive and fin timeout ones).
 */
final class SysctlsCheck extends PodSecurityCheck {

    SysctlsCheck() {
        super("sysctls", PodSecurityLevel.BASELINE, List.of(0, 27, 29));
    }

    private static final Set<String> SAFE = Set.of("kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range",
            "net.ipv4.tcp_syncookies", "net.ipv4.ping_group_range", "net.ipv4.ip_unprivileged_port_start");
    private static final Set<String> SAFE_1_27 = Set.of("net.ipv4.ip_local_reserved_ports");
    private static final Set<String> SAFE_1_29 = Set.of("net.ipv4.tcp_keepalive_time", "net.ipv4.tcp_fin_timeout",
            "net.ipv4.tcp_keepalive_intvl", "net.ipv4.tcp_keepalive_probes");

    @Override
    CheckResult check(int version, PodView pod) {
        List<FieldError> errors = new ArrayList<>();
        List<Object> sysctls = PlainValues.list(pod.securityContext(), "sysctls");
        for (int i = 0; i < sysctls.size(); i++) {
            String name = PlainValues.string(sysctls.get(i), "name");
            boolean safe = SAFE.contains(name) || version >= 27 && SAFE_1_27.contains(name)
                    || version >= 29 && SAFE_1_29.contains(name);
            if (!safe) {
                errors.add(FieldError.forbidden("spec.securityContext.sysctls[" + i + "].name", name));
            }
        }
        return errors.isEmpty() ? null : CheckResult.of(id(), "forbidden sysctls", errors);
    }
}
