package dev.guidepost.core.internal.mutate;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.guidepost.core.internal.yaml.PlainValues;

/**
 * An apply configuration merged into an object the way the API server applies a MutatingAdmissionPolicy's
 * {@code ApplyConfiguration} (structured-merge-diff's typed merge, without field ownership): the configuration may
 * not contain atomic lists, maps or structs; maps and structs merge field by field; lists merge by their
 * {@link ApplySchema list type}: items of map lists by their keys (a configured item merges into the live item with
 * the same keys, new ones are placed by structured-merge-diff's interleaving of the two orders), items of set
 * lists by value; scalars are replaced. Works on copies; the inputs are not modified.
 */
public final class ApplyConfiguration {

    /** A configuration that needs schema knowledge Guidepost lacks; the feature is the message. */
    public static final class UnsupportedException extends RuntimeException {
        UnsupportedException(String message) {
            super(message, null, false, false);
        }
    }

    private ApplyConfiguration() {
    }

    /**
     * The object with the configuration merged in.
     *
     * @throws PatchException       when the API server would reject the configuration
     * @throws UnsupportedException when a map or list of the configuration lies where the schema is unknown here
     */
    public static Map<String, Object> apply(Map<String, Object> object, Map<String, Object> configuration) {
        ApplySchema.Node schema = ApplySchema.of(PlainValues.string(object, "apiVersion"),
                PlainValues.string(object, "kind"));
        List<String> atomics = new ArrayList<>();
        findAtomics(configuration, schema, "", atomics);
        if (!atomics.isEmpty()) {
            throw new PatchException("invalid ApplyConfiguration: may not mutate atomic arrays, maps or structs: "
                    + String.join(", ", atomics));
        }
        return PlainValues.map(merge(object, configuration, schema, ""));
    }

    private static void findAtomics(Object value, ApplySchema.Node schema, String path, List<String> atomics) {
        if (value instanceof Map<?, ?> map) {
            if (schema instanceof ApplySchema.Struct struct) {
                if (struct.atomic()) {
                    atomics.add(path);
                }
                map.forEach((k, v) -> findAtomics(v, struct.field(String.valueOf(k)), path + "." + k, atomics));
            } else if (schema instanceof ApplySchema.MapOf mapOf) {
                if (mapOf.atomic()) {
                    atomics.add(path);
                }
                map.forEach((k, v) -> findAtomics(v, mapOf.element(), path + "." + k, atomics));
            } else {
                throw unknown(path);
            }
        } else if (value instanceof List<?> list) {
            if (!(schema instanceof ApplySchema.ListOf listOf)) {
                throw unknown(path);
            }
            if (listOf.type() == ApplySchema.ListType.ATOMIC) {
                atomics.add(path);
            }
            for (int i = 0; i < list.size(); i++) {
                findAtomics(list.get(i), listOf.element(), path + "[" + i + "]", atomics);
            }
        }
    }

    private static UnsupportedException unknown(String path) {
        return new UnsupportedException("an ApplyConfiguration that sets the map or list at " + path
                + ", whose merge type Guidepost does not know");
    }

    private static Object merge(Object live, Object configured, ApplySchema.Node schema, String path) {
        if (configured instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            if (live instanceof Map<?, ?> liveMap) {
                liveMap.forEach((k, v) -> out.put(String.valueOf(k), PlainValues.mutableCopy(v)));
            }
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String key = String.valueOf(e.getKey());
                ApplySchema.Node child = schema instanceof ApplySchema.Struct s ? s.field(key)
                        : schema instanceof ApplySchema.MapOf m ? m.element() : ApplySchema.UNKNOWN;
                out.put(key, merge(out.get(key), e.getValue(), child, path + "." + key));
            }
            return out;
        }
        if (configured instanceof List<?> list && schema instanceof ApplySchema.ListOf listOf
                && listOf.type() != ApplySchema.ListType.ATOMIC) {
            return mergeList(live instanceof List<?> l ? l : List.of(), list, listOf, path);
        }
        return PlainValues.mutableCopy(configured);
    }

    /** structured-merge-diff's merge of two lists whose items have identities (keys or values). */
    private static List<Object> mergeList(List<?> live, List<?> configured, ApplySchema.ListOf schema,
            String path) {
        List<Object> lhsKeys = new ArrayList<>();
        Map<Object, Object> lhsItems = new LinkedHashMap<>();
        for (Object item : live) {
            Object key = identity(item, schema, path);
            lhsKeys.add(key);
            lhsItems.putIfAbsent(key, item);
        }
        List<Object> rhsKeys = new ArrayList<>();
        Map<Object, Object> rhsItems = new LinkedHashMap<>();
        for (Object item : configured) {
            Object key = identity(item, schema, path);
            if (rhsItems.containsKey(key)) {
                throw new PatchException("failed to convert patch object to typed object: " + path
                        + ": duplicate entries for key " + describe(key));
            }
            rhsKeys.add(key);
            rhsItems.put(key, item);
        }
        List<Object> shared = new ArrayList<>();
        for (Object key : rhsKeys) {
            if (lhsItems.containsKey(key)) {
                shared.add(key);
            }
        }
        int nextShared = 0;
        Set<Object> merged = new HashSet<>();
        List<Object> out = new ArrayList<>();
        int l = 0;
        int r = 0;
        while (l < lhsKeys.size() || r < rhsKeys.size()) {
            if (l < lhsKeys.size() && r < rhsKeys.size()) {
                Object key = lhsKeys.get(l);
                if (key.equals(rhsKeys.get(r))) {
                    merged.add(key);
                    out.add(merge(lhsItems.get(key), rhsItems.get(key), schema.element(), path + "[]"));
                    l++;
                    r++;
                    if (nextShared < shared.size() && shared.get(nextShared).equals(key)) {
                        nextShared++;
                    }
                    continue;
                }
                if (rhsItems.containsKey(key) && nextShared < shared.size()
                        && !shared.get(nextShared).equals(key)) {
                    l++; // a shared item, but not the one to place now
                    continue;
                }
            }
            if (l < lhsKeys.size()) {
                Object key = lhsKeys.get(l);
                if (!rhsItems.containsKey(key)) {
                    out.add(PlainValues.mutableCopy(live.get(l)));
                    l++;
                    continue;
                }
                if (merged.contains(key)) {
                    l++;
                    continue;
                }
            }
            if (r < rhsKeys.size()) {
                Object key = rhsKeys.get(r);
                merged.add(key);
                out.add(merge(lhsItems.get(key), rhsItems.get(key), schema.element(), path + "[]"));
                r++;
                if (nextShared < shared.size() && shared.get(nextShared).equals(key)) {
                    nextShared++;
                }
            }
        }
        return out;
    }

    /** An item's identity: its key fields (with their defaults) for a map list, its value for a set. */
    private static Object identity(Object item, ApplySchema.ListOf schema, String path) {
        if (schema.type() == ApplySchema.ListType.SET) {
            return canonical(item);
        }
        if (!(item instanceof Map<?, ?> map)) {
            throw new PatchException(path + ": expected a map item in an associative list");
        }
        List<Object> key = new ArrayList<>();
        for (String field : schema.keys()) {
            Object value = map.get(field);
            if (value == null) {
                value = schema.keyDefaults().get(field);
            }
            if (value == null) {
                throw new PatchException(path + ": associative list with keys has an element that omits key field "
                        + "\"" + field + "\"");
            }
            key.add(canonical(value));
        }
        return key;
    }

    /** Numbers compared as Go compares float64 values, so 80 and 80.0 are one key. */
    private static Object canonical(Object value) {
        return value instanceof Number n ? (Object) n.doubleValue() : value;
    }

    private static String describe(Object key) {
        return String.valueOf(key);
    }
}
