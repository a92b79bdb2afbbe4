package dev.guidepost.core.internal.podsecurity;

import java.util.ArrayList;
import java.util.List;

import dev.guidepost.core.internal.yaml.PlainValues;

/** Baseline {@code hostPorts}: no container port may set a non-zero {@code hostPort}. */
final class HostPortsCheck extends PodSecurityCheck {

    HostPortsCheck() {
        super("hostPorts", PodSecurityLevel.BASELINE, List.of(0));
    }

    @Override
    CheckResult check(int version, PodView pod) {
        List<FieldError> errors = new ArrayList<>();
        Containers.visit(pod, (c, name, path) -> {
            List<Object> ports = PlainValues.list(c, "ports");
            for (int i = 0; i < ports.size(); i++) {
                if (PlainValues.at(ports.get(i), "hostPort") instanceof Number n && n.longValue() != 0) {
                    errors.add(FieldError.forbidden(path + ".ports[" + i + "].hostPort", n.longValue()));
                }
            }
        });
        return errors.isEmpty() ? null : CheckResult.of(id(), "hostPort", errors);
    }
}
