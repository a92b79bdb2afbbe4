package dev.guidepost.core.internal.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.guidepost.core.Policy;
import dev.guidepost.core.internal.cel.CelDialect;
import dev.guidepost.core.internal.cel.CelEnvironment;
import dev.guidepost.core.internal.cel.CelExpression;
import dev.guidepost.core.internal.match.MatchConstraints;
import dev.guidepost.core.internal.pack.KyvernoActions;
import dev.guidepost.core.internal.pack.ValidatingPolicyTranslator;
import dev.guidepost.core.internal.yaml.PlainValues;
import dev.guidepost.core.internal.yaml.YamlDocument;

/** Compiles any checkable policy into a {@link PolicyProgram}. */
public final class PolicyCompiler {

    private PolicyCompiler() {
    }

    /** Compiles a policy; advisory policies and formats Guidepost does not check give no program. */
    public static CompiledPolicy compile(Policy policy) {
        return compile(policy, false);
    }

    /**
     * Compiles a policy for a Kyverno test run: ClusterPolicies are compiled even when none of their rules can be
     * evaluated, so that matching still decides which rules answer (unevaluated rules answer "not evaluated").
     */
    public static CompiledPolicy compileForTests(Policy policy) {
        return compile(policy, true);
    }

    private static CompiledPolicy compile(Policy policy, boolean allClassicRules) {
        boolean classic = policy.format() == dev.guidepost.core.PolicyFormat.CLUSTER_POLICY
                || policy.format() == dev.guidepost.core.PolicyFormat.KYVERNO_POLICY;
        boolean authz = policy.format() == dev.guidepost.core.PolicyFormat.VALIDATING_POLICY
                && AuthzPolicyProgram.dialect(PlainValues.map(policy.definition(), "spec")) != null;
        if (authz) {
            // authorization policies answer envoy/HTTP check requests, which only Kyverno test files carry
            if (!allClassicRules) {
                return new CompiledPolicy(policy, Optional.empty(), List.of());
            }
            try {
                return new CompiledPolicy(policy, Optional.of(AuthzPolicyProgram.compile(policy.id(),
                        PlainValues.map(policy.definition(), "spec"), policy.action())), List.of());
            } catch (PolicyCompileException e) {
                return new CompiledPolicy(policy, Optional.empty(), List.of(e));
            }
        }
        if (policy.format() == dev.guidepost.core.PolicyFormat.GENERATING_POLICY) {
            // GeneratingPolicies create resources, which only Kyverno test files check
            if (!allClassicRules) {
                return new CompiledPolicy(policy, Optional.empty(), List.of());
            }
            try {
                return new CompiledPolicy(policy, Optional.of(generatingPolicy(policy.definition())), List.of());
            } catch (PolicyCompileException e) {
                return new CompiledPolicy(policy, Optional.empty(), List.of(e));
            }
        }
        if (policy.format() == dev.guidepost.core.PolicyFormat.MUTATING_POLICY) {
            // MutatingPolicies patch resources, which only Kyverno test files check
            if (!allClassicRules) {
                return new CompiledPolicy(policy, Optional.empty(), List.of());
            }
            try {
                return new CompiledPolicy(policy, Optional.of(new MutatingPolicyCompiler().compile(policy.id(),
                        PlainValues.string(policy.definition(), "kind"), PlainValues.map(policy.definition(),
                                "spec"), policy.action())), List.of());
            } catch (PolicyCompileException e) {
                return new CompiledPolicy(policy, Optional.empty(), List.of(e));
            }
        }
        if (!policy.enforceable() && !(allClassicRules && classic)) {
            return new CompiledPolicy(policy, Optional.empty(), List.of());
        }
        try {
            switch (policy.format()) {
                case GUIDEPOST -> {
                    return validating(policy, ValidatingPolicyTranslator.spec(policy));
                }
                case VALIDATING_POLICY, NAMESPACED_VALIDATING_POLICY -> {
                    return validating(policy, PlainValues.map(policy.definition(), "spec"));
                }
                case CLUSTER_POLICY, KYVERNO_POLICY -> {
                    ClusterPolicyCompiler compiler = new ClusterPolicyCompiler();
                    ClusterPolicyProgram program = compiler.compile(policy.definition());
                    return new CompiledPolicy(policy, Optional.of(program), compiler.compileErrors());
                }
                default -> {
                    return new CompiledPolicy(policy, Optional.empty(), List.of());
                }
            }
        } catch (PolicyCompileException e) {
            return new CompiledPolicy(policy, Optional.empty(), e.all());
        }
    }

    /** Compiles a GeneratingPolicy or NamespacedGeneratingPolicy document, as the Kyverno CLI evaluates it. */
    private static GeneratingPolicyProgram generatingPolicy(Map<String, Object> document)
            throws PolicyCompileException {
        ExpressionCompiler compiler = new ExpressionCompiler(CelEnvironment.of(CelDialect.GENERATING_POLICY));
        Map<String, Object> spec = PlainValues.map(document, "spec");
        List<Object> path = List.of("spec");
        List<NamedExpression> conditions = compiler.conditionsBeforeVariables(PlainValues.list(spec,
                "matchConditions"), YamlDocument.path(path, "matchConditions"));
        Map<String, CelExpression> variables = compiler.variables(PlainValues.list(spec, "variables"),
                YamlDocument.path(path, "variables"));
        List<GeneratingPolicyProgram.Step> generate = new ArrayList<>();
        List<Object> entries = PlainValues.list(spec, "generate");
        for (int i = 0; i < entries.size(); i++) {
            Object entry = entries.get(i);
            List<Object> at = YamlDocument.path(path, "generate", i);
            if (PlainValues.at(entry, "template") instanceof Map<?, ?> template) {
                generate.add(new GeneratingPolicyProgram.Template(GenerationTemplate.compile(template,
                        YamlDocument.path(at, "template"), compiler::compile)));
            } else {
                // Kyverno's compiler wants a bool of a generation, as of a condition
                generate.add(new GeneratingPolicyProgram.Expression(compiler.condition(
                        PlainValues.string(entry, "expression"), YamlDocument.path(at, "expression"), variables)));
            }
        }
        String kind = PlainValues.string(document, "kind");
        return new GeneratingPolicyProgram(PlainValues.string(document, "metadata", "name"), kind,
                kind.startsWith("Namespaced") ? PlainValues.string(document, "metadata", "namespace") : "",
                MatchConstraints.of(PlainValues.at(spec, "matchConstraints")), conditions, variables, generate);
    }

    /** Compiles a ValidatingPolicy document (as the Kyverno test runner reads it). */
    public static PolicyProgram validatingPolicy(Map<String, Object> document) throws PolicyCompileException {
        Map<String, Object> spec = PlainValues.map(document, "spec");
        String name = PlainValues.string(document, "metadata", "name");
        return new ValidatingPolicyCompiler(CelDialect.VALIDATING_POLICY)
                .compile(name, PlainValues.string(document, "kind"), spec,
                        KyvernoActions.ofCelPolicy(PlainValues.strings(spec, "validationActions")));
    }

    /**
     * Compiles a ValidatingAdmissionPolicy document with the bindings that name it and the parameter resources
     * of a Kyverno test, to be evaluated as the Kyverno CLI does.
     */
    public static PolicyProgram validatingAdmissionPolicy(Map<String, Object> policy,
            List<Map<String, Object>> bindings, List<Map<String, Object>> params) {
        return new ValidatingAdmissionPolicyCompiler().compile(policy, bindings, params);
    }

    /**
     * The expressions of a ValidatingAdmissionPolicy that do not compile in Kubernetes' admission CEL environment
     * (for example because they use Kyverno's libraries), each with its error; empty when all compile.
     */
    public static List<String> validatingAdmissionPolicyErrors(Map<String, Object> policy) {
        ValidatingAdmissionPolicyCompiler compiler = new ValidatingAdmissionPolicyCompiler();
        compiler.compile(policy, List.of(), List.of());
        return compiler.errors();
    }

    private static CompiledPolicy validating(Policy policy, Map<String, Object> spec) throws PolicyCompileException {
        ValidatingPolicyCompiler compiler = new ValidatingPolicyCompiler(CelDialect.VALIDATING_POLICY);
        String kind = policy.format() == dev.guidepost.core.PolicyFormat.NAMESPACED_VALIDATING_POLICY
                ? "NamespacedValidatingPolicy" : "ValidatingPolicy";
        PolicyProgram program = compiler.compile(policy.id(), kind, spec, policy.action());
        return new CompiledPolicy(policy, Optional.of(program), List.of());
    }
}
