package dev.guidepost.core.internal.examples;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.guidepost.core.Manifest;
import dev.guidepost.core.Manifests;
import dev.guidepost.core.Outcome;
import dev.guidepost.core.Policy;
import dev.guidepost.core.PolicyEngine;
import dev.guidepost.core.Report;
import dev.guidepost.core.Result;

/**
 * What a policy says about one of its own examples. A list of examples ({@code pass} or {@code fail}) is checked
 * together, so a {@code Namespace} in the list gives the others their namespace; a manifest the policy does not
 * apply to (not selected by its match rules, left out by its exclusions, or skipped by its match conditions) is
 * context, not an example. A rule left unchecked is no verdict either way, so it is reported, not taken as context.
 *
 * @param manifest the example
 * @param expected the outcome its list expects ({@code PASS} or {@code FAIL})
 * @param actual   the policy's outcome (a failure or error wins over a pass); empty when the policy does not
 *                 apply to the manifest
 * @param message  the first message of the policy's results (may be empty)
 */
public record ExampleVerdict(Manifest manifest, Outcome expected, Optional<Outcome> actual, String message) {

    /** True when the policy applies to the manifest, so it is an example rather than context. */
    public boolean selected() {
        return actual.isPresent();
    }

    /** The verdicts of one list of a policy's examples, in list order. */
    public static List<ExampleVerdict> of(PolicyEngine engine, Policy policy, List<Manifest> examples,
            Outcome expected) {
        List<ExampleVerdict> out = new ArrayList<>();
        if (examples.isEmpty()) {
            return out;
        }
        Report report = engine.check(Manifests.of(examples), List.of(policy.id()));
        for (Manifest example : examples) {
            List<Result> results = report.results().stream()
                    .filter(r -> r.location().equals(example.location()) && r.resource().equals(example.resource()))
                    .toList();
            // skipped by the policy itself (a false match condition): it does not apply, like an exclusion
            boolean doesNotApply = results.stream().allMatch(r -> r.outcome() == Outcome.SKIP && !r.isNotChecked());
            if (results.isEmpty() || doesNotApply) {
                out.add(new ExampleVerdict(example, expected, Optional.empty(), ""));
                continue;
            }
            Outcome actual = results.stream().map(Result::outcome)
                    .filter(o -> o == Outcome.FAIL || o == Outcome.ERROR).findFirst()
                    .orElse(results.get(0).outcome());
            String message = results.stream().map(Result::message).filter(m -> !m.isEmpty()).findFirst()
                    .orElse("");
            out.add(new ExampleVerdict(example, expected, Optional.of(actual), message));
        }
        return out;
    }
}
