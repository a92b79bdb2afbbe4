package dev.guidepost.core.internal.cel;

import java.util.ArrayList;
import java.util.List;

import dev.cel.checker.CelCheckerBuilder;
import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOverloadDecl;
import dev.cel.compiler.CelCompilerLibrary;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelEvaluationExceptionBuilder;
import dev.cel.runtime.CelFunctionBinding;
import dev.cel.runtime.CelRuntimeBuilder;
import dev.cel.runtime.CelRuntimeLibrary;

/**
 * Base of Guidepost's CEL function libraries: a library declares its functions (for the checker) together with
 * their implementations (for the runtime), so that both sides always agree.
 */
abstract class FunctionLibrary implements CelCompilerLibrary, CelRuntimeLibrary {

    private final List<CelFunctionDecl> declarations = new ArrayList<>();
    private final List<CelFunctionBinding> bindings = new ArrayList<>();

    /** Declares a function with its overloads and binds their implementations (none for late-bound ones). */
    protected final void function(String name, List<CelOverloadDecl> overloads, CelFunctionBinding... impls) {
        declarations.add(CelFunctionDecl.newFunctionDeclaration(name, overloads));
        if (impls.length > 0) {
            bindings.addAll(CelFunctionBinding.fromOverloads(name, impls));
        }
    }

    /** Declares a function with one overload and binds its implementation. */
    protected final void function(String name, CelOverloadDecl overload, CelFunctionBinding impl) {
        function(name, List.of(overload), impl);
    }

    @Override
    public void setCheckerOptions(CelCheckerBuilder checkerBuilder) {
        checkerBuilder.addFunctionDeclarations(declarations);
    }

    @Override
    public void setRuntimeOptions(CelRuntimeBuilder runtimeBuilder) {
        runtimeBuilder.addFunctionBindings(bindings);
    }

    /** An evaluation error with a user-facing message (the Go library's message where there is one). */
    static CelEvaluationException error(String message, Object... args) {
        return CelEvaluationExceptionBuilder.newBuilder(message, args).build();
    }
}
