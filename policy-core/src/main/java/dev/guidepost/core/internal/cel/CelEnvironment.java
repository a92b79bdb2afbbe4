package dev.guidepost.core.internal.cel;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelBuilder;
import dev.cel.bundle.CelFactory;
import dev.cel.checker.CelStandardDeclarations;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelMutableAst;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelVarDecl;
import dev.cel.common.types.CelType;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.navigation.CelNavigableAst;
import dev.cel.common.navigation.TraversalOrder;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompilerLibrary;
import dev.cel.extensions.CelExtensions;
import dev.cel.extensions.CelListsExtensions;
import dev.cel.extensions.CelStringExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionResolver;
import dev.cel.runtime.CelStandardFunctions;
import dev.cel.runtime.standard.StringFunction.StringOverload;
import dev.cel.runtime.CelRuntimeLibrary;

/**
 * A CEL environment with the variables, options and libraries Kyverno offers in one {@link CelDialect}. Built
 * once per dialect and shared; compiling and evaluating are thread-safe.
 *
 * <p>Both dialects have Kubernetes' base environment in stored-expression mode (k8s.io/apiserver
 * pkg/cel/environment/base.go): URLs, Regex, Lists, Authz, Quantity, IP, CIDR, Format, Semver, strings (v2, with
 * {@code format}), sets, two-variable comprehensions, lists (v3), optional types, and Kyverno's {@code orValue}
 * pass-through. {@link CelDialect#VALIDATING_POLICY} adds Kyverno's libraries (kyverno/kyverno
 * pkg/cel/policies/vpol/compiler/compiler.go): bindings, encoders, math, regex, image references, hashes, JSON,
 * YAML, time, transforms, gzip, service accounts and the cluster-facing functions, which are
 * late-bound and answered by the {@link ClusterData} given to each evaluation.
 */
public final class CelEnvironment {

    /** The variables of every dialect. */
    static final List<String> COMMON_VARIABLES = List.of("object", "oldObject", "request", "namespaceObject",
            "variables");

    /**
     * The comprehension iteration budget. Kyverno limits an expression to a cost of 1,000,000; every loop iteration
     * costs at least one unit there, so an expression that iterates more than this would exceed Kyverno's budget
     * too. cel-java has no cost tracking, so expressions with costly bodies but fewer iterations are not limited.
     */
    static final int MAX_ITERATIONS = 1_000_000;

    private static final Map<CelDialect, CelEnvironment> ENVIRONMENTS = new EnumMap<>(CelDialect.class);

    private final CelDialect dialect;
    private final Cel cel;
    private final ClusterFunctions clusterFunctions;

    private CelEnvironment(CelDialect dialect) {
        this.dialect = dialect;
        CelOptions options = CelOptions.current()
                .enableOptionalSyntax(true)
                .enableHeterogeneousNumericComparisons(true)
                .enableHomogeneousLiterals(true)
                .comprehensionMaxIterations(MAX_ITERATIONS)
                .build();
        CelBuilder builder = CelFactory.standardCelBuilder()
                .setOptions(options)
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS.stream()
                        .filter(m -> m != CelStandardMacro.HAS).toList())
                .setStandardEnvironmentEnabled(false)
                .setStandardDeclarations(CelStandardDeclarations.newBuilder().build())
                .setStandardFunctions(standardFunctionsWithGoText());
        for (String variable : dialect.authz() ? List.of("object", "variables") : COMMON_VARIABLES) {
            builder.addVar(variable, SimpleType.DYN);
        }
        List<Object> libraries = new ArrayList<>(List.of(
                new OptionalIndexLibrary(), // before cel-java's optional library, whose bindings it replaces
                CelExtensions.optional(),
                // strings v2 as Kubernetes has it: reverse() only arrived in v3
                CelExtensions.strings(stringsV2()),
                new StringFormatLibrary(),
                new StringConversionLibrary(),
                CelExtensions.sets(options),
                CelExtensions.comprehensions(),
                // lists v2 but sortBy, whose macro SortByLibrary gives the list's own type
                CelExtensions.lists(EnumSet.complementOf(EnumSet.of(CelListsExtensions.Function.SORT_BY))),
                new SortByLibrary(),
                new OrValueCompatLibrary(),
                new NullSafeSelectLibrary(),
                new QuantityLibrary(),
                new UrlLibrary(),
                new RegexLibrary(),
                new ListsLibrary(),
                new IpLibrary(),
                new CidrLibrary(),
                new SemverLibrary(),
                new FormatLibrary(),
                new AuthzLibrary()));
        if (dialect == CelDialect.VALIDATING_POLICY || dialect == CelDialect.MUTATING_POLICY
                || dialect == CelDialect.GENERATING_POLICY) {
            builder.addVar("exceptions", SimpleType.DYN);
            libraries.addAll(List.of(
                    CelExtensions.bindings(),
                    CelExtensions.encoders(options),
                    CelExtensions.math(options),
                    CelExtensions.regex(),
                    new KyvernoMathLibrary(),
                    new ImageLibrary(),
                    new HashLibrary(),
                    new JsonLibrary(),
                    new YamlLibrary(),
                    new TimeLibrary(),
                    new TransformLibrary(),
                    new ServiceAccountLibrary(),
                    new GzipLibrary(),
                    new RandomLibrary()));
            if (dialect == CelDialect.MUTATING_POLICY) {
                libraries.add(new ObjectConstructionLibrary());
            }
            this.clusterFunctions = new ClusterFunctions(dialect == CelDialect.GENERATING_POLICY);
            libraries.add(clusterFunctions);
        } else if (dialect.authz()) {
            libraries.addAll(List.of(
                    CelExtensions.bindings(),
                    CelExtensions.encoders(options),
                    CelExtensions.math(options),
                    new ImageLibrary(),
                    new JwtLibrary(),
                    dialect == CelDialect.ENVOY_AUTHZ ? new EnvoyAuthzLibrary() : new HttpAuthzLibrary()));
            this.clusterFunctions = new ClusterFunctions(false);
            libraries.add(clusterFunctions);
        } else {
            builder.addVar("params", SimpleType.DYN);
            builder.addVar("authorizer", SimpleType.DYN);
            this.clusterFunctions = null;
        }
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

    /** cel-java's standard functions minus the string conversions {@link StringConversionLibrary} replaces. */
    private static CelStandardFunctions standardFunctionsWithGoText() {
        return CelStandardFunctions.newBuilder()
                .filterFunctions((function, overload) -> overload != StringOverload.DOUBLE_TO_STRING
                        && overload != StringOverload.DURATION_TO_STRING
                        && overload != StringOverload.TIMESTAMP_TO_STRING)
                .build();
    }

    private static CelStringExtensions.Function[] stringsV2() {
        return java.util.Arrays.stream(CelStringExtensions.Function.values())
                .filter(f -> f != CelStringExtensions.Function.REVERSE)
                .toArray(CelStringExtensions.Function[]::new);
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
            CelAbstractSyntaxTree parsed = parsed(expression);
            CelAbstractSyntaxTree ast = cel.check(parsed).getAst();
            java.util.Set<String> variables = new java.util.TreeSet<>();
            ast.getReferenceMap().values().forEach(reference -> {
                if (reference.overloadIds().isEmpty() && reference.value().isEmpty()) {
                    variables.add(reference.name());
                }
            });
            return new CelExpression(expression, cel.createProgram(ast), this, variables, variableFields(parsed),
                    ast.getResultType());
        } catch (CelValidationException e) {
            throw new CelCompileException(e.getMessage());
        } catch (CelEvaluationException e) {
            throw new CelCompileException("cannot plan the expression: " + e.getMessage());
        }
    }

    /**
     * The names the expression reads of {@code variables}, in order: {@code variables.x}, {@code variables.?x},
     * {@code variables['x']} (a string that merely spells {@code variables.x} is not one).
     */
    private static java.util.Set<String> variableFields(CelAbstractSyntaxTree parsed) {
        java.util.Set<String> fields = new java.util.LinkedHashSet<>();
        CelNavigableAst.fromAst(parsed).getRoot().allNodes(TraversalOrder.PRE_ORDER).map(n -> n.expr())
                .forEach(e -> {
                    if (e.exprKind().getKind() == CelExpr.ExprKind.Kind.SELECT && isVariables(e.select().operand())) {
                        fields.add(e.select().field());
                    } else if (e.exprKind().getKind() == CelExpr.ExprKind.Kind.CALL && e.call().target().isEmpty()
                            && e.call().args().size() == 2 && isVariables(e.call().args().get(0))
                            && e.call().args().get(1).exprKind().getKind() == CelExpr.ExprKind.Kind.CONSTANT
                            && (e.call().function().equals(NullSafeSelectLibrary.OPT_SELECT)
                                    || e.call().function().equals("_[_]")
                                    || e.call().function().equals("_[?_]"))) {
                        fields.add(e.call().args().get(1).constant().stringValue());
                    }
                });
        return fields;
    }

    private static boolean isVariables(CelExpr expr) {
        return expr.exprKind().getKind() == CelExpr.ExprKind.Kind.IDENT && expr.ident().name().equals("variables");
    }

    /** The expression parsed, with the rewrites this environment applies before checking. */
    private CelAbstractSyntaxTree parsed(String expression) throws CelValidationException, CelCompileException {
        CelMutableAst parsed = CelMutableAst.fromCelAst(cel.parse(expression).getAst());
        if (dialect == CelDialect.MUTATING_POLICY) {
            String problem = ObjectConstructionLibrary.rewrite(parsed.expr());
            if (problem != null) {
                throw new CelCompileException(problem);
            }
        }
        NullSafeSelectLibrary.rewriteOptionalSelects(parsed.expr());
        return parsed.toParsedAst(true);
    }

    /**
     * The expression typed as Kyverno's compiler types it when it reads {@code variables}: there each
     * {@code variables.x} has the type of x's own expression (Kyverno registers it as x is compiled), where this
     * shared environment declares {@code variables} as dyn. So {@code variables.isWeb} is a bool when isWeb's
     * expression is, and {@code 'n: ' + variables.count} does not compile when count is an int, as in Kyverno.
     * The expression itself when it reads no variables.
     *
     * @param variables the policy's variables declared before the expression, each as typed by this method
     * @throws CelCompileException when the expression does not compile with its variables typed
     */
    public CelExpression typedWith(CelExpression expression, Map<String, CelExpression> variables)
            throws CelCompileException {
        if (!expression.variables().contains("variables") || variables.isEmpty()) {
            return expression;
        }
        List<CelVarDecl> declarations = new ArrayList<>();
        variables.forEach((name, variable) -> declarations.add(CelVarDecl.newVarDeclaration("variables." + name,
                variable.type())));
        try {
            CelType type = cel.toCheckerBuilder().addVarDeclarations(declarations).build()
                    .check(parsed(expression.source())).getAst().getResultType();
            return expression.withType(type);
        } catch (CelValidationException e) {
            throw new CelCompileException(e.getMessage());
        }
    }

    /** The functions bound per evaluation (those that read cluster data). */
    CelFunctionResolver lateBindings(ClusterData cluster) {
        return clusterFunctions == null ? ClusterFunctions.NONE : clusterFunctions.resolver(cluster);
    }
}
