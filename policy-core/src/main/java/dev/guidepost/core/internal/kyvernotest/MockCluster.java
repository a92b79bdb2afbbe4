package dev.guidepost.core.internal.kyvernotest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.guidepost.core.internal.cel.ClusterData;
import dev.guidepost.core.internal.match.ApiResource;
import dev.guidepost.core.internal.match.ApiResources;
import dev.guidepost.core.internal.yaml.PlainValues;

/**
 * The cluster a Kyverno CLI test mocks: resources and image metadata from its {@code context} file, global
 * context entries and HTTP responses from the test itself. Nothing is fetched; anything not mocked fails.
 */
final class MockCluster implements ClusterData {

    private final List<Object> resources;
    private final List<Object> images;
    private final Map<String, Object> globalContext;
    private final Map<String, Map<String, Object>> contextGlobalContext;
    private final List<Object> httpResponses;
    private final ApiResources types;

    MockCluster(List<Object> resources, List<Object> images, Map<String, Object> globalContext,
            List<Object> httpResponses) {
        this(resources, images, globalContext, httpResponses, ApiResources.builtIn());
    }

    /**
     * @param types the kinds the test knows (built-in types plus the CRDs of its {@code clusterResources})
     */
    MockCluster(List<Object> resources, List<Object> images, Map<String, Object> globalContext,
            List<Object> httpResponses, ApiResources types) {
        this(resources, images, globalContext, Map.of(), httpResponses, types);
    }

    /**
     * @param contextGlobalContext the context file's {@code globalContext} fixtures: name → projection → value
     */
    MockCluster(List<Object> resources, List<Object> images, Map<String, Object> globalContext,
            Map<String, Map<String, Object>> contextGlobalContext, List<Object> httpResponses, ApiResources types) {
        this.resources = List.copyOf(resources);
        this.images = List.copyOf(images);
        this.globalContext = globalContext;
        this.contextGlobalContext = contextGlobalContext;
        this.httpResponses = List.copyOf(httpResponses);
        this.types = types;
    }

    @Override
    public Object getResource(String apiVersion, String resource, String namespace, String name) {
        for (Object r : resources) {
            if (sameType(r, apiVersion, resource) && PlainValues.string(r, "metadata", "namespace").equals(namespace)
                    && PlainValues.string(r, "metadata", "name").equals(name)) {
                return r;
            }
        }
        return null;
    }

    @Override
    public Object listResources(String apiVersion, String resource, String namespace) {
        List<Object> items = new ArrayList<>();
        boolean typeKnown = false;
        for (Object r : resources) {
            if (sameType(r, apiVersion, resource)) {
                typeKnown = true;
                if (PlainValues.string(r, "metadata", "namespace").equals(namespace)) {
                    items.add(r);
                }
            }
        }
        if (!typeKnown) {
            throw new IllegalStateException("no " + resource + " (" + apiVersion + ") in the test's context file");
        }
        Map<String, Object> list = new LinkedHashMap<>();
        list.put("apiVersion", apiVersion);
        list.put("kind", "List");
        list.put("items", items);
        return list;
    }

    /**
     * A global context reference. The context file's fixtures answer as the CLI's fake context provider
     * (pkg/cel/libs/fake_context.go GetGlobalReference): the value stored for the projection, else the one stored
     * without projection, else an error naming the projections there are; a name the file does not define falls
     * back to the test's {@code globalContextEntries}, and an unknown name gives null.
     */
    @Override
    public Object globalContext(String name, String projection) {
        String wanted = projection == null ? "" : projection;
        Map<String, Object> fixture = contextGlobalContext.get(name);
        if (fixture != null) {
            if (fixture.containsKey(wanted)) {
                return fixture.get(wanted);
            }
            if (!wanted.isEmpty() && fixture.containsKey("")) {
                return fixture.get("");
            }
            List<String> available = fixture.keySet().stream().map(p -> p.isEmpty() ? "(default)" : p).toList();
            throw new IllegalStateException("global context entry \"" + name + "\" projection \"" + wanted
                    + "\" not found - available projections: " + available);
        }
        Object entry = globalContext.get(name);
        if (entry == null || projection == null || projection.isEmpty()) {
            return entry;
        }
        return PlainValues.map(entry).get(projection);
    }

    /**
     * A mocked HTTP call, answered as Kyverno's {@code http} library answers a real one (kyverno/sdk
     * extensions/cel/libs/http): the JSON body decoded (numbers as doubles); an object body gets the status code
     * as its {@code statusCode} field, any other body is wrapped as {@code {body, statusCode}}. Mocks are the
     * test's {@code apiCallResponses} ({@code url} or {@code urlPath}, {@code method},
     * {@code response: {statusCode, body}}) and the context file's {@code http} entries ({@code url},
     * {@code method}, {@code status}, {@code body} or {@code bodyFile}); a mock with a method is looked up first.
     */
    @Override
    public Object http(String method, String url, Object body, Map<String, String> headers) {
        for (String key : List.of(method + ":" + url, url)) {
            for (Object response : httpResponses) {
                String m = PlainValues.string(response, "method");
                String u = PlainValues.string(response, "url").isEmpty() ? PlainValues.string(response, "urlPath")
                        : PlainValues.string(response, "url");
                String candidate = m.isEmpty() ? u : m.toUpperCase(java.util.Locale.ROOT) + ":" + u;
                if (candidate.equals(key)) {
                    Object status = PlainValues.at(response, "response", "statusCode");
                    if (status == null) {
                        status = PlainValues.at(response, "status");
                    }
                    Object responseBody = PlainValues.at(response, "response") != null
                            ? PlainValues.at(response, "response", "body") : PlainValues.at(response, "body");
                    return decoded(responseBody, status == null ? 200L : ((Number) status).longValue());
                }
            }
        }
        throw new IllegalStateException("no mocked HTTP response for " + method + " " + url
                + " (add it to the test's apiCallResponses)");
    }

    private static Object decoded(Object body, long status) {
        Object json = jsonNumbers(body);
        if (json instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), v));
            out.put("statusCode", status);
            return out;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("body", json);
        out.put("statusCode", status);
        return out;
    }

    /** Numbers as Go's JSON decoder gives them: float64. */
    static Object jsonNumbers(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), jsonNumbers(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(v -> out.add(jsonNumbers(v)));
            return out;
        }
        if (value instanceof Number n && !(value instanceof Double)) {
            return n.doubleValue();
        }
        return value;
    }

    @Override
    public Object imageMetadata(String image) {
        for (Object entry : images) {
            if (PlainValues.string(entry, "image").equals(image)) {
                return entry;
            }
        }
        throw new IllegalStateException("no metadata for image '" + image + "' in the test's context file");
    }

    @Override
    public List<Object> resources() {
        return resources;
    }

    private boolean sameType(Object object, String apiVersion, String resource) {
        String objectApiVersion = PlainValues.string(object, "apiVersion");
        if (!objectApiVersion.equals(apiVersion)) {
            return false;
        }
        ApiResource type = types.resolve(objectApiVersion, PlainValues.string(object, "kind"));
        return type.resource().equals(resource);
    }
}
