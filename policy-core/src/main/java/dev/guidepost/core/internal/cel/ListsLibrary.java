package dev.guidepost.core.internal.cel;

import static dev.cel.common.CelOverloadDecl.newMemberOverload;

import java.time.Duration;
import java.util.List;

import com.google.common.primitives.UnsignedLong;

import dev.cel.common.types.ListType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.types.TypeParamType;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;

/**
 * Kubernetes' Lists library (k8s.io/apiserver/pkg/cel/library/lists.go): {@code isSorted}, {@code sum},
 * {@code min}, {@code max}, {@code indexOf}, {@code lastIndexOf}. Go declares one overload per comparable element
 * type; here one generic overload is declared and element types are checked when evaluating, which gives the same
 * results (most expressions are over {@code dyn} data anyway) but lets e.g. {@code [[1]].min()} compile.
 */
final class ListsLibrary extends FunctionLibrary {

    private static final TypeParamType T = TypeParamType.create("T");
    private static final ListType LIST_T = ListType.create(T);

    ListsLibrary() {
        function("isSorted", newMemberOverload("list_is_sorted_bool", SimpleType.BOOL, LIST_T),
                CelFunctionBinding.from("list_is_sorted_bool", List.class, ListsLibrary::isSorted));
        function("sum", newMemberOverload("list_sum", T, LIST_T),
                CelFunctionBinding.from("list_sum", List.class, ListsLibrary::sum));
        function("min", newMemberOverload("list_min", T, LIST_T),
                CelFunctionBinding.from("list_min", List.class, list -> extreme(list, "min", 1)));
        function("max", newMemberOverload("list_max", T, LIST_T),
                CelFunctionBinding.from("list_max", List.class, list -> extreme(list, "max", -1)));
        function("indexOf", newMemberOverload("list_a_index_of_int", SimpleType.INT, LIST_T, T),
                CelFunctionBinding.from("list_a_index_of_int", List.class, Object.class, (list, item) -> {
                    for (int i = 0; i < list.size(); i++) {
                        if (ValueOrder.equal(list.get(i), item)) {
                            return (long) i;
                        }
                    }
                    return -1L;
                }));
        function("lastIndexOf", newMemberOverload("list_a_last_index_of_int", SimpleType.INT, LIST_T, T),
                CelFunctionBinding.from("list_a_last_index_of_int", List.class, Object.class, (list, item) -> {
                    for (int i = list.size() - 1; i >= 0; i--) {
                        if (ValueOrder.equal(list.get(i), item)) {
                            return (long) i;
                        }
                    }
                    return -1L;
                }));
    }

    private static boolean isSorted(List<?> list) throws CelEvaluationException {
        Object previous = null;
        for (Object next : list) {
            comparable(next);
            if (previous != null && compare(previous, next) == 1) {
                return false;
            }
            previous = next;
        }
        return true;
    }

    /** {@code min} keeps the current result unless comparing it with the next element gives {@code prefer}. */
    private static Object extreme(List<?> list, String name, int prefer) throws CelEvaluationException {
        Object result = null;
        for (Object next : list) {
            comparable(next);
            if (result == null || compare(result, next) == prefer) {
                result = next;
            }
        }
        if (result == null) {
            throw error("%s called on empty list", name);
        }
        return result;
    }

    private static Object sum(List<?> list) throws CelEvaluationException {
        if (list.isEmpty()) {
            return 0L;
        }
        Object first = list.get(0);
        Object acc;
        if (first instanceof Long) {
            acc = 0L;
        } else if (first instanceof UnsignedLong) {
            acc = UnsignedLong.ZERO;
        } else if (first instanceof Double) {
            acc = 0.0;
        } else if (first instanceof Duration) {
            acc = Duration.ZERO;
        } else {
            throw error("no such overload: sum over %s", StringFormatLibrary.typeName(first));
        }
        for (Object next : list) {
            acc = add(acc, next);
        }
        return acc;
    }

    private static Object add(Object acc, Object next) throws CelEvaluationException {
        try {
            if (acc instanceof Long a && next instanceof Long b) {
                return Math.addExact(a, b);
            }
            if (acc instanceof UnsignedLong a && next instanceof UnsignedLong b) {
                if (a.bigIntegerValue().add(b.bigIntegerValue()).bitLength() > 64) {
                    throw new ArithmeticException();
                }
                return a.plus(b);
            }
            if (acc instanceof Double a && next instanceof Double b) {
                return a + b;
            }
            if (acc instanceof Duration a && next instanceof Duration b) {
                return a.plus(b);
            }
        } catch (ArithmeticException e) {
            throw error("integer overflow");
        }
        throw error("no such overload: %s + %s", StringFormatLibrary.typeName(acc),
                StringFormatLibrary.typeName(next));
    }

    private static void comparable(Object value) throws CelEvaluationException {
        if (!ValueOrder.isComparable(value)) {
            throw error("no such overload: %s is not comparable", StringFormatLibrary.typeName(value));
        }
    }

    private static int compare(Object a, Object b) throws CelEvaluationException {
        try {
            return ValueOrder.compare(a, b);
        } catch (IllegalArgumentException e) {
            throw error("no such overload: cannot compare %s with %s", StringFormatLibrary.typeName(a),
                    StringFormatLibrary.typeName(b));
        }
    }
}
