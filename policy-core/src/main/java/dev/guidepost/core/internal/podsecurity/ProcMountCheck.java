package dev.guidepost.core.internal.podsecurity;

import java.util.ArrayList;
import java.util.List;

/** Baseline {@code procMount}: a container's {@code securityContext.procMount} must be unset or Default. */
final class ProcMountCheck extends PodSecurityCheck {

    ProcMountCheck() {
        super("procMount", PodSecurityLevel.BASELINE, List.of(0));
    }

    @Override
    CheckResult check(int version, PodView pod) {
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
