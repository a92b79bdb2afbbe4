package dev.guidepost.core.internal.engine;

import java.util.Map;

import dev.guidepost.core.Manifest;
import dev.guidepost.core.internal.cel.CelValues;
import dev.guidepost.core.internal.match.ApiResource;
import dev.guidepost.core.internal.match.ApiResources;
import dev.guidepost.core.internal.match.UserInfo;

/**
 * The admission request a check makes of a manifest: a CREATE by an unknown user, in the manifest's namespace
 * ({@code default} for a namespaced object that names none, as {@code kubectl apply} puts it there), with
 * quantities written as numbers turned into the strings the API server hands Kyverno.
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
        AdmissionRequest request = new AdmissionRequest("CREATE", ApiServerQuantities.of(manifest.kind(), object),
                null, type, namespace, manifest.name(), UserInfo.NONE);
        return new PreparedRequest(request, CelValues.Numbers.AS_READ);
    }
}
