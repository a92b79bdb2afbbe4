package dev.guidepost.core.internal.podsecurity;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.guidepost.core.internal.yaml.PlainValues;

/**
 * Baseline {@code seccompProfile_baseline}: the seccomp profile must not be Unconfined. Before 1.19 this reads the
 * {@code seccomp.security.alpha.kubernetes.io} annotations; from 1.19 the {@code seccompProfile.type} fields.
 */
final class BaselineSeccompCheck extends PodSecurityCheck {

    BaselineSeccompCheck() {
        super("seccompProfile_baseline", PodSecurityLevel.BASELINE, List.of(0, 19));
    }

    private static final String POD_ANNOTATION = "seccomp.security.alpha.kubernetes.io/pod";
    private static final String CONTAINER_ANNOTATION_PREFIX = "container.seccomp.security.alpha.kubernetes.io/";

    @Override
    CheckResult check(int version, PodView pod) {
        List<FieldError> errors = new ArrayList<>();
        if (version < 19) {
            Map<String, String> annotations = new TreeMap<>(PlainValues.stringMap(pod.metadata(), "annotations"));
            annotations.forEach((key, value) -> {
                if ((key.equals(POD_ANNOTATION) || key.startsWith(CONTAINER_ANNOTATION_PREFIX))
                        && value.equals("unconfined")) {
                    errors.add(FieldError.forbidden("metadata.annotations[" + key + "]", value));
                }
            });
        } else {
            if ("Unconfined".equals(PlainValues.string(pod.securityContext(), "seccompProfile", "type"))) {
                errors.add(FieldError.forbidden("spec.securityContext.seccompProfile.type", "Unconfined"));
            }
            Containers.visit(pod, (c, name, path) -> {
                if ("Unconfined".equals(PlainValues.string(Containers.securityContext(c), "seccompProfile",
                        "type"))) {
                    errors.add(FieldError.forbidden(path + ".securityContext.seccompProfile.type", "Unconfined"));
                }
            });
        }
        return errors.isEmpty() ? null : CheckResult.of(id(), "seccompProfile", errors);
    }
}
