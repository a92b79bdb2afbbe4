package dev.guidepost.core.internal.cel;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.assertj.core.api.AbstractThrowableAssert;

import dev.cel.runtime.CelEvaluationException;

/** Test helper: compiles and evaluates expressions in a dialect. */
final class Cel {

    private Cel() {
    }

    static Object eval(String expression) {
        return eval(CelDialect.VALIDATING_POLICY, expression, Map.of());
    }

    static Object eval(String expression, Map<String, ?> variables) {
        return eval(CelDialect.VALIDATING_POLICY, expression, variables);
    }

    static Object admission(String expression) {
        return eval(CelDialect.ADMISSION, expression, Map.of());
    }

    static Object eval(CelDialect dialect, String expression, Map<String, ?> variables) {
        try {
            return CelValues.fromCel(CelEnvironment.of(dialect).compile(expression).evaluate(variables,
                    ClusterData.NONE));
        } catch (CelCompileException | CelEvaluationException e) {
            throw new AssertionError(expression + ": " + e.getMessage(), e);
        }
    }

    /** Asserts that evaluation fails; the returned assertion is on the {@link CelEvaluationException}. */
    static AbstractThrowableAssert<?, ? extends Throwable> evalError(String expression) {
        return evalError(CelDialect.VALIDATING_POLICY, expression, Map.of());
    }

    static AbstractThrowableAssert<?, ? extends Throwable> evalError(CelDialect dialect, String expression,
            Map<String, ?> variables) {
        CelExpression compiled;
        try {
            compiled = CelEnvironment.of(dialect).compile(expression);
        } catch (CelCompileException e) {
            throw new AssertionError(expression + " does not compile: " + e.getMessage(), e);
        }
        return assertThatThrownBy(() -> compiled.evaluate(variables, ClusterData.NONE))
                .isInstanceOf(CelEvaluationException.class);
    }

    /** Asserts that compiling fails; the returned assertion is on the {@link CelCompileException}. */
    static AbstractThrowableAssert<?, ? extends Throwable> compileError(CelDialect dialect, String expression) {
        return assertThatThrownBy(() -> CelEnvironment.of(dialect).compile(expression))
                .isInstanceOf(CelCompileException.class);
    }
}
