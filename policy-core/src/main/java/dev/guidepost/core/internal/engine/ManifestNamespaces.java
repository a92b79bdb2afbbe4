package dev.guidepost.core.internal.engine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.guidepost.core.Manifest;

/**
 * The namespaces a set of manifests declares: each {@code Namespace} object, with the
 * {@code kubernetes.io/metadata.name} label the API server adds to every namespace.
 */
public final class ManifestNamespaces implements Namespaces {

    private final Map<String, Map<String, Object>> namespaces = new LinkedHashMap<>();

    public ManifestNamespaces(List<Manifest> manifests) {
        for (Manifest manifest : manifests) {
            if (manifest.kind().equals("Namespace") && manifest.group().isEmpty()) {
                namespaces.putIfAbsent(manifest.name(),
                        ApiServerDefaults.apply(manifest.apiVersion(), "Namespace", manifest.object()));
            }
        }
    }

    @Override
    public Optional<Map<String, Object>> object(String name) {
        return Optional.ofNullable(namespaces.get(name));
    }

    @Override
    public Optional<Map<String, String>> selectorLabels(String name) {
        return Optional.empty();
    }
}
