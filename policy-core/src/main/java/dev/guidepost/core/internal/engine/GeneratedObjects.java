package dev.guidepost.core.internal.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.guidepost.core.internal.cel.ClusterData;
import dev.guidepost.core.internal.yaml.PlainValues;

/**
 * The data one GeneratingPolicy evaluation sees: the test's cluster data for {@code resource.Get/List} and the rest,
 * and a collector for {@code generator.Apply}, which, as the Kyverno CLI's offline context does, puts each object
 * (each item of a list object) in the namespace it is given ({@code ""}: cluster-scoped) and adds no labels. Used
 * by one evaluation on one thread.
 */
final class GeneratedObjects implements ClusterData {

    private final ClusterData cluster;
    private final String defaultNamespace;
    private final List<Map<String, Object>> generated = new ArrayList<>();

    /**
     * @param defaultNamespace the namespace of the one-argument {@code generator.Apply(objects)}: a namespaced
     *                         policy's own
     */
    GeneratedObjects(ClusterData cluster, String defaultNamespace) {
        this.cluster = cluster;
        this.defaultNamespace = defaultNamespace;
    }

    List<Map<String, Object>> generated() {
        return List.copyOf(generated);
    }

    @Override
    public Object generate(String namespace, Object objects) {
        String target = namespace == null ? defaultNamespace : namespace;
        if (!(objects instanceof List<?> list)) {
            throw new IllegalArgumentException("generator.Apply needs a list of objects");
        }
        for (Object item : list) {
            if (item instanceof Map<?, ?> map && map.get("items") instanceof List<?> items) {
                for (Object each : items) {
                    add(each, target);
                }
            } else {
                add(item, target);
            }
        }
        return true;
    }

    @SuppressWarnings("unchecked")
    private void add(Object object, String namespace) {
        if (!(object instanceof Map<?, ?>)) {
            throw new IllegalArgumentException("generator.Apply needs objects (maps), not " + object);
        }
        Map<String, Object> copy = (Map<String, Object>) PlainValues.mutableCopy(object);
        Map<String, Object> metadata = copy.get("metadata") instanceof Map<?, ?> m
                ? (Map<String, Object>) m : new LinkedHashMap<>();
        if (namespace.isEmpty()) {
            metadata.remove("namespace");
        } else {
            metadata.put("namespace", namespace);
        }
        copy.put("metadata", metadata);
        generated.add(copy);
    }

    @Override
    public Object getResource(String apiVersion, String resource, String namespace, String name) {
        return cluster.getResource(apiVersion, resource, namespace, name);
    }

    @Override
    public Object listResources(String apiVersion, String resource, String namespace) {
        return cluster.listResources(apiVersion, resource, namespace);
    }

    @Override
    public Object globalContext(String name, String projection) {
        return cluster.globalContext(name, projection);
    }

    @Override
    public Object http(String method, String url, Object body, Map<String, String> headers) {
        return cluster.http(method, url, body, headers);
    }

    @Override
    public Object imageMetadata(String image) {
        return cluster.imageMetadata(image);
    }

    @Override
    public List<Object> resources() {
        return cluster.resources();
    }
}
