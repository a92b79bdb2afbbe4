package dev.guidepost.core.internal.podsecurity;

import java.util.ArrayList;
import java.util.List;

/**
 * Restricted {@code runAsNonRoot}: the pod or every container must set {@code runAsNonRoot=true}, and none may set
 * it to false. Explicit false values come first in the errors, then containers left unset.
 */
final class RunAsNonRootCheck extends PodSecurityCheck {

    RunAsNonRootCheck() {
        super("runAsNonRoot", PodSecurityLevel.RESTRICTED, List.of(0));
    }

    @Override
    CheckResult check(int version, PodView pod) {
        List<FieldError> explicit = new ArrayList<>();
        List<FieldError> implicit = new ArrayList<>();
        Object podValue = pod.securityContext().get("runAsNonRoot");
        if (Boolean.FALSE.equals(podValue)) {
            explicit.add(FieldError.forbidden("spec.securityContext.runAsNonRoot", false));
        }
        boolean podNonRoot = Boolean.TRUE.equals(podValue);
        Containers.visit(pod, (c, name, path) -> {
            Object value = Containers.securityContext(c).get("runAsNonRoot");
            if (value != null) {
                if (Boolean.FALSE.equals(value)) {
                    explicit.add(FieldError.forbidden(path + ".securityContext.runAsNonRoot", false));
                }
            } else if (!podNonRoot) {
                implicit.add(FieldError.required(path + ".securityContext.runAsNonRoot"));
            }
        });
        explicit.addAll(implicit);
        return explicit.isEmpty() ? null : CheckResult.of(id(), "runAsNonRoot != true", explicit);
    }
}
