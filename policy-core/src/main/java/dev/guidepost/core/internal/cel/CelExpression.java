package dev.guidepost.core.internal.cel;

import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.cel.common.types.CelKind;
import dev.cel.common.types.CelType;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelEvaluationExceptionBuilder;
import dev.cel.runtime.CelFunctionResolver;
import dev.cel.runtime.CelUnknownSet;
import dev.cel.runtime.CelVariableResolver;
import dev.cel.runtime.Program;

/** A compiled CEL expression; immutable and safe to evaluate from many threads. */
public final class CelExpression {

    private final String source;
    private final Program program;
    private final CelEnvironment environment;
    private final Set<String> variables;
    private final Set<String> variableFields;
    private final CelType type;

    CelExpression(String source, Program program, CelEnvironment environment, Set<String> variables,
            Set<String> variableFields, CelType type) {
        this.source = source;
        this.program = program;
        this.environment = environment;
        this.variables = Set.copyOf(variables);
        this.variableFields = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(variableFields));
        this.type = type;
    }

    /** The same expression with the type a fuller declaration of its variables gives it. */
    CelExpression withType(CelType checked) {
        return new CelExpression(source, program, environment, variables, variableFields, checked);
    }

    /** The names it reads of a policy's {@code variables} ({@code variables.x}), in the order they appear. */
    public Set<String> variableFields() {
        return variableFields;
    }

    /** The checked type. */
    CelType type() {
        return type;
    }

    /** The environment variables the expression reads ({@code object}, {@code params}, ...). */
    public Set<String> variables() {
        return variables;
    }

    /** The checked type of the expression as CEL names it ({@code bool}, {@code int}, {@code dyn}, ...). */
    public String resultType() {
        return type.kind() == CelKind.DYN ? "dyn" : type.name();
    }

    /** The expression's text. */
    public String source() {
        return source;
    }

    /**
     * Evaluates the expression. Variables are looked up by name through {@code variables}; functions that need a
     * cluster (resource lookups, HTTP calls, image metadata) are answered by {@code cluster}.
     *
     * @throws CelEvaluationException when evaluation fails (missing field, no matching overload, ...)
     */
    public Object evaluate(CelVariableResolver variables, ClusterData cluster) throws CelEvaluationException {
        CelFunctionResolver late = environment.lateBindings(cluster);
        Object result;
        try {
            result = program.eval(variables, late);
        } catch (CelEvaluationException e) {
            throw withColumn(e);
        }
        if (result instanceof CelUnknownSet unknown) {
            throw new CelEvaluationException("no such key: " + unknown);
        }
        return result;
    }

    /**
     * cel-java places an error at {@code <input>:OFFSET}, a character offset in the expression, which reads like a
     * line number next to the policy file's {@code file:line}: it is given as the column it is, after the message.
     */
    private static CelEvaluationException withColumn(CelEvaluationException e) {
        String message = e.getMessage();
        Matcher m = INPUT_OFFSET.matcher(message == null ? "" : message);
        if (!m.matches()) {
            return e;
        }
        return CelEvaluationExceptionBuilder.newBuilder("%s (column %s of the expression)", m.group(2),
                Integer.parseInt(m.group(1)) + 1).setErrorCode(e.getErrorCode()).setCause(e.getCause()).build();
    }

    /** Evaluates the expression over a map of variables. */
    public Object evaluate(Map<String, ?> variables, ClusterData cluster) throws CelEvaluationException {
        return evaluate(name -> java.util.Optional.ofNullable(variables.get(name)), cluster);
    }

    private static final Pattern INPUT_OFFSET = Pattern.compile(
            "evaluation error at <input>:(\\d+): (.*)", Pattern.DOTALL);

    @Override
    public String toString() {
        return source;
    }
}
