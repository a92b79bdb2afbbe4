package dev.guidepost.core.internal.podsecurity;

import java.util.ArrayList;
import java.util.List;

/** Baseline {@code hostNamespaces}: {@code hostNetwork}, {@code hostPID} and {@code hostIPC} must not be true. */
final class HostNamespacesCheck extends PodSecurityCheck {

    HostNamespacesCheck() {
        super("hostNamespaces", PodSecurityLevel.BASELINE, List.of(0));
    }

    @Override
    CheckResult check(int version, PodView pod) {
        List<FieldError> errors = new ArrayList<>();
        for (String field : List.of("hostNetwork", "hostPID", "hostIPC")) {
            if (Boolean.TRUE.equals(pod.spec().get(field))) {
                errors.add(FieldError.forbidden("spec." + field, true));
            }
        }
        return errors.isEmpty() ? null : CheckResult.of(id(), "host namespaces", errors);
    }
}
