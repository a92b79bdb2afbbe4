package dev.guidepost.core.internal.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.guidepost.core.Outcome;
import dev.guidepost.core.internal.match.MatchConstraints;

/**
 * A ValidatingPolicy with its autogen variants: each request is answered by the variants that select it. The policy
 * as written is compiled up front (so errors surface at once); an autogen variant, a text rewrite of it, is
 * compiled the first time a manifest of its kinds turns up.
 */
final class ValidatingPolicyPrograms implements PolicyProgram {

    /** How a variant is compiled on demand. */
    @FunctionalInterface
    interface VariantCompiler {
        ValidatingPolicyProgram compile() throws PolicyCompileException;
    }

    /** One variant: its match constraints, and its program (compiled now or on first use). */
    static final class Variant {
        private final MatchConstraints match;
        private final VariantCompiler compiler;
        private ValidatingPolicyProgram program;
        private PolicyCompileException failure;

        private Variant(MatchConstraints match, VariantCompiler compiler, ValidatingPolicyProgram program) {
            this.match = match;
            this.compiler = compiler;
            this.program = program;
        }

        static Variant compiled(ValidatingPolicyProgram program) {
            return new Variant(program.match(), null, program);
        }

        static Variant lazy(MatchConstraints match, VariantCompiler compiler) {
            return new Variant(match, compiler, null);
        }

        MatchConstraints match() {
            return match;
        }

        /** The program if it is compiled already, else null. */
        synchronized ValidatingPolicyProgram compiledProgram() {
            return program;
        }

        synchronized ValidatingPolicyProgram program() throws PolicyCompileException {
            if (program == null && failure == null) {
                try {
                    program = compiler.compile();
                } catch (PolicyCompileException e) {
                    failure = e;
                }
            }
            if (failure != null) {
                throw failure;
            }
            return program;
        }
    }

    private final String name;
    private final List<Variant> variants;

    ValidatingPolicyPrograms(String name, List<Variant> variants) {
        this.name = name;
        this.variants = List.copyOf(variants);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public PolicyResponse evaluate(PreparedRequest request, EvaluationContext context) {
        List<RuleResponse> responses = new ArrayList<>();
        for (Variant variant : variants) {
            if (!selects(variant, request, context)) {
                continue;
            }
            try {
                Optional<RuleResponse> response = variant.program().evaluate(request, context);
                response.ifPresent(responses::add);
            } catch (PolicyCompileException e) {
                responses.add(RuleResponse.of("", Outcome.ERROR, "the autogen variant of the policy does not "
                        + "compile: " + e.getMessage(), dev.guidepost.core.Action.AUDIT));
            }
        }
        if (responses.isEmpty() && request.isPayload()) {
            return PolicyResponse.none(name); // Kubernetes-mode policies are not run on JSON payloads
        }
        if (responses.isEmpty()) {
            // the Kyverno CLI answers (with no rule) only for policies whose match constraints are complex
            return new PolicyResponse(name, variants.get(0).match().isComplex(), List.of());
        }
        return new PolicyResponse(name, true, responses);
    }

    @Override
    public boolean selects(PreparedRequest request, EvaluationContext context) {
        return variants.stream().anyMatch(v -> selects(v, request, context));
    }

    private static boolean selects(Variant variant, PreparedRequest prepared, EvaluationContext context) {
        ValidatingPolicyProgram compiled = variant.compiledProgram();
        if (compiled != null) {
            return compiled.selects(prepared, context);
        }
        if (prepared.isPayload()) {
            return false; // autogen variants are for pod controllers, never for JSON payloads
        }
        AdmissionRequest request = prepared.request();
        return variant.match().matches(request.operation(), request.resource(), request.namespace(), request.name(),
                request.labels(), () -> NamespaceValues.selectorLabels(request, context));
    }
}
