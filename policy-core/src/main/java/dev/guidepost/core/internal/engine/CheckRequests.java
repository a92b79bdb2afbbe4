package dev.guidepost.core.internal.engine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.guidepost.core.Manifest;
import dev.guidepost.core.internal.match.ApiResource;
import dev.guidepost.core.internal.match.ApiResources;
import dev.guidepost.core.internal.match.PodControllers;
import dev.guidepost.core.internal.match.UserInfo;
import dev.guidepost.core.internal.yaml.PlainValues;

/**
 * The admission request a check makes of a manifest: a CREATE by an unknown user, in the manifest's namespace
 * ({@code default} for a namespaced object that names none, as {@code kubectl apply} puts it there), with the
 * object as the API server hands it to Kyverno: its {@code metadata.namespace} set to that namespace, quantities
 * written as numbers turned into strings, the API server's defaults filled in ({@link ApiServerDefaults}), and an empty
 * {@code metadata} in a pod controller's templates that have none (the API server's objects always carry the
 * template's metadata, so a Pod policy that autogen applies to {@code object.spec.template.metadata} finds it).
 */
public final class CheckRequests {

    private CheckRequests() {
    }

    /** The request for a manifest whose object is {@code object} (the manifest's own, or a mutated one). */
    public static PreparedRequest of(Manifest manifest, Map<String, Object> object) {
        ApiResources types = ApiResources.builtIn();
        ApiResource type = types.resolve(manifest.apiVersion(), manifest.kind());
        String namespace = manifest.namespace();
        if (namespace.isEmpty() && type.namespaced() && !types.isClusterScopedKind(manifest.kind())) {
            namespace = "default";
        }
        if (!type.namespaced()) {
            namespace = "";
        }
        Map<String, Object> named = withGeneratedName(object);
        AdmissionRequest request = new AdmissionRequest("CREATE", withNamespace(namespace,
                withTemplateMetadata(manifest.kind(), decoded(manifest.apiVersion(), manifest.kind(), named))),
                null, type, namespace, PlainValues.string(named, "metadata", "name"), UserInfo.NONE);
        return PreparedRequest.admission(request);
    }

    /**
     * The object as the API server decodes it: its quantities in canonical form ({@link ApiServerQuantities}), then
     * its defaults filled in and its nulls and empty values resolved ({@link ApiServerDefaults}).
     */
    public static Map<String, Object> decoded(String apiVersion, String kind, Map<String, Object> object) {
        return ApiServerDefaults.apply(apiVersion, kind, ApiServerQuantities.of(kind, object));
    }

    /**
     * The object with the name the API server generates before validating admission when it has only a
     * {@code generateName} (a suffix of five characters, here always the same); the object itself otherwise.
     */
    static Map<String, Object> withGeneratedName(Map<String, Object> object) {
        if (!(object.get("metadata") instanceof Map<?, ?> metadata)
                || metadata.get("name") instanceof String name && !name.isEmpty()
                || !(metadata.get("generateName") instanceof String prefix) || prefix.isEmpty()) {
            return object;
        }
        Map<String, Object> named = new LinkedHashMap<>();
        metadata.forEach((k, v) -> named.put(String.valueOf(k), v));
        named.put("name", prefix + "x7k2p");
        Map<String, Object> copy = new LinkedHashMap<>(object);
        copy.put("metadata", named);
        return copy;
    }

    /**
     * The object with {@code metadata.namespace} set to the request's namespace when it names none, as the API
     * server sets it before Kyverno sees the object, and labels and annotations written as null as the empty
     * strings the API server makes of them; the object itself when neither applies.
     */
    static Map<String, Object> withNamespace(String namespace, Map<String, Object> object) {
        if (!(object.get("metadata") instanceof Map<?, ?> metadata)) {
            return object;
        }
        boolean place = !namespace.isEmpty()
                && !(metadata.get("namespace") instanceof String written && !written.isEmpty());
        boolean nullValues = hasNullValue(metadata.get("labels")) || hasNullValue(metadata.get("annotations"));
        if (!place && !nullValues) {
            return object;
        }
        Map<String, Object> placed = new LinkedHashMap<>();
        metadata.forEach((k, v) -> placed.put(String.valueOf(k), v));
        if (place) {
            placed.put("namespace", namespace);
        }
        // a label or annotation written as null decodes to the empty string (Go's zero value) in the API server
        for (String texts : List.of("labels", "annotations")) {
            if (hasNullValue(placed.get(texts)) && placed.get(texts) instanceof Map<?, ?> entries) {
                Map<String, Object> filled = new LinkedHashMap<>();
                entries.forEach((k, v) -> filled.put(String.valueOf(k), v == null ? "" : v));
                placed.put(texts, filled);
            }
        }
        Map<String, Object> copy = new LinkedHashMap<>(object);
        copy.put("metadata", placed);
        return copy;
    }

    private static boolean hasNullValue(Object entries) {
        return entries instanceof Map<?, ?> map && map.containsValue(null);
    }

    /**
     * The object with {@code metadata: {}} in each template of a pod controller that lacks one
     * ({@code spec.template}, and a CronJob's {@code spec.jobTemplate}); the object itself when none lacks it.
     */
    static Map<String, Object> withTemplateMetadata(String kind, Map<String, Object> object) {
        Map<String, Object> out = object;
        for (List<String> template : PodControllers.templatePaths(kind)) {
            out = withMetadataAt(out, template);
        }
        return out;
    }

    /** A copy of {@code node} with an empty metadata map in the map at {@code path}, if that map exists and lacks it. */
    private static Map<String, Object> withMetadataAt(Map<String, Object> node, List<String> path) {
        Object child = node.get(path.get(0));
        if (!(child instanceof Map<?, ?> map)) {
            return node;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> next = (Map<String, Object>) map;
        Map<String, Object> changed;
        if (path.size() == 1) {
            if (next.containsKey("metadata")) {
                return node;
            }
            changed = new LinkedHashMap<>(next);
            changed.put("metadata", Map.of());
        } else {
            changed = withMetadataAt(next, path.subList(1, path.size()));
            if (changed == next) {
                return node;
            }
        }
        Map<String, Object> copy = new LinkedHashMap<>(node);
        copy.put(path.get(0), changed);
        return copy;
    }
}
