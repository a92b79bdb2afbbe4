package dev.guidepost.core.internal.engine;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import dev.guidepost.core.internal.yaml.PlainValues;

/** The namespace labels and {@code namespaceObject} a request sees, as the Kyverno engines compute them. */
final class NamespaceValues {

    /** The label Kubernetes puts on every namespace, holding its name. */
    static final String NAME_LABEL = "kubernetes.io/metadata.name";

    private NamespaceValues() {
    }

    /**
     * Labels for a ValidatingPolicy's namespace selector: a Namespace being created or updated uses its own
     * labels; otherwise a declared Namespace object, then labels declared for selectors, then a namespace that
     * has only its name label.
     */
    static Map<String, String> selectorLabels(AdmissionRequest request, EvaluationContext context) {
        if (isNamespace(request) && (request.operation().equals("CREATE") || request.operation().equals("UPDATE"))) {
            return request.labels();
        }
        String namespace = request.namespace();
        Optional<Map<String, Object>> declared = context.namespaces().object(namespace);
        if (declared.isPresent()) {
            return labelsOf(declared.get());
        }
        return context.namespaces().selectorLabels(namespace).orElseGet(() -> Map.of(NAME_LABEL, namespace));
    }

    /** The {@code namespaceObject} of a ValidatingPolicy evaluation. */
    static Map<String, Object> namespaceObject(AdmissionRequest request, EvaluationContext context) {
        String namespace = request.namespace();
        if (namespace.isEmpty()) {
            return null;
        }
        Optional<Map<String, Object>> declared = context.namespaces().object(namespace);
        if (declared.isPresent()) {
            return declared.get();
        }
        return context.namespaceObjectDefault() ? minimalNamespace(namespace) : null;
    }

    /** The {@code namespaceObject} of a ClusterPolicy CEL rule offline: only its name. */
    static Map<String, Object> classicNamespaceObject(AdmissionRequest request, EvaluationContext context) {
        String namespace = request.namespace();
        if (namespace.isEmpty()) {
            return null;
        }
        if (context.namespaceObjectDefault()) {
            return context.namespaces().object(namespace).orElseGet(() -> minimalNamespace(namespace));
        }
        return Map.of("metadata", Map.of("name", namespace));
    }

    static boolean isNamespace(AdmissionRequest request) {
        return request.resource().group().isEmpty() && request.resource().resource().equals("namespaces");
    }

    private static Map<String, Object> minimalNamespace(String namespace) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", namespace);
        metadata.put("labels", Map.of(NAME_LABEL, namespace));
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("apiVersion", "v1");
        object.put("kind", "Namespace");
        object.put("metadata", metadata);
        return object;
    }

    private static Map<String, String> labelsOf(Map<String, Object> object) {
        return PlainValues.stringMap(object, "metadata", "labels");
    }
}
