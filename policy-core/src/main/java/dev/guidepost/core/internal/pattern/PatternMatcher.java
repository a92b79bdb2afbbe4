package dev.guidepost.core.internal.pattern;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntFunction;

import dev.guidepost.core.internal.match.Wildcard;

/**
 * Kyverno's validation pattern language (the legacy {@code validate.pattern} and {@code anyPattern}): the pattern
 * is an overlay of the resource, walked in step with it. Maps match key by key, an array of maps matches when
 * every element matches its first map, scalar patterns follow {@link ValuePattern}, and anchors change what a key
 * means: {@code (key)} is a condition (when it fails, the element or the whole rule is skipped), {@code <(key)} a
 * global condition, {@code X(key)} forbids the key, {@code =(key)} checks it only when present, and
 * {@code ^(key)} asks for at least one matching element. Wildcards in label and annotation keys are expanded
 * against the resource first. Stateless and thread-safe.
 */
public final class PatternMatcher {

    private static final String CONDITIONAL = "conditional anchor mismatch";
    private static final String GLOBAL = "global anchor mismatch";
    private static final String NEGATION = "negation anchor matched in resource";

    private final ValuePattern values;

    /** @param numbersAsDoubles whether resource integers read as floats, as the Kyverno CLI loads them */
    public PatternMatcher(boolean numbersAsDoubles) {
        this.values = new ValuePattern(numbersAsDoubles);
    }

    /**
     * Kyverno's {@code pattern.Validate} of one scalar value against one pattern value (operators, ranges,
     * durations, quantities, wildcards), without anchors or paths.
     */
    public boolean matchesValue(Object value, Object pattern) {
        return values.matches(value, pattern);
    }

    /** Matches a whole resource against a pattern. */
    public PatternMatch match(Object resource, Object pattern) {
        AnchorKeys anchors = new AnchorKeys();
        Mismatch m = element(resource, pattern, "/", anchors);
        if (m == null) {
            return PatternMatch.PASS;
        }
        if (m.isSkip()) {
            return new PatternMatch(PatternMatch.Status.SKIP, m.message(), "");
        }
        if (m.isNegation()) {
            return fail(m.message(), m.path());
        }
        if (anchors.keysAreMissing()) {
            return new PatternMatch(PatternMatch.Status.ERROR, m.message(), "");
        }
        return fail(m.message(), m.path());
    }

    private static PatternMatch fail(String message, String path) {
        return path.isEmpty() ? new PatternMatch(PatternMatch.Status.ERROR, message, "")
                : new PatternMatch(PatternMatch.Status.FAIL, message, path);
    }

    /**
     * Why a part of the resource did not match, and where. Kyverno tells outcomes apart by error type: anchor errors
     * (condition, global, negation), the skip error of a map or array whose elements were all skipped (a
     * {@code PatternError}, which wraps anchor errors), and plain mismatches.
     */
    private record Mismatch(Kind kind, String message, String path) {

        enum Kind {
            CONDITIONAL, GLOBAL, NEGATION, SKIPPED_ELEMENTS, OTHER
        }

        static Mismatch other(String message, String path) {
            return new Mismatch(Kind.OTHER, message, path);
        }

        static Mismatch skipped(List<Mismatch> skips, String path) {
            List<String> messages = new ArrayList<>();
            skips.forEach(m -> messages.add(m.message()));
            return new Mismatch(Kind.SKIPPED_ELEMENTS, String.join("; ", messages), path);
        }

        /** A condition or global anchor did not hold here or below: the element (or rule) does not apply. */
        boolean isSkip() {
            return kind == Kind.CONDITIONAL || kind == Kind.GLOBAL || kind == Kind.SKIPPED_ELEMENTS;
        }

        boolean isNegation() {
            return kind == Kind.NEGATION;
        }
    }

    /** Whether each condition, existence and negation anchor of the pattern found its key in the resource. */
    private static final class AnchorKeys {
        private final Map<String, Boolean> found = new HashMap<>();

        void check(Map<String, Object> pattern, Object resource) {
            for (String key : pattern.keySet()) {
                Anchor a = Anchor.parse(key);
                if (a == null || !a.tracked()) {
                    continue;
                }
                if (Boolean.TRUE.equals(found.get(key))) {
                    continue;
                }
                found.put(key, hasKey(resource, a.key()));
            }
        }

        boolean keysAreMissing() {
            return found.containsValue(false);
        }

        private static boolean hasKey(Object resource, String key) {
            if (resource instanceof Map<?, ?> m) {
                return m.containsKey(key);
            }
            if (resource instanceof List<?> l) {
                return l.stream().anyMatch(v -> hasKey(v, key));
            }
            return false;
        }
    }

    @SuppressWarnings("unchecked")
    private Mismatch element(Object resource, Object pattern, String path, AnchorKeys anchors) {
        if (pattern instanceof Map<?, ?> p) {
            if (!(resource instanceof Map<?, ?> r)) {
                return Mismatch.other("pattern and resource have different structures. Path: " + path
                        + ". Expected map, found " + typeName(resource), path);
            }
            anchors.check((Map<String, Object>) p, r);
            return map((Map<String, Object>) r, (Map<String, Object>) p, path, anchors);
        }
        if (pattern instanceof List<?> p) {
            if (!(resource instanceof List<?> r)) {
                return Mismatch.other("validation rule failed at path " + path
                        + ", resource does not satisfy the expected overlay pattern", path);
            }
            return array((List<Object>) r, (List<Object>) p, path, anchors);
        }
        if (isScalar(pattern)) {
            if (resource instanceof List<?> r) {
                for (Object item : r) {
                    if (!values.matches(item, pattern)) {
                        return valueMismatch(resource, pattern, path);
                    }
                }
                return null;
            }
            return values.matches(resource, pattern) ? null : valueMismatch(resource, pattern, path);
        }
        return Mismatch.other("failed at '" + path + "', pattern contains unknown type", path);
    }

    private static Mismatch valueMismatch(Object resource, Object pattern, String path) {
        return Mismatch.other("resource value '" + goText(resource) + "' does not match '" + goText(pattern)
                + "' at path " + path, path);
    }

    private Mismatch map(Map<String, Object> resource, Map<String, Object> patternIn, String path,
            AnchorKeys anchors) {
        Map<String, Object> pattern = MetadataWildcards.expand(patternIn, resource);
        Map<String, Object> first = new TreeMap<>();
        List<String> nested = new ArrayList<>();
        List<String> plain = new ArrayList<>();
        for (Map.Entry<String, Object> e : pattern.entrySet()) {
            Anchor a = Anchor.parse(e.getKey());
            if (a != null && a.evaluatedFirst()) {
                first.put(e.getKey(), e.getValue());
            } else if (a != null && a.type() == Anchor.Type.GLOBAL || hasAnchors(e.getValue())) {
                nested.add(e.getKey());
            } else {
                plain.add(e.getKey());
            }
        }
        List<Mismatch> skips = new ArrayList<>();
        int applied = 0;
        for (Map.Entry<String, Object> e : first.entrySet()) {
            Mismatch m = handle(e.getKey(), e.getValue(), resource, path, anchors);
            if (m == null) {
                applied++;
            } else if (m.isSkip()) {
                skips.add(m);
            } else if (!hasDirectSkip(skips)) {
                return m;
            }
        }
        // a condition that did not hold skips the map; elements all skipped below an anchor only when nothing
        // else at this level applied
        if (!skips.isEmpty() && (applied == 0 || hasDirectSkip(skips))) {
            return Mismatch.skipped(skips, path);
        }
        List<String> rest = new ArrayList<>(nested);
        rest.addAll(plain);
        for (String key : rest) {
            Mismatch m = handle(key, pattern.get(key), resource, path, anchors);
            if (m != null) {
                return m;
            }
        }
        return null;
    }

    private static boolean hasDirectSkip(List<Mismatch> skips) {
        return skips.stream().anyMatch(m -> m.kind() != Mismatch.Kind.SKIPPED_ELEMENTS);
    }

    /** One key of a pattern map, by what its anchor asks. */
    private Mismatch handle(String key, Object pattern, Map<String, Object> resource, String path,
            AnchorKeys anchors) {
        Anchor a = Anchor.parse(key);
        Anchor.Type type = a == null ? null : a.type();
        if (type == null || type == Anchor.Type.ADD_IF_NOT_PRESENT) {
            String current = path + key + "/";
            Object value = resource.get(key);
            if ("*".equals(pattern)) {
                return value != null ? null : Mismatch.other(path + "/" + key + " not found", path);
            }
            return element(value, pattern, current, anchors);
        }
        String current = path + a.key() + "/";
        boolean present = resource.containsKey(a.key());
        Object value = resource.get(a.key());
        switch (type) {
            case NEGATION:
                return present ? new Mismatch(Mismatch.Kind.NEGATION, NEGATION + ": " + current + " is not allowed",
                        current) : null;
            case EQUALITY:
                return present ? element(value, pattern, current, anchors) : null;
            case CONDITION: {
                if (!present) {
                    return new Mismatch(Mismatch.Kind.CONDITIONAL,
                            CONDITIONAL + ": conditional anchor key doesn't exist in the resource", current);
                }
                Mismatch m = element(value, pattern, current, anchors);
                return m == null ? null : new Mismatch(Mismatch.Kind.CONDITIONAL, CONDITIONAL + ": " + m.message(),
                        m.path());
            }
            case GLOBAL: {
                if (!present) {
                    return null;
                }
                Mismatch m = element(value, pattern, current, anchors);
                return m == null ? null : new Mismatch(Mismatch.Kind.GLOBAL, GLOBAL + ": " + m.message(), m.path());
            }
            case EXISTENCE:
                return present ? existence(value, pattern, current, anchors) : null;
            default:
                return null;
        }
    }

    @SuppressWarnings("unchecked")
    private Mismatch existence(Object value, Object pattern, String path, AnchorKeys anchors) {
        if (!(value instanceof List<?> items)) {
            return Mismatch.other("invalid resource type " + typeName(value)
                    + ": Existence ^ () anchor can be used only on list/array type resource", path);
        }
        if (!(pattern instanceof List<?> patterns)) {
            return Mismatch.other("invalid pattern type " + typeName(pattern)
                    + ": Pattern has to be of list to compare against resource", path);
        }
        for (Object p : patterns) {
            if (!(p instanceof Map<?, ?>)) {
                return Mismatch.other("invalid pattern type " + typeName(pattern)
                        + ": Pattern has to be of type map to compare against items in resource", path);
            }
            boolean any = false;
            for (int i = 0; i < items.size() && !any; i++) {
                any = element(items.get(i), p, path + i + "/", anchors) == null;
            }
            if (!any) {
                return Mismatch.other("existence anchor validation failed at path " + path, path);
            }
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private Mismatch array(List<Object> resource, List<Object> pattern, String path, AnchorKeys anchors) {
        if (pattern.isEmpty()) {
            return Mismatch.other("pattern Array empty", path);
        }
        Object first = pattern.get(0);
        if (first instanceof Map<?, ?> p) {
            return elements(resource.size(), i -> element(resource.get(i), p, path + i + "/", anchors), path);
        }
        if (isScalar(first)) {
            return element(resource, first, path, anchors);
        }
        if (resource.size() < pattern.size()) {
            return Mismatch.other("validate Array failed, array length mismatch, resource Array len is "
                    + resource.size() + " and pattern Array len is " + pattern.size(), "");
        }
        return elements(pattern.size(), i -> element(resource.get(i), pattern.get(i), path + i + "/", anchors),
                path);
    }

    /**
     * Checks elements one by one: the first real mismatch is the answer; elements skipped by a condition are set
     * aside, and when every element was skipped the whole array is (Kyverno's array of maps).
     */
    private static Mismatch elements(int count, IntFunction<Mismatch> check, String path) {
        int applied = 0;
        List<Mismatch> skipped = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Mismatch m = check.apply(i);
            if (m == null) {
                applied++;
            } else if (m.isSkip()) {
                skipped.add(m);
            } else {
                return m;
            }
        }
        return applied == 0 && !skipped.isEmpty() ? Mismatch.skipped(skipped, path) : null;
    }

    /** True when a pattern value holds an anchor anywhere below it. */
    private static boolean hasAnchors(Object pattern) {
        if (pattern instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                Anchor a = Anchor.parse(String.valueOf(e.getKey()));
                if (a != null && a.type() != Anchor.Type.ADD_IF_NOT_PRESENT || hasAnchors(e.getValue())) {
                    return true;
                }
            }
            return false;
        }
        if (pattern instanceof List<?> l) {
            return l.stream().anyMatch(PatternMatcher::hasAnchors);
        }
        return false;
    }

    private static boolean isScalar(Object v) {
        return v == null || v instanceof String || v instanceof Number || v instanceof Boolean;
    }

    private static String typeName(Object v) {
        if (v == null) {
            return "<nil>";
        }
        if (v instanceof Map<?, ?>) {
            return "map[string]interface {}";
        }
        if (v instanceof List<?>) {
            return "[]interface {}";
        }
        if (v instanceof String) {
            return "string";
        }
        if (v instanceof Boolean) {
            return "bool";
        }
        return v instanceof Double || v instanceof Float ? "float64" : "int64";
    }

    /** Go's {@code %v} for the values a pattern message shows. */
    private static String goText(Object v) {
        if (v == null) {
            return "<nil>";
        }
        if (v instanceof Map<?, ?> m) {
            List<String> parts = new ArrayList<>();
            new TreeMap<>(stringKeys(m)).forEach((k, x) -> parts.add(k + ":" + goText(x)));
            return "map[" + String.join(" ", parts) + "]";
        }
        if (v instanceof List<?> l) {
            List<String> parts = new ArrayList<>();
            l.forEach(x -> parts.add(goText(x)));
            return "[" + String.join(" ", parts) + "]";
        }
        return String.valueOf(v);
    }

    private static Map<String, Object> stringKeys(Map<?, ?> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, x) -> out.put(String.valueOf(k), x));
        return out;
    }

    /** Kyverno's wildcard expansion of label and annotation keys in a pattern's metadata. */
    static final class MetadataWildcards {

        private MetadataWildcards() {
        }

        /** The pattern with wildcard label and annotation keys replaced by the resource keys they match. */
        @SuppressWarnings("unchecked")
        static Map<String, Object> expand(Map<String, Object> pattern, Map<String, Object> resource) {
            String metadataKey = keyFor("metadata", pattern);
            if (metadataKey == null || !(pattern.get(metadataKey) instanceof Map<?, ?> patternMetadata)
                    || !(resource.get("metadata") instanceof Map<?, ?> resourceMetadata)) {
                return pattern;
            }
            Map<String, Object> metadata = new LinkedHashMap<>((Map<String, Object>) patternMetadata);
            boolean changed = false;
            for (String tag : List.of("labels", "annotations")) {
                String patternKey = keyFor(tag, metadata);
                String resourceKey = keyFor(tag, (Map<String, Object>) resourceMetadata);
                if (patternKey == null || resourceKey == null
                        || !(metadata.get(patternKey) instanceof Map<?, ?> patternTags)
                        || !(resourceMetadata.get(resourceKey) instanceof Map<?, ?> resourceTags)) {
                    continue;
                }
                // as Kyverno reads them: string values only, the others dropped from the pattern
                metadata.put(patternKey, expandKeys(strings(patternTags), strings(resourceTags)));
                changed = true;
            }
            if (!changed) {
                return pattern;
            }
            Map<String, Object> out = new LinkedHashMap<>(pattern);
            out.put(metadataKey, metadata);
            return out;
        }

        private static Map<String, Object> expandKeys(Map<String, Object> pattern, Map<String, Object> resource) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<String, Object> e : pattern.entrySet()) {
                String key = e.getKey();
                if (key.indexOf('*') < 0 && key.indexOf('?') < 0) {
                    out.put(key, e.getValue());
                    continue;
                }
                Anchor a = Anchor.parse(key);
                String bare = a != null ? a.key() : key;
                String matched = bare;
                for (String candidate : new TreeMap<>(resource).keySet()) {
                    if (Wildcard.matches(bare, candidate)) {
                        matched = candidate;
                        break;
                    }
                }
                out.put(a != null ? a.withKey(matched) : matched, e.getValue());
            }
            return out;
        }

        private static String keyFor(String tag, Map<String, Object> map) {
            for (String k : map.keySet()) {
                Anchor a = Anchor.parse(k);
                if (k.equals(tag) || a != null && a.key().equals(tag)) {
                    return k;
                }
            }
            return null;
        }

        private static Map<String, Object> strings(Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> {
                if (v instanceof String) {
                    out.put(String.valueOf(k), v);
                }
            });
            return out;
        }
    }
}
