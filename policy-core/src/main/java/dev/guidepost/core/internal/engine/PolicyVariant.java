package dev.guidepost.core.internal.engine;

import dev.guidepost.core.internal.match.MatchConstraints;

/**
 * One variant of a CEL policy: the policy as written (compiled up front) or one of its autogen variants for pod
 * controllers (compiled the first time a manifest of its kinds turns up). Its match constraints are known at once.
 *
 * @param <P> the compiled program's type
 */
final class PolicyVariant<P extends PolicyVariant.Selecting> {

    /** A compiled variant, which knows the requests it selects. */
    interface Selecting {
        /** True when the variant selects the request. */
        boolean selects(PreparedRequest request, EvaluationContext context);
    }

    /** How a variant is compiled on demand. */
    @FunctionalInterface
    interface Compiler<P> {
        P compile() throws PolicyCompileException;
    }

    private final MatchConstraints match;
    private final Compiler<P> compiler;
    private P program;
    private PolicyCompileException failure;

    private PolicyVariant(MatchConstraints match, Compiler<P> compiler, P program) {
        this.match = match;
        this.compiler = compiler;
        this.program = program;
    }

    /** A variant compiled already. */
    static <P extends Selecting> PolicyVariant<P> compiled(MatchConstraints match, P program) {
        return new PolicyVariant<>(match, null, program);
    }

    /** A variant compiled on first use. */
    static <P extends Selecting> PolicyVariant<P> lazy(MatchConstraints match, Compiler<P> compiler) {
        return new PolicyVariant<>(match, compiler, null);
    }

    MatchConstraints match() {
        return match;
    }

    /** The program, compiled now if it was not yet; a failure to compile is kept and thrown again. */
    synchronized P program() throws PolicyCompileException {
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

    private synchronized P compiledProgram() {
        return program;
    }

    /**
     * True when the variant selects the request: by its program once compiled, before that by its match
     * constraints (autogen variants are for pod controllers, never for JSON payloads).
     */
    boolean selects(PreparedRequest prepared, EvaluationContext context) {
        P compiled = compiledProgram();
        if (compiled != null) {
            return compiled.selects(prepared, context);
        }
        if (prepared.isPayload()) {
            return false;
        }
        return matches(match, prepared.request(), context);
    }

    /** True when match constraints select an admission request. */
    static boolean matches(MatchConstraints match, AdmissionRequest request, EvaluationContext context) {
        return match.matches(request.operation(), request.resource(), request.namespace(), request.name(),
                request.labels(), () -> NamespaceValues.selectorLabels(request, context));
    }
}
