package dev.guidepost.core.internal.kyvernotest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.guidepost.core.ExpectationResult;
import dev.guidepost.core.ExpectationResult.Status;
import dev.guidepost.core.GuidepostException;
import dev.guidepost.core.Outcome;
import dev.guidepost.core.internal.cel.CelDialect;
import dev.guidepost.core.internal.cel.CelValues;
import dev.guidepost.core.internal.engine.AdmissionRequest;
import dev.guidepost.core.internal.engine.AuthzPolicyProgram;
import dev.guidepost.core.internal.engine.EvaluationContext;
import dev.guidepost.core.internal.engine.PolicyGeneration;
import dev.guidepost.core.internal.engine.PolicyMutation;
import dev.guidepost.core.internal.engine.PolicyResponse;
import dev.guidepost.core.internal.engine.PreparedRequest;
import dev.guidepost.core.internal.engine.RuleResponse;
import dev.guidepost.core.internal.match.UserInfo;
import dev.guidepost.core.internal.pack.BackgroundMode;
import dev.guidepost.core.internal.yaml.PlainValues;
import dev.guidepost.core.internal.yaml.YamlDocument;
import dev.guidepost.core.internal.yaml.YamlDocuments;

/**
 * Runs one Kyverno CLI test ({@code cli.kyverno.io/v1alpha1}, kind {@code Test}) and scores its expectations as
 * {@code kyverno test} does: each resource is evaluated once per operation; a result matches resources by name
 * (or namespace/name) and the policy by name; every selected rule response gives a verdict; a policy that answered
 * with no selected rule counts as "excluded" (a pass), and no answer at all as "not found" (a failure).
 */
final class TestFileRun {
    /** The Kyverno CLI loads every number of a resource as a float64. */
    private static final CelValues.Numbers NUMBERS = CelValues.Numbers.ALL_DOUBLE;

    private final YamlDocument document;
    private final Map<String, Object> test;
    private final Path file;
    private final String displayFile;
    private final boolean strict;
    private final List<String> problems;
    /** The mutation of each ClusterPolicy that mutates, by run, resource and policy. */
    private final Map<String, PolicyMutation> mutations = new LinkedHashMap<>();
    /** Why Kyverno refuses a policy in background mode (see {@link BackgroundMode}), by policy name. */
    private final Map<String, Optional<String>> refusals = new LinkedHashMap<>();
    /** The object after every mutating policy (what validation saw), by run and resource. */
    private final Map<String, Map<String, Object>> mutatedObjects = new LinkedHashMap<>();
    private final PatchedResources patchedResources;
    /** The generation of each ClusterPolicy that generates, by run, resource and policy. */
    private final Map<String, PolicyGeneration> generations = new LinkedHashMap<>();
    /** The results a policy report has, which a result row is compared with. */
    private static final List<String> RESULT_VALUES = List.of("pass", "fail", "warn", "error", "skip");
    /** Global context entries whose JMESPath Guidepost does not evaluate: name → the feature. */
    private Map<String, String> globalContextUnsupported = Map.of();
    /** The test's {@code targetResources}: the existing objects a mutate-existing rule would patch. */
    private List<Map<String, Object>> targets = List.of();
    /** The feature a policy of the test that patches its JSON payloads needs, or null (see {@link #score}). */
    private String payloadMutation;

    TestFileRun(YamlDocument document, Path file, String displayFile, boolean strict, List<String> problems) {
        this.document = document;
        this.test = PlainValues.map(document.value());
        this.file = file;
        this.displayFile = displayFile;
        this.strict = strict;
        this.problems = problems;
        this.patchedResources = new PatchedResources(file.getParent());
    }

    List<ExpectationResult> run() {
        Path dir = file.getParent();
        String testName = PlainValues.string(test, "metadata", "name").isEmpty()
                ? PlainValues.string(test, "name") : PlainValues.string(test, "metadata", "name");
        List<Object> results = PlainValues.list(test, "results");
        TestInputs inputs;
        try {
            inputs = new TestInputReader(test, dir, displayFile, problems).read();
        } catch (GuidepostException e) {
            problems.add(displayFile + ": " + e.getMessage());
            // each row names the cause in one line; the whole message (a CEL diagnostic with its caret) is the
            // test file's error
            String cause = e.getMessage().lines().findFirst().orElse("").strip();
            String more = cause.equals(e.getMessage().strip()) ? ""
                    : " (the whole error is reported with the test file)";
            return failAll(testName, results, "the test could not be loaded: " + cause + more);
        }
        List<LoadedPolicy> policies = inputs.policies();
        List<LoadedResource> resources = inputs.resources();
        TestValues values = inputs.values();
        UserInfo user = inputs.user();
        targets = inputs.targets();
        globalContextUnsupported = inputs.globalContextUnsupported();
        payloadMutation = payloadMutationFeature(policies);
        EvaluationContext context = new EvaluationContext(values, inputs.cluster(), NUMBERS, false,
                inputs.exceptions(), inputs.classicExceptions(), values);
        String defaultOperation = operation(values.global("request.operation"), "CREATE");
        Map<String, PolicyResponse> responses = new LinkedHashMap<>();
        Set<String> runs = new LinkedHashSet<>();
        runs.add("");
        for (Object r : results) {
            runs.add(resultOperation(r));
        }
        for (String run : runs) {
            for (int i = 0; i < resources.size(); i++) {
                LoadedResource resource = resources.get(i);
                // Kyverno's mutation phase: each mutating ClusterPolicy in turn, on the object the previous patched
                Map<String, Object> object = resource.object();
                Map<String, PolicyMutation> mutations = new LinkedHashMap<>();
                for (LoadedPolicy policy : resource.payload() ? List.<LoadedPolicy>of() : policies) {
                    if (policy.program().isEmpty() || !policy.classic()) {
                        continue;
                    }
                    Optional<PolicyMutation> mutation = mutate(policy, resource, object, run, values,
                            defaultOperation, user, context);
                    if (mutation.isPresent()) {
                        mutations.put(policy.name(), mutation.get());
                        object = mutation.get().patched();
                    }
                }
                mutatedObjects.put(key(run, i, ""), object);
                Map<String, Object> beforeMutatingPolicies = object;
                object = mutatingPolicies(run, resource, object, policies, values, defaultOperation, user, context,
                        mutations);
                for (LoadedPolicy policy : policies) {
                    if (policy.program().isEmpty() || resource.payload() && (policy.classic()
                            || policy.admissionPolicy())) {
                        continue; // only ValidatingPolicies evaluate JSON payloads
                    }
                    CelDialect authz = policy.program().get() instanceof AuthzPolicyProgram a ? a.dialect() : null;
                    if (authz != resource.authz()) {
                        continue; // authorization policies answer only check requests of their mode, and only they
                    }
                    PreparedRequest request = resource.payload()
                            ? PreparedRequest.payload(resource.object(), NUMBERS)
                            : new PreparedRequest(policyRequest(policy, resource, policy.classic()
                                    ? beforeMutatingPolicies : object, runOperation(run, policy, resource, values,
                                            defaultOperation), user, values), NUMBERS);
                    PolicyMutation mutation = mutations.get(policy.name());
                    PolicyResponse response = mutation == null ? policy.program().get().evaluate(request, context)
                            : policy.program().get().evaluateAfterMutation(request, context, mutation);
                    if ((policy.classic() || policy.generating()) && !resource.payload()) {
                        Optional<PolicyGeneration> generation = policy.program().get().generate(request, context,
                                cloneSources(dir, policy, beforeMutatingPolicies));
                        if (generation.isPresent()) {
                            response = withGeneration(response, generation.get());
                            generations.put(key(run, i, policy.name()), generation.get());
                        }
                    }
                    responses.put(key(run, i, policy.name()), response);
                    if (mutation != null) {
                        this.mutations.put(key(run, i, policy.name()), mutation);
                    }
                }
            }
        }
        List<ExpectationResult> out = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            out.addAll(atLine(score(testName, results.get(i), policies, resources, responses), "results", i));
        }
        List<Checks.Answer> answers = new ArrayList<>();
        for (int i = 0; i < resources.size(); i++) {
            for (LoadedPolicy policy : policies) {
                PolicyResponse response = responses.get(key("", i, policy.name()));
                if (response != null && response.answered()) {
                    answers.add(new Checks.Answer(policy, resources.get(i), response));
                }
            }
        }
        Checks checks = new Checks(displayFile, testName);
        List<Object> checkEntries = PlainValues.list(test, "checks");
        for (int i = 0; i < checkEntries.size(); i++) {
            out.addAll(atLine(checks.score(List.of(checkEntries.get(i)), answers), "checks", i));
        }
        return out;
    }

    /**
     * The CLI's MutatingPolicy phase, after the ClusterPolicies' mutations and validations: every MutatingPolicy
     * evaluates the same object; the object the last one patched is the result, and every MutatingPolicy's response
     * is compared (for {@code patchedResources}) with that result.
     */
    private static Map<String, Object> mutatingPolicies(String run, LoadedResource resource,
            Map<String, Object> object, List<LoadedPolicy> policies, TestValues values, String defaultOperation,
            UserInfo user, EvaluationContext context, Map<String, PolicyMutation> mutations) {
        if (resource.payload()) {
            return object;
        }
        Map<String, Object> result = object;
        List<String> mutating = new ArrayList<>();
        for (LoadedPolicy policy : policies) {
            if (policy.program().isEmpty() || !policy.mutating()) {
                continue;
            }
            Optional<PolicyMutation> mutation = mutate(policy, resource, object, run, values, defaultOperation, user,
                    context);
            if (mutation.isPresent()) {
                mutations.put(policy.name(), mutation.get());
                mutating.add(policy.name());
                boolean patched = mutation.get().rules().stream().anyMatch(r -> r.evaluated()
                        && r.outcome() == Outcome.PASS && r.rule().isEmpty());
                if (patched) {
                    result = mutation.get().patched();
                }
            }
        }
        for (String name : mutating) {
            mutations.put(name, new PolicyMutation(mutations.get(name).rules(), result));
        }
        return result;
    }

    /**
     * The objects the CLI's fake cluster holds for a policy's generate step: the trigger, then the documents of the
     * {@code cloneSourceResource} files of the results that name the policy.
     */
    private List<Map<String, Object>> cloneSources(Path dir, LoadedPolicy policy, Map<String, Object> trigger) {
        List<Map<String, Object>> out = new ArrayList<>();
        out.add(trigger);
        for (Object result : PlainValues.list(test, "results")) {
            String policyRef = PlainValues.string(result, "policy");
            String source = PlainValues.string(result, "cloneSourceResource");
            if (!source.isEmpty() && policyRef.substring(policyRef.lastIndexOf('/') + 1).equals(policy.name())) {
                Path target = dir.resolve(source).normalize();
                if (Files.isRegularFile(target)) {
                    for (YamlDocument doc : YamlDocuments.read(target)) {
                        if (doc.problem() == null && doc.value() instanceof Map<?, ?>) {
                            out.add(PlainValues.map(PlainValues.immutableCopy(doc.value())));
                        }
                    }
                }
            }
        }
        return out;
    }

    /** The policy's answer with its generate rules answered by the generate step (as a separate engine response). */
    private static PolicyResponse withGeneration(PolicyResponse response, PolicyGeneration generation) {
        Set<String> generating = new LinkedHashSet<>();
        generation.rules().forEach(r -> generating.add(r.response().rule()));
        List<RuleResponse> rules = new ArrayList<>();
        response.rules().stream().filter(r -> !generating.contains(r.rule())).forEach(rules::add);
        generation.rules().forEach(r -> rules.add(r.response()));
        return new PolicyResponse(response.policy(), response.answered() || !generation.rules().isEmpty(), rules);
    }

    /** A policy's mutation of the object in a run (the request shaped for the run's operation). */
    private static Optional<PolicyMutation> mutate(LoadedPolicy policy, LoadedResource resource,
            Map<String, Object> object, String run, TestValues values, String defaultOperation, UserInfo user,
            EvaluationContext context) {
        PreparedRequest request = new PreparedRequest(policyRequest(policy, resource, object, runOperation(run,
                policy, resource, values, defaultOperation), user, values), NUMBERS);
        return policy.program().get().mutate(request, context);
    }

    /** The expectations of one {@code results} or {@code checks} entry, located at the entry's line. */
    private List<ExpectationResult> atLine(List<ExpectationResult> expectations, String field, int index) {
        int line = document.lineOf(List.of(field, index));
        return expectations.stream().map(r -> new ExpectationResult(r.file(), r.test(), r.policy(), r.rule(),
                r.kind(), r.resource(), r.expected(), r.actual(), r.status(), r.reason(), r.policyKind(), line))
                .toList();
    }

    /**
     * The operation a policy sees in a run. A VAP always gets a CREATE (as in the Kyverno CLI). A result's
     * operation is simulated as written (CONNECT with neither object nor old object, for CEL policies); otherwise
     * ClusterPolicies read {@code request.operation} from per-resource or global values, CEL policies from global
     * values only; there CONNECT falls back to CREATE.
     */
    private static String runOperation(String run, LoadedPolicy policy, LoadedResource resource, TestValues values,
            String defaultOperation) {
        if (policy.admissionPolicy()) {
            return "CREATE";
        }
        if (!run.isEmpty()) {
            return policy.classic() && run.equals("CONNECT") ? "CREATE" : run;
        }
        return policy.classic() ? operation(values.resourceValue(policy.name(), resource.name(), "request.operation"),
                defaultOperation) : defaultOperation;
    }

    /** A result's operation: {@code operation}, or its newer spelling {@code resourceOperation}. */
    private static String resultOperation(Object result) {
        String op = PlainValues.string(result, "operation");
        if (op.isEmpty()) {
            op = PlainValues.string(result, "resourceOperation");
        }
        return op.toUpperCase(Locale.ROOT);
    }

    private List<ExpectationResult> score(String testName, Object result, List<LoadedPolicy> policies,
            List<LoadedResource> resources, Map<String, PolicyResponse> responses) {
        String policyRef = PlainValues.string(result, "policy");
        String policyName = policyRef.substring(policyRef.lastIndexOf('/') + 1);
        String rule = PlainValues.string(result, "rule");
        String kind = PlainValues.string(result, "kind");
        String expected = PlainValues.string(result, "result").isEmpty() ? PlainValues.string(result, "status")
                : PlainValues.string(result, "result");
        String run = resultOperation(result);
        Optional<LoadedPolicy> policy = policies.stream().filter(p -> p.name().equals(policyName)).findFirst();
        String policyKind = policy.map(LoadedPolicy::kindLabel).orElse("unknown");
        List<String> listed = PlainValues.strings(result, "resources");
        if (listed.isEmpty() && !PlainValues.string(result, "resource").isEmpty()) {
            listed = List.of(PlainValues.string(result, "resource"));
        }
        List<String> expectationNames = listed.isEmpty() ? List.of("") : listed;
        boolean anySelected = listed.stream().anyMatch(n -> resources.stream().anyMatch(r -> selects(n, kind, r)));
        String unsupportedResult = unsupportedResultFeature(result, policy);

        List<ExpectationResult> out = new ArrayList<>();
        if (!RESULT_VALUES.contains(expected)) {
            // the CLI compares the text as written, so such a row can never pass: say why
            for (String name : expectationNames) {
                out.add(new ExpectationResult(displayFile, testName, policyRef, rule, kind, name, expected,
                        "invalid result", Status.FAILED, (expected.isEmpty() ? "the result has no 'result'"
                                : "'" + expected + "' is no result") + "; write one of " + String.join(", ",
                                        RESULT_VALUES), policyKind));
            }
            return out;
        }
        for (String name : expectationNames) {
            List<LoadedResource> selected = new ArrayList<>();
            for (LoadedResource r : resources) {
                if (listed.isEmpty() || selects(name, kind, r)) {
                    selected.add(r);
                }
            }
            if (payloadMutation != null && selected.stream().allMatch(LoadedResource::payload)
                    && resources.stream().anyMatch(LoadedResource::payload)) {
                // the payloads are patched before validation sees them, so no answer about them holds without it
                out.add(skipped(testName, policyRef, rule, kind, name, expected, payloadMutation, policyKind));
                continue;
            }
            if (!listed.isEmpty() && selected.isEmpty() && namesTarget(name)) {
                // the CLI compares a target the rule patched with patchedResources; Guidepost does not patch targets
                out.add(skipped(testName, policyRef, rule, kind, name, expected,
                        RuleResponse.MUTATE_EXISTING, policyKind));
                continue;
            }
            if (!listed.isEmpty() && selected.isEmpty() || anySelected && selected.isEmpty()) {
                out.add(new ExpectationResult(displayFile, testName, policyRef, rule, kind, name, expected,
                        "not found", Status.FAILED, "no resource named '" + name + "' in the test's resources"
                                + otherKinds(name, kind, resources), policyKind));
                continue;
            }
            if (policy.isEmpty()) {
                out.add(new ExpectationResult(displayFile, testName, policyRef, rule, kind, name, expected,
                        "not found", Status.FAILED, "policy '" + policyName + "' is not in the test's policies",
                        policyKind));
                continue;
            }
            LoadedPolicy loaded = policy.get();
            Optional<String> refused = refusals.computeIfAbsent(loaded.name(), id -> loaded.classic()
                    ? BackgroundMode.problem(loaded.policy().definition()) : Optional.empty());
            if (refused.isPresent()) {
                // the CLI drops a policy Kyverno refuses and counts its results as skipped, not failed
                out.add(new ExpectationResult(displayFile, testName, policyRef, rule, kind, name, expected, "skip",
                        Status.PASSED, "invalid policy, which the Kyverno CLI skips: " + refused.get(), policyKind));
                continue;
            }
            if (unsupportedResult != null) {
                out.add(skipped(testName, policyRef, rule, kind, name, expected, unsupportedResult, policyKind));
                continue;
            }
            if (policy.get().program().isEmpty()) {
                out.add(skipped(testName, policyRef, rule, kind, name, expected, policy.get().unsupported(),
                        policyKind));
                continue;
            }
            String globalContextFeature = unsupportedGlobalContext(policy.get());
            if (globalContextFeature != null) {
                out.add(skipped(testName, policyRef, rule, kind, name, expected, globalContextFeature, policyKind));
                continue;
            }
            if (selected.isEmpty()) {
                out.add(new ExpectationResult(displayFile, testName, policyRef, rule, kind, name, expected,
                        "not found", Status.FAILED, "the test has no resources or payloads for the policy to answer",
                        policyKind));
                continue;
            }
            out.add(scoreResource(testName, policy.get(), policyRef, rule, kind, name, expected, run, selected,
                    resources, responses, policyKind, patchedFile(result),
                    PlainValues.string(result, "generatedResource")));
        }
        return out;
    }

    /** The feature of a mutating policy of the test that patches JSON payloads and Guidepost cannot apply, or null. */
    private static String payloadMutationFeature(List<LoadedPolicy> policies) {
        String feature = TestInputReader.JSON_MODE_MUTATION;
        return policies.stream().anyMatch(p -> feature.equals(p.unsupported())) ? feature : null;
    }

    /** The unsupported feature of a global context entry the policy reads (by name, in quotes), or null. */
    private String unsupportedGlobalContext(LoadedPolicy policy) {
        if (policy.classic() || globalContextUnsupported.isEmpty()) {
            return null;
        }
        String text = String.valueOf(policy.policy().definition());
        for (Map.Entry<String, String> e : globalContextUnsupported.entrySet()) {
            if (text.contains("'" + e.getKey() + "'") || text.contains("\"" + e.getKey() + "\"")) {
                return e.getValue();
            }
        }
        return null;
    }

    private ExpectationResult scoreResource(String testName, LoadedPolicy policy, String policyRef, String rule,
            String kind, String name, String expected, String run, List<LoadedResource> selected,
            List<LoadedResource> all, Map<String, PolicyResponse> responses, String policyKind,
            String patchedFile, String generatedFile) {
        boolean ruleless = !policy.classic();
        String notInFile = null;
        List<String> actuals = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        String unsupported = null;
        boolean excludedOnly = true;
        for (LoadedResource resource : selected) {
            PolicyResponse response = responses.get(key(run, all.indexOf(resource), policy.name()));
            if (response == null || !response.answered()) {
                actuals.add("not found");
                failures.add(resource.kind() + "/" + resource.name() + ": not found (the policy does not "
                        + "apply to it)");
                excludedOnly = false;
                continue;
            }
            List<RuleResponse> rules = new ArrayList<>();
            for (RuleResponse r : response.rules()) {
                if (ruleless || rule.isEmpty() || r.rule().equals(rule) || r.rule().equals("autogen-" + rule)
                        || r.rule().equals("autogen-cronjob-" + rule)) {
                    rules.add(r);
                }
            }
            PolicyGeneration generation = generations.get(key(run, all.indexOf(resource), policy.name()));
            // the CLI gives a generate rule one row per generated resource, none when it generated nothing
            rules.removeIf(r -> r.evaluated() && generated(generation, r) != null
                    && generated(generation, r).isEmpty());
            if (rules.isEmpty()) {
                actuals.add("excluded");
                if (strict) {
                    failures.add(resource.kind() + "/" + resource.name() + ": no rule answered (excluded), which "
                            + "kyverno test counts as passed; --strict counts it as failed");
                }
                continue;
            }
            excludedOnly = false;
            for (RuleResponse r : rules) {
                if (!r.evaluated()) {
                    unsupported = r.unsupported();
                    continue;
                }
                String status = r.outcome() == Outcome.FAIL && policy.unscored() ? "warn" : r.outcome().label();
                List<Map<String, Object>> generatedObjects = generated(generation, r);
                if (generatedObjects != null) {
                    for (Map<String, Object> object : generatedObjects) {
                        String problem = null;
                        if (!generatedFile.isEmpty()) {
                            PatchedResources.Comparison c = policy.generating()
                                    ? patchedResources.compareGeneratedByPolicy(generatedFile, object)
                                    : patchedResources.compareGenerated(generatedFile, object);
                            if (c.outcome() == PatchedResources.Outcome.NOT_IN_FILE && policy.generating()) {
                                notInFile = c.detail();
                                continue; // a GeneratingPolicy's object the file does not hold: the CLI skips it
                            }
                            if (c.outcome() != PatchedResources.Outcome.EQUAL) {
                                problem = c.outcome() == PatchedResources.Outcome.DIFFERENT ? "the generated "
                                        + "resource differs from " + generatedFile + " at " + c.detail() : c.detail();
                            }
                        }
                        String generatedName = PlainValues.string(object, "kind") + "/"
                                + PlainValues.string(object, "metadata", "name");
                        actuals.add(problem == null ? status : status + " (generated resource differs)");
                        // as the CLI: an expected fail is met by any row of a generate rule
                        if (!expected.equals("fail") && (problem != null || !status.equals(expected))) {
                            failures.add(resource.kind() + "/" + resource.name() + " rule " + r.rule() + " generating "
                                    + generatedName + (problem != null ? ": " + problem : " gave " + status
                                            + (r.message().isEmpty() ? "" : " (" + r.message() + ")")));
                        }
                    }
                    continue;
                }
                if (!patchedFile.isEmpty()) {
                    PatchedResources.Comparison c = patchedResources.compare(patchedFile,
                            patchedObject(run, all.indexOf(resource), policy.name(), r));
                    if (c.outcome() == PatchedResources.Outcome.NOT_IN_FILE) {
                        notInFile = c.detail();
                        continue; // the CLI adds no row for it
                    }
                    if (c.outcome() != PatchedResources.Outcome.EQUAL) {
                        actuals.add(status + " (patched resource differs)");
                        failures.add(resource.kind() + "/" + resource.name() + (r.rule().isEmpty() ? "" : " rule "
                                + r.rule()) + ": " + (c.outcome() == PatchedResources.Outcome.FILE_ERROR
                                ? c.detail() : "the patched resource differs from " + patchedFile + " at "
                                        + c.detail()));
                        continue;
                    }
                }
                actuals.add(status);
                if (!status.equals(expected)) {
                    failures.add(resource.kind() + "/" + resource.name() + (r.rule().isEmpty() ? "" : " rule "
                            + r.rule()) + " gave " + status + (r.message().isEmpty() ? "" : " (" + r.message() + ")"));
                }
            }
        }
        String actual = String.join(",", new LinkedHashSet<>(actuals));
        if (notInFile != null && actuals.isEmpty() && failures.isEmpty() && unsupported == null) {
            return skipped(testName, policyRef, rule, kind, name, expected, "kyverno test reports nothing for it: "
                    + notInFile, policyKind);
        }
        if (unsupported != null && failures.isEmpty()) {
            return skipped(testName, policyRef, rule, kind, name, expected, unsupported, policyKind);
        }
        Status status = failures.isEmpty() ? Status.PASSED : Status.FAILED;
        String reason = failures.isEmpty() ? (excludedOnly ? "excluded: no rule answered" : "")
                : String.join("; ", failures);
        return new ExpectationResult(displayFile, testName, policyRef, rule, kind, name, expected, actual, status,
                reason, policyKind);
    }

    /** What a generate rule generated, or null when the response is not one of the generation's. */
    private static List<Map<String, Object>> generated(PolicyGeneration generation, RuleResponse response) {
        if (generation == null) {
            return null;
        }
        for (PolicyGeneration.Rule rule : generation.rules()) {
            if (rule.response() == response) {
                return rule.generated();
            }
        }
        return null;
    }

    /**
     * The resource a rule response is compared with: the object its policy's mutate rules patched for a mutate rule,
     * otherwise the object after every mutating policy.
     */
    private Map<String, Object> patchedObject(String run, int resource, String policy, RuleResponse rule) {
        PolicyMutation mutation = mutations.get(key(run, resource, policy));
        if (mutation != null && mutation.rules().contains(rule)) {
            return mutation.patched();
        }
        return mutatedObjects.get(key(run, resource, ""));
    }

    private ExpectationResult skipped(String testName, String policy, String rule, String kind, String name,
            String expected, String feature, String policyKind) {
        return new ExpectationResult(displayFile, testName, policy, rule, kind, name, expected, "", Status.SKIPPED,
                feature, policyKind);
    }

    private List<ExpectationResult> failAll(String testName, List<Object> results, String reason) {
        List<ExpectationResult> out = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            Object result = results.get(i);
            List<String> names = PlainValues.strings(result, "resources");
            for (String name : names.isEmpty() ? List.of("") : names) {
                out.add(new ExpectationResult(displayFile, testName, PlainValues.string(result, "policy"),
                        PlainValues.string(result, "rule"), PlainValues.string(result, "kind"), name,
                        PlainValues.string(result, "result"), "", Status.FAILED, reason, "unknown",
                        document.lineOf(List.of("results", i))));
            }
        }
        return out;
    }

    /**
     * A result that checks the resources policies other than ClusterPolicies generate or mutate needs what Guidepost
     * does not evaluate.
     */
    private static String unsupportedResultFeature(Object result, Optional<LoadedPolicy> policy) {
        if (!patchedFile(result).isEmpty() && !policy.map(p -> p.classic() || p.mutating()).orElse(false)) {
            return "patched resources (mutation)";
        }
        if (PlainValues.at(result, "cloneSourceResource") != null && !policy.map(LoadedPolicy::classic).orElse(false)
                || PlainValues.at(result, "generatedResource") != null
                && !policy.map(p -> p.classic() || p.generating()).orElse(false)
                || PlainValues.at(result, "generatedResources") != null) {
            return "generated resources";
        }
        return null;
    }

    /** The result's expected patched resources file ({@code patchedResources}, or the older {@code patchedResource}). */
    private static String patchedFile(Object result) {
        String file = PlainValues.string(result, "patchedResources");
        return file.isEmpty() ? PlainValues.string(result, "patchedResource") : file;
    }

    /** True when a result's resource name (NAME or NAMESPACE/NAME) is one of the test's target resources. */
    private boolean namesTarget(String name) {
        return targets.stream().anyMatch(target -> names(name, PlainValues.string(target, "metadata", "namespace"),
                PlainValues.string(target, "metadata", "name")));
    }

    private static boolean selects(String name, String kind, LoadedResource resource) {
        return (kind.isEmpty() || resource.payload() || kind.equals(resource.kind()))
                && names(name, resource.namespace(), resource.name());
    }

    /** For a name found only under other kinds than the result's: which, and that the kinds must agree. */
    private static String otherKinds(String name, String kind, List<LoadedResource> resources) {
        List<String> kinds = resources.stream().filter(r -> !r.payload() && names(name, r.namespace(), r.name()))
                .map(LoadedResource::kind).distinct().sorted().toList();
        return kinds.isEmpty() || kind.isEmpty() ? "" : " of kind " + kind + " (it is a "
                + String.join(" and a ", kinds) + "; a result's kind must be the kind of the resources it names)";
    }

    /** True when a result's resource name, NAME or NAMESPACE/NAME, names this object. */
    private static boolean names(String name, String namespace, String objectName) {
        int slash = name.indexOf('/');
        if (slash >= 0) {
            return name.substring(0, slash).equals(namespace) && name.substring(slash + 1).equals(objectName);
        }
        return name.equals(objectName);
    }

    private static String key(String run, int resource, String policy) {
        return run + "\u0000" + resource + "\u0000" + policy;
    }

    private static String operation(String value, String fallback) {
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        String op = value.toUpperCase(Locale.ROOT);
        return op.equals("CONNECT") ? "CREATE" : op;
    }

    /**
     * The request a policy sees: for a ClusterPolicy, the test's values for {@code request.object...} and
     * {@code request.oldObject...} change its objects, as the CLI reads them back from the policy's JSON context.
     */
    private static AdmissionRequest policyRequest(LoadedPolicy policy, LoadedResource resource,
            Map<String, Object> object, String operation, UserInfo user, TestValues values) {
        AdmissionRequest request = request(resource, object, operation, user);
        return policy.classic() ? request.withObjectValues(values.forResource(policy.name(), resource.name()))
                : request;
    }

    /**
     * The admission request of an operation, shaped as the Kyverno CLI simulates it: CREATE has the object;
     * UPDATE the object and, as old object, the matching {@code oldResources} entry or else the object itself;
     * DELETE only the old object; CONNECT neither.
     */
    private static AdmissionRequest request(LoadedResource resource, Map<String, Object> mutated, String operation,
            UserInfo user) {
        Map<String, Object> object = mutated;
        return switch (operation) {
            case "DELETE" -> new AdmissionRequest(operation, null, resource.object(), resource.type(),
                    resource.namespace(), resource.name(), user);
            case "UPDATE" -> new AdmissionRequest(operation, object,
                    resource.oldObject() != null ? resource.oldObject() : resource.object(), resource.type(),
                    resource.namespace(), resource.name(), user);
            case "CONNECT" -> new AdmissionRequest(operation, null, null, resource.type(), resource.namespace(),
                    resource.name(), user);
            default -> new AdmissionRequest(operation, object, null, resource.type(), resource.namespace(),
                    resource.name(), user);
        };
    }
}
