package dev.guidepost.core.internal.cel;

import static dev.cel.common.CelOverloadDecl.newGlobalOverload;
import static dev.cel.common.CelOverloadDecl.newMemberOverload;

import java.util.List;

import dev.cel.common.types.OpaqueType;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelFunctionBinding;

/**
 * Kubernetes' Quantity library (k8s.io/apiserver/pkg/cel/library/quantity.go): {@code quantity}, {@code isQuantity},
 * {@code sign} (a global function in Go, so {@code sign(q)}, not {@code q.sign()}), {@code isInteger},
 * {@code asInteger}, {@code asApproximateFloat}, {@code add}, {@code sub}, {@code isGreaterThan}, {@code isLessThan},
 * {@code compareTo}; quantities compare with {@code ==} by value.
 */
final class QuantityLibrary extends FunctionLibrary {

    static final OpaqueType TYPE = OpaqueType.create("kubernetes.Quantity");

    QuantityLibrary() {
        function("quantity", newGlobalOverload("string_to_quantity", TYPE, SimpleType.STRING),
                CelFunctionBinding.from("string_to_quantity", String.class, QuantityLibrary::parse));
        function("isQuantity", newGlobalOverload("is_quantity_string", SimpleType.BOOL, SimpleType.STRING),
                CelFunctionBinding.from("is_quantity_string", String.class, Quantity::isQuantity));
        function("sign", newGlobalOverload("quantity_sign", SimpleType.INT, TYPE),
                CelFunctionBinding.from("quantity_sign", Quantity.class, q -> (long) q.sign()));
        function("isGreaterThan",
                newMemberOverload("quantity_is_greater_than", SimpleType.BOOL, TYPE, TYPE),
                CelFunctionBinding.from("quantity_is_greater_than", Quantity.class, Quantity.class,
                        (a, b) -> a.compareTo(b) > 0));
        function("isLessThan", newMemberOverload("quantity_is_less_than", SimpleType.BOOL, TYPE, TYPE),
                CelFunctionBinding.from("quantity_is_less_than", Quantity.class, Quantity.class,
                        (a, b) -> a.compareTo(b) < 0));
        function("compareTo", newMemberOverload("quantity_compare_to", SimpleType.INT, TYPE, TYPE),
                CelFunctionBinding.from("quantity_compare_to", Quantity.class, Quantity.class,
                        (a, b) -> (long) Integer.signum(a.compareTo(b))));
        function("asApproximateFloat", newMemberOverload("quantity_get_float", SimpleType.DOUBLE, TYPE),
                CelFunctionBinding.from("quantity_get_float", Quantity.class, Quantity::asApproximateFloat));
        function("asInteger", newMemberOverload("quantity_get_int", SimpleType.INT, TYPE),
                CelFunctionBinding.from("quantity_get_int", Quantity.class, q -> {
                    Long value = q.asLong();
                    if (value == null) {
                        throw error("cannot convert value to integer");
                    }
                    return value;
                }));
        function("isInteger", newMemberOverload("quantity_is_integer", SimpleType.BOOL, TYPE),
                CelFunctionBinding.from("quantity_is_integer", Quantity.class, Quantity::isInteger));
        function("add", List.of(
                newMemberOverload("quantity_add", TYPE, TYPE, TYPE),
                newMemberOverload("quantity_add_int", TYPE, TYPE, SimpleType.INT)),
                CelFunctionBinding.from("quantity_add", Quantity.class, Quantity.class, Quantity::add),
                CelFunctionBinding.from("quantity_add_int", Quantity.class, Long.class,
                        (q, i) -> q.add(Quantity.ofInt64(i, 0))));
        function("sub", List.of(
                newMemberOverload("quantity_sub", TYPE, TYPE, TYPE),
                newMemberOverload("quantity_sub_int", TYPE, TYPE, SimpleType.INT)),
                CelFunctionBinding.from("quantity_sub", Quantity.class, Quantity.class,
                        (a, b) -> a.add(b.negate())),
                CelFunctionBinding.from("quantity_sub_int", Quantity.class, Long.class,
                        (q, i) -> q.add(Quantity.ofInt64(i, 0).negate())));
    }

    private static Quantity parse(String str) throws dev.cel.runtime.CelEvaluationException {
        try {
            return Quantity.parse(str);
        } catch (IllegalArgumentException e) {
            throw error("%s", e.getMessage());
        }
    }
}
