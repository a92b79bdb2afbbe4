package dev.guidepost.core.internal.podsecurity;

import java.util.ArrayList;
import java.util.List;

import dev.guidepost.core.internal.yaml.PlainValues;

/** Baseline {@code hostPathVolumes}: no volume may be a {@code hostPath}. */
final class HostPathVolumesCheck extends PodSecurityCheck {

    HostPathVolumesCheck() {
        super("hostPathVolumes", PodSecurityLevel.BASELINE, List.of(0));
    }

    @Override
    CheckResult check(int version, PodView pod) {
        List<FieldError> errors = new ArrayList<>();
        List<Object> volumes = PlainValues.list(pod.spec(), "volumes");
        for (int i = 0; i < volumes.size(); i++) {
            Object hostPath = PlainValues.at(volumes.get(i), "hostPath");
            if (hostPath != null) {
                errors.add(FieldError.forbidden("spec.volumes[" + i + "].hostPath",
                        PlainValues.string(hostPath, "path")));
            }
        }
        return errors.isEmpty() ? null : CheckResult.of(id(), "hostPath volumes", errors);
    }
}
