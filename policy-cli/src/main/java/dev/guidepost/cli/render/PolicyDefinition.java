package dev.guidepost.cli.render;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.guidepost.core.Policy;

/** A policy's document as read, without its examples (they are shown on their own). */
final class PolicyDefinition {

    private PolicyDefinition() {
    }

    static Map<String, Object> withoutExamples(Policy policy) {
        Map<String, Object> copy = new LinkedHashMap<>(policy.definition());
        if (copy.get("spec") instanceof Map<?, ?> spec && spec.containsKey("examples")) {
            Map<String, Object> specCopy = new LinkedHashMap<>();
            spec.forEach((k, v) -> specCopy.put(String.valueOf(k), v));
            specCopy.remove("examples");
            copy.put("spec", specCopy);
        }
        return copy;
    }
}
