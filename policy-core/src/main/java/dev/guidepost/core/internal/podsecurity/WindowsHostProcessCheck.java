package dev.guidepost.core.internal.podsecurity;

import java.util.ArrayList;
import java.util.List;

import dev.guidepost.core.internal.yaml.PlainValues;

/** Baseline {@code windowsHostProcess}: neither the pod nor a container may set {@code windowsOptions.hostProcess=true}. */
final class WindowsHostProcessCheck extends PodSecurityCheck {

    WindowsHostProcessCheck() {
        super("windowsHostProcess", PodSecurityLevel.BASELINE, List.of(0));
    }

    @Override
    CheckResult check(int version, PodView pod) {
        List<FieldError> errors = new ArrayList<>();
        if (Boolean.TRUE.equals(PlainValues.at(pod.securityContext(), "windowsOptions", "hostProcess"))) {
            errors.add(FieldError.forbidden("spec.securityContext.windowsOptions.hostProcess", true));
        }
        Containers.visit(pod, (c, name, path) -> {
            if (Boolean.TRUE.equals(PlainValues.at(Containers.securityContext(c), "windowsOptions", "hostProcess"))) {
                errors.add(FieldError.forbidden(path + ".securityContext.windowsOptions.hostProcess", true));
            }
        });
        return errors.isEmpty() ? null : CheckResult.of(id(), "hostProcess", errors);
    }
}
