package dev.guidepost.core.internal.cel;

import static dev.cel.common.CelOverloadDecl.newGlobalOverload;

import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelFunctionBinding;

/**
 * Kyverno's JSON library (kyverno/sdk extensions/cel/libs/json): {@code json.unmarshal(string)} and
 * {@code json.marshal(value)} with Go's {@code encoding/json} behaviour (see {@link JsonCodec}). Kyverno declares
 * a {@code json} variable with member functions; a qualified function name reads the same.
 */
final class JsonLibrary extends FunctionLibrary {

    JsonLibrary() {
        function("json.unmarshal", newGlobalOverload("unmarshal_string_dyn", SimpleType.DYN, SimpleType.STRING),
                CelFunctionBinding.from("unmarshal_string_dyn", String.class, s -> {
                    try {
                        return JsonCodec.parse(s);
                    } catch (IllegalArgumentException e) {
                        throw error("%s", e.getMessage());
                    }
                }));
        function("json.marshal", newGlobalOverload("marshal_dyn_string", SimpleType.STRING, SimpleType.DYN),
                CelFunctionBinding.from("marshal_dyn_string", Object.class, value -> {
                    try {
                        return JsonCodec.write(value);
                    } catch (IllegalArgumentException e) {
                        throw error("%s", e.getMessage());
                    }
                }));
    }
}
