package dev.guidepost.core.internal.cel;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.cel.runtime.CelFunctionBinding;
import dev.cel.runtime.CelRuntimeBuilder;
import dev.cel.runtime.CelRuntimeLibrary;

/**
 * Indexing an optional value, {@code object.?spec.?containers[?0]} or {@code [0]}, as cel-go evaluates it. The
 * checker cannot tell an optional list from an optional map when the value is {@code dyn} (as every Kubernetes
 * object is), so it keeps both overloads, and cel-java's dispatcher then finds both able to take an
 * {@code (Optional, Long)} call and fails with "Ambiguous overloads". cel-go evaluates an index on an optional as
 * an attribute qualifier and looks at the value instead, which these bindings do: the list overloads take an
 * integer index and serve a list or a map, the map overloads take a text key only, so exactly one binding takes
 * any call. (The one call this leaves out, an optional of a map the checker knows has keys other than text, does
 * not occur in Kubernetes objects, whose keys are text.) It must be added before cel-java's optional library, whose bindings of the same overloads then do
 * not replace these (the runtime keeps the first binding of an overload).
 */
final class OptionalIndexLibrary implements CelRuntimeLibrary {

    @Override
    public void setRuntimeOptions(CelRuntimeBuilder runtimeBuilder) {
        runtimeBuilder.addFunctionBindings(
                CelFunctionBinding.from("optional_list_optindex_optional_int", Optional.class, Long.class,
                        OptionalIndexLibrary::byInteger),
                CelFunctionBinding.from("optional_list_index_int", Optional.class, Long.class,
                        OptionalIndexLibrary::byInteger),
                CelFunctionBinding.from("optional_map_optindex_optional_value", Optional.class, String.class,
                        OptionalIndexLibrary::byKey),
                CelFunctionBinding.from("optional_map_index_value", Optional.class, String.class,
                        OptionalIndexLibrary::byKey));
    }

    /** An element of an optional list, or the entry of an optional map with an integer key; empty when absent. */
    private static Object byInteger(Optional<?> value, Long index) {
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (value.get() instanceof Map<?, ?> map) {
            return byKey(Optional.of(map), index);
        }
        List<?> list = (List<?>) value.get();
        return index < 0 || index >= list.size() ? Optional.empty() : Optional.of(list.get(index.intValue()));
    }

    /** The entry of an optional map; empty when the map or the key is absent. */
    private static Object byKey(Optional<?> value, Object key) {
        if (value.isEmpty()) {
            return Optional.empty();
        }
        Map<?, ?> map = (Map<?, ?>) value.get();
        return map.containsKey(key) ? Optional.of(map.get(key)) : Optional.empty();
    }
}
