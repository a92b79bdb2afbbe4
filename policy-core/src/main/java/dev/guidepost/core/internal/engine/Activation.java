package dev.guidepost.core.internal.engine;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import dev.cel.common.values.NullValue;
import dev.cel.runtime.CelVariableResolver;
import dev.guidepost.core.internal.cel.CelExpression;
import dev.guidepost.core.internal.cel.CelValues;
import dev.guidepost.core.internal.cel.ClusterData;

/** The variables one evaluation sees: {@code object}, {@code request}, ... and the lazy {@code variables}. */
final class Activation implements CelVariableResolver {

    private final Map<String, Object> values = new HashMap<>();
    private LazyVariables variables;

    /** Adds a variable; plain Java values are converted for CEL. */
    Activation put(String name, Object plainValue, CelValues.Numbers numbers) {
        values.put(name, CelValues.toCel(plainValue, numbers));
        return this;
    }

    /** Adds a variable whose value is already a CEL value. */
    Activation putCel(String name, Object celValue) {
        values.put(name, celValue);
        return this;
    }

    /** Declares variables, some of which failed to compile (reading those is an evaluation error). */
    Activation variables(Map<String, CelExpression> expressions, Map<String, String> failed, ClusterData cluster) {
        this.variables = new LazyVariables(expressions, failed, this, cluster);
        return this;
    }

    /** Declares the policy's variables, evaluated lazily in this activation. */
    Activation variables(Map<String, CelExpression> expressions, ClusterData cluster) {
        this.variables = new LazyVariables(expressions, this, cluster);
        return this;
    }

    @Override
    public Optional<Object> find(String name) {
        if (name.equals("variables")) {
            return Optional.of(variables != null ? variables : Map.of());
        }
        Object value = values.get(name);
        if (value == null) {
            return values.containsKey(name) ? Optional.of(NullValue.NULL_VALUE) : Optional.empty();
        }
        return Optional.of(value);
    }
}
