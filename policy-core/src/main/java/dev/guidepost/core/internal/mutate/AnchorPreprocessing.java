package dev.guidepost.core.internal.mutate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import dev.guidepost.core.internal.pattern.Anchor;
import dev.guidepost.core.internal.pattern.PatternMatch;
import dev.guidepost.core.internal.pattern.PatternMatcher;
import dev.guidepost.core.internal.yaml.PlainValues;

/**
 * Kyverno's preprocessing of a {@code patchStrategicMerge} overlay against the resource, before the merge
 * (pkg/engine/mutate/patch/strategicPreprocessing.go): {@code +(key)} becomes {@code key} when the resource lacks
 * the key and is dropped otherwise; {@code (key)} and {@code <(key)} are conditions checked with the validation
 * pattern matcher (a failed condition in a map fails the whole patch, in a list of maps only that element, a failed
 * global condition in a list the whole patch unless another element passes it); a list element with anchors is
 * replaced by one copy per resource element it applies to, carrying that element's {@code name}; finally the
 * condition elements are removed. Other anchors ({@code =()}, {@code X()}, {@code ^()}) are plain keys here, as in
 * Kyverno. Works in place on a mutable copy of the overlay.
 */
final class AnchorPreprocessing {

    /** A condition anchor that did not hold: the patch (or, within a list, the element) does not apply. */
    static final class ConditionFailed extends RuntimeException {
        private final boolean global;

        ConditionFailed(String message, boolean global) {
            super(message, null, false, false);
            this.global = global;
        }

        boolean global() {
            return global;
        }
    }

    private final PatternMatcher matcher;

    AnchorPreprocessing(PatternMatcher matcher) {
        this.matcher = matcher;
    }

    /** Preprocesses the overlay (a mutable map) in place; throws {@link ConditionFailed} when it does not apply. */
    void preprocess(Map<String, Object> overlay, Object resource) {
        recurse(overlay, resource);
        deleteConditionElements(overlay);
    }

    @SuppressWarnings("unchecked")
    private void recurse(Object pattern, Object resource) {
        if (pattern instanceof Map<?, ?> map) {
            walkMap((Map<String, Object>) map, resource);
        } else if (pattern instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Map<?, ?>) {
            listOfMaps((List<Object>) list, resource);
        }
    }

    private void walkMap(Map<String, Object> pattern, Object resource) {
        addIfNotPresent(pattern, resource);
        conditions(pattern, resource, Anchor.Type.GLOBAL);
        conditions(pattern, resource, Anchor.Type.CONDITION);
        for (String key : new ArrayList<>(pattern.keySet())) {
            Anchor a = Anchor.parse(key);
            if (a != null && isAnchor(a)) {
                continue;
            }
            Object resourceValue = resource instanceof Map<?, ?> r ? r.get(key) : null;
            recurse(pattern.get(key), resourceValue);
        }
    }

    /** Resolves the {@code +(key)} anchors of a map; returns how many there were. */
    private static int addIfNotPresent(Object pattern, Object resource) {
        if (!(pattern instanceof Map<?, ?>)) {
            return 0;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) pattern;
        int count = 0;
        for (String key : new ArrayList<>(map.keySet())) {
            Anchor a = Anchor.parse(key);
            if (a == null || a.type() != Anchor.Type.ADD_IF_NOT_PRESENT) {
                continue;
            }
            count++;
            if (resource instanceof Map<?, ?> r && r.containsKey(a.key())) {
                map.remove(key);
            } else {
                rename(map, key, a.key());
            }
        }
        return count;
    }

    private void conditions(Map<String, Object> pattern, Object resource, Anchor.Type type) {
        for (String key : new ArrayList<>(pattern.keySet())) {
            Anchor a = Anchor.parse(key);
            if (a == null || a.type() != type) {
                continue;
            }
            boolean global = type == Anchor.Type.GLOBAL;
            if (!(resource instanceof Map<?, ?> r) || !r.containsKey(a.key())) {
                throw new ConditionFailed("could not found \"" + a.key() + "\" key in the resource", global);
            }
            Object patternValue = pattern.get(key);
            Object resourceValue = r.get(a.key());
            if (addIfNotPresent(patternValue, resourceValue) > 0) {
                continue;
            }
            PatternMatch m = matcher.match(scalarText(resourceValue), scalarText(patternValue));
            if (m.status() != PatternMatch.Status.PASS) {
                throw new ConditionFailed(m.message(), global);
            }
        }
    }

    /** Kyverno reads a scalar condition through its YAML text: numbers and booleans compare as strings. */
    private static Object scalarText(Object value) {
        if (value instanceof Map<?, ?> || value instanceof List<?> || value instanceof String) {
            return value;
        }
        if (value == null) {
            return "null";
        }
        if (value instanceof Double d && d == Math.rint(d) && !d.isInfinite() && Math.abs(d) < 1e21) {
            return String.valueOf(d.longValue());
        }
        return String.valueOf(value);
    }

    @SuppressWarnings("unchecked")
    private void listOfMaps(List<Object> pattern, Object resource) {
        List<Object> resourceElements;
        if (resource == null) {
            resourceElements = List.of();
        } else if (resource instanceof List<?> l) {
            resourceElements = new ArrayList<>(l);
        } else {
            throw new PatchException("failed to preProcess rule: wrong node kind: expected a list");
        }
        for (Object patternElement : new ArrayList<>(pattern)) {
            if (!hasAnchors(patternElement, AnchorPreprocessing::isAnchor)) {
                continue;
            }
            boolean hasGlobal = hasAnchors(patternElement, a -> a.type() == Anchor.Type.GLOBAL);
            boolean anyGlobalPassed = false;
            ConditionFailed lastGlobal = null;
            Object copy = PlainValues.mutableCopy(patternElement);
            boolean skipElement = false;
            for (Object resourceElement : resourceElements) {
                try {
                    recurse(copy, resourceElement);
                } catch (ConditionFailed e) {
                    if (e.global()) {
                        lastGlobal = e;
                    }
                    continue;
                }
                if (hasGlobal) {
                    anyGlobalPassed = true;
                } else {
                    patternName(pattern, copy, resourceElement);
                }
            }
            if (resource == null) {
                try {
                    recurse(copy, null);
                    if (hasGlobal) {
                        anyGlobalPassed = true;
                    }
                } catch (ConditionFailed e) {
                    if (e.global()) {
                        throw e;
                    }
                    skipElement = true;
                }
            }
            if (!skipElement && !anyGlobalPassed && lastGlobal != null) {
                throw lastGlobal;
            }
        }
    }

    /** Appends a copy of the element, without its anchors, named after the resource element it applies to. */
    @SuppressWarnings("unchecked")
    private static void patternName(List<Object> pattern, Object element, Object resourceElement) {
        Object name = resourceElement instanceof Map<?, ?> r ? r.get("name") : null;
        if (nilOrEmpty(name)) {
            return;
        }
        Object copy = PlainValues.mutableCopy(element);
        if (deleteAnchors(copy, true, false)) {
            return;
        }
        if (copy instanceof Map<?, ?> m) {
            ((Map<String, Object>) m).put("name", name);
            pattern.add(copy);
        }
    }

    private static boolean nilOrEmpty(Object value) {
        return value == null || value instanceof String s && s.isEmpty() || value instanceof Map<?, ?> m && m.isEmpty()
                || value instanceof List<?> l && l.isEmpty();
    }

    private static void deleteConditionElements(Map<String, Object> pattern) {
        for (String key : new ArrayList<>(pattern.keySet())) {
            Anchor a = Anchor.parse(key);
            boolean deleteScalar = a != null && isCondition(a);
            if (deleteAnchors(pattern.get(key), deleteScalar, false)) {
                pattern.remove(key);
            }
        }
    }

    /** Removes the anchors below a node; true when the node itself is to be removed from the patch. */
    @SuppressWarnings("unchecked")
    private static boolean deleteAnchors(Object node, boolean deleteScalar, boolean traverseMaps) {
        if (node instanceof Map<?, ?> map) {
            return deleteAnchorsInMap((Map<String, Object>) map, traverseMaps);
        }
        if (node instanceof List<?> list) {
            return deleteAnchorsInList((List<Object>) list, traverseMaps);
        }
        return deleteScalar;
    }

    private static boolean deleteAnchorsInMap(Map<String, Object> node, boolean traverseMaps) {
        boolean anchorsExist = false;
        for (String key : new ArrayList<>(node.keySet())) {
            Anchor a = Anchor.parse(key);
            if (a == null || !isCondition(a)) {
                continue;
            }
            if (deleteAnchors(node.get(key), true, traverseMaps)) {
                node.remove(key);
            } else {
                anchorsExist = true;
            }
        }
        if (anchorsExist) {
            for (String key : new ArrayList<>(node.keySet())) {
                Anchor a = Anchor.parse(key);
                if (a != null && isCondition(a)) {
                    rename(node, key, a.key());
                }
            }
        }
        boolean needToDelete = true;
        for (String key : new ArrayList<>(node.keySet())) {
            if (deleteAnchors(node.get(key), false, traverseMaps)) {
                node.remove(key);
            } else {
                needToDelete = false;
            }
        }
        return needToDelete;
    }

    private static boolean deleteAnchorsInList(List<Object> node, boolean traverseMaps) {
        List<Object> elements = new ArrayList<>(node);
        boolean wasEmpty = elements.isEmpty();
        for (int i = 0; i < elements.size(); i++) {
            Object element = elements.get(i);
            boolean delete;
            if (hasAnchors(element, AnchorPreprocessing::isAnchor)) {
                delete = !traverseMaps || !(element instanceof Map<?, ?>) || deleteAnchors(element, true, true);
            } else {
                delete = deleteAnchors(element, false, traverseMaps);
            }
            // as Kyverno, removes by the element's original index in the shrinking list
            if (delete && i < node.size()) {
                node.remove(i);
            }
        }
        return node.isEmpty() && !wasEmpty;
    }

    /** Whether a node holds an anchor key accepted by the test, or a scalar that is a condition anchor. */
    private static boolean hasAnchors(Object node, Predicate<Anchor> test) {
        if (node instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                Anchor a = Anchor.parse(String.valueOf(e.getKey()));
                if (a != null && test.test(a)) {
                    return true;
                }
                if (!nilOrEmpty(e.getValue()) && hasAnchors(e.getValue(), test)) {
                    return true;
                }
            }
            return false;
        }
        if (node instanceof String s) {
            Anchor a = Anchor.parse(s);
            return a != null && isCondition(a);
        }
        if (node instanceof List<?> list) {
            return list.stream().anyMatch(e -> hasAnchors(e, test));
        }
        return false;
    }

    /** Condition and global condition anchors (Kyverno's ContainsCondition). */
    private static boolean isCondition(Anchor a) {
        return a.type() == Anchor.Type.CONDITION || a.type() == Anchor.Type.GLOBAL;
    }

    /** The anchors preprocessing acts on: conditions, global conditions and add-if-not-present. */
    private static boolean isAnchor(Anchor a) {
        return isCondition(a) || a.type() == Anchor.Type.ADD_IF_NOT_PRESENT;
    }

    /** Renames a key in place, keeping its position. */
    private static void rename(Map<String, Object> map, String from, String to) {
        Map<String, Object> copy = new LinkedHashMap<>(map);
        map.clear();
        copy.forEach((k, v) -> map.put(k.equals(from) ? to : k, v));
    }
}
