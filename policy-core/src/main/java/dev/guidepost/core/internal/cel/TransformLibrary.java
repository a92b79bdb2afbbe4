package dev.guidepost.core.internal.cel;

import static dev.cel.common.CelOverloadDecl.newGlobalOverload;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;

/**
 * Kyverno's transform library (kyverno/sdk extensions/cel/libs/transform): {@code listObjToMap(keys, values,
 * keyField, valueField)} builds a map from the {@code keyField} of each object in {@code keys} to the
 * {@code valueField} of the object at the same index in {@code values}; also {@code transform.listObjToMap}.
 */
final class TransformLibrary extends FunctionLibrary {

    TransformLibrary() {
        ListType list = ListType.create(SimpleType.DYN);
        for (String prefix : new String[] {"", "transform."}) {
            String id = "list_of_object_to_map_" + (prefix.isEmpty() ? "non_prefixed" : "prefixed");
            function(prefix + "listObjToMap", newGlobalOverload(id, MapType.create(SimpleType.DYN, SimpleType.DYN),
                    list, list, SimpleType.STRING, SimpleType.STRING),
                    CelFunctionBinding.from(id, List.of(List.class, List.class, String.class, String.class),
                            args -> toMap((List<?>) args[0], (List<?>) args[1], (String) args[2],
                                    (String) args[3])));
        }
    }

    private static Map<String, Object> toMap(List<?> keys, List<?> values, String keyName, String valueName)
            throws CelEvaluationException {
        if (keys.size() != values.size()) {
            throw error("listObjToMap must take lists of equal length. list1: %d, list2: %d", keys.size(),
                    values.size());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            if (!(keys.get(i) instanceof Map<?, ?> keyObject)) {
                throw error("object cannot be handled as a map, %s", StringFormatLibrary.typeName(keys.get(i)));
            }
            if (!(keyObject.get(keyName) instanceof String key)) {
                throw error("the passed key name cannot be handled as a string in the key object list");
            }
            if (!(values.get(i) instanceof Map<?, ?> valueObject)) {
                throw error("object cannot be handled as a map string to any in the value object list");
            }
            Object value = valueObject.get(valueName);
            out.put(key, value == null ? dev.cel.common.values.NullValue.NULL_VALUE : value);
        }
        return out;
    }
}
