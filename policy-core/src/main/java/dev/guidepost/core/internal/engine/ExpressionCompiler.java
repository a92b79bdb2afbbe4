package dev.guidepost.core.internal.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.guidepost.core.internal.cel.CelCompileException;
import dev.guidepost.core.internal.cel.CelEnvironment;
import dev.guidepost.core.internal.cel.CelExpression;
import dev.guidepost.core.internal.pack.IdSimilarity;
import dev.guidepost.core.internal.yaml.PlainValues;
import dev.guidepost.core.internal.yaml.YamlDocument;

/** Compiles the CEL parts of a policy document, naming the field of any expression that does not compile. */
final class ExpressionCompiler {

    /** {@code variables.name}, but not a field called variables ({@code object.spec.variables.x}). */
    private static final Pattern VARIABLE_REFERENCE = Pattern.compile(
            "(?<![.\\w])variables\\.([A-Za-z_][A-Za-z0-9_]*)");

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
     * one whose type is known and not bool. A {@code dyn} result passes, since Guidepost types less than Kyverno
     * does (variables are {@code dyn}), and a value that is no bool is then an error when it is evaluated.
     */
    CelExpression condition(String expression, List<Object> path) throws PolicyCompileException {
        CelExpression compiled = compile(expression, path);
        return typed(compiled, path, compiled.mayBeBool(), "it must give a bool (true or false); compare it, for "
                + "example object.spec.replicas > 1 or has(object.spec.x)");
    }

    /** Compiles a message expression, refusing one whose type is known and not string (as for conditions). */
    CelExpression message(String expression, List<Object> path) throws PolicyCompileException {
        CelExpression compiled = compile(expression, path);
        return typed(compiled, path, compiled.mayBeString(), "a message expression must give a string; wrap it, "
                + "for example string(...) or '...' + string(...)");
    }

    /** The expression when its type fits; else an error naming the field, the type and what it must give. */
    private static CelExpression typed(CelExpression compiled, List<Object> path, boolean fits, String must)
            throws PolicyCompileException {
        if (!fits) {
            throw new PolicyCompileException(path, describe(path) + " gives a value of type " + compiled.resultType()
                    + ", but " + must);
        }
        return compiled;
    }

    /**
     * Compiles {@code [{name, expression}]} conditions, or {@code [{name, valueExpression}]} audit annotations
     * (whose values must be strings or null).
     */
    List<NamedExpression> named(List<Object> entries, List<Object> path) throws PolicyCompileException {
        List<NamedExpression> out = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            Object entry = entries.get(i);
            String name = PlainValues.string(entry, "name");
            if (PlainValues.at(entry, "expression") != null) {
                out.add(new NamedExpression(name, condition(PlainValues.string(entry, "expression"),
                        YamlDocument.path(path, i, "expression"))));
                continue;
            }
            List<Object> at = YamlDocument.path(path, i, "valueExpression");
            CelExpression value = compile(PlainValues.string(entry, "valueExpression"), at);
            out.add(new NamedExpression(name, typed(value, at, value.mayBeString()
                    || value.resultType().equals("null_type"), "an audit annotation's value must be a string or "
                            + "null; wrap it in string(...)")));
        }
        return out;
    }

    /**
     * Compiles {@code variables}, in order. As in Kyverno, a variable may only use variables declared before it.
     */
    Map<String, CelExpression> variables(List<Object> entries, List<Object> path) throws PolicyCompileException {
        Map<String, CelExpression> out = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        for (Object entry : entries) {
            names.add(PlainValues.string(entry, "name"));
        }
        for (int i = 0; i < entries.size(); i++) {
            String name = names.get(i);
            String expression = PlainValues.string(entries.get(i), "expression");
            Optional<String> forward = forwardReference(expression, names, i);
            if (forward.isPresent()) {
                throw new PolicyCompileException(YamlDocument.path(path, i, "expression"),
                        describe(YamlDocument.path(path, i)) + " (" + name + ") uses variables." + forward.get()
                                + ", which is not declared before it"
                        + (names.contains(forward.get()) ? "" : declared(names)));
            }
            out.put(name, compile(expression, YamlDocument.path(path, i, "expression")));
        }
        return out;
    }

    /**
     * The first variable that the expression of variable {@code index} reads although it is not declared before
     * it ({@code names} in declaration order), or empty.
     */
    static Optional<String> forwardReference(String expression, List<String> names, int index) {
        Matcher m = VARIABLE_REFERENCE.matcher(expression);
        while (m.find()) {
            int declaredAt = names.indexOf(m.group(1));
            if (declaredAt < 0 || declaredAt >= index) {
                return Optional.of(m.group(1));
            }
        }
        return Optional.empty();
    }

    /**
     * Fails when an expression reads a variable the policy does not declare: Kyverno's CEL types {@code variables}
     * by the declared names, so it rejects such an expression too, and a typo would otherwise be an error at
     * every evaluation.
     */
    static void requireDeclared(String expression, List<String> names, List<Object> path)
            throws PolicyCompileException {
        Matcher m = VARIABLE_REFERENCE.matcher(expression);
        while (m.find()) {
            if (!names.contains(m.group(1))) {
                List<String> similar = IdSimilarity.similar(names, m.group(1));
                throw new PolicyCompileException(path, describe(path) + " uses variables." + m.group(1)
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
