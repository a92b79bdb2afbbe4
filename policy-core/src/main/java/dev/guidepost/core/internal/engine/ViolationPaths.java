package dev.guidepost.core.internal.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.guidepost.core.internal.match.PodControllers;

/**
 * The field a violation names, and its line: Kyverno's pattern messages end in {@code failed at path
 * /spec/volumes/1/hostPath/}, and Pod Security messages name fields as {@code spec.volumes[1].hostPath}. Pointing
 * at that line, not only at the object's first, saves a reader (or an agent) the search in a long manifest.
 */
public final class ViolationPaths {

    private static final Pattern PATTERN_PATH = Pattern.compile("failed at path (/\\S*)");
    private static final Pattern FIELD = Pattern.compile("\\b((?:spec|metadata|data)(?:\\.[A-Za-z0-9_-]+|\\[\\d+])+)");
    private static final Pattern FIELD_STEP = Pattern.compile("\\.?([A-Za-z0-9_-]+)|\\[(\\d+)]");

    private ViolationPaths() {
    }

    /**
     * The line of the field a message names ({@code failed at path ...}, a Pod Security field, or a field such as
     * {@code spec.tls}), relative to {@code element} when that is not empty (a foreach element that failed); 0 when
     * it names none, the line is unknown, or it is the object's own. For a Pod policy checking a pod controller
     * ({@code podPolicy}), a field the manifest lacks everywhere is located in the pod template rather than in the
     * controller's own {@code spec}, since that is where it is to be added.
     *
     * @param object     the object checked
     * @param objectLine the object's first line
     * @param lineOf     the line of a path in the object's document (0 when unknown)
     * @param podRule    whether the rule is about Pods: only then may the path be in a controller's pod template (a
     *                   Deployment rule's {@code /metadata/labels/} is the Deployment's own)
     */
    public static int fieldLine(String message, List<Object> element, Map<String, Object> object, int objectLine,
            ToIntFunction<List<Object>> lineOf, boolean podPolicy, boolean podRule) {
        List<Object> path = element.isEmpty() && podRule ? existing(object, path(message), podPolicy)
                : named(message, element);
        return path.isEmpty() ? 0 : lineOf(path, objectLine, lineOf);
    }

    /**
     * The line of a path in the manifest's document; 0 when it is unknown or the object's own first line (the
     * violation is located there already).
     */
    static int lineOf(List<Object> path, int objectLine, ToIntFunction<List<Object>> lineOf) {
        int line = lineOf.applyAsInt(path);
        return line > 0 && line != objectLine ? line : 0;
    }

    /** The path a message names, below a foreach's {@code element} when there is one. */
    private static List<Object> named(String message, List<Object> element) {
        List<Object> named = new ArrayList<>(element);
        named.addAll(element.isEmpty() || PATTERN_PATH.matcher(message).find() ? path(message) : List.of());
        return named;
    }

    /**
     * The line of the field a message names about an object kept inside the manifest at {@code prefix} (the Pods a
     * controller creates, whose fields are its pod template's); 0 when it names none or the line is unknown. A
     * foreach {@code element} is the manifest's path already (the template's), and the message's path is below it.
     */
    public static int fieldLineBelow(List<String> prefix, String message, List<Object> element, int objectLine,
            ToIntFunction<List<Object>> lineOf) {
        List<Object> named = named(message, element);
        if (named.isEmpty()) {
            return 0;
        }
        List<Object> path = new ArrayList<>(element.isEmpty() ? prefix : List.of());
        path.addAll(named);
        return lineOf(path, objectLine, lineOf);
    }

    /**
     * A path a message names, as counted in the manifest when the pack's mutations added or removed list entries
     * before it: {@code path} holds the manifest's indexes ({@link Kind#MOVED}), or ends at the list when the entry
     * is one the mutations added ({@link Kind#ADDED}) or has no unchanged counterpart to tell ({@link Kind#UNMATCHED}).
     */
    public record InManifest(List<Object> path, Kind kind) {

        /** How the path relates to the manifest's entries. */
        public enum Kind {
            /** The same entries, at other indexes. */
            MOVED,
            /** An entry the mutations added. */
            ADDED,
            /** An unnamed entry the mutations changed in a list whose length they changed. */
            UNMATCHED
        }

        /** The path as Kyverno writes it: {@code /spec/containers/1/}. */
        public String slashed() {
            StringBuilder out = new StringBuilder("/");
            path.forEach(step -> out.append(step).append('/'));
            return out.toString();
        }
    }

    /** No counterpart in the manifest's list: an entry the mutations added. */
    private static final int ADDED = -1;
    /** No way to tell the counterpart: an unnamed entry the mutations changed in a list they resized. */
    private static final int UNKNOWN = -2;

    /**
     * The path a violation's message names (after a foreach's {@code element}), counted in the object the pack's
     * mutations made, translated to the manifest as decoded before them: list entries are matched by their
     * {@code name} (containers, volumes, variables), an unnamed one by being equal to one of the manifest's. Empty
     * when the path is the same in both, or names nothing.
     *
     * @param decoded the object as decoded before the mutations (the manifest with the API server's defaults)
     * @param mutated the object the mutations made
     */
    public static Optional<InManifest> inManifest(String message, List<Object> element,
            Map<String, Object> decoded, Map<String, Object> mutated) {
        List<Object> named = named(message, element);
        List<Object> out = new ArrayList<>();
        Object inMutated = mutated;
        Object inDecoded = decoded;
        boolean moved = false;
        for (int i = 0; i < named.size(); i++) {
            Object step = named.get(i);
            if (step instanceof Integer index && inMutated instanceof List<?> mutatedList
                    && inDecoded instanceof List<?> decodedList && index < mutatedList.size()) {
                int counterpart = counterpart(mutatedList, index, decodedList);
                if (counterpart < 0) {
                    return Optional.of(new InManifest(List.copyOf(out), counterpart == ADDED
                            ? InManifest.Kind.ADDED : InManifest.Kind.UNMATCHED));
                }
                moved |= counterpart != index;
                out.add(counterpart);
                inMutated = mutatedList.get(index);
                inDecoded = decodedList.get(counterpart);
            } else if (step instanceof String) {
                out.add(step);
                inMutated = child(inMutated, step);
                inDecoded = child(inDecoded, step);
            } else {
                out.addAll(named.subList(i, named.size()));
                break;
            }
        }
        return moved ? Optional.of(new InManifest(List.copyOf(out), InManifest.Kind.MOVED))
                : Optional.empty();
    }

    /**
     * The index in the manifest's list of entry {@code index} of the mutated list: the manifest's equal entry (the
     * n-th equal one for the n-th), as the mutations left most entries as they were; else, for an entry they
     * changed, the manifest's entry of that {@code name} that is most like it (names may repeat, such as two mounts
     * of one volume), or {@link #ADDED} when the manifest has none left; for an unnamed entry they
     * changed, the same index when they kept the list's length (they changed it in place), else {@link #UNKNOWN}.
     */
    private static int counterpart(List<?> mutated, int index, List<?> decoded) {
        Object entry = mutated.get(index);
        int equal = nth(mutated, index, decoded, other -> Objects.equals(entry, other));
        if (equal >= 0) {
            return equal;
        }
        if (entry instanceof Map<?, ?> map && map.get("name") instanceof String name) {
            // changed by the mutations: of the manifest's entries of that name that no mutated entry equals, one
            // whose most like mutated entry (of the name, equal to none of the manifest's) is this one, the most
            // like it; an entry the mutations inserted under the name is less like any of them than a changed one
            Predicate<Object> ofName = o -> o instanceof Map<?, ?> m && name.equals(m.get("name"));
            int best = -1;
            int bestShared = -1;
            for (int j = 0; j < decoded.size(); j++) {
                Object candidate = decoded.get(j);
                if (!ofName.test(candidate) || mutated.contains(candidate)) {
                    continue;
                }
                int closest = -1;
                int closestShared = -1;
                for (int i = 0; i < mutated.size(); i++) {
                    Object other = mutated.get(i);
                    int shared = ofName.test(other) && !decoded.contains(other) ? shared(candidate, other) : -1;
                    if (shared > closestShared) {
                        closest = i;
                        closestShared = shared;
                    }
                }
                if (closest == index && closestShared > bestShared) {
                    best = j;
                    bestShared = closestShared;
                }
            }
            return best >= 0 ? best : ADDED;
        }
        return mutated.size() == decoded.size() ? index : UNKNOWN;
    }

    /** How many fields two maps share with equal values. */
    private static int shared(Object a, Object b) {
        int shared = 0;
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            for (Map.Entry<?, ?> field : x.entrySet()) {
                shared += Objects.equals(field.getValue(), y.get(field.getKey())) ? 1 : 0;
            }
        }
        return shared;
    }

    /**
     * The index in {@code decoded} of the n-th entry that {@code same} accepts, where n counts the entries it
     * accepts before {@code index} in {@code mutated}; -1 when there are not that many.
     */
    private static int nth(List<?> mutated, int index, List<?> decoded, Predicate<Object> same) {
        int rank = 0;
        for (int i = 0; i < index; i++) {
            if (same.test(mutated.get(i))) {
                rank++;
            }
        }
        for (int j = 0; j < decoded.size(); j++) {
            if (same.test(decoded.get(j)) && rank-- == 0) {
                return j;
            }
        }
        return -1;
    }

    /**
     * Where to look for a named path: in the object, or in its pod template when more of the path is found there
     * (a Pod policy that autogen applied to a controller names the Pod's fields). The document's lookup then gives
     * the line of the deepest part that exists.
     */
    static List<Object> existing(Map<String, Object> object, List<Object> path) {
        return existing(object, path, false);
    }

    /** As {@link #existing(Map, List)}; with {@code podPolicy}, the pod template wins a tie. */
    static List<Object> existing(Map<String, Object> object, List<Object> path, boolean podPolicy) {
        List<Object> best = path;
        int bestFound = found(object, List.of(), path);
        if (!path.isEmpty() && (path.get(0).equals("spec") || path.get(0).equals("metadata"))) {
            for (List<String> template : PodControllers.TEMPLATE_PATHS) {
                int inTemplate = found(object, template, path);
                if (inTemplate > bestFound || podPolicy && inTemplate >= 0 && inTemplate == bestFound) {
                    best = new ArrayList<>(template);
                    best.addAll(path);
                    bestFound = inTemplate;
                }
            }
        }
        return best;
    }

    /** How many steps of {@code path} exist below {@code prefix} in the object; -1 when the prefix does not. */
    static int found(Object root, List<?> prefix, List<Object> path) {
        Object current = root;
        for (Object step : prefix) {
            current = child(current, step);
            if (current == null) {
                return -1;
            }
        }
        int steps = 0;
        for (Object step : path) {
            current = child(current, step);
            if (current == null) {
                break;
            }
            steps++;
        }
        return steps;
    }

    /** The child of a map (by key) or a list (by index), or null when there is none. */
    static Object child(Object node, Object step) {
        if (step instanceof Integer index && node instanceof List<?> list) {
            return index < list.size() ? list.get(index) : null;
        }
        return step instanceof String key && node instanceof Map<?, ?> map ? map.get(key) : null;
    }

    /** The path a message names, as keys and list indexes; empty when it names none. */
    static List<Object> path(String message) {
        List<Object> path = new ArrayList<>();
        Matcher pattern = PATTERN_PATH.matcher(message);
        if (pattern.find()) {
            for (String step : pattern.group(1).split("/")) {
                if (!step.isEmpty()) {
                    path.add(step.chars().allMatch(Character::isDigit) ? (Object) Integer.valueOf(step) : step);
                }
            }
            return path;
        }
        Matcher field = FIELD.matcher(message);
        if (field.find()) {
            Matcher step = FIELD_STEP.matcher(field.group(1));
            while (step.find()) {
                path.add(step.group(1) != null ? step.group(1) : Integer.valueOf(step.group(2)));
            }
        }
        return path;
    }
}
