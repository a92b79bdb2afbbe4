package dev.guidepost.core.internal.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import dev.guidepost.core.internal.golang.GoValues;

/**
 * Where a foreach element sits in the request's object. Kyverno reports a failing element with a path relative to
 * the element ({@code failed at path /image/}), which names no container; the element's own path turns it into a
 * line of the manifest. The element is found by identity (a foreach's JMESPath list holds the object's own nodes)
 * or, failing that, as the only node equal to it.
 */
final class ElementPaths {

    private ElementPaths() {
    }

    /** The path of {@code element} below {@code root} as keys and list indexes; empty when not found or ambiguous. */
    static List<Object> locate(Object root, Object element) {
        if (root == null || element == null) {
            return List.of();
        }
        List<List<Object>> same = find(root, node -> node == element);
        if (same.size() == 1) {
            return same.get(0);
        }
        List<List<Object>> equal = find(root, node -> GoValues.deepEqual(node, element));
        return equal.size() == 1 ? equal.get(0) : List.of();
    }

    /** The paths of the nodes that match, stopping at the second. */
    private static List<List<Object>> find(Object root, Predicate<Object> matches) {
        List<List<Object>> found = new ArrayList<>();
        walk(root, new ArrayList<>(), matches, found, Collections.newSetFromMap(new IdentityHashMap<>()));
        return found;
    }

    private static void walk(Object node, List<Object> path, Predicate<Object> matches, List<List<Object>> found,
            Set<Object> seen) {
        if (found.size() > 1) {
            return;
        }
        if (!path.isEmpty() && matches.test(node)) {
            found.add(List.copyOf(path));
            return;
        }
        if (node instanceof Map<?, ?> map && seen.add(map)) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                path.add(String.valueOf(entry.getKey()));
                walk(entry.getValue(), path, matches, found, seen);
                path.remove(path.size() - 1);
            }
        } else if (node instanceof List<?> list && seen.add(list)) {
            for (int i = 0; i < list.size(); i++) {
                path.add(i);
                walk(list.get(i), path, matches, found, seen);
                path.remove(path.size() - 1);
            }
        }
    }
}
