package dev.guidepost.core.internal.engine;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import dev.guidepost.core.internal.jmespath.JmesPath;
import dev.guidepost.core.internal.jmespath.JmesPathException;
import dev.guidepost.core.internal.jmespath.Variables;
import dev.guidepost.core.internal.yaml.PlainValues;

/**
 * Loads the {@code context} entries of a ClusterPolicy rule (or of a foreach entry) into its JMESPath data, as the
 * Kyverno CLI does offline: {@code variable} entries are computed ({@code value}, {@code jmesPath},
 * {@code default}); the others (API calls, config maps, image data, global references) can only come from the
 * test's rule values; without them, the parts of the rule that read them cannot be evaluated.
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
        if (prepared.operationFixed()) {
            JsonContext.put(context, "request.operation", prepared.request().operation());
        }
        return context;
    }

    /**
     * Adds each entry to the context in order; {@code ruleValueNames} are the entries the test's values give.
     * Entries that need a cluster and have no test values are left out, with the variables computed from them: as
     * Kyverno loads entries lazily, only a part of the rule that reads one of them cannot be evaluated (see
     * {@link Unloaded#requireUnusedBy}). A variable whose value cannot be computed is left out of the data, as
     * Kyverno's deferred loader logs the error and leaves it out: a query that reads it then errs ("Unknown key"),
     * or takes its {@code ||} fallback, where and when the rule reads it.
     */
    static Unloaded load(Map<String, Object> context, List<Object> entries, Set<String> ruleValueNames) {
        Set<String> unloaded = new LinkedHashSet<>();
        Set<String> leftOut = new LinkedHashSet<>();
        for (Object entry : entries) {
            String name = PlainValues.string(entry, "name");
            Object variable = PlainValues.at(entry, "variable");
            if (variable == null) {
                // as the Kyverno CLI: no cluster to ask; a test's values stand in for the entry
                if (!ruleValueNames.contains(name) && !context.containsKey(name)) {
                    unloaded.add(name);
                }
                continue;
            }
            if (Unloaded.mentions(variable, unloaded)) {
                unloaded.add(name);
                continue;
            }
            try {
                JsonContext.put(context, name, variable(context, name, PlainValues.map(variable)));
            } catch (JmesPathException e) {
                if (e.isUnsupported()) {
                    throw e;
                }
                leftOut.add(name);
            }
        }
        return new Unloaded(Set.copyOf(unloaded), Set.copyOf(leftOut));
    }

    /**
     * The context entries left out: those that need a cluster ({@code names}), and the variables that could not be
     * computed ({@code leftOut}), for naming them in errors.
     */
    record Unloaded(Set<String> names, Set<String> leftOut) {

        /**
         * Throws {@link Unsupported} when {@code part} of the rule (its preconditions, its validation, its patch)
         * reads an entry that could not be loaded: any text in it naming the entry, so a false alarm only costs
         * the rule its evaluation.
         */
        void requireUnusedBy(Object part) {
            if (!names.isEmpty() && mentions(part, names)) {
                throw new Unsupported("context entries that need a cluster (apiCall, configMap, imageRegistry, "
                        + "globalReference) when no test values stand in for them");
            }
        }

        /**
         * {@link #requireUnusedBy} for a rule body or foreach entry, leaving out its own context and preconditions,
         * and its message, which Kyverno reads only to report a failure the check decides without it.
         */
        void requireUnusedByBody(Map<String, Object> body) {
            Map<String, Object> rest = new LinkedHashMap<>(body);
            rest.keySet().removeAll(List.of("context", "preconditions", "message"));
            requireUnusedBy(rest);
        }

        private static boolean mentions(Object value, Set<String> names) {
            List<String> named = names.stream().filter(n -> !n.isEmpty()).sorted().toList();
            if (named.isEmpty() || value == null) {
                return false;
            }
            // Kyverno's test of whether a query reads an entry: the name on ASCII word boundaries, but not right
            // after a dot (x is read by x.y, not by y.x); one pattern for all the names
            Pattern read = Pattern.compile("(?:\\A|\\z|\\s|[^.0-9A-Za-z])(?:"
                    + String.join("|", named.stream().map(Pattern::quote).toList()) + ")\\b");
            return mentions(value, read);
        }

        private static boolean mentions(Object value, Pattern read) {
            if (value instanceof String text) {
                return read.matcher(text).find();
            }
            if (value instanceof Map<?, ?> map) {
                return map.entrySet().stream().anyMatch(e -> mentions(e.getKey(), read)
                        || mentions(e.getValue(), read));
            }
            if (value instanceof List<?> list) {
                return list.stream().anyMatch(item -> mentions(item, read));
            }
            return false;
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
        return Variables.needsSubstitution(value) ? Variables.substitute(value, context) : value;
    }
}
