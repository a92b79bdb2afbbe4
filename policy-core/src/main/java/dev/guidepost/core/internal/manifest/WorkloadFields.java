package dev.guidepost.core.internal.manifest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.guidepost.core.ManifestProblem;
import dev.guidepost.core.internal.match.PodControllers;
import dev.guidepost.core.internal.yaml.YamlDocument;

/**
 * The fields of a built-in workload that YAML easily gives the wrong type and the API server then refuses to
 * decode: the labels and annotations of its templates (text), its {@code replicas} (a number), and in each
 * container the {@code env} values, {@code command} and {@code args} (text) and the ports (numbers). Only wrong
 * types are problems; missing fields are left to the policies.
 */
final class WorkloadFields {

    private static final List<String> SCALED = List.of("Deployment", "StatefulSet", "ReplicaSet",
            "ReplicationController");

    private WorkloadFields() {
    }

    /** The problems of a workload whose pod spec has the shape of one (mappings, lists of containers). */
    static List<ManifestProblem> problems(Map<?, ?> object, String kind, YamlDocument document, List<Object> path) {
        List<ManifestProblem> found = new ArrayList<>();
        templateMetadata(object, kind, document, path, found);
        if (SCALED.contains(kind)) {
            Object replicas = map(object.get("spec")).get("replicas");
            if (replicas != null && !(replicas instanceof Number)) {
                found.add(notANumber(document, YamlDocument.path(path, "spec", "replicas"), path.size(), replicas));
            }
        }
        Optional<List<String>> podSpec = PodControllers.podSpecPath(kind);
        if (podSpec.isEmpty()) {
            return found;
        }
        Map<?, ?> spec = object;
        for (String step : podSpec.get()) {
            spec = map(spec.get(step));
        }
        List<Object> specPath = new ArrayList<>(path);
        specPath.addAll(podSpec.get());
        slips(spec, PodFieldNames.POD_SPEC, document, specPath, path.size(), found);
        if (spec.get("securityContext") instanceof Map<?, ?> security) {
            slips(security, PodFieldNames.POD_SECURITY, document, YamlDocument.path(specPath, "securityContext"),
                    path.size(), found);
        }
        for (String field : List.of("initContainers", "containers", "ephemeralContainers")) {
            if (spec.get(field) instanceof List<?> containers) {
                for (int i = 0; i < containers.size(); i++) {
                    container(map(containers.get(i)), document, YamlDocument.path(specPath, field, i), path.size(),
                            found);
                }
            }
        }
        return found;
    }

    /** The metadata of the pod template (and a CronJob's job template) and of a StatefulSet's claim templates. */
    private static void templateMetadata(Map<?, ?> object, String kind, YamlDocument document, List<Object> path,
            List<ManifestProblem> found) {
        List<List<Object>> templates = new ArrayList<>();
        PodControllers.templatePaths(kind).forEach(template -> templates.add(List.copyOf(template)));
        if (kind.equals("StatefulSet") && map(object.get("spec")).get("volumeClaimTemplates") instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                templates.add(List.of("spec", "volumeClaimTemplates", i));
            }
        }
        for (List<Object> template : templates) {
            Object node = object;
            for (Object step : template) {
                node = step instanceof Integer i ? ((List<?>) node).get(i) : map(node).get(step);
            }
            if (node instanceof Map<?, ?> templateMap) {
                List<Object> at = new ArrayList<>(path);
                at.addAll(template);
                ObjectShape.metadata(templateMap, document, at,
                        ObjectShape.dotted(YamlDocument.path(at, "metadata"), path.size())).ifPresent(found::add);
            }
        }
    }

    /** A problem for each key of a mapping that is a slip of a known field name. */
    private static void slips(Map<?, ?> mapping, java.util.Set<String> known, YamlDocument document, List<Object> at,
            int from, List<ManifestProblem> found) {
        for (Map.Entry<String, String> slip : PodFieldNames.slips(mapping, known)) {
            List<Object> key = YamlDocument.path(at, slip.getKey());
            found.add(new ManifestProblem(ObjectShape.located(document, key), ManifestProblem.Type.MALFORMED,
                    "unknown field '" + slip.getKey() + "' in " + ObjectShape.dotted(at, from) + ", so the cluster "
                            + "would refuse the object (and a check would miss what it holds); did you mean "
                            + slip.getValue() + "?"));
        }
    }

    private static void container(Map<?, ?> container, YamlDocument document, List<Object> at, int from,
            List<ManifestProblem> found) {
        slips(container, PodFieldNames.CONTAINER, document, at, from, found);
        if (container.get("securityContext") instanceof Map<?, ?> security) {
            slips(security, PodFieldNames.CONTAINER_SECURITY, document, YamlDocument.path(at, "securityContext"),
                    from, found);
        }
        if (container.get("resources") instanceof Map<?, ?> resources) {
            slips(resources, PodFieldNames.RESOURCES, document, YamlDocument.path(at, "resources"), from, found);
        }
        if (container.get("env") instanceof List<?> env) {
            for (int i = 0; i < env.size(); i++) {
                Object value = map(env.get(i)).get("value");
                if (value != null && !(value instanceof String)) {
                    found.add(notText(document, YamlDocument.path(at, "env", i, "value"), from, value));
                }
            }
        }
        for (String field : List.of("command", "args")) {
            if (container.get(field) instanceof List<?> words) {
                for (int i = 0; i < words.size(); i++) {
                    if (words.get(i) != null && !(words.get(i) instanceof String)) {
                        found.add(notText(document, YamlDocument.path(at, field, i), from, words.get(i)));
                    }
                }
            }
        }
        if (container.get("ports") instanceof List<?> ports) {
            for (int i = 0; i < ports.size(); i++) {
                for (String field : List.of("containerPort", "hostPort")) {
                    Object port = map(ports.get(i)).get(field);
                    if (port != null && !(port instanceof Number)) {
                        found.add(notANumber(document, YamlDocument.path(at, "ports", i, field), from, port));
                    }
                }
            }
        }
    }

    /** A field the API server reads as text that YAML read as a number, a boolean or a structure. */
    static ManifestProblem notText(YamlDocument document, List<Object> at, int from, Object value) {
        Object last = at.get(at.size() - 1);
        String hint = value instanceof Map<?, ?> || value instanceof List<?> ? ""
                : "; quote it: " + (last instanceof String name ? name + ": " : "- ") + "\""
                        + document.scalarText(at).orElse(String.valueOf(value)) + "\"";
        return new ManifestProblem(ObjectShape.located(document, at), ManifestProblem.Type.MALFORMED,
                ObjectShape.dotted(at, from) + " must be text, not " + ObjectShape.describe(value, document, at)
                        + ", so the cluster would refuse the object" + hint);
    }

    /** A field the API server reads as a number that YAML read as text (quoted) or a structure. */
    private static ManifestProblem notANumber(YamlDocument document, List<Object> at, int from, Object value) {
        String hint = value instanceof String text && text.strip().matches("\\d+")
                ? "; write it without quotes: " + at.get(at.size() - 1) + ": " + text.strip() : "";
        return new ManifestProblem(ObjectShape.located(document, at), ManifestProblem.Type.MALFORMED,
                ObjectShape.dotted(at, from) + " must be a number, not " + ObjectShape.describe(value, document, at)
                        + ", so the cluster would refuse the object" + hint);
    }

    private static Map<?, ?> map(Object node) {
        return node instanceof Map<?, ?> m ? m : Map.of();
    }
}
