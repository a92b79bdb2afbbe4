package dev.guidepost.core.internal.podsecurity;

import java.util.ArrayList;
import java.util.List;

/**
 * Restricted {@code allowPrivilegeEscalation} (from 1.8): every container must set
 * {@code securityContext.allowPrivilegeEscalation=false}; from 1.25 a Windows pod is exempt.
 */
final class PrivilegeEscalationCheck extends PodSecurityCheck {

    PrivilegeEscalationCheck() {
        super("allowPrivilegeEscalation", PodSecurityLevel.RESTRICTED, List.of(8, 25));
    }

    @Override
    CheckResult check(int version, PodView pod) {
        if (pod.windowsExempt(version)) {
            return null;
        }
        List<FieldError> errors = new ArrayList<>();
        Containers.visit(pod, (c, name, path) -> {
            Object value = Containers.securityContext(c).get("allowPrivilegeEscalation");
            if (value == null) {
                errors.add(FieldError.required(path + ".securityContext.allowPrivilegeEscalation"));
            } else if (!Boolean.FALSE.equals(value)) {
                errors.add(FieldError.forbidden(path + ".securityContext.allowPrivilegeEscalation", true));
            }
        });
        return errors.isEmpty() ? null : CheckResult.of(id(), "allowPrivilegeEscalation != false", errors);
    }
}
