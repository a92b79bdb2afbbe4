package dev.guidepost.core.internal.kyvernotest;

import dev.guidepost.core.internal.cel.CelDialect;
import java.util.Map;

import dev.guidepost.core.internal.match.ApiResource;

/**
 * A resource of a Kyverno CLI test, with the namespace the CLI gives it ({@code default} when it has none and its
 * kind is not a built-in cluster-scoped kind), or one of its JSON payloads (named by its path as the test writes
 * it, with no namespace or type).
 *
 * @param oldObject the matching object of the test's {@code oldResources}, used as {@code oldObject} on UPDATE;
 *                  null when there is none
 * @param payload   true for a JSON payload or an authorization check request
 * @param authz     for a check request ({@code envoyPayloads}, {@code httpPayloads}), the dialect of the policies
 *                  that answer it; null otherwise
 */
record LoadedResource(Map<String, Object> object, ApiResource type, String namespace, String name,
        Map<String, Object> oldObject, boolean payload, CelDialect authz) {

    LoadedResource(Map<String, Object> object, ApiResource type, String namespace, String name) {
        this(object, type, namespace, name, null, false, null);
    }

    LoadedResource withOldObject(Map<String, Object> old) {
        return new LoadedResource(object, type, namespace, name, old, payload, authz);
    }

    String kind() {
        return type.kind();
    }
}
