package dev.guidepost.core.internal.podsecurity;

import java.util.ArrayList;
import java.util.List;

/** Baseline {@code procMount}: a container's {@code securityContext.procMount} must be unset or Default. */
final class ProcMountCheck implements PodSecurityCheck {

    public String id() {
        return "procMount";
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
            Object procMount = Containers.securityContext(c).get("procMount");
            if (procMount != null && !"Default".equals(procMount)) {
                errors.add(FieldError.forbidden(path + ".securityContext.procMount", String.valueOf(procMount)));
            }
        });
        return errors.isEmpty() ? null : CheckResult.of(id(), "procMount", errors);
    }
}
