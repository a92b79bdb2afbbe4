package dev.guidepost.core;

import java.util.ArrayList;
import java.util.List;

import dev.guidepost.core.internal.examples.ExampleVerdict;

/**
 * Runs a pack's own examples as tests: every manifest in a policy's {@code examples.pass} must pass it and every
 * one in {@code examples.fail} must fail it. Within one list, manifests the policy does not apply to (for example a
 * {@code Namespace} that gives the others their labels, or an object its match conditions skip) are context, not
 * examples; each list must contain at least one manifest the policy applies to.
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

    /**
     * The line of the policy's {@code examples.pass} or {@code examples.fail} list, for an example read from a file
     * (its own file:line is in the reason); 0 when unknown.
     */
    private static int listLine(PolicyPack pack, Policy policy, String list) {
        SourceLocation at = dev.guidepost.core.internal.pack.PolicyLocator.locate(policy,
                List.of("spec", "examples", list), pack.sourceText(policy));
        return at.line() == policy.source().line() ? 0 : at.line();
    }

    private static void check(PolicyEngine engine, Policy policy, List<Manifest> examples, Outcome expected,
            List<ExpectationResult> out) {
        if (examples.isEmpty()) {
            return;
        }
        String file = policy.source().file();
        String expectedLabel = expected.label();
        boolean anySelected = false;
        List<String> leftOut = new ArrayList<>();
        for (ExampleVerdict verdict : ExampleVerdict.of(engine, policy, examples, expected)) {
            if (!verdict.selected()) {
                Manifest context = verdict.manifest();
                leftOut.add(context.resource().toString());
                if (!context.kind().equals("Namespace") && !policy.kinds().contains(context.kind())) {
                    // not a kind the policy checks: context at most, and the author may believe it tested
                    out.add(new ExpectationResult(file, "examples", policy.id(), "", context.kind(), context.name(),
                            expectedLabel, "not selected", ExpectationResult.Status.SKIPPED, "the " + expectedLabel
                                    + " example " + context.resource() + " is a kind the policy does not check ("
                                    + String.join(", ", policy.kinds()) + "), so it is context, not an example",
                            policy.format().kind(), context.location().file().equals(file)
                                    ? context.location().line() : 0));
                }
                continue;
            }
            anySelected = true;
            Manifest example = verdict.manifest();
            Outcome actual = verdict.actual().orElseThrow();
            boolean ok = actual == expected;
            // an inline example is located by the result's file:line; one from an example file names its own place
            boolean inline = example.location().file().equals(file);
            String reason = ok ? "" : (inline ? "" : example.location() + ": ") + "the " + expectedLabel
                    + " example " + example.resource() + " gave " + actual.label()
                    + (verdict.message().isEmpty() ? "" : " (" + verdict.message() + ")");
            out.add(new ExpectationResult(file, "examples", policy.id(), "", example.kind(), example.name(),
                    expectedLabel, actual.label(), ok ? ExpectationResult.Status.PASSED
                            : ExpectationResult.Status.FAILED, reason, policy.format().kind(),
                    inline ? example.location().line() : listLine(engine.pack(), policy, expectedLabel)));
        }
        if (!anySelected) {
            out.add(new ExpectationResult(file, "examples", policy.id(), "", "", "", expectedLabel, "not selected",
                    ExpectationResult.Status.FAILED, policy.source() + ": no " + expectedLabel + " example of policy '"
                            + policy.id() + "' is one the policy applies to (its match rules, exclusions and match "
                            + "conditions leave out " + String.join(", ", leftOut) + ")",
                    policy.format().kind()));
        }
    }
}
