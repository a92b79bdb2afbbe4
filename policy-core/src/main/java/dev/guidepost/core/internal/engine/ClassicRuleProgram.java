package dev.guidepost.core.internal.engine;

import java.util.List;
import java.util.Map;

import dev.cel.runtime.CelEvaluationException;
import dev.guidepost.core.Action;
import dev.guidepost.core.Outcome;
import dev.guidepost.core.internal.cel.CelExpression;
import dev.guidepost.core.internal.match.ResourceFilters;

/**
 * One rule of a ClusterPolicy. A {@code validate.cel} rule is evaluated as Kyverno's CEL handler does (the
 * API server's ValidatingAdmissionPolicy validator with failure policy Fail): CEL preconditions, then the
 * expressions in order, where an error counts as a failure. A {@code validate.pattern} rule goes to
 * {@link PatternValidation}, a {@code validate.podSecurity} rule to {@link PodSecurityValidation}, a {@code mutate}
 * rule to {@link RuleMutation} (in a test run's mutation phase only). Other rule types are reported as not
 * evaluated.
 */
final class ClassicRuleProgram {

    private static final int MAX_MESSAGE_EXPRESSION_LENGTH = 5 * 1024;

    private final String name;
    private final Object match;
    private final Object exclude;
    private final List<NamedExpression> celPreconditions;
    private final Map<String, CelExpression> variables;
    private final List<ValidationProgram> expressions;
    private final List<String> expressionTexts;
    private final String ruleMessage;
    private final Action action;
    private final String unsupported;
    private final String compileError;
    private final PatternValidation patterns;
    private final LegacyValidation legacy;
    private final PodSecurityValidation podSecurity;
    private final RuleMutation mutation;
    private final RuleGeneration generation;
    /** Kyverno's {@code validate.allowExistingViolations} (true unless set to false). */
    private final boolean existingViolationsAllowed;
    /** For a {@code verifyImages} rule: the images it verifies, to skip a request with none of them; else null. */
    private final ImageReferences images;

    private ClassicRuleProgram(String name, Object match, Object exclude, Action action,
            List<NamedExpression> celPreconditions, Map<String, CelExpression> variables,
            List<ValidationProgram> expressions, List<String> expressionTexts, String ruleMessage, String unsupported,
            String compileError, PatternValidation patterns, LegacyValidation legacy,
            PodSecurityValidation podSecurity, RuleMutation mutation, RuleGeneration generation,
            boolean existingViolationsAllowed, ImageReferences images) {
        this.name = name;
        this.match = match;
        this.exclude = exclude;
        this.action = action;
        this.celPreconditions = celPreconditions;
        this.variables = variables;
        this.expressions = expressions;
        this.expressionTexts = expressionTexts;
        this.ruleMessage = ruleMessage;
        this.unsupported = unsupported;
        this.compileError = compileError;
        this.patterns = patterns;
        this.legacy = legacy;
        this.podSecurity = podSecurity;
        this.mutation = mutation;
        this.generation = generation;
        this.existingViolationsAllowed = existingViolationsAllowed;
        this.images = images;
    }

    /** A {@code validate.cel} rule: CEL preconditions, variables and expressions (with their source texts). */
    static ClassicRuleProgram cel(String name, Object match, Object exclude, Action action,
            List<NamedExpression> celPreconditions, Map<String, CelExpression> variables,
            List<ValidationProgram> expressions, List<String> expressionTexts, String ruleMessage) {
        return new ClassicRuleProgram(name, match, exclude, action, celPreconditions, variables, expressions,
                expressionTexts, ruleMessage, null, null, null, null, null, null, null, true, null);
    }

    /** A rule whose CEL did not compile: a selected request fails with the compiler's message. */
    static ClassicRuleProgram compileError(String name, Object match, Object exclude, Action action,
            String compileError) {
        return new ClassicRuleProgram(name, match, exclude, action, List.of(), Map.of(), List.of(), List.of(), "",
                null, compileError, null, null, null, null, null, true, null);
    }

    /** A rule using a feature Guidepost lacks: reported as not evaluated, naming the feature. */
    static ClassicRuleProgram unsupported(String name, Object match, Object exclude, Action action,
            String unsupported) {
        return new ClassicRuleProgram(name, match, exclude, action, List.of(), Map.of(), List.of(), List.of(), "",
                unsupported, null, null, null, null, null, null, true, null);
    }

    /**
     * A {@code verifyImages} rule: not evaluated (it needs the registry), but skipped, as Kyverno skips it, for a
     * request with none of the images it verifies.
     */
    static ClassicRuleProgram imageVerification(String name, Object match, Object exclude, Action action,
            ImageReferences images) {
        return new ClassicRuleProgram(name, match, exclude, action, List.of(), Map.of(), List.of(), List.of(), "",
                "verifyImages rules", null, null, null, null, null, null, true, images);
    }

    /** A {@code validate.pattern} or {@code anyPattern} rule. */
    static ClassicRuleProgram pattern(String name, Object match, Object exclude, Action action,
            PatternValidation patterns) {
        return new ClassicRuleProgram(name, match, exclude, action, List.of(), Map.of(), List.of(), List.of(), "",
                null, null, patterns, null, null, null, null, true, null);
    }

    /** A rule in Kyverno's JMESPath language: deny, foreach, or patterns with variables or preconditions. */
    static ClassicRuleProgram legacy(String name, Object match, Object exclude, Action action,
            LegacyValidation legacy) {
        return new ClassicRuleProgram(name, match, exclude, action, List.of(), Map.of(), List.of(), List.of(), "",
                null, null, null, legacy, null, null, null, true, null);
    }

    /**
     * A {@code mutate} rule. A check's validation pass answers {@link RuleResponse#MUTATION} for it (checks apply it
     * before, in their {@link AdmissionChain}); Kyverno CLI tests apply it in their mutation phase ({@link #mutate}).
     */
    static ClassicRuleProgram mutation(String name, Object match, Object exclude, Action action,
            RuleMutation mutation) {
        return new ClassicRuleProgram(name, match, exclude, action, List.of(), Map.of(), List.of(), List.of(), "",
                RuleResponse.MUTATION, null, null, null, null, mutation, null, true, null);
    }

    /**
     * A {@code generate} rule. Checks of manifests report it as not evaluated; Kyverno CLI tests apply it in their
     * generate step ({@link #generate}).
     */
    static ClassicRuleProgram generation(String name, Object match, Object exclude, Action action,
            RuleGeneration generation) {
        return new ClassicRuleProgram(name, match, exclude, action, List.of(), Map.of(), List.of(), List.of(), "",
                "generate rules", null, null, null, null, null, generation, true, null);
    }

    /** True for a {@code generate} rule. */
    boolean generates() {
        return generation != null;
    }

    /** A {@code generate} rule applied to the request; {@code cloneSources} are the objects a clone may copy. */
    RuleGeneration.Result generate(PreparedRequest prepared, EvaluationContext context,
            List<Map<String, Object>> cloneSources) {
        return generation.apply(prepared, context, action, cloneSources);
    }

    /** True for a {@code mutate} rule. */
    boolean mutates() {
        return mutation != null;
    }

    /** A {@code mutate} rule applied to the request's object. */
    RuleMutation.Result mutate(PreparedRequest prepared, EvaluationContext context) {
        return mutation.apply(prepared, context, action);
    }

    /** A {@code validate.podSecurity} rule. */
    static ClassicRuleProgram podSecurity(String name, Object match, Object exclude, Action action,
            PodSecurityValidation podSecurity) {
        return new ClassicRuleProgram(name, match, exclude, action, List.of(), Map.of(), List.of(), List.of(), "",
                null, null, null, null, podSecurity, null, null, true, null);
    }

    /** This rule with {@code validate.allowExistingViolations} as the policy sets it. */
    ClassicRuleProgram allowingExistingViolations(boolean allowed) {
        return new ClassicRuleProgram(name, match, exclude, action, celPreconditions, variables, expressions,
                expressionTexts, ruleMessage, unsupported, compileError, patterns, legacy, podSecurity, mutation,
                generation, allowed, images);
    }

    String name() {
        return name;
    }

    Action action() {
        return action;
    }

    /** True when a block of the rule's match names users. */
    boolean matchNamesUsers() {
        return ResourceFilters.namesUsers(match);
    }

    /** True when the rule selects the subject, but with no user criteria only through blocks that have some. */
    boolean selectsOnlyForSomeUsers(ResourceFilters.Subject subject) {
        return selects(subject) && !ResourceFilters.matchesWithoutUserBlocks(match, subject);
    }

    /** True when the rule's match and exclude blocks select the subject. */
    boolean selects(ResourceFilters.Subject subject) {
        return ResourceFilters.matches(match, subject) && (exclude == null || !ResourceFilters.excludes(exclude,
                subject));
    }

    /**
     * The rule's response for a selected request, or null when Kyverno gives none. An UPDATE that an Enforce
     * validation fails is skipped when the old object fails it too (Kyverno's {@code allowExistingViolations},
     * on by default): the old object is validated as if it were being created.
     */
    RuleResponse evaluate(PreparedRequest prepared, EvaluationContext context) {
        RuleResponse response = evaluateRequest(prepared, context);
        AdmissionRequest request = prepared.request();
        if (response == null || response.outcome() != Outcome.FAIL || !response.evaluated() || compileError != null
                || action != Action.ENFORCE || !existingViolationsAllowed || !"UPDATE".equals(request.operation())
                || request.oldObject() == null) {
            return response;
        }
        RuleResponse prior = evaluateRequest(prepared.oldObjectCreated(), context);
        return prior != null && prior.outcome() == Outcome.FAIL
                ? RuleResponse.of(name, Outcome.SKIP, "skipping the rule evaluation as pre-existing violations are "
                        + "allowed", action)
                : response;
    }

    private RuleResponse evaluateRequest(PreparedRequest prepared, EvaluationContext context) {
        if (images != null && !prepared.mutationsIncomplete() && images.noneIn(prepared.request().object())) {
            return RuleResponse.of(name, Outcome.SKIP, "skip run verification as image in resource not found in "
                    + "imageRefs '" + images + "'", action);
        }
        if (unsupported != null) {
            return RuleResponse.unsupported(name, unsupported, action);
        }
        if (patterns != null) {
            return patterns.evaluate(prepared, action);
        }
        if (legacy != null) {
            return legacy.evaluate(prepared, context, action);
        }
        if (podSecurity != null) {
            return podSecurity.evaluate(prepared, action);
        }
        if (compileError != null) {
            return RuleResponse.of(name, Outcome.FAIL, "compilation error: " + compileError, action);
        }
        AdmissionRequest request = prepared.request();
        Activation activation = new Activation()
                .putCel("object", prepared.object())
                .putCel("oldObject", prepared.oldObject())
                .putCel("request", prepared.requestValue())
                .put("namespaceObject", NamespaceValues.classicNamespaceObject(request, context), prepared.numbers())
                .put("params", null, prepared.numbers())
                .put("authorizer", null, prepared.numbers())
                .variables(variables, context.cluster());
        for (NamedExpression condition : celPreconditions) {
            try {
                Object value = condition.expression().evaluate(activation, context.cluster());
                if (!Boolean.TRUE.equals(value)) {
                    if (Boolean.FALSE.equals(value)) {
                        return RuleResponse.of(name, Outcome.SKIP, "cel precondition '" + condition.name()
                                + "' is false", action);
                    }
                    return RuleResponse.of(name, Outcome.FAIL, "cel precondition '" + condition.name()
                            + "' returned " + value + ", not a bool", action);
                }
            } catch (CelEvaluationException | RuntimeException e) {
                return RuleResponse.of(name, Outcome.FAIL, "cel precondition '" + condition.name() + "' failed: "
                        + e.getMessage(), action);
            }
        }
        for (int i = 0; i < expressions.size(); i++) {
            ValidationProgram validation = expressions.get(i);
            Object value;
            try {
                value = validation.expression().evaluate(activation, context.cluster());
            } catch (CelEvaluationException | RuntimeException e) {
                return RuleResponse.of(name, Outcome.FAIL, "expression '" + expressionTexts.get(i)
                        + "' resulted in error: " + e.getMessage(), action);
            }
            if (Boolean.TRUE.equals(value)) {
                continue;
            }
            if (!(value instanceof Boolean)) {
                return RuleResponse.of(name, Outcome.FAIL, "expression '" + expressionTexts.get(i)
                        + "' resulted in error: expected a bool, got " + value, action);
            }
            return RuleResponse.of(name, Outcome.FAIL, message(validation, i, activation, context), action);
        }
        return RuleResponse.of(name, Outcome.PASS, "", action);
    }

    private String message(ValidationProgram validation, int index, Activation activation,
            EvaluationContext context) {
        Exception failure = null;
        if (validation.messageExpression() != null) {
            try {
                Object value = validation.messageExpression().evaluate(activation, context.cluster());
                if (value instanceof String s) {
                    String trimmed = s.strip();
                    if (!trimmed.isEmpty() && trimmed.length() <= MAX_MESSAGE_EXPRESSION_LENGTH
                            && !trimmed.contains("\n")) {
                        return trimmed;
                    }
                }
            } catch (CelEvaluationException | RuntimeException e) {
                failure = e; // the API server falls back to the static message
            }
        }
        if (!validation.message().isEmpty()) {
            return FallbackMessage.of(validation.message(), failure);
        }
        if (!ruleMessage.isEmpty()) {
            return FallbackMessage.of(ruleMessage, failure);
        }
        return FallbackMessage.of("failed expression: " + expressionTexts.get(index), failure);
    }
}
