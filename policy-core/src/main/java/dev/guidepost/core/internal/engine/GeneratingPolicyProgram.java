package dev.guidepost.core.internal.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.cel.runtime.CelEvaluationException;
import dev.guidepost.core.Action;
import dev.guidepost.core.Outcome;
import dev.guidepost.core.internal.cel.CelExpression;
import dev.guidepost.core.internal.match.MatchConstraints;

/**
 * A compiled GeneratingPolicy, evaluated as the Kyverno CLI does offline: once, as a creation, per resource its
 * match constraints select; policy exceptions (a match skips), match conditions (a false one: no answer; an error:
 * error), lazy variables, then the {@code generate} entries in order: expressions whose {@code generator.Apply}
 * calls collect the generated objects, and templates ({@link GenerationTemplate}). The first expression that errors makes the policy's answer an error with nothing
 * generated. Immutable and thread-safe.
 */
final class GeneratingPolicyProgram implements PolicyProgram {

    private final String name;
    private final String kind;
    private final String namespace;
    private final MatchConstraints match;
    private final List<NamedExpression> matchConditions;
    private final Map<String, CelExpression> variables;
    private final List<Step> generate;

    /** One {@code generate} entry: an expression that calls {@code generator.Apply}, or a template. */
    sealed interface Step permits Expression, Template {
    }

    /** A {@code generate[].expression}. */
    record Expression(CelExpression expression) implements Step {
    }

    /** A {@code generate[].template}: each document is generated into its own namespace. */
    record Template(GenerationTemplate template) implements Step {
    }

    GeneratingPolicyProgram(String name, String kind, String namespace, MatchConstraints match,
            List<NamedExpression> matchConditions, Map<String, CelExpression> variables,
            List<Step> generate) {
        this.name = name;
        this.kind = kind;
        this.namespace = namespace;
        this.match = match;
        this.matchConditions = List.copyOf(matchConditions);
        this.variables = variables;
        this.generate = List.copyOf(generate);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean selects(PreparedRequest prepared, EvaluationContext context) {
        if (prepared.isPayload()) {
            return false;
        }
        AdmissionRequest request = prepared.request();
        return (namespace.isEmpty() || namespace.equals(request.namespace()))
                && PolicyVariant.matches(match, request, context);
    }

    @Override
    public PolicyResponse evaluate(PreparedRequest request, EvaluationContext context) {
        return new PolicyResponse(name, true, run(request, context).map(r -> List.of(r.response()))
                .orElse(List.of()));
    }

    @Override
    public Optional<PolicyGeneration> generate(PreparedRequest request, EvaluationContext context,
            List<Map<String, Object>> cloneSources) {
        return Optional.of(new PolicyGeneration(run(request, context).map(List::of).orElse(List.of())));
    }

    /** The policy's answer and what it generated, or empty when it does not apply. */
    private Optional<PolicyGeneration.Rule> run(PreparedRequest prepared, EvaluationContext context) {
        if (!selects(prepared, context)) {
            return Optional.empty();
        }
        AdmissionRequest request = prepared.request();
        GeneratedObjects objects = new GeneratedObjects(context.cluster(), namespace);
        Activation activation = new Activation()
                .putCel("object", prepared.object())
                .putCel("oldObject", prepared.oldObject())
                .putCel("request", prepared.requestValue())
                .put("namespaceObject", NamespaceValues.namespaceObject(request, context), prepared.numbers())
                .variables(variables, objects);
        Optional<RuleResponse> exempted = PolicyExceptionProgram.apply(name, kind, false, context, activation,
                Action.AUDIT);
        if (exempted.isPresent()) {
            return Optional.of(new PolicyGeneration.Rule(exempted.get(), List.of()));
        }
        MatchConditions conditions = MatchConditions.evaluate(matchConditions, activation, objects);
        if (conditions.falseCondition() != null) {
            return Optional.empty();
        }
        if (conditions.error() != null) {
            return Optional.of(failed(conditions.error()));
        }
        for (Step step : generate) {
            try {
                if (step instanceof Expression e) {
                    e.expression().evaluate(activation, objects);
                } else if (step instanceof Template t) {
                    for (Map<String, Object> document : t.template().render(activation, objects)) {
                        objects.generate(namespaceOf(document), List.of(document));
                    }
                }
            } catch (CelEvaluationException | RuntimeException e) {
                return Optional.of(failed("failed to evaluate policy: " + e.getMessage()));
            }
        }
        return Optional.of(new PolicyGeneration.Rule(RuleResponse.of("", Outcome.PASS, "", Action.AUDIT),
                new ArrayList<>(objects.generated())));
    }

    /** A template document's namespace: its own, or a namespaced policy's, which it may not leave. */
    private String namespaceOf(Map<String, Object> document) {
        String own = dev.guidepost.core.internal.yaml.PlainValues.string(document, "metadata", "namespace");
        if (namespace.isEmpty()) {
            return own;
        }
        if (!own.isEmpty() && !own.equals(namespace)) {
            throw new IllegalStateException("cross-namespace generation denied: the policy is in namespace '"
                    + namespace + "' and the template names '" + own + "'");
        }
        return namespace;
    }

    private static PolicyGeneration.Rule failed(String message) {
        return new PolicyGeneration.Rule(RuleResponse.of("", Outcome.ERROR, message, Action.AUDIT), List.of());
    }
}
