package dev.guidepost.core.internal.match;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where the built-in kinds hold Kubernetes quantities ({@code resource.Quantity}): container and pod resources,
 * overhead, volume size limits, claim requests, persistent volume capacity, quota and limit range values. The API
 * server writes a number there as the quantity's canonical text and refuses text that is not a quantity.
 */
public final class QuantityFields {

    /** A quantity field: the kind ({@code PodSpec} for every pod spec) and its path ({@code *}: any key or index). */
    private record Field(String kind, List<String> path) {
        static Field of(String kind, String path) {
            return new Field(kind, List.of(path.split("\\.")));
        }
    }

    private static final List<Field> FIELDS = fields();

    private QuantityFields() {
    }

    private static List<Field> fields() {
        List<Field> fields = new ArrayList<>();
        for (String containers : List.of("containers", "initContainers", "ephemeralContainers")) {
            fields.add(Field.of("PodSpec", containers + ".*.resources.limits.*"));
            fields.add(Field.of("PodSpec", containers + ".*.resources.requests.*"));
        }
        fields.add(Field.of("PodSpec", "resources.limits.*"));
        fields.add(Field.of("PodSpec", "resources.requests.*"));
        fields.add(Field.of("PodSpec", "overhead.*"));
        fields.add(Field.of("PodSpec", "volumes.*.emptyDir.sizeLimit"));
        fields.add(Field.of("PodSpec", "volumes.*.ephemeral.volumeClaimTemplate.spec.resources.requests.*"));
        fields.add(Field.of("PodSpec", "volumes.*.ephemeral.volumeClaimTemplate.spec.resources.limits.*"));
        fields.add(Field.of("StatefulSet", "spec.volumeClaimTemplates.*.spec.resources.requests.*"));
        fields.add(Field.of("StatefulSet", "spec.volumeClaimTemplates.*.spec.resources.limits.*"));
        fields.add(Field.of("PersistentVolumeClaim", "spec.resources.requests.*"));
        fields.add(Field.of("PersistentVolumeClaim", "spec.resources.limits.*"));
        fields.add(Field.of("PersistentVolume", "spec.capacity.*"));
        fields.add(Field.of("ResourceQuota", "spec.hard.*"));
        for (String limit : List.of("max", "min", "default", "defaultRequest", "maxLimitRequestRatio")) {
            fields.add(Field.of("LimitRange", "spec.limits.*." + limit + ".*"));
        }
        return List.copyOf(fields);
    }

    /** The paths of the quantity fields of a kind, from the object's root ({@code *}: any key or index). */
    public static List<List<String>> paths(String kind) {
        Optional<List<String>> podSpec = PodControllers.podSpecPath(kind);
        List<List<String>> out = new ArrayList<>();
        for (Field field : FIELDS) {
            if (field.kind().equals("PodSpec") && podSpec.isPresent()) {
                List<String> path = new ArrayList<>(podSpec.get());
                path.addAll(field.path());
                out.add(List.copyOf(path));
            } else if (field.kind().equals(kind)) {
                out.add(field.path());
            }
        }
        return List.copyOf(out);
    }
}
