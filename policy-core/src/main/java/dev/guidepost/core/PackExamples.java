package dev.guidepost.core;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs a pack's own examples as tests: every manifest in a policy's {@code examples.pass} must pass it and every
 * one in {@code examples.fail} must fail it. Within one list, manifests the policy does not select (for example a
 * {@code Namespace} that gives the others their labels) are context, not examples; each list must contain at
 * least one manifest the policy selects.
 */
public final class PackExamples {

    private PackExamples() {
    }

    /** Runs the examples of every enforceable policy of the engine's pack. */
    public static KyvernoTestReport run(PolicyEngine engine) {
        List<ExpectationResult> results = new ArrayList<>();
        for (Policy policy : engine.enforceablePolicies()) {
            check(engine, policy, policy.examples().pass(), Outcome.PASS, results);
            check(engine, policy, policy.examples().fail(), Outcome.FAIL, results);
        }
        return new KyvernoTestReport(results, List.of());
    }

    private static void check(PolicyEngine engine, Policy policy, List<Manifest> examples, Outcome expected,
            List<ExpectationResult> out) {
        if (examples.isEmpty()) {
            return;
        }
        Report report = engine.check(Manifests.of(examples), List.of(policy.id()));
        String file = policy.source().file();
        String expectedLabel = expected.label();
        boolean anySelected = false;
        for (Manifest example : examples) {
            List<Result> results = report.results().stream()
                    .filter(r -> r.location().equals(example.location()) && r.resource().equals(example.resource()))
                    .toList();
            if (results.isEmpty()) {
                continue;
            }
            anySelected = true;
            Outcome actual = results.stream().map(Result::outcome)
                    .filter(o -> o == Outcome.FAIL || o == Outcome.ERROR).findFirst()
                    .orElse(results.get(0).outcome());
            boolean ok = actual == expected;
            String reason = ok ? "" : example.location() + ": the " + expectedLabel + " example "
                    + example.resource() + " gave " + actual.label()
                    + (results.get(0).message().isEmpty() ? "" : " (" + firstMessage(results) + ")");
            out.add(new ExpectationResult(file, "examples", policy.id(), "", example.kind(), example.name(),
                    expectedLabel, actual.label(), ok ? ExpectationResult.Status.PASSED
                            : ExpectationResult.Status.FAILED, reason, policy.format().kind()));
        }
        if (!anySelected) {
            out.add(new ExpectationResult(file, "examples", policy.id(), "", "", "", expectedLabel, "not selected",
                    ExpectationResult.Status.FAILED, policy.source() + ": no " + expectedLabel
                            + " example of policy '" + policy.id() + "' is selected by its match rules",
                    policy.format().kind()));
        }
    }

    private static String firstMessage(List<Result> results) {
        return results.stream().map(Result::message).filter(m -> !m.isEmpty()).findFirst().orElse("");
    }
}
