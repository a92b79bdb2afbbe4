package dev.guidepost.core.internal.podsecurity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.guidepost.core.internal.match.Wildcard;
import dev.guidepost.core.internal.yaml.PlainValues;

/**
 * One {@code exclude} entry of a podSecurity rule, applied as Kyverno's ApplyPodSecurityExclusion does. Without
 * {@code images} it is a pod-level exemption: the checks run again on the pod with one bare container, and each of
 * their field errors in the control exempts one failure on the same field (indexes ignored). With {@code images} it
 * is a container-level exemption: the checks run on a pod holding only the containers whose image matches (wildcards
 * allowed, no pod-level settings), and each of their field errors exempts the failure on the same field of the same
 * container. {@code restrictedField} narrows the exemption to one field path ({@code [*]} for indexes), and
 * {@code values} to errors whose offending values all match one of them.
 */
final class Exclusion {

    private static final Pattern INDEX = Pattern.compile("\\d+");
    private static final Pattern WORD = Pattern.compile("[a-zA-Z]+");

    private final String controlName;
    private final List<String> images;
    private final String restrictedField;
    private final List<String> values;

    private Exclusion(String controlName, List<String> images, String restrictedField, List<String> values) {
        this.controlName = controlName;
        this.images = images;
        this.restrictedField = restrictedField;
        this.values = values;
    }

    static Exclusion of(Object entry) {
        return new Exclusion(PlainValues.string(entry, "controlName"), PlainValues.strings(entry, "images"),
                PlainValues.string(entry, "restrictedField"), PlainValues.strings(entry, "values"));
    }

    /** The failures left once this entry exempts what it covers. */
    List<CheckResult> apply(List<CheckResult> failures, PodSecurityLevel level, PodSecurityVersion version,
            PodView pod) {
        boolean containerLevel = !images.isEmpty();
        PodView exempted = containerLevel ? matchingContainers(pod) : withBareContainer(pod);
        Map<String, CheckResult> left = new LinkedHashMap<>();
        failures.forEach(f -> left.put(f.id(), f));
        List<String> ids = ControlNames.checkIds(controlName);
        for (CheckResult covered : PodSecurityChecks.evaluate(level, version, exempted)) {
            if (!ids.contains(covered.id())) {
                continue;
            }
            for (FieldError error : covered.errors()) {
                Field field = Field.of(error.field(), containerLevel, exempted);
                if (!restrictedField.isEmpty() && !field.path().equals(restrictedField) || !valuesMatch(error)) {
                    continue;
                }
                CheckResult failure = left.get(covered.id());
                if (failure == null) {
                    continue;
                }
                List<FieldError> errors = failure.errors();
                for (int i = 0; i < errors.size(); i++) {
                    Field other = Field.of(errors.get(i).field(), containerLevel, pod);
                    if (field.path().equals(other.path())
                            && (!other.container() || field.containerName().equals(other.containerName()))) {
                        errors.set(i, errors.get(errors.size() - 1));
                        errors.remove(errors.size() - 1);
                        break;
                    }
                }
                if (errors.isEmpty()) {
                    left.remove(covered.id());
                }
            }
        }
        return new ArrayList<>(left.values());
    }

    private boolean valuesMatch(FieldError error) {
        if (values.isEmpty()) {
            return true;
        }
        return error.badValues().stream().allMatch(v -> values.stream().anyMatch(p -> Wildcard.matches(p, v)));
    }

    private static PodView withBareContainer(PodView pod) {
        Map<String, Object> spec = new LinkedHashMap<>(pod.spec());
        spec.put("containers", List.of(Map.of("name", "fake")));
        spec.remove("initContainers");
        spec.remove("ephemeralContainers");
        return new PodView(pod.metadata(), spec);
    }

    private PodView matchingContainers(PodView pod) {
        Map<String, Object> spec = new LinkedHashMap<>();
        for (String type : Containers.TYPES) {
            List<Object> kept = new ArrayList<>();
            for (Object container : pod.containers(type)) {
                String image = PlainValues.string(container, "image");
                if (images.stream().anyMatch(p -> Wildcard.matches(p, image))) {
                    kept.add(container);
                }
            }
            if (!kept.isEmpty()) {
                spec.put(type, kept);
            }
        }
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", PlainValues.string(pod.metadata(), "name"));
        metadata.put("namespace", PlainValues.string(pod.metadata(), "namespace"));
        return new PodView(metadata, spec);
    }

    /**
     * A field error's path with indexes as {@code *}, and, for a container-level exemption, the container it
     * belongs to (Kyverno's parseField: the second word of the path names the container list).
     */
    private record Field(String path, boolean container, String containerName) {

        static Field of(String field, boolean containerLevel, PodView pod) {
            String path = INDEX.matcher(field).replaceAll("*");
            if (!containerLevel) {
                return new Field(path, false, "");
            }
            List<String> words = new ArrayList<>();
            Matcher w = WORD.matcher(field);
            while (w.find()) {
                words.add(w.group());
            }
            String type = words.size() > 1 ? words.get(1) : "";
            Matcher index = INDEX.matcher(field);
            if (!Containers.TYPES.contains(type) || !index.find()) {
                return new Field(path, false, "");
            }
            List<Object> containers = pod.containers(type);
            int i = Integer.parseInt(index.group());
            String name = i < containers.size() ? PlainValues.string(containers.get(i), "name") : "";
            return new Field(path, true, name);
        }
    }
}
