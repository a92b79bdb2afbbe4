package dev.guidepost.core.internal.podsecurity;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Restricted {@code runAsUser} (from 1.23): neither the pod nor a container may set {@code runAsUser=0}. */
final class RunAsUserCheck extends PodSecurityCheck {

    RunAsUserCheck() {
        super("runAsUser", PodSecurityLevel.RESTRICTED, List.of(23));
    }

    @Override
    CheckResult check(int version, PodView pod) {
        List<FieldError> errors = new ArrayList<>();
        if (root(pod.securityContext())) {
            errors.add(FieldError.forbidden("spec.securityContext.runAsUser", 0L));
        }
        Containers.visit(pod, (c, name, path) -> {
            if (root(Containers.securityContext(c))) {
                errors.add(FieldError.forbidden(path + ".securityContext.runAsUser", 0L));
            }
        });
        return errors.isEmpty() ? null : CheckResult.of(id(), "runAsUser=0", errors);
    }

    private static boolean root(Map<String, Object> securityContext) {
        return securityContext.get("runAsUser") instanceof Number n && n.doubleValue() == 0;
    }
}
