package dev.guidepost.core.internal.engine;

import java.util.Map;
import java.util.Optional;

/**
 * What is known about namespaces when there is no cluster: declared Namespace objects and labels declared for
 * namespace selectors.
 */
public interface Namespaces {

    /** Nothing is known about any namespace. */
    Namespaces NONE = new Namespaces() {
        @Override
        public Optional<Map<String, Object>> object(String name) {
            return Optional.empty();
        }

        @Override
        public Optional<Map<String, String>> selectorLabels(String name) {
            return Optional.empty();
        }
    };

    /** A declared Namespace object with this name. */
    Optional<Map<String, Object>> object(String name);

    /** Labels declared for this namespace's selectors (the Kyverno CLI's values {@code namespaceSelector}). */
    Optional<Map<String, String>> selectorLabels(String name);
}
