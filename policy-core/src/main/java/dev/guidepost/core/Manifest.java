package dev.guidepost.core;

import java.util.Map;
import java.util.Objects;

import dev.guidepost.core.internal.yaml.PlainValues;

/**
 * One Kubernetes object read from a file, with the place it came from. The object is the document as plain,
 * unmodifiable Java values (maps with string keys, lists, strings, longs, doubles, booleans, null).
 */
public record Manifest(ResourceRef resource, Map<String, Object> object, SourceLocation location) {

    /**
     * A manifest; the object is copied into unmodifiable values (sets and arrays become lists, other text and
     * number types their plain form). Prefer {@link #of(Map, SourceLocation)}, which takes the resource from the
     * object.
     *
     * @throws IllegalArgumentException when the resource names another apiVersion, kind, name or namespace than
     *     the object (the engine selects policies by the resource, so the object's fields would go unchecked; a
     *     namespace for an object that names none is allowed, as {@code kubectl -n} gives one), or the object
     *     holds a value that has no YAML form
     */
    @SuppressWarnings("unchecked")
    public Manifest {
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(object, "object");
        Objects.requireNonNull(location, "location");
        object = (Map<String, Object>) PlainValues.immutableCopy(object);
        ResourceRef own = refOf(object);
        // the resource may place an object that names no namespace into one, as kubectl -n does
        boolean placed = own.namespace().isEmpty() && own.equals(new ResourceRef(resource.apiVersion(),
                resource.kind(), "", resource.name()));
        if (!own.equals(resource) && !placed) {
            throw new IllegalArgumentException("the resource " + resource + " (" + resource.apiVersion() + ") is not "
                    + "the object's, " + own + " (" + own.apiVersion() + "); build the manifest with Manifest.of(object, "
                    + "location), which takes the resource from the object");
        }
    }

    /**
     * A manifest for an object built in code (for example one a tool generated). The object is copied; its
     * {@code apiVersion}, {@code kind}, {@code metadata.name} and {@code metadata.namespace} identify it.
     */
    @SuppressWarnings("unchecked")
    public static Manifest of(Map<String, ?> object, SourceLocation location) {
        return new Manifest(refOf(Objects.requireNonNull(object, "object")), (Map<String, Object>) object, location);
    }

    /** What identifies an object: its apiVersion, kind, namespace and name (or generateName). */
    private static ResourceRef refOf(Map<String, ?> object) {
        String name = PlainValues.string(object, "metadata", "name");
        if (name.isEmpty()) {
            name = PlainValues.string(object, "metadata", "generateName");
        }
        return new ResourceRef(PlainValues.string(object, "apiVersion"), PlainValues.string(object, "kind"),
                PlainValues.string(object, "metadata", "namespace"), name);
    }

    /** The object's {@code kind}. */
    public String kind() {
        return resource.kind();
    }

    /** The object's {@code apiVersion}. */
    public String apiVersion() {
        return resource.apiVersion();
    }

    /** The object's {@code metadata.name} (or {@code generateName} when it has no name). */
    public String name() {
        return resource.name();
    }

    /** The object's {@code metadata.namespace}, or empty. */
    public String namespace() {
        return resource.namespace();
    }

    /** The API group, taken from {@code apiVersion} (empty for the core group). */
    public String group() {
        String apiVersion = resource.apiVersion();
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }

    /** The object's labels; empty when it has none. */
    public Map<String, String> labels() {
        return metadataMap("labels");
    }

    /** The object's annotations; empty when it has none. */
    public Map<String, String> annotations() {
        return metadataMap("annotations");
    }

    private Map<String, String> metadataMap(String key) {
        return java.util.Collections.unmodifiableMap(PlainValues.stringMap(object, "metadata", key));
    }

    @Override
    public String toString() {
        return resource + " (" + location + ")";
    }
}
