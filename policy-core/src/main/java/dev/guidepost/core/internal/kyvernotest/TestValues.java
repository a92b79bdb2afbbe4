package dev.guidepost.core.internal.kyvernotest;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import dev.guidepost.core.internal.engine.ForeachValues;
import dev.guidepost.core.internal.engine.Namespaces;
import dev.guidepost.core.internal.engine.RuleVariables;
import dev.guidepost.core.internal.yaml.PlainValues;

/**
 * A Kyverno CLI values file ({@code variables:} or inline {@code values:}): global values, per-policy and
 * per-resource values, namespace labels for selectors and declared Namespace objects.
 */
final class TestValues implements Namespaces, RuleVariables {

    static final TestValues NONE = new TestValues(Map.of());

    private final Map<String, Object> values;
    private final Map<String, Map<String, String>> selectorLabels = new LinkedHashMap<>();
    private final Map<String, Map<String, Object>> namespaces = new LinkedHashMap<>();

    TestValues(Map<String, Object> values) {
        this.values = values;
        // as the Kyverno CLI's Variables: namespaceSelector entries, then Namespace objects, which take precedence
        for (Object entry : PlainValues.list(values, "namespaceSelector")) {
            Map<String, String> labels = PlainValues.stringMap(entry, "labels");
            String name = PlainValues.string(entry, "name");
            selectorLabels.put(name, labels);
            namespaces.put(name, namespaceObject(name, labels));
        }
        for (Object namespace : PlainValues.list(values, "namespaces")) {
            String name = PlainValues.string(namespace, "metadata", "name");
            Map<String, String> labels = PlainValues.stringMap(namespace, "metadata", "labels");
            selectorLabels.put(name, labels);
            namespaces.put(name, PlainValues.map(namespace));
        }
    }

    /** The Namespace object the Kyverno CLI makes of a {@code namespaceSelector} entry. */
    private static Map<String, Object> namespaceObject(String name, Map<String, String> labels) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", name);
        if (!labels.isEmpty()) {
            metadata.put("labels", labels);
        }
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("apiVersion", "v1");
        object.put("kind", "Namespace");
        object.put("metadata", metadata);
        return object;
    }

    /** A global value such as {@code request.operation}. */
    String global(String key) {
        Object value = PlainValues.map(values, "globalValues").get(key);
        return value == null ? "" : String.valueOf(value);
    }

    /** A value given for one resource of one policy. */
    String resourceValue(String policy, String resource, String key) {
        for (Object p : PlainValues.list(values, "policies")) {
            if (!PlainValues.string(p, "name").equals(policy)) {
                continue;
            }
            for (Object r : PlainValues.list(p, "resources")) {
                if (PlainValues.string(r, "name").equals(resource)) {
                    Object value = PlainValues.map(r, "values").get(key);
                    if (value != null) {
                        return String.valueOf(value);
                    }
                }
            }
        }
        return "";
    }

    /** True when per-policy or per-rule values are given (they feed JMESPath, which CEL rules do not read). */
    boolean hasRuleValues() {
        for (Object p : PlainValues.list(values, "policies")) {
            if (!PlainValues.list(p, "rules").isEmpty()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Optional<Map<String, Object>> object(String name) {
        return Optional.ofNullable(namespaces.get(name));
    }

    @Override
    public Optional<Map<String, String>> selectorLabels(String name) {
        return Optional.ofNullable(selectorLabels.get(name));
    }

    @Override
    public Map<String, Object> forResource(String policy, String resourceName) {
        Map<String, Object> out = new LinkedHashMap<>(PlainValues.map(values, "globalValues"));
        for (Object p : PlainValues.list(values, "policies")) {
            if (PlainValues.string(p, "name").equals(policy)) {
                for (Object r : PlainValues.list(p, "resources")) {
                    if (PlainValues.string(r, "name").equals(resourceName)) {
                        out.putAll(PlainValues.map(r, "values"));
                    }
                }
            }
        }
        return out;
    }

    /** The values of the first rule entry that names this rule (see {@link #ruleEntry}). */
    @Override
    public Map<String, Object> forRule(String policy, String rule) {
        return ruleEntry(policy, rule).map(r -> new LinkedHashMap<>(PlainValues.map(r, "values")))
                .orElseGet(LinkedHashMap::new);
    }

    /** The {@code foreachValues} of the same rule entry. */
    @Override
    public ForeachValues forEachValues(String policy, String rule) {
        return ruleEntry(policy, rule).map(r -> ForeachValues.of(PlainValues.map(r).get("foreachValues")))
                .orElse(ForeachValues.NONE);
    }

    /**
     * The first rule entry that names this rule, as the Kyverno CLI's store finds it: an entry for rule {@code r}
     * also serves the rules autogen makes of it, {@code autogen-r} and {@code autogen-cronjob-r}.
     */
    private Optional<Object> ruleEntry(String policy, String rule) {
        for (Object p : PlainValues.list(values, "policies")) {
            if (PlainValues.string(p, "name").equals(policy)) {
                for (Object r : PlainValues.list(p, "rules")) {
                    String name = PlainValues.string(r, "name");
                    if (rule.equals(name) || rule.equals("autogen-" + name) || rule.equals("autogen-cronjob-" + name)) {
                        return Optional.of(r);
                    }
                }
            }
        }
        return Optional.empty();
    }
}
