package dev.guidepost.core.internal.cel;

import java.util.List;
import java.util.Map;

/**
 * What Kyverno's cluster-facing CEL functions ({@code resource.Get/List}, {@code globalContext.Get},
 * {@code http.Get/Post}, {@code image.GetMetadata}) see. Guidepost never calls a cluster or the network: a check
 * uses {@link #NONE}, where every call fails with a clear message, and the Kyverno test runner answers from the
 * test's mock files. Values are plain Java values (maps, lists, scalars).
 */
public interface ClusterData {

    /** How the message of a call that needs a cluster ends when there is none ({@link #NONE}). */
    String UNAVAILABLE = "needs data from a cluster, which is not available offline";

    /** No cluster: every call fails with a message that says the data is not available offline. */
    ClusterData NONE = new ClusterData() {
    };

    /** The resource, or null when it does not exist. */
    default Object getResource(String apiVersion, String resource, String namespace, String name) {
        throw unavailable("resource.Get");
    }

    /** The list object ({@code {items: [...]}}) of resources of a type in a namespace ({@code ""}: cluster). */
    default Object listResources(String apiVersion, String resource, String namespace) {
        throw unavailable("resource.List");
    }

    /** The value of a global context entry (optionally one projection), or null when it is unknown. */
    default Object globalContext(String name, String projection) {
        throw unavailable("globalContext.Get");
    }

    /** The response ({@code {body, statusCode}}) of an HTTP call. */
    default Object http(String method, String url, Object body, Map<String, String> headers) {
        throw unavailable("http." + (method.equalsIgnoreCase("POST") ? "Post" : "Get"));
    }

    /** The metadata Kyverno's {@code image.GetMetadata} returns for an image reference. */
    default Object imageMetadata(String image) {
        throw unavailable("image.GetMetadata");
    }

    /**
     * What a GeneratingPolicy's {@code generator.Apply(namespace, objects)} does with the objects it is given; a
     * {@code null} namespace is the one-argument form of namespaced policies.
     */
    default Object generate(String namespace, Object objects) {
        throw unavailable("generator.Apply");
    }

    /** The resources the data holds, for tests and diagnostics. */
    default List<Object> resources() {
        return List.of();
    }

    private static IllegalStateException unavailable(String function) {
        return new IllegalStateException(function + " " + UNAVAILABLE);
    }
}
