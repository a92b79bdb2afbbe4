package dev.guidepost.core.internal.podsecurity;

import java.util.ArrayList;
import java.util.List;

import dev.guidepost.core.internal.yaml.PlainValues;

/**
 * Baseline {@code hostProbesAndHostLifecycle} (from 1.34): probes and lifecycle handlers must not set a
 * {@code httpGet.host} or {@code tcpSocket.host}.
 */
final class HostProbesCheck extends PodSecurityCheck {

    HostProbesCheck() {
        super("hostProbesAndHostLifecycle", PodSecurityLevel.BASELINE, List.of(34));
    }

    private static final List<String> HANDLERS = List.of("livenessProbe", "readinessProbe", "startupProbe",
            "lifecycle.postStart", "lifecycle.preStop");

    @Override
    CheckResult check(int version, PodView pod) {
        List<FieldError> errors = new ArrayList<>();
        Containers.visit(pod, (c, name, path) -> {
            for (String handler : HANDLERS) {
                Object at = PlainValues.at(c, handler.split("\\."));
                for (String kind : List.of("httpGet", "tcpSocket")) {
                    String host = PlainValues.string(at, kind, "host");
                    if (!host.isEmpty()) {
                        errors.add(FieldError.forbidden(path + "." + handler + "." + kind + ".host", host));
                    }
                }
            }
        });
        return errors.isEmpty() ? null : CheckResult.of(id(), "probe or lifecycle host", errors);
    }
}
