package dev.guidepost.core.internal.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.guidepost.core.Action;
import dev.guidepost.core.internal.cel.CelDialect;
import dev.guidepost.core.internal.cel.CelEnvironment;
import dev.guidepost.core.internal.cel.CelExpression;
import dev.guidepost.core.internal.match.MatchConstraints;
import dev.guidepost.core.internal.yaml.PlainValues;
import dev.guidepost.core.internal.yaml.YamlDocument;

/**
 * Compiles a MutatingPolicy spec (kyverno pkg/cel/policies/mpol/compiler) in Kyverno's MutatingPolicy CEL
 * environment: match conditions, variables (each may use only those declared before it) and the mutations in
 * order, {@code JSONPatch} or {@code ApplyConfiguration}; with Kyverno's autogen variants for pod controllers
 * ({@link MutatingPolicyAutogen}).
 */
final class MutatingPolicyCompiler {

    private final ExpressionCompiler compiler = new ExpressionCompiler(CelEnvironment.of(CelDialect.MUTATING_POLICY));

    /** The policy and its autogen variants, which compile the first time a manifest of their kinds turns up. */
    MutatingPolicyPrograms compile(String name, String kind, Map<String, Object> spec, Action action)
            throws PolicyCompileException {
        MutatingPolicyProgram program = compileSpec(name, kind, spec, action);
        List<PolicyVariant<MutatingPolicyProgram>> variants = new ArrayList<>();
        variants.add(PolicyVariant.compiled(program.match(), program));
        for (ValidatingPolicyAutogen.Variant variant : MutatingPolicyAutogen.variants(spec)) {
            variants.add(PolicyVariant.lazy(MatchConstraints.of(variant.matchConstraints()),
                    () -> compileSpec(name, kind, variant.spec(), action)));
        }
        return new MutatingPolicyPrograms(name, action, variants);
    }

    private MutatingPolicyProgram compileSpec(String name, String kind, Map<String, Object> spec, Action action)
            throws PolicyCompileException {
        List<Object> path = List.of("spec");
        Map<String, CelExpression> variables = compiler.variables(PlainValues.list(spec, "variables"),
                YamlDocument.path(path, "variables"));
        List<NamedExpression> conditions = compiler.conditions(PlainValues.list(spec, "matchConditions"),
                YamlDocument.path(path, "matchConditions"), variables);
        List<String> declared = List.copyOf(variables.keySet());
        List<MutatingPolicyProgram.Mutation> mutations = new ArrayList<>();
        List<Object> entries = PlainValues.list(spec, "mutations");
        for (int i = 0; i < entries.size(); i++) {
            Object entry = entries.get(i);
            String patchType = PlainValues.string(entry, "patchType");
            String field = switch (patchType) {
                case "JSONPatch" -> "jsonPatch";
                case "ApplyConfiguration" -> "applyConfiguration";
                default -> throw new PolicyCompileException(YamlDocument.path(path, "mutations", i,
                        "patchType"), "spec.mutations[" + i + "].patchType: unsupported value \"" + patchType
                        + "\"");
            };
            if (PlainValues.at(entry, field) == null) {
                continue; // Kyverno skips a mutation without its patch
            }
            List<Object> at = YamlDocument.path(path, "mutations", i, field, "expression");
            String expression = PlainValues.string(entry, field, "expression");
            CelExpression compiled = compiler.compile(expression, at);
            ExpressionCompiler.requireDeclared(compiled, declared, at);
            mutations.add(new MutatingPolicyProgram.Mutation(field.equals("applyConfiguration"), compiled));
        }
        return new MutatingPolicyProgram(name, kind, MatchConstraints.of(PlainValues.at(spec, "matchConstraints")),
                conditions, variables, mutations, action);
    }
}
