package dev.guidepost.core.internal.mutate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Kubernetes strategic merge of a (preprocessed) patch into a resource, as kustomize's kyaml merge does it for
 * Kyverno: maps merge key by key, a {@code null} deletes, a scalar replaces; a list of maps with a merge key (the
 * Kubernetes schema's patch merge key for the usual pod spec lists, otherwise {@code name} when every element has
 * one) merges element by element, the patch's elements first (kustomize prepends); {@code finalizers} merge as a
 * set; other lists are replaced. {@code $patch: delete} removes a map or list element and {@code $patch: replace}
 * replaces a map. Returns new values; the inputs are not modified.
 */
final class StrategicMerge {

    /** Patch merge keys of the Kubernetes schema, by field name. */
    private static final Map<String, String> MERGE_KEYS = Map.ofEntries(
            Map.entry("containers", "name"), Map.entry("initContainers", "name"),
            Map.entry("ephemeralContainers", "name"), Map.entry("volumes", "name"), Map.entry("env", "name"),
            Map.entry("volumeMounts", "mountPath"), Map.entry("volumeDevices", "devicePath"),
            Map.entry("imagePullSecrets", "name"), Map.entry("hostAliases", "ip"),
            Map.entry("topologySpreadConstraints", "topologyKey"), Map.entry("conditions", "type"));
    /** Lists the schema declares atomic: always replaced. */
    private static final Set<String> ATOMIC = Set.of("tolerations", "args", "command");
    private static final String DIRECTIVE = "$patch";
    private static final Object DELETE = new Object();

    private StrategicMerge() {
    }

    /** The resource with the patch merged in. */
    static Object merge(Object resource, Object patch) {
        Object merged = value(resource, patch, "");
        return merged == DELETE ? null : merged;
    }

    @SuppressWarnings("unchecked")
    private static Object value(Object dest, Object patch, String field) {
        if (patch == null) {
            return DELETE;
        }
        if (patch instanceof Map<?, ?> p) {
            Map<String, Object> patchMap = (Map<String, Object>) p;
            Object directive = patchMap.get(DIRECTIVE);
            if ("delete".equals(directive)) {
                return DELETE;
            }
            if ("replace".equals(directive)) {
                return copyWithout(patchMap);
            }
            Map<String, Object> out = dest instanceof Map<?, ?> d ? copy((Map<String, Object>) d)
                    : new LinkedHashMap<>();
            for (Map.Entry<String, Object> e : patchMap.entrySet()) {
                if (e.getKey().startsWith("$")) {
                    continue;
                }
                Object merged = value(out.get(e.getKey()), e.getValue(), e.getKey());
                if (merged == DELETE) {
                    out.remove(e.getKey());
                } else {
                    out.put(e.getKey(), merged);
                }
            }
            return out;
        }
        if (patch instanceof List<?> p) {
            List<Object> destList = dest instanceof List<?> d ? (List<Object>) d : List.of();
            if (field.equals("finalizers")) {
                return primitiveSet(destList, (List<Object>) p);
            }
            String key = mergeKey(field, destList, (List<Object>) p);
            return key == null ? deepCopy(p) : associative(destList, (List<Object>) p, key);
        }
        return patch;
    }

    private static String mergeKey(String field, List<Object> dest, List<Object> patch) {
        if (ATOMIC.contains(field)) {
            return null;
        }
        String key = MERGE_KEYS.get(field);
        if (key == null && field.equals("ports")) {
            key = allHave(patch, "containerPort") || allHave(dest, "containerPort") ? "containerPort"
                    : allHave(patch, "port") || allHave(dest, "port") ? "port" : null;
        }
        if (key == null && (allHave(dest, "name") || allHave(patch, "name"))) {
            key = "name";
        }
        return key;
    }

    private static boolean allHave(List<Object> list, String key) {
        return !list.isEmpty() && list.stream().allMatch(e -> e instanceof Map<?, ?> m && m.containsKey(key));
    }

    /**
     * kyaml's merge of an associative list with new items prepended (kustomize's setting): the elements keyed in
     * the patch come first, in the patch's order, merged with the resource's element of the same key; then the
     * resource's other keyed elements in their order; then its elements without the key. An element merged to
     * nothing (deleted, or an empty map) is removed.
     */
    @SuppressWarnings("unchecked")
    private static Object associative(List<Object> dest, List<Object> patch, String key) {
        Set<String> values = new LinkedHashSet<>();
        for (Object e : patch) {
            keyOf(e, key).ifPresent(values::add);
        }
        for (Object e : dest) {
            keyOf(e, key).ifPresent(values::add);
        }
        List<Object> out = new ArrayList<>();
        for (String v : values) {
            Object destElement = find(dest, key, v);
            Object patchElement = find(patch, key, v);
            Object merged = patchElement == null ? destElement : value(destElement, patchElement, "");
            if (merged == DELETE || merged == null || merged instanceof Map<?, ?> m && m.isEmpty()) {
                continue;
            }
            if (merged instanceof Map<?, ?> m && !m.containsKey(key)) {
                ((Map<String, Object>) m).put(key, v);
            }
            out.add(merged);
        }
        for (Object e : dest) {
            if (keyOf(e, key).isEmpty()) {
                out.add(e);
            }
        }
        return out;
    }

    /** A list of scalars the schema merges as a set (finalizers): the patch's values first, then the others. */
    private static Object primitiveSet(List<Object> dest, List<Object> patch) {
        List<Object> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (Object v : patch) {
            if (seen.add(text(v))) {
                out.add(v);
            }
        }
        for (Object v : dest) {
            if (seen.add(text(v))) {
                out.add(v);
            }
        }
        return out;
    }

    private static java.util.Optional<String> keyOf(Object element, String key) {
        if (element instanceof Map<?, ?> m && m.get(key) != null && !(m.get(key) instanceof Map<?, ?>)
                && !(m.get(key) instanceof List<?>)) {
            return java.util.Optional.of(text(m.get(key)));
        }
        return java.util.Optional.empty();
    }

    private static Object find(List<Object> list, String key, String value) {
        int i = indexOf(list, key, value);
        return i < 0 ? null : list.get(i);
    }

    private static int indexOf(List<Object> list, String key, String value) {
        for (int i = 0; i < list.size(); i++) {
            if (keyOf(list.get(i), key).map(value::equals).orElse(false)) {
                return i;
            }
        }
        return -1;
    }

    private static String text(Object scalar) {
        if (scalar instanceof Double d && d == Math.rint(d) && !d.isInfinite() && Math.abs(d) < 1e15) {
            return String.valueOf(d.longValue());
        }
        return String.valueOf(scalar);
    }

    private static Map<String, Object> copyWithout(Map<String, Object> map) {
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> {
            if (!k.equals(DIRECTIVE)) {
                out.put(k, deepCopy(v));
            }
        });
        return out;
    }

    private static Map<String, Object> copy(Map<String, Object> map) {
        return new LinkedHashMap<>(map);
    }

    @SuppressWarnings("unchecked")
    private static <T> T deepCopy(T value) {
        return (T) dev.guidepost.core.internal.yaml.PlainValues.mutableCopy(value);
    }
}
