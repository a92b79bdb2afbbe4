package dev.guidepost.core.internal.cel;

import static dev.cel.common.CelOverloadDecl.newGlobalOverload;

import java.util.List;

import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelFunctionBinding;
import dev.guidepost.core.internal.golang.RandomStrings;

/**
 * Kyverno's random library (kyverno/sdk cel/libs/random): {@code random()}, eight lower-case letters and digits,
 * and {@code random(pattern)}, a string the regular expression matches (see {@link RandomStrings}).
 */
final class RandomLibrary extends FunctionLibrary {

    RandomLibrary() {
        function("random", List.of(
                newGlobalOverload("random_string_default_expr", SimpleType.STRING, List.of()),
                newGlobalOverload("random_string", SimpleType.STRING, SimpleType.STRING)),
                CelFunctionBinding.from("random_string_default_expr", List.of(),
                        args -> RandomStrings.matching(RandomStrings.DEFAULT_PATTERN)),
                CelFunctionBinding.from("random_string", String.class, pattern -> {
                    try {
                        return RandomStrings.matching(pattern);
                    } catch (IllegalArgumentException e) {
                        throw error("%s", e.getMessage());
                    }
                }));
    }
}
