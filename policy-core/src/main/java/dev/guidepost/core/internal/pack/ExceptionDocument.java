package dev.guidepost.core.internal.pack;

import java.util.Map;
import java.util.Optional;

import dev.guidepost.core.SourceLocation;
import dev.guidepost.core.internal.yaml.PlainValues;

/**
 * A Kyverno PolicyException kept in a pack ({@code kyverno.io/v2} for ClusterPolicy rules,
 * {@code policies.kyverno.io/v1} for ValidatingPolicies): checks apply it as the cluster does, and emission passes
 * it through, so the exempted resources are neither reported here nor rejected there.
 *
 * @param document the exception as written
 * @param location where it is written
 */
public record ExceptionDocument(Map<String, Object> document, SourceLocation location) {

    /** The exception a document is, if it is one. */
    static Optional<ExceptionDocument> of(Map<String, Object> document, SourceLocation location) {
        String apiVersion = PlainValues.string(document, "apiVersion");
        boolean exception = PlainValues.string(document, "kind").equals("PolicyException")
                && (apiVersion.startsWith("kyverno.io/") || apiVersion.startsWith("policies.kyverno.io/"));
        return exception ? Optional.of(new ExceptionDocument(document, location)) : Optional.empty();
    }

    /** True for a {@code kyverno.io} exception, which exempts ClusterPolicy and Policy rules. */
    public boolean classic() {
        return PlainValues.string(document, "apiVersion").startsWith("kyverno.io/");
    }

    /** The exception's name. */
    public String name() {
        return PlainValues.string(document, "metadata", "name");
    }
}
