package dev.guidepost.core.internal.podsecurity;

import java.util.ArrayList;
import java.util.List;

/** Baseline {@code privileged}: no container may set {@code securityContext.privileged=true}. */
final class PrivilegedCheck implements PodSecurityCheck {

    public String id() {
        return "privileged";
    }

    public PodSecurityLevel level() {
        return PodSecurityLevel.BASELINE;
    }

    public List<Integer> versions() {
        return List.of(0);
    }

    public CheckResult check(int version, PodView pod) {
        List<FieldError> errors = new ArrayList<>();
        Containers.visit(pod, (c, name, path) -> {
            if (Boolean.TRUE.equals(Containers.securityContext(c).get("privileged"))) {
                errors.add(FieldError.forbidden(path + ".securityContext.privileged", true));
            }
        });
        return errors.isEmpty() ? null : CheckResult.of(id(), "privileged", errors);
    }
}
