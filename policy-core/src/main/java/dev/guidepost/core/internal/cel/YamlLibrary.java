package dev.guidepost.core.internal.cel;

import static dev.cel.common.CelOverloadDecl.newGlobalOverload;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

import dev.cel.common.types.SimpleType;
import dev.cel.common.values.NullValue;
import dev.cel.runtime.CelFunctionBinding;

/**
 * Kyverno's YAML library (kyverno/sdk extensions/cel/libs/yaml): {@code yaml.parse(string)}. Kyverno converts YAML
 * to JSON and decodes that, so every number comes back as a double and every key as a string; timestamps stay
 * strings.
 */
final class YamlLibrary extends FunctionLibrary {

    YamlLibrary() {
        function("yaml.parse", newGlobalOverload("parse_string_dyn", SimpleType.DYN, SimpleType.STRING),
                CelFunctionBinding.from("parse_string_dyn", String.class, s -> {
                    try {
                        LoaderOptions options = new LoaderOptions();
                        options.setAllowDuplicateKeys(false);
                        Object loaded = new Yaml(new SafeConstructor(options)).load(s);
                        return convert(loaded, s);
                    } catch (YAMLException e) {
                        throw error("error converting YAML to JSON: %s", e.getMessage());
                    }
                }));
    }

    private static Object convert(Object value, String source) {
        if (value == null) {
            return NullValue.NULL_VALUE;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), convert(v, source)));
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(v -> out.add(convert(v, source)));
            return out;
        }
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        if (value instanceof java.util.Date date) {
            return CelGoText.formatTimestamp(date.toInstant());
        }
        if (value instanceof byte[] bytes) {
            return java.util.Base64.getEncoder().encodeToString(bytes);
        }
        return value;
    }
}
