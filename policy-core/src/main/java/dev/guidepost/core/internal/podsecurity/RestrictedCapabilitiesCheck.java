package dev.guidepost.core.internal.podsecurity;

import java.util.ArrayList;
import java.util.List;

import dev.guidepost.core.internal.yaml.PlainValues;

/**
 * Restricted {@code capabilities_restricted} (from 1.22): every container must drop ALL and may add only
 * NET_BIND_SERVICE; from 1.25 a Windows pod is exempt.
 */
final class RestrictedCapabilitiesCheck extends PodSecurityCheck {

    RestrictedCapabilitiesCheck() {
        super("capabilities_restricted", PodSecurityLevel.RESTRICTED, List.of(22, 25));
    }

    @Override
    CheckResult check(int version, PodView pod) {
        if (pod.windowsExempt(version)) {
            return null;
        }
        List<FieldError> errors = new ArrayList<>();
        Containers.visit(pod, (c, name, path) -> {
            Object capabilities = Containers.securityContext(c).get("capabilities");
            List<String> drop = PlainValues.strings(capabilities, "drop");
            if (!drop.contains("ALL")) {
                errors.add(drop.isEmpty() ? FieldError.required(path + ".securityContext.capabilities.drop")
                        : FieldError.forbidden(path + ".securityContext.capabilities.drop", drop));
            }
            List<String> added = PlainValues.strings(capabilities, "add").stream()
                    .filter(cap -> !cap.equals("NET_BIND_SERVICE")).toList();
            if (!added.isEmpty()) {
                errors.add(FieldError.forbidden(path + ".securityContext.capabilities.add", added));
            }
        });
        return errors.isEmpty() ? null : CheckResult.of(id(), "unrestricted capabilities", errors);
    }
}
