package dev.guidepost.core.internal.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.guidepost.core.Action;
import dev.guidepost.core.internal.cel.CelDialect;
import dev.guidepost.core.internal.cel.CelEnvironment;
import dev.guidepost.core.internal.cel.CelExpression;
import dev.guidepost.core.internal.pack.KyvernoActions;
import dev.guidepost.core.internal.pattern.PatternRules;
import dev.guidepost.core.internal.yaml.PlainValues;
import dev.guidepost.core.internal.yaml.YamlDocument;

/**
 * Compiles a ClusterPolicy or namespaced Policy: computes its rules with autogen, then compiles each
 * {@code validate.cel} rule in the admission CEL environment and prepares each {@code validate.pattern} and
 * {@code validate.podSecurity} rule. As
 * in Kyverno, an expression that does not compile makes its rule fail rather than the whole policy;
 * {@link #compileErrors()} lists them for strict callers.
 */
final class ClusterPolicyCompiler {

    private final ExpressionCompiler compiler = new ExpressionCompiler(CelEnvironment.of(CelDialect.ADMISSION));
    private final List<PolicyCompileException> compileErrors = new ArrayList<>();

    List<PolicyCompileException> compileErrors() {
        return compileErrors;
    }

    ClusterPolicyProgram compile(Map<String, Object> policy) {
        Map<String, Object> spec = PlainValues.map(policy, "spec");
        List<ClassicRuleProgram> rules = new ArrayList<>();
        List<Object> computed = ClusterPolicyAutogen.computeRules(policy);
        List<Object> written = PlainValues.list(spec, "rules");
        for (int i = 0; i < computed.size(); i++) {
            Object rule = computed.get(i);
            int writtenIndex = indexOfRule(written, PlainValues.string(rule, "name"));
            rules.add(compileRule(PlainValues.string(policy, "metadata", "name"), rule, spec,
                    writtenIndex >= 0 ? List.of("spec", "rules", writtenIndex) : List.of("spec", "rules")));
        }
        String namespace = "Policy".equals(PlainValues.string(policy, "kind"))
                ? PlainValues.string(policy, "metadata", "namespace") : "";
        return new ClusterPolicyProgram(PlainValues.string(policy, "metadata", "name"), namespace, rules,
                "One".equals(PlainValues.string(spec, "applyRules")), FailureActions.of(spec, computed));
    }

    private static int indexOfRule(List<Object> rules, String name) {
        for (int i = 0; i < rules.size(); i++) {
            if (PlainValues.string(rules.get(i), "name").equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private ClassicRuleProgram compileRule(String policy, Object rule, Map<String, Object> spec,
            List<Object> path) {
        return ruleProgram(policy, rule, spec, path).allowingExistingViolations(
                !Boolean.FALSE.equals(PlainValues.at(rule, "validate", "allowExistingViolations")));
    }

    private ClassicRuleProgram ruleProgram(String policy, Object rule, Map<String, Object> spec,
            List<Object> path) {
        String name = PlainValues.string(rule, "name");
        Map<String, Object> validate = PlainValues.map(rule, "validate");
        Action action = KyvernoActions.ofRule(spec, rule);
        Object match = PlainValues.map(rule, "match");
        Object exclude = rule instanceof Map<?, ?> r && r.get("exclude") instanceof Map<?, ?> e ? e : null;
        if (rule instanceof Map<?, ?> r && r.get("mutate") instanceof Map<?, ?>) {
            return ClassicRuleProgram.mutation(name, match, exclude, action,
                    new RuleMutation(policy, name, PlainValues.map(rule)));
        }
        if (rule instanceof Map<?, ?> r && r.get("generate") instanceof Map<?, ?>) {
            return ClassicRuleProgram.generation(name, match, exclude, action,
                    new RuleGeneration(policy, name, PlainValues.map(rule)));
        }
        if (PatternRules.isPatternRule(rule) && PatternRules.unsupported(rule) == null) {
            return ClassicRuleProgram.pattern(name, match, exclude, action, PatternValidation.of(name,
                    PlainValues.string(validate, "message"), validate.get("pattern"), validate.get("anyPattern")));
        }
        if (validate.containsKey("podSecurity") && unsupportedFeature(rule, validate) == null) {
            return ClassicRuleProgram.podSecurity(name, match, exclude, action,
                    new PodSecurityValidation(name, PlainValues.map(validate, "podSecurity")));
        }
        if (LegacyRules.evaluable(rule)) {
            return ClassicRuleProgram.legacy(name, match, exclude, action,
                    new LegacyValidation(policy, name, PlainValues.map(rule)));
        }
        String unsupported = unsupportedFeature(rule, validate);
        if ("verifyImages rules".equals(unsupported)) {
            Optional<ImageReferences> images = ImageReferences.of(rule);
            if (images.isPresent()) {
                return ClassicRuleProgram.imageVerification(name, match, exclude, action, images.get());
            }
        }
        if (unsupported != null) {
            return ClassicRuleProgram.unsupported(name, match, exclude, action, unsupported);
        }
        Map<String, Object> cel = PlainValues.map(validate, "cel");
        try {
            Map<String, CelExpression> variables = compiler.variables(PlainValues.list(cel, "variables"),
                    YamlDocument.path(path, "validate", "cel", "variables"));
            // as a ValidatingAdmissionPolicy's match conditions, which Kubernetes compiles after its variables
            List<NamedExpression> preconditions = compiler.conditions(PlainValues.list(rule, "celPreconditions"),
                    YamlDocument.path(path, "celPreconditions"), variables);
            List<ValidationProgram> expressions = new ArrayList<>();
            List<String> texts = new ArrayList<>();
            List<Object> entries = PlainValues.list(cel, "expressions");
            for (int i = 0; i < entries.size(); i++) {
                Object e = entries.get(i);
                List<Object> at = YamlDocument.path(path, "validate", "cel", "expressions", i);
                String text = PlainValues.string(e, "expression");
                String messageExpression = PlainValues.string(e, "messageExpression");
                texts.add(text);
                expressions.add(new ValidationProgram(
                        compiler.condition(text, YamlDocument.path(at, "expression"), variables),
                        PlainValues.string(e, "message"),
                        messageExpression.isBlank() ? null
                                : compiler.message(messageExpression,
                                        YamlDocument.path(at, "messageExpression"), variables)));
            }
            return ClassicRuleProgram.cel(name, match, exclude, action, preconditions, variables, expressions, texts,
                    PlainValues.string(validate, "message"));
        } catch (PolicyCompileException e) {
            if (path.size() > 2) {
                // a rule as written; its autogen rules (no index) repeat its expressions, and so its error
                compileErrors.add(e);
            }
            return ClassicRuleProgram.compileError(name, match, exclude, action, e.getMessage());
        }
    }

    private static boolean hasPreconditions(Object rule) {
        return !PlainValues.list(rule, "preconditions").isEmpty() || !PlainValues.map(rule, "preconditions").isEmpty();
    }

    /** The feature Guidepost lacks to evaluate this rule, or null when it can. */
    static String unsupportedFeature(Object rule, Map<String, Object> validate) {
        if (!validate.containsKey("cel")) {
            if (validate.containsKey("pattern") || validate.containsKey("anyPattern")) {
                String why = PatternRules.unsupported(rule);
                return "validate.pattern rules" + (why == null ? "" : " with " + why);
            }
            if (validate.containsKey("deny")) {
                return "validate.deny rules";
            }
            if (validate.containsKey("foreach")) {
                return "validate.foreach rules";
            }
            if (validate.containsKey("podSecurity")) {
                return hasPreconditions(rule) ? "validate.podSecurity rules with preconditions" : null;
            }
            if (validate.containsKey("manifests")) {
                return "validate.manifests rules";
            }
            if (validate.containsKey("assert")) {
                return "validate.assert rules";
            }
            if (PlainValues.at(rule, "mutate") != null) {
                return RuleResponse.MUTATION;
            }
            if (PlainValues.at(rule, "generate") != null) {
                return "generate rules";
            }
            if (PlainValues.at(rule, "verifyImages") != null) {
                return "verifyImages rules";
            }
            return "rules of an unknown type";
        }
        if (hasPreconditions(rule)) {
            return "JMESPath preconditions";
        }
        if (PlainValues.at(validate, "cel", "paramKind") != null) {
            return "validate.cel paramKind (policy parameters)";
        }
        return null;
    }
}
