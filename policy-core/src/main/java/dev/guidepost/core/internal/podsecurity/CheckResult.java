package dev.guidepost.core.internal.podsecurity;

import java.util.ArrayList;
import java.util.List;

/**
 * A check that did not allow the pod: its id (such as {@code privileged}), the forbidden reason and the field
 * errors. The list of errors is mutable: exclusions remove the ones they exempt.
 */
record CheckResult(String id, String reason, List<FieldError> errors) {

    static CheckResult of(String id, String reason, List<FieldError> errors) {
        return new CheckResult(id, reason, new ArrayList<>(errors));
    }

    /** The result as Kyverno's FormatChecksPrint writes it. */
    String text() {
        return "(Forbidden reason: " + reason + ", field error list: ["
                + String.join(", ", errors.stream().map(FieldError::text).toList()) + "])";
    }
}
