package dev.guidepost.core;

/**
 * Identifies a Kubernetes resource by apiVersion, kind, namespace and name. The namespace is empty for
 * cluster-scoped resources. {@link #toString()} gives {@code Kind/namespace/name} (or {@code Kind/name}).
 */
public record ResourceRef(String apiVersion, String kind, String namespace, String name) {

    public ResourceRef {
        apiVersion = apiVersion == null ? "" : apiVersion;
        kind = kind == null ? "" : kind;
        namespace = namespace == null ? "" : namespace;
        name = name == null ? "" : name;
    }

    @Override
    public String toString() {
        return namespace.isEmpty() ? kind + "/" + name : kind + "/" + namespace + "/" + name;
    }
}
