package dev.guidepost.core.internal.search;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.guidepost.core.Manifest;

/**
 * Builds a plain-words query from a manifest, to find policies related to it by meaning: its kind, name,
 * namespace, labels, container images (without registry and tag) and the fields it sets ({@code hostPath},
 * {@code securityContext}, ...), split into words.
 */
public final class ManifestQuery {

    /** Enough field names to say what the manifest does without drowning its kind and images. */
    private static final int MAX_FIELDS = 40;
    private static final Set<String> SKIPPED = Set.of("managedFields", "status", "metadata", "apiVersion", "kind",
            "name", "image", "spec", "template", "containers", "initContainers");

    private ManifestQuery() {
    }

    public static String of(Manifest manifest) {
        Set<String> parts = new LinkedHashSet<>();
        parts.add(manifest.kind());
        add(parts, manifest.name());
        add(parts, manifest.namespace());
        manifest.labels().forEach((k, v) -> {
            add(parts, k.substring(k.indexOf('/') + 1));
            add(parts, v);
        });
        Set<String> images = new LinkedHashSet<>();
        Set<String> fields = new LinkedHashSet<>();
        walk(manifest.object().get("spec"), images, fields);
        images.forEach(i -> add(parts, "image " + i));
        if (!images.isEmpty()) {
            parts.add("containers");
        }
        fields.stream().limit(MAX_FIELDS).forEach(f -> add(parts, f));
        return String.join(" ", parts);
    }

    /**
     * The manifest in a few telling words, its kind and what its containers run ({@code StatefulSet postgres}):
     * the long query's field names can drown what a workload is, which this one keeps. Empty for a manifest
     * without images, whose kind alone says little.
     */
    public static String compact(Manifest manifest) {
        Set<String> images = new LinkedHashSet<>();
        walk(manifest.object().get("spec"), images, new LinkedHashSet<>());
        return images.isEmpty() ? "" : manifest.kind() + " " + String.join(" ", images);
    }

    private static void walk(Object node, Set<String> images, Set<String> fields) {
        if (node instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String key = String.valueOf(e.getKey());
                if (key.equals("image") && e.getValue() instanceof String image) {
                    images.add(repository(image));
                }
                if (!SKIPPED.contains(key)) {
                    fields.add(PolicyView.words(key));
                }
                walk(e.getValue(), images, fields);
            }
        } else if (node instanceof List<?> list) {
            list.forEach(item -> walk(item, images, fields));
        }
    }

    /** {@code ghcr.io/org/app:1.2@sha256:...} → {@code org/app}. */
    static String repository(String image) {
        String name = image;
        int at = name.indexOf('@');
        if (at >= 0) {
            name = name.substring(0, at);
        }
        int slash = name.indexOf('/');
        if (slash > 0 && (name.substring(0, slash).contains(".") || name.substring(0, slash).contains(":"))) {
            name = name.substring(slash + 1);
        }
        int colon = name.lastIndexOf(':');
        if (colon > name.lastIndexOf('/')) {
            name = name.substring(0, colon);
        }
        return name;
    }

    private static void add(Set<String> parts, String text) {
        if (text != null && !text.isBlank()) {
            parts.add(text.strip());
        }
    }
}
