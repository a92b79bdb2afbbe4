package dev.guidepost.core.internal.podsecurity;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import dev.guidepost.core.internal.yaml.PlainValues;

/**
 * Baseline {@code appArmorProfile}: {@code appArmorProfile.type} of the pod and containers must be RuntimeDefault
 * or Localhost when set, and {@code container.apparmor.security.beta.kubernetes.io/*} annotations must be empty,
 * {@code runtime/default} or {@code localhost/*}.
 */
final class AppArmorCheck extends PodSecurityCheck {

    AppArmorCheck() {
        super("appArmorProfile", PodSecurityLevel.BASELINE, List.of(0));
    }

    private static final Set<String> ALLOWED_TYPES = Set.of("RuntimeDefault", "Localhost");
    private static final String ANNOTATION_PREFIX = "container.apparmor.security.beta.kubernetes.io/";

    @Override
    CheckResult check(int version, PodView pod) {
        List<FieldError> errors = new ArrayList<>();
        Object podProfile = pod.securityContext().get("appArmorProfile");
        if (podProfile != null && !ALLOWED_TYPES.contains(PlainValues.string(podProfile, "type"))) {
            errors.add(FieldError.forbidden("spec.securityContext.appArmorProfile.type",
                    PlainValues.string(podProfile, "type")));
        }
        Containers.visit(pod, (c, name, path) -> {
            Object profile = Containers.securityContext(c).get("appArmorProfile");
            if (profile != null && !ALLOWED_TYPES.contains(PlainValues.string(profile, "type"))) {
                errors.add(FieldError.forbidden(path + ".securityContext.appArmorProfile.type",
                        PlainValues.string(profile, "type")));
            }
        });
        Map<String, String> annotations = new TreeMap<>(PlainValues.stringMap(pod.metadata(), "annotations"));
        annotations.forEach((key, value) -> {
            if (key.startsWith(ANNOTATION_PREFIX) && !value.isEmpty() && !value.equals("runtime/default")
                    && !value.startsWith("localhost/")) {
                errors.add(FieldError.forbidden("metadata.annotations[" + key + "]", value));
            }
        });
        return errors.isEmpty() ? null
                : CheckResult.of(id(), errors.size() == 1 ? "forbidden AppArmor profile"
                        : "forbidden AppArmor profiles", errors);
    }
}
