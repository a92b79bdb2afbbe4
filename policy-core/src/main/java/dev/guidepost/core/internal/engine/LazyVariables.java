package dev.guidepost.core.internal.engine;

import java.util.AbstractMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import dev.cel.runtime.CelEvaluationException;
import dev.guidepost.core.internal.cel.CelExpression;
import dev.guidepost.core.internal.cel.ClusterData;

/**
 * The {@code variables} of a policy, evaluated lazily and at most once per request, as Kyverno and the API server
 * do: a variable that no expression reads is never evaluated, so its errors do not matter. An evaluation error
 * surfaces as a CEL error where the variable is read.
 */
final class LazyVariables extends AbstractMap<String, Object> {

    private final Map<String, CelExpression> expressions;
    private final Map<String, String> failed;
    private final Activation activation;
    private final ClusterData cluster;
    private final Map<String, Object> values = new LinkedHashMap<>();
    private final Map<String, CelEvaluationException> errors = new LinkedHashMap<>();
    private final Set<String> evaluating = new LinkedHashSet<>();

    LazyVariables(Map<String, CelExpression> expressions, Activation activation, ClusterData cluster) {
        this(expressions, Map.of(), activation, cluster);
    }

    /**
     * Variables, some of which may have failed to compile ({@code failed}: name → compile error); reading one of
     * those is an evaluation error, as it is in the API server.
     */
    LazyVariables(Map<String, CelExpression> expressions, Map<String, String> failed, Activation activation,
            ClusterData cluster) {
        this.failed = failed;
        this.expressions = expressions;
        this.activation = activation;
        this.cluster = cluster;
    }

    @Override
    public boolean containsKey(Object key) {
        return expressions.containsKey(key) || failed.containsKey(key);
    }

    @Override
    public Object get(Object key) {
        if (failed.containsKey(key)) {
            throw Sneaky.<RuntimeException>rethrow(new CelEvaluationException("variable '" + key + "': "
                    + failed.get(key)));
        }
        CelExpression expression = expressions.get(key);
        if (expression == null) {
            return null;
        }
        String name = (String) key;
        if (values.containsKey(name)) {
            return values.get(name);
        }
        CelEvaluationException error = errors.get(name);
        if (error == null) {
            if (!evaluating.add(name)) {
                error = new CelEvaluationException("variable '" + name + "' refers to itself");
            } else {
                try {
                    Object value = expression.evaluate(activation, cluster);
                    values.put(name, value);
                    return value;
                } catch (CelEvaluationException e) {
                    error = new CelEvaluationException("variable '" + name + "': " + e.getMessage(), e);
                } catch (RuntimeException e) {
                    error = new CelEvaluationException("variable '" + name + "': " + e.getMessage(), e);
                } finally {
                    evaluating.remove(name);
                }
            }
            errors.put(name, error);
        }
        throw Sneaky.<RuntimeException>rethrow(error);
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        Map<String, Object> all = new LinkedHashMap<>();
        for (String name : expressions.keySet()) {
            all.put(name, get(name));
        }
        for (String name : failed.keySet()) {
            all.put(name, get(name));
        }
        return all.entrySet();
    }

    /** Lets a checked CEL error pass through {@link Map#get}, so the interpreter treats it as a CEL error. */
    private static final class Sneaky {
        @SuppressWarnings("unchecked")
        static <T extends Throwable> T rethrow(Throwable t) throws T {
            throw (T) t;
        }
    }
}
