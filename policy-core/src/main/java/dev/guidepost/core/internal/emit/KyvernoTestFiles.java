package dev.guidepost.core.internal.emit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.guidepost.core.Manifest;
import dev.guidepost.core.Outcome;
import dev.guidepost.core.Policy;
import dev.guidepost.core.PolicyEngine;
import dev.guidepost.core.internal.engine.CheckRequests;
import dev.guidepost.core.internal.examples.ExampleVerdict;
import dev.guidepost.core.internal.json.Json;
import dev.guidepost.core.internal.kyvernotest.KyvernoTestRunner;

/**
 * Writes a policy's examples as Kyverno CLI tests ({@code cli.kyverno.io/v1alpha1} {@code Test}) against the
 * emitted policy file: a {@code kyverno-test.yaml}, the resources, and a values file that declares the namespaces
 * the examples live in (labels and Namespace objects, as the pack's {@code Namespace} examples give them) when the
 * policy looks at namespaces. Pass and fail examples share one test when their context is the same and no
 * resource becomes ambiguous; otherwise each list gets its own test (split further if two examples clash).
 * Context manifests (ones the policy does not select) are resources but not expectations. Examples whose verdict
 * {@code kyverno test} cannot reproduce in the format are left out, with a note.
 */
final class KyvernoTestFiles {

    static final String API_VERSION = "cli.kyverno.io/v1alpha1";
    private static final String NAME_LABEL = "kubernetes.io/metadata.name";

    /**
     * The files of a policy's test folder.
     *
     * @param files        file name → YAML text
     * @param tests        the number of Test documents
     * @param expectations the number of resources named in results
     * @param notes        examples left out and why
     */
    record Output(Map<String, String> files, int tests, int expectations, List<String> notes) {
    }

    private KyvernoTestFiles() {
    }

    static Output build(EmittedPolicy emitted, PolicyEngine engine, String policyPath, List<String> header) {
        Policy policy = emitted.policy();
        List<String> notes = new ArrayList<>();
        List<ExampleVerdict> pass = testable(ExampleVerdict.of(engine, policy, policy.examples().pass(),
                Outcome.PASS), emitted, notes);
        List<ExampleVerdict> fail = testable(ExampleVerdict.of(engine, policy, policy.examples().fail(),
                Outcome.FAIL), emitted, notes);
        List<TestGroup> groups = merged(pass, fail).map(List::of).orElseGet(() -> {
            List<TestGroup> separate = new ArrayList<>(groups("pass", pass, notes, policy));
            separate.addAll(groups("fail", fail, notes, policy));
            return separate;
        });
        boolean needsValues = usesNamespaces(emitted);
        Map<String, String> files = new LinkedHashMap<>();
        List<Object> tests = new ArrayList<>();
        int expectations = 0;
        for (TestGroup group : groups) {
            if (group.expectations().isEmpty()) {
                continue;
            }
            String prefix = group.suffix().isEmpty() ? "" : group.suffix() + "-";
            String name = policy.id() + (group.suffix().isEmpty() ? "" : "-" + group.suffix());
            String resourceFile = prefix + "resources.yaml";
            // as the API server hands them to Kyverno, and as the check judged them: a quantity written as a number
            // (cpu: 2) becomes its string, and the API server's defaults are filled in (a Service's type), which the
            // Kyverno CLI, reading resources as written, would otherwise judge differently
            files.put(resourceFile, YamlWriter.write(header, group.resources().stream()
                    .map(m -> (Object) CheckRequests.decoded(m.apiVersion(), m.kind(), m.object())).toList()));
            Map<String, Object> test = new LinkedHashMap<>();
            test.put("apiVersion", API_VERSION);
            test.put("kind", "Test");
            test.put("metadata", Map.of("name", name));
            test.put("policies", List.of(policyPath));
            test.put("resources", List.of(resourceFile));
            if (needsValues && !namespaces(group).isEmpty()) {
                String valuesFile = prefix + "values.yaml";
                files.put(valuesFile, YamlWriter.write(header, List.of(values(name, group))));
                test.put("variables", valuesFile);
            }
            test.put("results", results(group, emitted.routing()));
            tests.add(test);
            expectations += group.expectations().size();
        }
        if (!tests.isEmpty()) {
            files.put(KyvernoTestRunner.TEST_FILE, YamlWriter.write(header, tests));
        }
        return new Output(files, tests.size(), expectations, notes);
    }

    /** The verdicts without the examples {@code kyverno test} cannot reproduce in the format (noted). */
    private static List<ExampleVerdict> testable(List<ExampleVerdict> verdicts, EmittedPolicy emitted,
            List<String> notes) {
        List<ExampleVerdict> out = new ArrayList<>();
        for (ExampleVerdict verdict : verdicts) {
            Optional<String> limit = verdict.selected() ? emitted.routing().limit(verdict.manifest())
                    : Optional.empty();
            if (limit.isPresent()) {
                notes.add("example " + describe(verdict.manifest()) + " of '" + emitted.policy().id()
                        + "' is not in the test: " + limit.get());
            } else {
                if (verdict.actual().filter(actual -> actual != verdict.expected()).isPresent()) {
                    // the pack's own test (guidepost test --pack) fails on it too; the emitted test keeps the list's
                    notes.add("example " + describe(verdict.manifest()) + " of '" + emitted.policy().id()
                            + "' is listed as " + verdict.expected().name().toLowerCase(java.util.Locale.ROOT)
                            + " but a check gives " + verdict.actual().get().name().toLowerCase(java.util.Locale.ROOT)
                            + (verdict.message().isEmpty() ? "" : " (" + verdict.message() + ")")
                            + "; the test expects what the list says: fix the example or the policy");
                }
                out.add(verdict);
            }
        }
        return out;
    }

    /** One test for both lists, when they have the same context and nothing clashes. */
    private static Optional<TestGroup> merged(List<ExampleVerdict> pass, List<ExampleVerdict> fail) {
        if (!contexts(pass).equals(contexts(fail))) {
            return Optional.empty();
        }
        TestGroup group = new TestGroup("");
        for (Map<String, Object> context : contexts(pass)) {
            Manifest manifest = pass.stream().filter(v -> v.manifest().object().equals(context)).findFirst()
                    .orElseThrow().manifest();
            if (!group.addContext(manifest)) {
                return Optional.empty();
            }
        }
        for (ExampleVerdict verdict : concat(pass, fail)) {
            if (verdict.selected() && !group.addExample(verdict.manifest(), verdict.expected())) {
                return Optional.empty();
            }
        }
        return Optional.of(group);
    }

    /** The tests of one list: every test holds the list's context; examples go to the first test they fit. */
    private static List<TestGroup> groups(String list, List<ExampleVerdict> verdicts, List<String> notes,
            Policy policy) {
        List<TestGroup> groups = new ArrayList<>();
        for (ExampleVerdict verdict : verdicts) {
            if (!verdict.selected()) {
                continue;
            }
            boolean placed = groups.stream().anyMatch(g -> g.addExample(verdict.manifest(), verdict.expected()));
            if (placed) {
                continue;
            }
            TestGroup group = new TestGroup(groups.isEmpty() ? list : list + "-" + (groups.size() + 1));
            for (ExampleVerdict context : verdicts) {
                if (!context.selected() && !group.addContext(context.manifest()) && groups.isEmpty()) {
                    notes.add("context " + describe(context.manifest()) + " of '" + policy.id()
                            + "' clashes with another manifest of its list and is not in the test");
                }
            }
            if (group.addExample(verdict.manifest(), verdict.expected())) {
                groups.add(group);
            } else {
                notes.add("example " + describe(verdict.manifest()) + " of '" + policy.id() + "' has the kind, "
                        + "namespace and name of a context manifest of its list and is not in the test");
            }
        }
        return groups;
    }

    private static List<Object> results(TestGroup group, ExampleRouting routing) {
        Map<String, Map<String, Object>> byTarget = new LinkedHashMap<>();
        for (TestGroup.Expectation expectation : group.expectations()) {
            Manifest manifest = expectation.manifest();
            String policyName = routing.policyFor(manifest);
            String result = expectation.expected().label();
            String key = policyName + "\u0000" + manifest.kind() + "\u0000" + result;
            Map<String, Object> entry = byTarget.computeIfAbsent(key, k -> {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("policy", policyName);
                if (!routing.rule().isEmpty()) {
                    e.put("rule", routing.rule());
                }
                if (!routing.flag().isEmpty()) {
                    e.put(routing.flag(), true);
                }
                e.put("kind", manifest.kind());
                e.put("resources", new ArrayList<String>());
                e.put("result", result);
                return e;
            });
            @SuppressWarnings("unchecked")
            List<String> resources = (List<String>) entry.get("resources");
            resources.add(group.key(manifest));
        }
        return new ArrayList<>(byTarget.values());
    }

    /**
     * A values file declaring every namespace of the test's resources: as a Namespace object (what
     * ValidatingPolicies see as {@code namespaceObject}) and as labels for namespace selectors (what
     * ClusterPolicies and ValidatingAdmissionPolicies see offline), each with the name label a cluster adds.
     */
    private static Map<String, Object> values(String testName, TestGroup group) {
        List<Object> selectors = new ArrayList<>();
        List<Object> objects = new ArrayList<>();
        for (Map<String, Object> namespace : namespaces(group).values()) {
            Map<String, Object> selector = new LinkedHashMap<>();
            @SuppressWarnings("unchecked")
            Map<String, Object> metadata = (Map<String, Object>) namespace.get("metadata");
            selector.put("name", metadata.get("name"));
            selector.put("labels", metadata.get("labels"));
            selectors.add(selector);
            objects.add(namespace);
        }
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("apiVersion", API_VERSION);
        values.put("kind", "Values");
        values.put("metadata", Map.of("name", testName + "-values"));
        values.put("namespaceSelector", selectors);
        values.put("namespaces", objects);
        return values;
    }

    /** The namespaces of the test's resources, by name: declared Namespace objects, else minimal ones. */
    private static Map<String, Map<String, Object>> namespaces(TestGroup group) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        for (Manifest manifest : group.resources()) {
            if (manifest.kind().equals("Namespace") && manifest.group().isEmpty()) {
                out.put(manifest.name(), namespaceObject(manifest.name(), manifest.object()));
            }
        }
        for (Manifest manifest : group.resources()) {
            String namespace = TestGroup.namespace(manifest);
            if (!namespace.isEmpty() && !out.containsKey(namespace)) {
                out.put(namespace, namespaceObject(namespace, Map.of()));
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> namespaceObject(String name, Map<String, Object> declared) {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("apiVersion", "v1");
        object.put("kind", "Namespace");
        Map<String, Object> metadata = new LinkedHashMap<>(declared.get("metadata") instanceof Map<?, ?> m
                ? (Map<String, Object>) m : Map.of());
        metadata.put("name", name);
        Map<String, Object> labels = new LinkedHashMap<>(metadata.get("labels") instanceof Map<?, ?> l
                ? (Map<String, Object>) l : Map.of());
        labels.put(NAME_LABEL, name);
        metadata.put("labels", labels);
        object.put("metadata", metadata);
        declared.forEach((key, value) -> {
            if (!object.containsKey(key)) {
                object.put(key, value);
            }
        });
        return object;
    }

    private static boolean usesNamespaces(EmittedPolicy emitted) {
        String text = Json.canonical(emitted.documents());
        return text.contains("namespaceObject") || text.contains("namespaceSelector");
    }

    private static List<Map<String, Object>> contexts(List<ExampleVerdict> verdicts) {
        return verdicts.stream().filter(v -> !v.selected()).map(v -> v.manifest().object()).toList();
    }

    private static List<ExampleVerdict> concat(List<ExampleVerdict> a, List<ExampleVerdict> b) {
        List<ExampleVerdict> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private static String describe(Manifest manifest) {
        return manifest.kind() + " " + (manifest.namespace().isEmpty() ? "" : manifest.namespace() + "/")
                + manifest.name() + " (" + manifest.location() + ")";
    }
}
