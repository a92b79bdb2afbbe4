package dev.guidepost.core.internal.cel;

import static dev.cel.common.CelOverloadDecl.newGlobalOverload;

import java.util.Optional;

import dev.cel.common.types.SimpleType;
import dev.cel.parser.CelMacro;
import dev.cel.parser.CelParserBuilder;
import dev.cel.runtime.CelFunctionBinding;

/**
 * Kyverno's {@code orValue} compatibility (kyverno/kyverno pkg/cel/compiler/env.go, OrValueCompatEnvOptions): a
 * macro rewrites every {@code x.orValue(y)} into {@code __orValueCompat__(x, y)}, which unwraps an optional like
 * {@code orValue} does but returns a non-optional {@code x} unchanged, so both
 * {@code object.spec.?containers.orValue([])} and {@code object.spec.containers.orValue([])} work. Like Kyverno's
 * function, both arguments are evaluated (an error in {@code x} stays an error).
 */
final class OrValueCompatLibrary extends FunctionLibrary {

    static final String FUNCTION = "__orValueCompat__";

    OrValueCompatLibrary() {
        function(FUNCTION, newGlobalOverload("__orValueCompat___dyn_dyn", SimpleType.DYN, SimpleType.DYN,
                SimpleType.DYN),
                CelFunctionBinding.from("__orValueCompat___dyn_dyn", Object.class, Object.class,
                        (value, alternative) -> value instanceof Optional<?> optional
                                ? optional.map(Object.class::cast).orElse(alternative)
                                : value));
    }

    @Override
    public void setParserOptions(CelParserBuilder parserBuilder) {
        parserBuilder.addMacros(CelMacro.newReceiverMacro("orValue", 1,
                (factory, target, args) -> Optional.of(factory.newGlobalCall(FUNCTION, target, args.get(0)))));
    }
}
