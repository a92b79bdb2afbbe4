package dev.guidepost.core.internal.engine;

import java.util.List;
import java.util.Optional;

import dev.guidepost.core.internal.match.MatchConstraints;

/**
 * A Kubernetes ValidatingAdmissionPolicy with its bindings, evaluated as the Kyverno CLI does offline: without
 * bindings the policy's own match constraints select requests; with bindings, a request is validated when a
 * binding's {@code matchResources} selects it (a binding without them selects everything). The policy always
 * answers, with no rule response when nothing selected the request. There is no autogen.
 */
final class AdmissionPolicyProgram implements PolicyProgram {

    private final String name;
    private final ValidatingPolicyProgram program;
    private final List<Optional<MatchConstraints>> bindings;

    /**
     * @param bindings each binding's {@code matchResources}, empty for a binding without them
     */
    AdmissionPolicyProgram(String name, ValidatingPolicyProgram program, List<Optional<MatchConstraints>> bindings) {
        this.name = name;
        this.program = program;
        this.bindings = List.copyOf(bindings);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public PolicyResponse evaluate(PreparedRequest request, EvaluationContext context) {
        if (!selects(request, context)) {
            return new PolicyResponse(name, true, List.of());
        }
        return new PolicyResponse(name, true, List.of(program.evaluateSelected(request, context)));
    }

    @Override
    public boolean selects(PreparedRequest request, EvaluationContext context) {
        if (bindings.isEmpty()) {
            return program.selects(request, context);
        }
        return bindings.stream().anyMatch(b -> b.isEmpty() || program.selects(b.get(), request, context));
    }
}
