package dev.guidepost.core.internal.mutate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.guidepost.core.internal.golang.GoValues;
import dev.guidepost.core.internal.yaml.PlainValues;
import dev.guidepost.core.internal.yaml.YamlDocument;
import dev.guidepost.core.internal.yaml.YamlDocuments;

/**
 * RFC 6902 JSON patches ({@code patchesJson6902}) applied as Kyverno applies them: the patch text is YAML or JSON
 * (a list of {@code op}/{@code path}/{@code value}/{@code from} operations), and the options Kyverno sets hold:
 * negative array indices count from the end, removing a missing path does nothing, and adding creates the missing
 * parents of its path (an array when the next token is a number or {@code -}, otherwise a map). Works on a deep
 * copy; the input is not modified. {@link #applyStrict} applies them as the API server does for mutating admission
 * policies (json-patch v4's defaults): adding needs the parent, removing a missing path fails.
 */
public final class JsonPatch {

    private JsonPatch() {
    }

    /** The document after the operations of a patch text; throws {@link PatchException} when one fails. */
    public static Object apply(Object document, String patchText) {
        return apply(document, operations(patchText));
    }

    /** The document after a list of operations. */
    public static Object apply(Object document, List<Object> operations) {
        return apply(document, operations, false);
    }

    /**
     * The document after a list of operations, applied strictly as json-patch v4 does by default (the API server's
     * JSONPatch mutations): an added path needs its parent, removing or replacing a missing path fails, negative
     * indices count from the end. A failed {@code test} throws a {@link PatchException} whose
     * {@link PatchException#testFailed()} is true.
     */
    public static Object applyStrict(Object document, List<Object> operations) {
        return apply(document, operations, true);
    }

    private static Object apply(Object document, List<Object> operations, boolean strict) {
        Object root = PlainValues.mutableCopy(document);
        for (Object operation : operations) {
            root = applyOne(root, operation, strict);
        }
        return root;
    }

    /** The operations of a patch text (YAML or JSON). */
    static List<Object> operations(String patchText) {
        if (patchText == null || patchText.isBlank()) {
            return List.of();
        }
        List<YamlDocument> docs = YamlDocuments.parse(patchText, "patchesJson6902");
        if (docs.isEmpty()) {
            return List.of();
        }
        YamlDocument doc = docs.get(0);
        if (doc.problem() != null) {
            throw new PatchException("failed to decode patches: " + doc.problem().message());
        }
        if (!(doc.value() instanceof List<?> list)) {
            throw new PatchException("failed to decode patches: the patch is not a list of operations");
        }
        return new ArrayList<>(list);
    }

    private static Object applyOne(Object root, Object operation, boolean strict) {
        if (!(operation instanceof Map<?, ?>)) {
            throw new PatchException("failed to decode patches: an operation is not a map");
        }
        String op = PlainValues.string(operation, "op");
        String path = PlainValues.string(operation, "path");
        Object value = PlainValues.mutableCopy(PlainValues.at(operation, "value"));
        switch (op) {
            case "add":
                return add(root, tokens(path), value, !strict);
            case "remove":
                return remove(root, tokens(path), strict);
            case "replace":
                return replace(root, tokens(path), value);
            case "move": {
                List<String> from = tokens(PlainValues.string(operation, "from"));
                Object moved = get(root, from, "move");
                root = remove(root, from, strict);
                return add(root, tokens(path), moved, false);
            }
            case "copy": {
                Object copied = PlainValues.mutableCopy(get(root,
                        tokens(PlainValues.string(operation, "from")), "copy"));
                return add(root, tokens(path), copied, false);
            }
            case "test": {
                Object actual = strict ? testedValue(root, tokens(path)) : get(root, tokens(path), "test");
                if (!GoValues.deepEqual(actual, value)) {
                    throw new PatchException("testing value " + path + " failed: test failed", true);
                }
                return root;
            }
            default:
                throw new PatchException("Unexpected kind: " + op);
        }
    }

    /** The tokens of a JSON pointer ({@code ""} is the whole document). */
    private static List<String> tokens(String pointer) {
        List<String> out = new ArrayList<>();
        if (pointer.isEmpty()) {
            return out;
        }
        String[] parts = pointer.split("/", -1);
        for (int i = 1; i < parts.length; i++) {
            out.add(parts[i].replace("~1", "/").replace("~0", "~"));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Object add(Object root, List<String> path, Object value, boolean ensurePath) {
        if (path.isEmpty()) {
            return value;
        }
        Object parent = root;
        for (int i = 0; i < path.size() - 1; i++) {
            String token = path.get(i);
            Object next = child(parent, token);
            if (next == null) {
                if (!ensurePath) {
                    throw new PatchException("add operation does not apply: doc is missing path: "
                            + pointer(path));
                }
                String following = path.get(i + 1);
                next = following.equals("-") || isIndex(following) ? new ArrayList<>() : new LinkedHashMap<>();
                put(parent, token, next, path);
            }
            parent = next;
        }
        String last = path.get(path.size() - 1);
        if (parent instanceof Map<?, ?> map) {
            ((Map<String, Object>) map).put(last, value);
        } else if (parent instanceof List<?> list) {
            List<Object> l = (List<Object>) list;
            if (last.equals("-")) {
                l.add(value);
            } else {
                int index = index(last, l.size() + 1, "add", path);
                l.add(index, value);
            }
        } else {
            throw new PatchException("add operation does not apply: doc is missing path: " + pointer(path));
        }
        return root;
    }

    @SuppressWarnings("unchecked")
    private static void put(Object parent, String token, Object value, List<String> path) {
        if (parent instanceof Map<?, ?> map) {
            ((Map<String, Object>) map).put(token, value);
        } else if (parent instanceof List<?> list && (token.equals("-") || isIndex(token))) {
            List<Object> l = (List<Object>) list;
            if (token.equals("-")) {
                l.add(value);
            } else {
                l.add(index(token, l.size() + 1, "add", path), value);
            }
        } else {
            throw new PatchException("add operation does not apply: doc is missing path: " + pointer(path));
        }
    }

    @SuppressWarnings("unchecked")
    private static Object remove(Object root, List<String> path, boolean strict) {
        if (path.isEmpty()) {
            return null;
        }
        Object parent = parent(root, path);
        if (parent == null) {
            if (strict) {
                throw new PatchException("remove operation does not apply: doc is missing path: " + pointer(path));
            }
            return root; // a missing path: nothing to remove
        }
        String last = path.get(path.size() - 1);
        if (parent instanceof Map<?, ?> map) {
            if (strict && !map.containsKey(last)) {
                throw new PatchException("Unable to remove nonexistent key: " + last + ": missing value");
            }
            ((Map<String, Object>) map).remove(last);
        } else if (parent instanceof List<?> list) {
            Integer index = optionalIndex(last, list.size());
            if (index != null && index < list.size()) {
                ((List<Object>) list).remove((int) index);
            } else if (strict) {
                throw new PatchException("Unable to access invalid index: " + last + ": invalid index referenced");
            }
        } else if (strict) {
            throw new PatchException("remove operation does not apply: doc is missing path: " + pointer(path));
        }
        return root;
    }

    /** The value a strict {@code test} compares: null for a missing key; a missing parent fails. */
    private static Object testedValue(Object root, List<String> path) {
        if (path.isEmpty()) {
            return root;
        }
        Object parent = parent(root, path);
        if (!(parent instanceof Map<?, ?>) && !(parent instanceof List<?>)) {
            throw new PatchException("test operation does not apply: is missing path: " + pointer(path));
        }
        return child(parent, path.get(path.size() - 1));
    }

    @SuppressWarnings("unchecked")
    private static Object replace(Object root, List<String> path, Object value) {
        if (path.isEmpty()) {
            return value;
        }
        Object parent = parent(root, path);
        String last = path.get(path.size() - 1);
        if (parent instanceof Map<?, ?> map && map.containsKey(last)) {
            ((Map<String, Object>) map).put(last, value);
            return root;
        }
        if (parent instanceof List<?> list) {
            Integer index = optionalIndex(last, list.size());
            if (index != null && index < list.size()) {
                ((List<Object>) list).set(index, value);
                return root;
            }
        }
        throw new PatchException("replace operation does not apply: doc is missing key: " + pointer(path));
    }

    private static Object get(Object root, List<String> path, String op) {
        Object value = root;
        for (String token : path) {
            value = child(value, token);
            if (value == null) {
                throw new PatchException(op + " operation does not apply: doc is missing path: " + pointer(path));
            }
        }
        return value;
    }

    private static Object parent(Object root, List<String> path) {
        Object value = root;
        for (int i = 0; i < path.size() - 1 && value != null; i++) {
            value = child(value, path.get(i));
        }
        return value;
    }

    private static Object child(Object container, String token) {
        if (container instanceof Map<?, ?> map) {
            return map.get(token);
        }
        if (container instanceof List<?> list) {
            Integer index = optionalIndex(token, list.size());
            return index == null || index >= list.size() ? null : list.get(index);
        }
        return null;
    }

    private static boolean isIndex(String token) {
        return token.matches("-?\\d+");
    }

    /** An array index, negative ones counting from the end; null when the token is not one. */
    private static Integer optionalIndex(String token, int size) {
        if (!isIndex(token)) {
            return null;
        }
        long i = Long.parseLong(token);
        if (i < 0) {
            i += size;
        }
        return i < 0 || i > Integer.MAX_VALUE ? null : (int) i;
    }

    /** An insertion index: {@code bound} is the list's size plus one, and a negative index counts from it. */
    private static int index(String token, int bound, String op, List<String> path) {
        Integer i = optionalIndex(token, bound);
        if (i == null || i >= bound) {
            throw new PatchException(op + " operation does not apply: index out of bounds: " + pointer(path));
        }
        return i;
    }

    private static String pointer(List<String> path) {
        StringBuilder out = new StringBuilder();
        path.forEach(t -> out.append('/').append(t.replace("~", "~0").replace("/", "~1")));
        return out.toString();
    }
}
