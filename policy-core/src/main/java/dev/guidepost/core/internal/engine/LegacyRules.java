package dev.guidepost.core.internal.engine;

import java.util.Map;

import dev.guidepost.core.internal.yaml.PlainValues;

/** Which ClusterPolicy rules go to {@link LegacyValidation}: validate rules in Kyverno's JMESPath language. */
final class LegacyRules {

    private LegacyRules() {
    }

    /** True for deny and foreach rules, and pattern rules that need JMESPath (variables, preconditions, context). */
    static boolean evaluable(Object rule) {
        Map<String, Object> validate = PlainValues.map(rule, "validate");
        if (validate.isEmpty() || validate.containsKey("cel") || validate.containsKey("podSecurity")
                || validate.containsKey("manifests") || validate.containsKey("assert")
                || !PlainValues.list(rule, "celPreconditions").isEmpty()) {
            return false;
        }
        return validate.containsKey("deny") || validate.containsKey("foreach")
                || validate.containsKey("pattern") || validate.containsKey("anyPattern");
    }
}
