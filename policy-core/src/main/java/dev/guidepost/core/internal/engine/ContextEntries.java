package dev.guidepost.core.internal.engine;

import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.guidepost.core.internal.jmespath.JmesPath;
import dev.guidepost.core.internal.jmespath.JmesPathException;
import dev.guidepost.core.internal.jmespath.Variables;
import dev.guidepost.core.internal.yaml.PlainValues;

/**
 * Loads the {@code context} entries of a ClusterPolicy rule (or of a foreach entry) into its JMESPath data, as the
 * Kyverno CLI does offline: {@code variable} entries are computed ({@code value}, {@code jmesPath},
 * {@code default}); the others (API calls, config maps, image data, global references) can only come from the
 * test's rule values, and without them the rule cannot be evaluated.
 */
final class ContextEntries {

    /** A feature Guidepost lacks: the rule is reported as not evaluated. */
    static final class Unsupported extends RuntimeException {
        Unsupported(String feature) {
            super(feature, null, false, false);
        }
    }

    private ContextEntries() {
    }

    /**
     * A rule's JMESPath data before its own entries: a copy of the request's, with the test's values for the
     * resource and then for the rule ({@code ruleValues}) on top.
     */
    static Map<String, Object> start(PreparedRequest prepared, EvaluationContext evaluation, String policy,
            Map<String, Object> ruleValues) {
        Map<String, Object> context = JsonContext.copy(prepared.jsonContext());
        evaluation.variables().forResource(policy, prepared.request().name())
                .forEach((k, v) -> JsonContext.put(context, k, v));
        ruleValues.forEach((k, v) -> JsonContext.put(context, k, v));
        return context;
    }

    /** Adds each entry to the context in order; {@code ruleValueNames} are the entries the test's values give. */
    static void load(Map<String, Object> context, List<Object> entries, Set<String> ruleValueNames) {
        for (Object entry : entries) {
            String name = PlainValues.string(entry, "name");
            Object variable = PlainValues.at(entry, "variable");
            if (variable == null) {
                // as the Kyverno CLI: no cluster to ask; a test's values stand in for the entry
                if (ruleValueNames.contains(name) || context.containsKey(name)) {
                    continue;
                }
                throw new Unsupported("context entries that need a cluster (apiCall, configMap, imageRegistry, "
                        + "globalReference) when no test values stand in for them");
            }
            JsonContext.put(context, name, variable(context, name, PlainValues.map(variable)));
        }
    }

    /** Kyverno's variable loader: value (with an optional jmesPath over it), or jmesPath over the context. */
    private static Object variable(Map<String, Object> context, String name, Map<String, Object> variable) {
        String path = "";
        if (variable.get("jmesPath") != null) {
            Object p = substitute(variable.get("jmesPath"), context);
            if (!(p instanceof String s)) {
                throw new JmesPathException("jmespath value must be a string " + name);
            }
            path = s;
        }
        Object fallback = variable.get("default") == null ? null : substitute(variable.get("default"), context);
        Object output = fallback;
        if (variable.containsKey("value")) {
            Object value = substitute(variable.get("value"), context);
            if (!path.isEmpty()) {
                try {
                    output = JmesPath.kyverno().search(path, value);
                } catch (JmesPathException e) {
                    if (fallback == null) {
                        throw e;
                    }
                }
            } else {
                output = value;
            }
        } else if (!path.isEmpty()) {
            try {
                Object found = JmesPath.kyverno().search(path, context);
                if (found != null) {
                    output = found;
                }
            } catch (JmesPathException e) {
                if (fallback == null) {
                    throw e;
                }
            }
        }
        if (output == null) {
            throw new JmesPathException("failed to add context entry for variable " + name
                    + " since it evaluated to nil");
        }
        return output;
    }

    private static Object substitute(Object value, Map<String, Object> context) {
        return Variables.hasVariables(value) ? Variables.substitute(value, context) : value;
    }
}
