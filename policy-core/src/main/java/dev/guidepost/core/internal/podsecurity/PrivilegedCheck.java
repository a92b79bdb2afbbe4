package dev.guidepost.core.internal.podsecurity;

import java.util.ArrayList;
import java.util.List;

/** Baseline {@code privileged}: no container may set {@code securityContext.privileged=true}. */
final class PrivilegedCheck extends PodSecurityCheck {

    PrivilegedCheck() {
        super("privileged", PodSecurityLevel.BASELINE, List.of(0));
    }

    @Override
    CheckResult check(int version, PodView pod) {
        List<FieldError> errors = new ArrayList<>();
        Containers.visit(pod, (c, name, path) -> {
            if (Boolean.TRUE.equals(Containers.securityContext(c).get("privileged"))) {
                errors.add(FieldError.forbidden(path + ".securityContext.privileged", true));
            }
        });
        return errors.isEmpty() ? null : CheckResult.of(id(), "privileged", errors);
    }
}
