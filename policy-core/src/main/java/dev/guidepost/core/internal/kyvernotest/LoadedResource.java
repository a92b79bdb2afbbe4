package dev.guidepost.core.internal.kyvernotest;

import java.util.Map;

import dev.guidepost.core.internal.match.ApiResource;

/**
 * A resource of a Kyverno CLI test, with the namespace the CLI gives it ({@code default} when it has none and its
 * kind is not a built-in cluster-scoped kind).
 */
record LoadedResource(Map<String, Object> object, ApiResource type, String namespace, String name) {

    String kind() {
        return type.kind();
    }
}
