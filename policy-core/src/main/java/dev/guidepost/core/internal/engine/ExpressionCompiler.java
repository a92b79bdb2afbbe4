package dev.guidepost.core.internal.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.guidepost.core.internal.cel.CelCompileException;
import dev.guidepost.core.internal.cel.CelDialect;
import dev.guidepost.core.internal.cel.CelEnvironment;
import dev.guidepost.core.internal.cel.CelExpression;
import dev.guidepost.core.internal.pack.IdSimilarity;
import dev.guidepost.core.internal.yaml.PlainValues;
import dev.guidepost.core.internal.yaml.YamlDocument;

/** Compiles the CEL parts of a policy document, naming the field of any expression that does not compile. */
final class ExpressionCompiler {

    private final CelEnvironment environment;

    ExpressionCompiler(CelEnvironment environment) {
        this.environment = environment;
    }

    CelExpression compile(String expression, List<Object> path) throws PolicyCompileException {
        if (expression == null || expression.isBlank()) {
            throw new PolicyCompileException(path, describe(path) + " is empty");
        }
        try {
            return environment.compile(expression);
        } catch (CelCompileException e) {
            throw new PolicyCompileException(path, describe(path) + " does not compile: " + e.getMessage());
        }
    }

    /**
     * Compiles an expression that decides (a validation, a match condition): like Kyverno's compiler, it refuses
     * one whose type is not bool. A {@code dyn} result ({@code object.spec.?hostNetwork.orValue(false)}) is refused
     * too when Kyverno types it as dyn as well: when it reads only {@code object}, {@code oldObject} and variables
     * (typed by their own expressions, see {@link CelEnvironment#typedWith}). It passes when it reads what Kyverno
     * types more precisely than Guidepost ({@code request}, {@code namespaceObject}), and a value that is no bool is
     * then an error when it is evaluated.
     *
     * @param variables the policy's variables, as {@link #variables} compiled them (null: unknown, since they did
     *                  not compile; then what the expression reads of them is not checked)
     */
    CelExpression condition(String expression, List<Object> path, Map<String, CelExpression> variables)
            throws PolicyCompileException {
        return decides(compile(expression, path), path, variables);
    }

    private CelExpression decides(CelExpression compiled, List<Object> path, Map<String, CelExpression> variables)
            throws PolicyCompileException {
        CelExpression typed = typed(compiled, path, variables);
        return checked(typed, path, fits(typed, "bool", variables), "it must give a bool (true or false); "
                + "compare it, for example object.spec.replicas > 1 or has(object.spec.x)");
    }

    /** Compiles a message expression, refusing one whose type is not string (as for conditions). */
    CelExpression message(String expression, List<Object> path, Map<String, CelExpression> variables)
            throws PolicyCompileException {
        CelExpression compiled = typed(compile(expression, path), path, variables);
        return checked(compiled, path, fits(compiled, "string", variables), "a message expression must give a "
                + "string; wrap it, for example string(...) or '...' + string(...)");
    }

    /**
     * The expression with its variables typed as Kyverno types them, after checking that it reads only variables
     * the policy declares; as it is when the variables are unknown (null).
     */
    private CelExpression typed(CelExpression compiled, List<Object> path, Map<String, CelExpression> variables)
            throws PolicyCompileException {
        if (variables == null) {
            return compiled;
        }
        requireDeclared(compiled, List.copyOf(variables.keySet()), path);
        try {
            return environment.typedWith(compiled, variables);
        } catch (CelCompileException e) {
            throw new PolicyCompileException(path, describe(path) + " does not compile: " + e.getMessage());
        }
    }

    /** True when the expression's type is {@code type}, or dyn where Kyverno might know better. */
    private boolean fits(CelExpression compiled, String type, Map<String, CelExpression> variables) {
        return compiled.resultType().equals(type)
                || compiled.resultType().equals("dyn") && !dynForKyvernoToo(compiled, variables);
    }

    /**
     * What Kyverno's and Kubernetes' compilers type more precisely than this environment, which has them as dyn:
     * the admission request, the namespace, a policy's parameters, the authorizer and the exceptions. What else an
     * expression reads is typed alike ({@code object} and {@code oldObject} are maps of dyn there too,
     * comprehension and {@code cel.bind} variables take their range's type, the libraries' results have the same
     * types).
     */
    private static final Set<String> TYPED_BY_KYVERNO = Set.of("request", "namespaceObject", "params", "authorizer",
            "exceptions");

    /**
     * True when a {@code dyn} expression is dyn for Kyverno's compiler too: it reads nothing Kyverno types more
     * precisely, and each variable it reads is as it is typed here.
     */
    private boolean dynForKyvernoToo(CelExpression compiled, Map<String, CelExpression> variables) {
        if (compiled.variables().stream().anyMatch(TYPED_BY_KYVERNO::contains)
                || variables == null && !compiled.variableFields().isEmpty()) {
            return false;
        }
        for (String name : compiled.variableFields()) {
            CelExpression variable = variables.get(name);
            if (variable != null && variable.resultType().equals("dyn") && !dynForKyvernoToo(variable, variables)) {
                return false;
            }
            if (variable != null && variable.resultType().startsWith("optional") && compositedVariables()) {
                // Kubernetes declares such a variable as dyn, so variables.x.orValue(false) is a bool there
                return false;
            }
        }
        return true;
    }

    /**
     * True where Kubernetes' composited compiler types the variables (ClusterPolicy {@code validate.cel} and
     * ValidatingAdmissionPolicies, MutatingPolicies): it declares a variable of a type it has no declaration for,
     * such as an optional, as dyn.
     */
    private boolean compositedVariables() {
        return environment.dialect() == CelDialect.ADMISSION || environment.dialect() == CelDialect.MUTATING_POLICY;
    }

    /** The expression when its type fits; else an error naming the field, the type and what it must give. */
    private static CelExpression checked(CelExpression compiled, List<Object> path, boolean fits, String must)
            throws PolicyCompileException {
        if (!fits) {
            throw new PolicyCompileException(path, describe(path) + " gives a value of type " + compiled.resultType()
                    + (compiled.resultType().equals("dyn") ? " (object's fields have no static type, in Kyverno's "
                            + "compiler too, which refuses the policy)" : "") + ", but " + must);
        }
        return compiled;
    }

    /**
     * Compiles match conditions ({@code [{name, expression}]}) that may read the policy's variables, as a
     * MutatingPolicy's, a ValidatingAdmissionPolicy's (and so a ClusterPolicy's CEL preconditions) can: Kubernetes'
     * composited compiler compiles the variables first.
     *
     * @param variables the variables they may read, as {@link #variables} compiled them
     */
    List<NamedExpression> conditions(List<Object> entries, List<Object> path, Map<String, CelExpression> variables)
            throws PolicyCompileException {
        return conditions(entries, path, variables, null);
    }

    /** Compiles a PolicyException's match conditions, which Kyverno compiles without any {@code variables}. */
    List<NamedExpression> exceptionConditions(List<Object> entries, List<Object> path)
            throws PolicyCompileException {
        return conditions(entries, path, Map.of(), "a PolicyException's match conditions cannot read variables "
                + "(Kyverno compiles them without any); write the variable's expression into the condition");
    }

    /**
     * Compiles a ValidatingPolicy's or GeneratingPolicy's match conditions: Kyverno compiles them before the
     * policy's variables, so they cannot read {@code variables}.
     */
    List<NamedExpression> conditionsBeforeVariables(List<Object> entries, List<Object> path)
            throws PolicyCompileException {
        return conditions(entries, path, Map.of(), "this policy's match conditions are compiled before its "
                + "variables and cannot read them; write the variable's expression into the condition, or test it "
                + "after the match");
    }

    /** @param cannotReadVariables why the conditions cannot read variables; null when they may */
    private List<NamedExpression> conditions(List<Object> entries, List<Object> path,
            Map<String, CelExpression> variables, String cannotReadVariables) throws PolicyCompileException {
        List<NamedExpression> out = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            List<Object> at = YamlDocument.path(path, i, "expression");
            CelExpression compiled = compile(PlainValues.string(entries.get(i), "expression"), at);
            if (cannotReadVariables != null && !compiled.variableFields().isEmpty()) {
                throw new PolicyCompileException(at, describe(at) + " uses variables."
                        + compiled.variableFields().iterator().next() + ", but " + cannotReadVariables);
            }
            out.add(new NamedExpression(PlainValues.string(entries.get(i), "name"), decides(compiled, at,
                    variables)));
        }
        return out;
    }

    /** Compiles audit annotations ({@code [{key, valueExpression}]}), whose values must be strings or null. */
    List<NamedExpression> auditAnnotations(List<Object> entries, List<Object> path,
            Map<String, CelExpression> variables) throws PolicyCompileException {
        List<NamedExpression> out = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            List<Object> at = YamlDocument.path(path, i, "valueExpression");
            CelExpression value = typed(compile(PlainValues.string(entries.get(i), "valueExpression"), at), at,
                    variables);
            out.add(new NamedExpression(PlainValues.string(entries.get(i), "key"), checked(value, at,
                    fits(value, "string", variables) || value.resultType().equals("null_type"),
                    "an audit annotation's value must be a string or null; wrap it in string(...)")));
        }
        return out;
    }

    /**
     * Compiles {@code variables}, in order, each typed as Kyverno types it ({@link CelEnvironment#typedWith}). As in
     * Kyverno, a variable may only use variables declared before it.
     */
    Map<String, CelExpression> variables(List<Object> entries, List<Object> path) throws PolicyCompileException {
        Map<String, CelExpression> out = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        for (Object entry : entries) {
            names.add(PlainValues.string(entry, "name"));
        }
        for (int i = 0; i < entries.size(); i++) {
            String name = names.get(i);
            List<Object> at = YamlDocument.path(path, i, "expression");
            CelExpression compiled = compile(PlainValues.string(entries.get(i), "expression"), at);
            Optional<String> forward = forwardReference(compiled, names, i);
            if (forward.isPresent()) {
                throw new PolicyCompileException(at, describe(YamlDocument.path(path, i)) + " (" + name
                        + ") uses variables." + forward.get() + ", which is not declared before it"
                        + (names.contains(forward.get()) ? "" : declared(names)));
            }
            out.put(name, typed(compiled, at, out));
        }
        return out;
    }

    /**
     * The first variable that the expression of variable {@code index} reads although it is not declared before
     * it ({@code names} in declaration order), or empty.
     */
    static Optional<String> forwardReference(CelExpression compiled, List<String> names, int index) {
        return compiled.variableFields().stream().filter(field -> {
            int declaredAt = names.indexOf(field);
            return declaredAt < 0 || declaredAt >= index;
        }).findFirst();
    }

    /**
     * Fails when an expression reads a variable the policy does not declare: Kyverno's CEL types {@code variables}
     * by the declared names, so it rejects such an expression too, and a typo would otherwise be an error at
     * every evaluation.
     */
    static void requireDeclared(CelExpression compiled, List<String> names, List<Object> path)
            throws PolicyCompileException {
        for (String field : compiled.variableFields()) {
            if (!names.contains(field)) {
                List<String> similar = IdSimilarity.similar(names, field);
                throw new PolicyCompileException(path, describe(path) + " uses variables." + field
                        + ", which the policy does not declare" + declared(names)
                        + (similar.isEmpty() ? "" : "; did you mean variables." + similar.get(0) + "?"));
            }
        }
    }

    private static String declared(List<String> names) {
        return names.isEmpty() ? " (it declares no variables)" : " (declared: " + String.join(", ", names) + ")";
    }

    static String describe(List<Object> path) {
        StringBuilder out = new StringBuilder();
        for (Object step : path) {
            if (step instanceof Integer) {
                out.append('[').append(step).append(']');
            } else {
                if (out.length() > 0) {
                    out.append('.');
                }
                out.append(step);
            }
        }
        return out.toString();
    }
}
