package dev.guidepost.core.internal.podsecurity;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.guidepost.core.internal.yaml.PlainValues;

/**
 * Restricted {@code seccompProfile_restricted} (from 1.19): the pod or every container must set
 * {@code seccompProfile.type} to RuntimeDefault or Localhost, and none may set another type; from 1.25 a Windows
 * pod is exempt.
 */
final class RestrictedSeccompCheck extends PodSecurityCheck {

    RestrictedSeccompCheck() {
        super("seccompProfile_restricted", PodSecurityLevel.RESTRICTED, List.of(19, 25));
    }

    private static final Set<String> ALLOWED = Set.of("RuntimeDefault", "Localhost");

    @Override
    CheckResult check(int version, PodView pod) {
        if (pod.windowsExempt(version)) {
            return null;
        }
        List<FieldError> explicit = new ArrayList<>();
        List<FieldError> implicit = new ArrayList<>();
        Object podType = PlainValues.at(pod.securityContext(), "seccompProfile", "type");
        if (podType != null && !ALLOWED.contains(String.valueOf(podType))) {
            explicit.add(FieldError.forbidden("spec.securityContext.seccompProfile.type", String.valueOf(podType)));
        }
        boolean podValid = podType != null && ALLOWED.contains(String.valueOf(podType));
        Containers.visit(pod, (c, name, path) -> {
            Object type = PlainValues.at(Containers.securityContext(c), "seccompProfile", "type");
            if (type != null) {
                if (!ALLOWED.contains(String.valueOf(type))) {
                    explicit.add(FieldError.forbidden(path + ".securityContext.seccompProfile.type",
                            String.valueOf(type)));
                }
            } else if (!podValid) {
                implicit.add(FieldError.required(path + ".securityContext.seccompProfile.type"));
            }
        });
        explicit.addAll(implicit);
        return explicit.isEmpty() ? null : CheckResult.of(id(), "seccompProfile", explicit);
    }
}
