package dev.guidepost.core.internal.engine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.guidepost.core.Action;
import dev.guidepost.core.Outcome;
import dev.guidepost.core.internal.conditions.ConditionException;
import dev.guidepost.core.internal.conditions.Conditions;
import dev.guidepost.core.internal.jmespath.JmesPathException;
import dev.guidepost.core.internal.jmespath.Variables;
import dev.guidepost.core.internal.yaml.PlainValues;

/**
 * A ClusterPolicy {@code generate} rule applied to a trigger as the Kyverno CLI's generate step does: the rule's
 * context entries and preconditions (not met: skip, nothing generated), then the {@code generate} block with its
 * {@code {{ }}} variables substituted. With {@code data}, the generated resource is the data with the block's
 * apiVersion, kind, name and namespace set; with {@code clone}, it is a copy of the source the CLI's fake cluster
 * holds (the trigger, or the result's {@code cloneSourceResource}) without the metadata the API server owns (and
 * without owner references when it changes namespace), renamed; a clone of itself generates nothing. The labels Kyverno adds to generated
 * resources are left out: the CLI removes them before comparing. {@code cloneList}, {@code foreach} and CEL
 * preconditions are not evaluated.
 */
final class RuleGeneration {

    /** A rule's response and what it generated. */
    record Result(RuleResponse response, List<Map<String, Object>> generated) {
    }

    /** Metadata the API server owns: Kyverno's clone leaves them behind. */
    private static final Set<String> SERVER_METADATA = Set.of("uid", "selfLink", "creationTimestamp",
            "managedFields", "resourceVersion");

    private final String policy;
    private final String rule;
    private final Map<String, Object> definition;

    RuleGeneration(String policy, String rule, Map<String, Object> definition) {
        this.policy = policy;
        this.rule = rule;
        this.definition = definition;
    }

    /** The feature this rule needs that Guidepost lacks, or null when it can generate. */
    String unsupported() {
        Map<String, Object> generate = PlainValues.map(definition, "generate");
        if (generate.get("foreach") != null) {
            return "generate.foreach rules";
        }
        if (generate.get("cloneList") != null) {
            return "generate.cloneList rules";
        }
        if (!PlainValues.list(definition, "celPreconditions").isEmpty()) {
            return "CEL preconditions on generate rules";
        }
        return null;
    }

    /** The rule applied to the prepared request; {@code cloneSources} are the objects a clone may copy. */
    Result apply(PreparedRequest prepared, EvaluationContext evaluation, Action action,
            List<Map<String, Object>> cloneSources) {
        String feature = unsupported();
        if (feature != null) {
            return new Result(RuleResponse.unsupported(rule, feature, action), List.of());
        }
        Map<String, Object> ruleValues = evaluation.variables().forRule(policy, rule);
        Map<String, Object> context = ContextEntries.start(prepared, evaluation, policy, ruleValues);
        try {
            ContextEntries.Unloaded unloaded;
            try {
                unloaded = ContextEntries.load(context, PlainValues.list(definition, "context"), ruleValues.keySet());
            } catch (JmesPathException e) {
                rethrowUnsupported(e);
                return result(Outcome.ERROR, "failed to load context: " + e.getMessage(), action);
            }
            Object preconditions = definition.get("preconditions");
            unloaded.requireUnusedBy(preconditions);
            if (preconditions != null) {
                try {
                    if (!Conditions.evaluateBlock(preconditions,
                            value -> Variables.substitute(value, context))
                            .holds()) {
                        return result(Outcome.SKIP, "preconditions not met", action);
                    }
                } catch (JmesPathException | ConditionException e) {
                    rethrowUnsupported(e);
                    return result(Outcome.ERROR, "failed to evaluate preconditions: " + e.getMessage(), action);
                }
            }
            unloaded.requireUnusedBy(definition.get("generate"));
            Object substituted;
            try {
                substituted = Variables.substitute(definition.get("generate"), context);
            } catch (JmesPathException e) {
                rethrowUnsupported(e);
                return result(Outcome.ERROR, "variable substitution failed: " + e.getMessage(), action);
            }
            return generated(PlainValues.map(substituted), action, cloneSources);
        } catch (ContextEntries.Unsupported e) {
            return new Result(RuleResponse.unsupported(rule, e.getMessage(), action), List.of());
        } catch (JmesPathException e) {
            return new Result(RuleResponse.unsupported(rule, "JMESPath: " + e.getMessage(), action), List.of());
        }
    }

    private Result generated(Map<String, Object> generate, Action action, List<Map<String, Object>> sources) {
        String apiVersion = PlainValues.string(generate, "apiVersion");
        String kind = PlainValues.string(generate, "kind");
        String name = PlainValues.string(generate, "name");
        String namespace = PlainValues.string(generate, "namespace");
        Map<String, Object> object;
        if (generate.get("data") != null) {
            if (!(generate.get("data") instanceof Map<?, ?> data)) {
                return result(Outcome.ERROR, "generate.data is not an object", action);
            }
            object = mutable(data);
        } else if (generate.get("clone") == null) {
            // neither data nor clone: "the generated resource will be created with default data only" (Kyverno's
            // GeneratePattern); its generator's nil-data skip never fires, as the field is a typed pointer
            object = new LinkedHashMap<>();
        } else {
            String sourceNamespace = PlainValues.string(generate, "clone", "namespace");
            String sourceName = PlainValues.string(generate, "clone", "name");
            if (sourceNamespace.equals(namespace) && sourceName.equals(name)) {
                return result(Outcome.SKIP, "skip resource self-clone", action);
            }
            Map<String, Object> source = sources.stream()
                    .filter(s -> PlainValues.string(s, "apiVersion").equals(apiVersion)
                            && PlainValues.string(s, "kind").equals(kind)
                            && PlainValues.string(s, "metadata", "namespace").equals(sourceNamespace)
                            && PlainValues.string(s, "metadata", "name").equals(sourceName))
                    .findFirst().orElse(null);
            if (source == null) {
                return new Result(RuleResponse.unsupported(rule, "generate.clone from a source that is neither the "
                        + "trigger nor the result's cloneSourceResource (" + kind + " " + sourceNamespace + "/"
                        + sourceName + ")", action), List.of());
            }
            object = mutable(source);
            Map<String, Object> metadata = metadata(object);
            SERVER_METADATA.forEach(metadata::remove);
            if (!sourceNamespace.equals(namespace)) {
                metadata.remove("ownerReferences");
            }
        }
        object.put("apiVersion", apiVersion);
        object.put("kind", kind);
        Map<String, Object> metadata = metadata(object);
        metadata.put("name", name);
        if (namespace.isEmpty()) {
            metadata.remove("namespace");
        } else {
            metadata.put("namespace", namespace);
        }
        return new Result(RuleResponse.of(rule, Outcome.PASS, "", action),
                List.of(PlainValues.map(PlainValues.immutableCopy(object))));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> mutable(Object value) {
        return (Map<String, Object>) PlainValues.mutableCopy(value);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> metadata(Map<String, Object> object) {
        if (!(object.get("metadata") instanceof Map<?, ?>)) {
            object.put("metadata", new LinkedHashMap<String, Object>());
        }
        return (Map<String, Object>) object.get("metadata");
    }

    private Result result(Outcome outcome, String message, Action action) {
        return new Result(RuleResponse.of(rule, outcome, message, action), List.of());
    }

    private static void rethrowUnsupported(RuntimeException e) {
        if (e instanceof JmesPathException j && j.isUnsupported()) {
            throw j;
        }
    }
}
