package dev.guidepost.core.internal.podsecurity;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.guidepost.core.internal.yaml.PlainValues;

/** Baseline {@code capabilities_baseline}: containers may add only the default container runtime capabilities. */
final class BaselineCapabilitiesCheck extends PodSecurityCheck {

    BaselineCapabilitiesCheck() {
        super("capabilities_baseline", PodSecurityLevel.BASELINE, List.of(0));
    }

    private static final Set<String> ALLOWED = Set.of("AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID",
            "KILL", "MKNOD", "NET_BIND_SERVICE", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT");

    @Override
    CheckResult check(int version, PodView pod) {
        List<FieldError> errors = new ArrayList<>();
        Containers.visit(pod, (c, name, path) -> {
            List<String> bad = PlainValues.strings(Containers.securityContext(c), "capabilities", "add").stream()
                    .filter(cap -> !ALLOWED.contains(cap)).toList();
            if (!bad.isEmpty()) {
                errors.add(FieldError.forbidden(path + ".securityContext.capabilities.add", bad));
            }
        });
        return errors.isEmpty() ? null : CheckResult.of(id(), "non-default capabilities", errors);
    }
}
