package dev.guidepost.core.internal.podsecurity;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.guidepost.core.internal.yaml.PlainValues;

/**
 * Baseline {@code seLinuxOptions}: the SELinux type of the pod and containers must be empty, {@code container_t},
 * {@code container_init_t} or {@code container_kvm_t} ({@code container_engine_t} too from 1.31), and user and role
 * must not be set.
 */
final class SeLinuxCheck extends PodSecurityCheck {

    SeLinuxCheck() {
        super("seLinuxOptions", PodSecurityLevel.BASELINE, List.of(0, 31));
    }

    private static final Set<String> TYPES = Set.of("", "container_t", "container_init_t", "container_kvm_t");
    private static final Set<String> TYPES_1_31 = Set.of("", "container_t", "container_init_t", "container_kvm_t",
            "container_engine_t");

    @Override
    CheckResult check(int version, PodView pod) {
        Set<String> types = version >= 31 ? TYPES_1_31 : TYPES;
        List<FieldError> errors = new ArrayList<>();
        options(PlainValues.map(pod.securityContext(), "seLinuxOptions"), "spec.securityContext", types, errors);
        Containers.visit(pod, (c, name, path) -> options(PlainValues.map(Containers.securityContext(c),
                "seLinuxOptions"), path + ".securityContext", types, errors));
        return errors.isEmpty() ? null : CheckResult.of(id(), "seLinuxOptions", errors);
    }

    private static void options(Map<String, Object> options, String path, Set<String> types,
            List<FieldError> errors) {
        String type = PlainValues.string(options, "type");
        if (!types.contains(type)) {
            errors.add(FieldError.forbidden(path + ".seLinuxOptions.type", type));
        }
        for (String field : List.of("user", "role")) {
            String value = PlainValues.string(options, field);
            if (!value.isEmpty()) {
                errors.add(FieldError.forbidden(path + ".seLinuxOptions." + field, value));
            }
        }
    }
}
