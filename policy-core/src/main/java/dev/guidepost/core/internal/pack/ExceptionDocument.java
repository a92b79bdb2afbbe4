package dev.guidepost.core.internal.pack;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.guidepost.core.GuidepostException;
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

    /** True when the exception names the policy: a {@code policyRefs} entry, or an {@code exceptions} entry. */
    public boolean names(String policyId) {
        return policyNames().contains(policyId);
    }

    /** The policies the exception names, in its {@code policyRefs} or {@code exceptions} entries. */
    public List<String> policyNames() {
        String list = classic() ? "exceptions" : "policyRefs";
        String key = classic() ? "policyName" : "name";
        return PlainValues.list(document, "spec", list).stream().map(entry -> PlainValues.string(entry, key))
                .filter(name -> !name.isEmpty()).distinct().toList();
    }

    /**
     * A warning for each exception that names a policy a pack does not hold (a misspelt name, mostly): it exempts
     * nothing in checks, and in the cluster only if such a policy is deployed from elsewhere.
     */
    public static List<String> unknownPolicyWarnings(List<ExceptionDocument> exceptions, java.util.Set<String> ids) {
        List<String> warnings = new java.util.ArrayList<>();
        for (ExceptionDocument exception : exceptions) {
            for (String name : exception.policyNames()) {
                if (!ids.contains(name)) {
                    warnings.add(exception.location() + ": PolicyException '" + exception.name() + "' names policy '"
                            + name + "', which the pack does not hold, so it exempts nothing in checks"
                            + IdSimilarity.didYouMean(IdSimilarity.similar(ids, name)));
                }
            }
        }
        return warnings;
    }

    /** The exception's name. */
    public String name() {
        return PlainValues.string(document, "metadata", "name");
    }

    /**
     * When a {@code policies.kyverno.io} exception stops applying: its {@code spec.expiresAt}, an RFC 3339 time.
     * The cluster's admission leaves an expired exception out (the Kyverno CLI still applies it).
     *
     * @throws IllegalArgumentException saying what is wrong when the field is no RFC 3339 time
     */
    public static Optional<Instant> expiresAt(Map<String, Object> document) {
        String value = PlainValues.string(document, "spec", "expiresAt");
        if (value.isEmpty() || PlainValues.string(document, "apiVersion").startsWith("kyverno.io/")) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(value).toInstant());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("spec.expiresAt '" + value + "' is no RFC 3339 time; write it like "
                    + "\"2026-05-01T00:00:00Z\"");
        }
    }

    /** Whether this exception has expired at {@code now}, as admission judges it (see {@link #expiresAt}). */
    public boolean expiredAt(Instant now) {
        return expiry().filter(now::isAfter).isPresent();
    }

    /** This exception's expiry, if it has one; one that is no time is an error at the exception. */
    private Optional<Instant> expiry() {
        try {
            return expiresAt(document);
        } catch (IllegalArgumentException e) {
            throw new GuidepostException(location, "PolicyException '" + name() + "': " + e.getMessage());
        }
    }

    /**
     * A warning when this exception has expired at {@code now}, as checks leave it out then.
     *
     * @throws GuidepostException at the exception when its {@code spec.expiresAt} is no RFC 3339 time
     */
    Optional<String> expiryWarning(Instant now) {
        return expiry().filter(now::isAfter).map(at -> location + ": PolicyException '" + name() + "' expired at "
                + at + ": the cluster no longer applies it, and neither do checks; renew spec.expiresAt or remove "
                + "the exception");
    }
}
