package dev.guidepost.junit;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

import dev.guidepost.core.Result;

/**
 * A baseline: violations recorded as known, to tolerate while they are fixed, so a check fails only on new ones.
 * The file is YAML: {@code violations: [{policy: ID, kind: K, namespace: NS, name: N}]} (namespace empty or absent
 * for cluster-scoped and namespace-less resources). A minimal reader of the format of core's {@code Baseline},
 * kept here until that class is on this branch.
 *
 * @param file    the baseline file
 * @param entries the known violations
 */
record KnownViolations(Path file, Set<Entry> entries) {

    /** One known violation. */
    record Entry(String policy, String kind, String namespace, String name) {

        static Entry of(Result result) {
            return new Entry(result.policyId(), result.resource().kind(), result.resource().namespace(),
                    result.resource().name());
        }

        @Override
        public String toString() {
            return policy + " on " + kind + "/" + (namespace.isEmpty() ? "" : namespace + "/") + name;
        }
    }

    /**
     * Reads a baseline file.
     *
     * @throws GuidepostConfigurationException naming the file (and entry) when it is missing or not in that form
     */
    static KnownViolations read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new GuidepostConfigurationException("no baseline file at " + file + "; record the known violations"
                    + " there as violations: [{policy: ID, kind: K, namespace: NS, name: N}]");
        }
        Object document;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            document = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
        } catch (IOException | YAMLException e) {
            throw new GuidepostConfigurationException(file + ": cannot read the baseline: " + e.getMessage());
        }
        Object list = document instanceof Map<?, ?> map ? map.get("violations") : null;
        boolean wellFormed = document == null
                || document instanceof Map<?, ?> && (list == null || list instanceof List<?>);
        if (!wellFormed) {
            throw new GuidepostConfigurationException(file + ": a baseline is a mapping with a list 'violations:"
                    + " [{policy, kind, namespace, name}]'");
        }
        Set<Entry> entries = new LinkedHashSet<>();
        List<?> items = list instanceof List<?> l ? l : List.of();
        for (int i = 0; i < items.size(); i++) {
            if (!(items.get(i) instanceof Map<?, ?> item) || text(item, "policy").isEmpty()
                    || text(item, "kind").isEmpty() || text(item, "name").isEmpty()) {
                throw new GuidepostConfigurationException(file + ": violations[" + i + "] needs policy, kind and"
                        + " name (and namespace for namespaced resources)");
            }
            entries.add(new Entry(text(item, "policy"), text(item, "kind"), text(item, "namespace"),
                    text(item, "name")));
        }
        return new KnownViolations(file, Set.copyOf(entries));
    }

    private static String text(Map<?, ?> map, String key) {
        Object value = map.get(key);
        return value == null ? "" : String.valueOf(value).strip();
    }

    /** True when the violation is recorded. */
    boolean contains(Result violation) {
        return entries.contains(Entry.of(violation));
    }

    /** The recorded entries none of these violations matches any more (fixed, renamed or removed). */
    List<Entry> unmatched(List<Result> violations) {
        Set<Entry> seen = new LinkedHashSet<>();
        violations.forEach(v -> seen.add(Entry.of(v)));
        List<Entry> out = new ArrayList<>();
        entries.stream().filter(e -> !seen.contains(e)).sorted(Comparator.comparing(Entry::toString))
                .forEach(out::add);
        return out;
    }
}
