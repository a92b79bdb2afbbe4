package dev.guidepost.core.internal.cel;

import static dev.cel.common.CelOverloadDecl.newGlobalOverload;

import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelFunctionBinding;

/**
 * Kyverno's math addition (kyverno/sdk extensions/cel/libs/math): {@code math.round(double, int)} computes
 * {@code math.Round(v * 10^p) / 10^p} in float64, rounding halves away from zero; it sits beside cel-go's
 * one-argument {@code math.round}.
 */
final class KyvernoMathLibrary extends FunctionLibrary {

    KyvernoMathLibrary() {
        function("math.round", newGlobalOverload("math_round_float_int", SimpleType.DOUBLE, SimpleType.DOUBLE,
                SimpleType.INT),
                CelFunctionBinding.from("math_round_float_int", Double.class, Long.class, (v, p) -> {
                    double shift = Math.pow(10, p);
                    return goRound(v * shift) / shift;
                }));
    }

    /** Go's {@code math.Round}: half away from zero, exactly. */
    static double goRound(double x) {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            return x;
        }
        return Math.copySign(new java.math.BigDecimal(x).setScale(0, java.math.RoundingMode.HALF_UP).doubleValue(),
                x);
    }
}
