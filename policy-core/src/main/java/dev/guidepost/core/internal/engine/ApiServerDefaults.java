package dev.guidepost.core.internal.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.guidepost.core.internal.match.PodControllers;

/**
 * The defaults the API server fills in before admission, for the fields policies most often read: a check reads a
 * manifest as written (as {@code kyverno apply} does), while the cluster's Kyverno sees the defaulted object. When a
 * pattern fails at a field the manifest leaves out and the API server would set, the violation says so and what to
 * write, so the manifest gets the verdict the cluster gives.
 */
public final class ApiServerDefaults {

    /** A defaulted field: the kind ({@code PodSpec} for every pod spec), its path ({@code *} for any index). */
    private record Field(String kind, List<String> path, String value) {
        static Field of(String kind, String path, String value) {
            return new Field(kind, List.of(path.split("\\.")), value);
        }
    }

    private static final String IMAGE_PULL_POLICY = "Always when the image has no tag or the tag latest, "
            + "otherwise IfNotPresent";

    private static final List<Field> FIELDS = List.of(
            Field.of("Service", "spec.type", "ClusterIP"),
            Field.of("Service", "spec.sessionAffinity", "None"),
            Field.of("Service", "spec.ports.*.protocol", "TCP"),
            Field.of("Deployment", "spec.replicas", "1"),
            Field.of("StatefulSet", "spec.replicas", "1"),
            Field.of("ReplicaSet", "spec.replicas", "1"),
            Field.of("Job", "spec.backoffLimit", "6"),
            Field.of("CronJob", "spec.concurrencyPolicy", "Allow"),
            Field.of("PodSpec", "restartPolicy", "Always"),
            Field.of("PodSpec", "dnsPolicy", "ClusterFirst"),
            Field.of("PodSpec", "schedulerName", "default-scheduler"),
            Field.of("PodSpec", "terminationGracePeriodSeconds", "30"),
            Field.of("PodSpec", "enableServiceLinks", "true"),
            Field.of("PodSpec", "containers.*.imagePullPolicy", IMAGE_PULL_POLICY),
            Field.of("PodSpec", "initContainers.*.imagePullPolicy", IMAGE_PULL_POLICY),
            Field.of("PodSpec", "containers.*.terminationMessagePath", "/dev/termination-log"),
            Field.of("PodSpec", "containers.*.terminationMessagePolicy", "File"),
            Field.of("PodSpec", "containers.*.ports.*.protocol", "TCP"));

    private ApiServerDefaults() {
    }

    /**
     * A note for a failure message whose path ({@code failed at path ...}, relative to {@code element} when that
     * is not empty) names a field the object does not set and the API server defaults; empty otherwise, and empty
     * when one of the policy's {@code expressions} already reads the field with that default
     * ({@code .?concurrencyPolicy.orValue('Allow')}), since the verdict is then the cluster's.
     */
    public static String hint(String message, List<Object> element, Map<String, Object> object, String kind,
            List<String> expressions) {
        List<Object> path = new ArrayList<>(element);
        path.addAll(ViolationPaths.path(message));
        if (path.size() <= element.size() || ViolationPaths.found(object, List.of(), path) == path.size()) {
            return "";
        }
        for (Field field : FIELDS) {
            List<Object> relative = field.kind().equals("PodSpec") ? belowPodSpec(kind, path)
                    : field.kind().equals(kind) ? path : null;
            if (relative != null && matches(field.path(), relative)) {
                String value = field.value().equals(IMAGE_PULL_POLICY) ? pullPolicy(object, path) : field.value();
                if (readsWithDefault(expressions, field.path().get(field.path().size() - 1), value)) {
                    return "";
                }
                return " (the manifest does not set " + ExpressionCompiler.describe(path) + ", which the API server sets to "
                        + value
                        + " before Kyverno sees the object, so the cluster may judge it otherwise; write it out to "
                        + "check here what the cluster sees)";
            }
        }
        return "";
    }

    /** True when an expression reads the field as {@code .?field.orValue(value)}, quoted or not. */
    private static boolean readsWithDefault(List<String> expressions, String field, String value) {
        java.util.regex.Pattern withDefault = java.util.regex.Pattern.compile("\\.\\?\\s*"
                + java.util.regex.Pattern.quote(field) + "\\s*\\.\\s*orValue\\(\\s*(['\"]?)"
                + java.util.regex.Pattern.quote(value) + "\\1\\s*\\)");
        return expressions.stream().anyMatch(e -> withDefault.matcher(e).find());
    }

    /** The path below the pod spec of a Pod or of a controller's pod template, or null when it is not there. */
    private static List<Object> belowPodSpec(String kind, List<Object> path) {
        List<String> spec = PodControllers.podSpecPath(kind).orElse(null);
        return spec != null && path.size() > spec.size() && path.subList(0, spec.size()).equals(spec)
                ? path.subList(spec.size(), path.size()) : null;
    }

    private static boolean matches(List<String> pattern, List<Object> path) {
        if (pattern.size() != path.size()) {
            return false;
        }
        for (int i = 0; i < pattern.size(); i++) {
            String step = pattern.get(i);
            if (step.equals("*") ? !(path.get(i) instanceof Integer) : !step.equals(path.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** The pull policy the API server gives the container at {@code path} (which ends in imagePullPolicy). */
    private static String pullPolicy(Map<String, Object> object, List<Object> path) {
        Object container = object;
        for (Object step : path.subList(0, path.size() - 1)) {
            container = ViolationPaths.child(container, step);
        }
        Object image = container instanceof Map<?, ?> m ? m.get("image") : null;
        if (!(image instanceof String ref)) {
            return IMAGE_PULL_POLICY;
        }
        // as the API server: the tag latest, or neither a tag nor a digest, pulls always
        boolean digest = ref.contains("@");
        String name = digest ? ref.substring(0, ref.indexOf('@')) : ref;
        int colon = name.lastIndexOf(':');
        String tag = colon > name.lastIndexOf('/') ? name.substring(colon + 1) : "";
        return tag.equals("latest") || tag.isEmpty() && !digest ? "Always" : "IfNotPresent";
    }
}
