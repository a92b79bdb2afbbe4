package dev.guidepost.core.internal.emit;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.guidepost.core.Manifest;
import dev.guidepost.core.Outcome;
import dev.guidepost.core.internal.match.ApiResources;

/**
 * The resources and expectations of one emitted Kyverno CLI test. {@code kyverno test} keeps only the first of
 * resources with the same group, kind, namespace and name, and finds a result's resources by name (or
 * {@code namespace/name}) whatever their kind, so a group accepts a manifest only when every expectation still
 * names exactly one resource.
 */
final class TestGroup {

    /** An expectation: a selected example and the result its list expects. */
    record Expectation(Manifest manifest, Outcome expected) {
    }

    private final String suffix;
    private final List<Manifest> resources = new ArrayList<>();
    private final List<Expectation> expectations = new ArrayList<>();

    TestGroup(String suffix) {
        this.suffix = suffix;
    }

    /** {@code ""}, {@code pass}, {@code fail}, {@code pass-2}, ...: names the test and its files. */
    String suffix() {
        return suffix;
    }

    List<Manifest> resources() {
        return List.copyOf(resources);
    }

    List<Expectation> expectations() {
        return List.copyOf(expectations);
    }

    /** Adds a context manifest (in resources, not in results); false when it clashes with one already there. */
    boolean addContext(Manifest manifest) {
        for (Manifest existing : resources) {
            if (identity(existing).equals(identity(manifest))) {
                return existing.object().equals(manifest.object()) && !isExpected(existing);
            }
        }
        resources.add(manifest);
        if (!keysUnique()) {
            resources.remove(resources.size() - 1);
            return false;
        }
        return true;
    }

    /** Adds an example with its expected result; false when it would make the test ambiguous. */
    boolean addExample(Manifest manifest, Outcome expected) {
        for (Manifest existing : resources) {
            if (identity(existing).equals(identity(manifest))) {
                return false;
            }
        }
        resources.add(manifest);
        expectations.add(new Expectation(manifest, expected));
        if (!keysUnique()) {
            resources.remove(resources.size() - 1);
            expectations.remove(expectations.size() - 1);
            return false;
        }
        return true;
    }

    /** How a result names the example: its name, or {@code namespace/name} when the name alone is ambiguous. */
    String key(Manifest manifest) {
        return key(manifest, resources).orElseThrow();
    }

    private boolean keysUnique() {
        return expectations.stream().allMatch(e -> key(e.manifest(), resources).isPresent());
    }

    private static Optional<String> key(Manifest manifest, List<Manifest> resources) {
        if (resources.stream().filter(r -> r.name().equals(manifest.name())).count() == 1) {
            return Optional.of(manifest.name());
        }
        String namespace = namespace(manifest);
        if (!namespace.isEmpty() && resources.stream()
                .filter(r -> r.name().equals(manifest.name()) && namespace(r).equals(namespace)).count() == 1) {
            return Optional.of(namespace + "/" + manifest.name());
        }
        return Optional.empty();
    }

    private boolean isExpected(Manifest manifest) {
        return expectations.stream().anyMatch(e -> e.manifest() == manifest);
    }

    /** The namespace Kyverno gives a resource: its own, {@code default} when it has none, none when cluster-scoped. */
    static String namespace(Manifest manifest) {
        if (ApiResources.builtIn().isClusterScopedKind(manifest.kind())) {
            return "";
        }
        return manifest.namespace().isEmpty() ? "default" : manifest.namespace();
    }

    private static String identity(Manifest manifest) {
        return manifest.group() + "/" + manifest.kind() + "/" + namespace(manifest) + "/" + manifest.name();
    }
}
