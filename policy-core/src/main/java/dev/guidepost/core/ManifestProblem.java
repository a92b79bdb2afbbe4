package dev.guidepost.core;

import java.util.Locale;

/**
 * A document that was not checked: either it could not be read (invalid YAML, an unrendered template, a refused
 * tag, over a limit, an unreadable file) or it is valid YAML but not a Kubernetes object to check (no object, or a
 * Kustomize file or patch).
 */
public record ManifestProblem(SourceLocation location, Type type, String message) {

    /** Why the document was not checked. */
    public enum Type {
        /** Not valid YAML or JSON. */
        SYNTAX,
        /** An unrendered Helm or Go template. */
        TEMPLATE,
        /** A YAML tag outside the safe standard set. */
        REFUSED_TAG,
        /** Over a size, alias or nesting limit. */
        LIMIT,
        /** The file could not be read. */
        IO,
        /** Valid YAML, but not a Kubernetes object (neither {@code apiVersion} nor {@code kind}). */
        NOT_KUBERNETES,
        /** A Kubernetes object missing its {@code apiVersion} or its {@code kind}: the cluster would refuse it. */
        INCOMPLETE,
        /**
         * A built-in kind with an apiVersion Kubernetes does not serve it at (a misspelt group such as
         * {@code app/v1}, or a removed version such as {@code extensions/v1beta1}), or written in another case
         * ({@code Statefulset}): the cluster would refuse it.
         */
        UNSERVED,
        /**
         * Kubernetes objects in a shape the cluster cannot decode: a YAML list of objects instead of separate
         * documents, a {@code List} whose {@code items} is not a list, or an identifying field of the wrong type
         * (a {@code metadata.name} that is a number or a list, a label value that is not text).
         */
        MALFORMED,
        /** A Kustomize file or a patch a kustomization names: checked through what {@code kustomize build} renders. */
        KUSTOMIZE;

        /** Lower-case label with dashes, for reports. */
        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * True when the document could not be read at all; false when it was read but is not a Kubernetes object to
     * check (no object at all, or a Kustomize file or patch).
     */
    public boolean unreadable() {
        return type != Type.NOT_KUBERNETES && type != Type.KUSTOMIZE;
    }

    @Override
    public String toString() {
        return location + ": " + message;
    }
}
