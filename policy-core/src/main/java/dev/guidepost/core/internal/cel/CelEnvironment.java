package dev.guidepost.core.internal.cel;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelBuilder;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompilerLibrary;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionResolver;
import dev.cel.runtime.CelLateFunctionBindings;
import dev.cel.runtime.CelRuntimeLibrary;

/**
 * A CEL environment with the variables, options and libraries Kyverno offers in one {@link CelDialect}. Built
 * once per dialect and shared; compiling and evaluating are thread-safe.
 */
public final class CelEnvironment {

    /** The variables of every dialect. */
    static final List<String> COMMON_VARIABLES = List.of("object", "oldObject", "request", "namespaceObject",
            "variables");

    private static final Map<CelDialect, CelEnvironment> ENVIRONMENTS = new EnumMap<>(CelDialect.class);

    private final CelDialect dialect;
    private final Cel cel;

    private CelEnvironment(CelDialect dialect) {
        this.dialect = dialect;
        CelOptions options = CelOptions.current()
                .enableOptionalSyntax(true)
                .enableHeterogeneousNumericComparisons(true)
                .enableTimestampEpoch(true)
                .build();
        CelBuilder builder = CelFactory.standardCelBuilder()
                .setOptions(options)
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS);
        for (String variable : COMMON_VARIABLES) {
            builder.addVar(variable, SimpleType.DYN);
        }
        if (dialect == CelDialect.VALIDATING_POLICY) {
            builder.addVar("exceptions", SimpleType.DYN);
        } else {
            builder.addVar("params", SimpleType.DYN);
            builder.addVar("authorizer", SimpleType.DYN);
        }
        List<Object> libraries = List.of(
                CelExtensions.optional(),
                CelExtensions.strings(),
                CelExtensions.sets(options),
                CelExtensions.comprehensions(),
                CelExtensions.lists(),
                CelExtensions.math(options),
                CelExtensions.regex(),
                CelExtensions.encoders(options),
                CelExtensions.bindings());
        for (Object library : libraries) {
            if (library instanceof CelCompilerLibrary compilerLibrary) {
                builder.addCompilerLibraries(compilerLibrary);
            }
            if (library instanceof CelRuntimeLibrary runtimeLibrary) {
                builder.addRuntimeLibraries(runtimeLibrary);
            }
        }
        this.cel = builder.build();
    }

    /** The shared environment of a dialect. */
    public static CelEnvironment of(CelDialect dialect) {
        synchronized (ENVIRONMENTS) {
            return ENVIRONMENTS.computeIfAbsent(dialect, CelEnvironment::new);
        }
    }

    /** The dialect. */
    public CelDialect dialect() {
        return dialect;
    }

    /** Compiles an expression. */
    public CelExpression compile(String expression) throws CelCompileException {
        try {
            CelAbstractSyntaxTree ast = cel.compile(expression).getAst();
            return new CelExpression(expression, cel.createProgram(ast), this);
        } catch (CelValidationException e) {
            throw new CelCompileException(e.getMessage());
        } catch (CelEvaluationException e) {
            throw new CelCompileException("cannot plan the expression: " + e.getMessage());
        }
    }

    /** The functions bound per evaluation (those that read cluster data). */
    CelFunctionResolver lateBindings(ClusterData cluster) {
        return CelLateFunctionBindings.from(List.of());
    }
}
