package dev.guidepost.core.internal.pack;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.guidepost.core.Action;
import dev.guidepost.core.GuidepostException;
import dev.guidepost.core.Policy;
import dev.guidepost.core.PolicyFormat;
import dev.guidepost.core.internal.jmespath.Variables;
import dev.guidepost.core.Severity;
import dev.guidepost.core.internal.yaml.PlainValues;
import dev.guidepost.core.internal.yaml.YamlDocument;

/**
 * Reads a Kyverno or Kubernetes policy file as it is. Its plain-English text comes from the
 * {@code policies.kyverno.io/title|description|category|severity|subject} annotations. Rules Guidepost cannot
 * check are kept as notes; a policy with nothing checkable is advisory, never silently passing.
 */
final class KyvernoPolicyReader {

    private static final String ANNOTATION = "policies.kyverno.io/";
    /** The fields of a ClusterPolicy rule and of its {@code validate} block, as Kyverno's CRD declares them. */
    private static final List<String> RULE_FIELDS = List.of("name", "match", "exclude", "context", "preconditions",
            "celPreconditions", "imageExtractors", "validate", "mutate", "generate", "verifyImages",
            "skipBackgroundRequests", "reportProperties");
    private static final List<String> VALIDATE_FIELDS = List.of("message", "failureAction",
            "failureActionOverrides", "allowExistingViolations", "pattern", "anyPattern", "deny", "foreach",
            "podSecurity", "cel", "manifests", "assert");
    /** The fields of a ClusterPolicy's and a ValidatingPolicy's {@code spec}, as Kyverno's CRDs declare them. */
    /** The note of a policy the cluster evaluates only in background scans. */
    private static final String BACKGROUND_ONLY = "the cluster's Kyverno evaluates this policy only in background "
            + "scans (admission is off), which report violations without blocking them; checks report them as Audit";

    private static final List<String> CLUSTER_POLICY_FIELDS = List.of("rules", "validationFailureAction",
            "validationFailureActionOverrides", "background", "admission", "applyRules", "emitWarning",
            "failurePolicy", "generateExisting", "generateExistingOnPolicyUpdate", "mutateExistingOnPolicyUpdate",
            "schemaValidation", "useServerSideApply", "webhookConfiguration", "webhookTimeoutSeconds");
    private static final List<String> VALIDATING_POLICY_FIELDS = List.of("matchConstraints", "matchConditions",
            "variables", "validations", "validationActions", "auditAnnotations", "autogen", "evaluation",
            "failurePolicy", "webhookConfiguration");
    private static final List<String> VALIDATION_FIELDS = List.of("expression", "message", "messageExpression",
            "reason");
    /**
     * ValidatingPolicies in the Envoy and HTTP evaluation modes authorize requests (Kyverno authz: the
     * {@code envoy}, {@code http} and {@code jwt} CEL libraries over envoy or HTTP check requests) rather than
     * validate resources.
     */
    static final String AUTHZ_MODE = "an authorization policy answers envoy or HTTP check requests, not resources; "
            + "Guidepost checks it only through the envoyPayloads and httpPayloads of Kyverno test files";

    private KyvernoPolicyReader() {
    }

    /**
     * Reads a Kyverno or Kubernetes policy document. A field Kyverno's schema does not know is an error, in a
     * pack as in a Kyverno test (the CLI refuses to load the test); see {@link #disallowedValue} for values.
     */
    static Policy read(PolicyDocument doc, PolicyFormat format) {
        Map<String, Object> root = doc.root();
        String id = PlainValues.string(root, "metadata", "name");
        if (id.isEmpty()) {
            throw doc.error("the " + format.kind() + " has no metadata.name", "metadata");
        }
        Map<String, Object> annotations = PlainValues.map(root, "metadata", "annotations");
        Map<String, Object> spec = PlainValues.map(root, "spec");
        List<Policy.Rule> rules = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<String> kinds;
        Action action;
        Optional<String> advisory = Optional.empty();
        switch (format) {
            case CLUSTER_POLICY, KYVERNO_POLICY -> {
                Set<String> unsupported = new LinkedHashSet<>();
                boolean checkable = false;
                List<Object> ruleList = PlainValues.list(spec, "rules");
                checkFields(doc, spec, CLUSTER_POLICY_FIELDS, "spec");
                KyvernoFieldShapes.check(doc, spec, KyvernoFieldShapes.CLUSTER_POLICY, "spec");
                for (int i = 0; i < ruleList.size(); i++) {
                    Object rule = ruleList.get(i);
                    if (!(rule instanceof Map)) {
                        throw doc.error("spec.rules[" + i + "] must be a mapping with the rule's name, match and "
                                + "validate, mutate or generate", "spec", "rules", i);
                    }
                    checkFields(doc, rule, RULE_FIELDS, "spec", "rules", i);
                    checkFields(doc, PlainValues.at(rule, "validate"), VALIDATE_FIELDS, "spec", "rules", i,
                            "validate");
                    KyvernoFieldShapes.check(doc, rule, KyvernoFieldShapes.RULE, "spec", "rules", i);
                    KyvernoFieldShapes.check(doc, PlainValues.at(rule, "validate"), KyvernoFieldShapes.VALIDATE,
                            "spec", "rules", i, "validate");
                    for (String block : List.of("match", "exclude")) {
                        KyvernoFieldShapes.checkFilters(doc, PlainValues.at(rule, block), "spec", "rules", i, block);
                    }
                }
                for (Object rule : ruleList) {
                    Policy.Rule r = classicRule(rule);
                    rules.add(r);
                    if (r.checked()) {
                        checkable = true;
                    } else if (r.type().equals("mutate")) {
                        unsupported.add(r.type());
                        notes.add("rule '" + r.name() + "' is a Kyverno mutate rule: checks apply it to a manifest "
                                + "before they validate it, as the cluster does; it rejects nothing itself");
                    } else {
                        unsupported.add(r.type());
                        notes.add("rule '" + r.name() + "' is a Kyverno " + r.type()
                                + " rule, which Guidepost does not check yet");
                        // a rule that can reject keeps the policy in checks, reported there as not checked
                        checkable |= r.canReject() && !r.type().equals("unknown");
                    }
                }
                if (!checkable) {
                    advisory = Optional.of(unsupported.isEmpty() ? "the policy has no rules"
                            : unsupported.stream().allMatch("mutate"::equals) ? "a Kyverno mutate policy: checks apply "
                                    + "its mutations before they validate, as the cluster does, but it rejects nothing "
                                    + "itself, so it has no verdict of its own"
                            : "Guidepost does not check Kyverno " + String.join("/", unsupported)
                                    + " rules yet; the policy is searchable but not checked");
                }
                kinds = MatchKinds.ofClusterPolicy(spec, annotations);
                action = KyvernoActions.backgroundOnly(spec) ? Action.AUDIT : classicAction(spec);
                if (KyvernoActions.backgroundOnly(spec)) {
                    notes.add(BACKGROUND_ONLY);
                }
            }
            case VALIDATING_POLICY, NAMESPACED_VALIDATING_POLICY, VALIDATING_ADMISSION_POLICY -> {
                KyvernoFieldShapes.check(doc, spec, KyvernoFieldShapes.VALIDATING_POLICY, "spec");
                List<Object> entries = PlainValues.list(spec, "validations");
                for (int i = 0; i < entries.size(); i++) {
                    if (!(entries.get(i) instanceof Map)) {
                        throw doc.error("spec.validations[" + i + "] must be a mapping with an expression and a "
                                + "message", "spec", "validations", i);
                    }
                }
                List<String> expressions = new ArrayList<>();
                List<String> messages = new ArrayList<>();
                for (Object v : PlainValues.list(spec, "validations")) {
                    expressions.add(PlainValues.string(v, "expression"));
                    String message = PlainValues.string(v, "message");
                    if (!message.isEmpty()) {
                        messages.add(message);
                    }
                }
                for (Object c : PlainValues.list(spec, "matchConditions")) {
                    expressions.add(PlainValues.string(c, "expression"));
                }
                List<String> messageExpressions = PlainValues.list(spec, "validations").stream()
                        .map(v -> PlainValues.string(v, "messageExpression")).filter(m -> !m.isEmpty()).toList();
                rules.add(new Policy.Rule("", "cel", expressions, messages, messageExpressions));
                if (format == PolicyFormat.VALIDATING_ADMISSION_POLICY) {
                    advisory = Optional.of("a ValidatingAdmissionPolicy needs a binding to take effect; Guidepost "
                            + "shows it but checks it only through Kyverno test files");
                }
                String mode = PlainValues.string(spec, "evaluation", "mode");
                if (mode.equals("Envoy") || mode.equals("HTTP")) {
                    advisory = Optional.of(AUTHZ_MODE + " (evaluation.mode " + mode + ")");
                }
                kinds = MatchKinds.ofValidatingPolicy(spec, format != PolicyFormat.VALIDATING_ADMISSION_POLICY);
                List<String> validationActions = PlainValues.strings(spec, "validationActions");
                if (format != PolicyFormat.VALIDATING_ADMISSION_POLICY) {
                    checkFields(doc, spec, VALIDATING_POLICY_FIELDS, "spec");
                    List<Object> validations = PlainValues.list(spec, "validations");
                    for (int i = 0; i < validations.size(); i++) {
                        checkFields(doc, validations.get(i), VALIDATION_FIELDS, "spec", "validations", i);
                    }
                }
                action = KyvernoActions.backgroundOnly(spec) ? Action.AUDIT
                        : format == PolicyFormat.VALIDATING_ADMISSION_POLICY
                        ? KyvernoActions.validationActions(validationActions)
                        : KyvernoActions.ofCelPolicy(validationActions);
                if (KyvernoActions.backgroundOnly(spec)) {
                    notes.add(BACKGROUND_ONLY);
                }
            }
            default -> {
                rules.add(new Policy.Rule("", format.kind(), List.of(), List.of()));
                advisory = Optional.of(format == PolicyFormat.MUTATING_POLICY
                        ? "a " + format.kind() + " changes resources rather than validating them: checks apply its "
                                + "mutations before they validate, as the cluster does, but it rejects nothing itself"
                        : "a " + format.kind() + " creates or removes resources rather than validating them; "
                                + "Guidepost shows it but does not check it");
                kinds = MatchKinds.ofValidatingPolicy(spec, true);
                action = Action.AUDIT;
            }
        }
        String title = Texts.oneLine(PlainValues.string(annotations, ANNOTATION + "title"));
        return new Policy(id,
                title.isEmpty() ? Texts.humanize(id) : title,
                Texts.oneLine(PlainValues.string(annotations, ANNOTATION + "description")),
                "",
                List.of(),
                List.of(),
                PlainValues.string(annotations, ANNOTATION + "category"),
                PlainValues.string(annotations, ANNOTATION + "subject"),
                Severity.parse(PlainValues.string(annotations, ANNOTATION + "severity")).orElse(Severity.MEDIUM),
                "",
                "",
                action,
                kinds,
                format,
                rules,
                notes,
                advisory,
                Policy.Examples.NONE,
                doc.location(),
                root);
    }

    /** The text of a ClusterPolicy rule and its type: cel, pattern, deny, foreach, podSecurity, mutate, ... */
    private static Policy.Rule classicRule(Object rule) {
        String name = PlainValues.string(rule, "name");
        Map<String, Object> validate = PlainValues.map(rule, "validate");
        List<String> expressions = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        List<String> messageExpressions = new ArrayList<>();
        String message = PlainValues.string(validate, "message");
        if (!message.isEmpty()) {
            messages.add(message);
        }
        String type;
        if (validate.containsKey("cel")) {
            type = "cel";
            for (Object e : PlainValues.list(validate, "cel", "expressions")) {
                expressions.add(PlainValues.string(e, "expression"));
                String m = PlainValues.string(e, "message");
                if (!m.isEmpty()) {
                    messages.add(m);
                }
                String me = PlainValues.string(e, "messageExpression");
                if (!me.isEmpty()) {
                    messageExpressions.add(me);
                }
            }
        } else if (!validate.isEmpty()) {
            type = validate.containsKey("pattern") || validate.containsKey("anyPattern") ? "pattern"
                    : validate.containsKey("deny") ? "deny"
                    : validate.containsKey("foreach") ? "foreach"
                    : validate.containsKey("podSecurity") ? "podSecurity"
                    : validate.containsKey("manifests") ? "manifests"
                    : validate.containsKey("assert") ? "assert"
                    : "validate";
        } else if (PlainValues.at(rule, "mutate") != null) {
            type = "mutate";
        } else if (PlainValues.at(rule, "generate") != null) {
            type = "generate";
        } else if (PlainValues.at(rule, "verifyImages") != null) {
            type = "verifyImages";
        } else {
            type = "unknown";
        }
        return new Policy.Rule(name, type, expressions, messages, messageExpressions);
    }

    /**
     * A value Kyverno's schema does not allow (a misspelt failure or validation action), or empty. The Kyverno CLI
     * leaves such a document out of a test rather than failing it, so a pack treats it as an error and a test run
     * as a policy that is not there.
     */
    static Optional<GuidepostException> disallowedValue(PolicyDocument doc, PolicyFormat format) {
        Map<String, Object> spec = PlainValues.map(doc.root(), "spec");
        if (format == PolicyFormat.CLUSTER_POLICY || format == PolicyFormat.KYVERNO_POLICY) {
            String policyAction = PlainValues.string(spec, "validationFailureAction");
            if (!policyAction.isEmpty() && !List.of("Audit", "audit", "Enforce", "enforce").contains(policyAction)) {
                return Optional.of(doc.error("spec.validationFailureAction is '" + policyAction
                        + "'; Kyverno accepts Enforce or Audit", "spec", "validationFailureAction"));
            }
            List<Object> rules = PlainValues.list(spec, "rules");
            for (int i = 0; i < rules.size(); i++) {
                String ruleAction = PlainValues.string(rules.get(i), "validate", "failureAction");
                if (!ruleAction.isEmpty() && !List.of("Audit", "Enforce").contains(ruleAction)) {
                    return Optional.of(doc.error("validate.failureAction of rule '"
                            + PlainValues.string(rules.get(i), "name") + "' is '" + ruleAction
                            + "'; Kyverno accepts Enforce or Audit (case matters)", "spec", "rules", i, "validate",
                            "failureAction"));
                }
                Optional<GuidepostException> operator = unknownOperator(doc, rules.get(i), List.of("spec", "rules", i));
                if (operator.isPresent()) {
                    return operator;
                }
            }
        } else if (format == PolicyFormat.VALIDATING_POLICY || format == PolicyFormat.NAMESPACED_VALIDATING_POLICY) {
            List<String> validationActions = PlainValues.strings(spec, "validationActions");
            for (int i = 0; i < validationActions.size(); i++) {
                if (!List.of("Deny", "Warn", "Audit").contains(validationActions.get(i))) {
                    return Optional.of(doc.error("spec.validationActions has '" + validationActions.get(i)
                            + "'; Kyverno accepts Deny, Warn and Audit (case matters)", "spec", "validationActions",
                            i));
                }
            }
        }
        return Optional.empty();
    }

    /** The operators Kyverno's policy validation accepts in conditions (case matters; Equal/NotEqual are old). */
    private static final List<String> OPERATORS = List.of("Equals", "NotEquals", "Equal", "NotEqual", "In", "AnyIn",
            "AllIn", "NotIn", "AnyNotIn", "AllNotIn", "GreaterThanOrEquals", "GreaterThan", "LessThanOrEquals",
            "LessThan", "DurationGreaterThanOrEquals", "DurationGreaterThan", "DurationLessThanOrEquals",
            "DurationLessThan");

    /**
     * The first condition of a rule (its preconditions, a deny's conditions, and those of its validate foreach
     * entries, nested ones too) whose operator Kyverno's policy validation rejects, which drops the policy.
     */
    private static Optional<GuidepostException> unknownOperator(PolicyDocument doc, Object node, List<Object> path) {
        for (String[] block : new String[][] {{"preconditions"}, {"deny", "conditions"},
                {"validate", "deny", "conditions"}}) {
            Object conditions = PlainValues.at(node, block);
            List<Object> at = YamlDocument.path(path, (Object[]) block);
            if (conditions instanceof List<?> items) {
                Optional<GuidepostException> found = unknownOperator(doc, items, at);
                if (found.isPresent()) {
                    return found;
                }
            } else if (conditions instanceof Map<?, ?>) {
                for (String group : List.of("any", "all")) {
                    Optional<GuidepostException> found = unknownOperator(doc, PlainValues.list(conditions, group),
                            YamlDocument.path(at, group));
                    if (found.isPresent()) {
                        return found;
                    }
                }
            }
        }
        for (String[] foreachPath : new String[][] {{"foreach"}, {"validate", "foreach"}}) {
            List<Object> entries = PlainValues.list(node, foreachPath);
            List<Object> base = YamlDocument.path(path, (Object[]) foreachPath);
            for (int i = 0; i < entries.size(); i++) {
                Optional<GuidepostException> inner = unknownOperator(doc, entries.get(i), YamlDocument.path(base, i));
                if (inner.isPresent()) {
                    return inner;
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<GuidepostException> unknownOperator(PolicyDocument doc, List<?> conditions,
            List<Object> path) {
        for (int i = 0; i < conditions.size(); i++) {
            Object operator = PlainValues.at(conditions.get(i), "operator");
            if (operator != null && !OPERATORS.contains(String.valueOf(operator))) {
                String written = String.valueOf(operator);
                String meant = OPERATORS.stream().filter(o -> o.equalsIgnoreCase(written)
                        || IdSimilarity.distance(o, written) <= 2).findFirst()
                        .map(o -> "did you mean " + o + "? ").orElse("");
                return Optional.of(doc.error("condition operator '" + written + "' is not one Kyverno accepts; "
                        + meant + "the operators are " + String.join(", ", OPERATORS),
                        YamlDocument.path(path, i, "operator").toArray()));
            }
        }
        return Optional.empty();
    }

    /**
     * For a pack (not a Kyverno test, whose policies are taken as the CLI takes them): the first variable of each
     * rule whose JMESPath does not parse, as a warning with its file and line. Not an error, since Kyverno's own
     * JMESPath may accept what Guidepost's parser does not.
     */
    static List<String> variableWarnings(PolicyDocument doc, PolicyFormat format) {
        if (format != PolicyFormat.CLUSTER_POLICY && format != PolicyFormat.KYVERNO_POLICY) {
            return List.of();
        }
        List<String> warnings = new ArrayList<>();
        List<Object> rules = PlainValues.list(doc.root(), "spec", "rules");
        for (int i = 0; i < rules.size(); i++) {
            brokenVariable(doc, rules.get(i), List.of("spec", "rules", i))
                    .ifPresent(e -> warnings.add(e.getMessage()));
        }
        return warnings;
    }

    /** The first string (or key) of a rule holding a <code>{{ }}</code> variable whose JMESPath does not parse. */
    private static Optional<GuidepostException> brokenVariable(PolicyDocument doc, Object node, List<Object> path) {
        if (node instanceof String text) {
            return Variables.syntaxError(text).map(why -> doc.error("broken JMESPath in the variable " + why
                    + "; Kyverno's admission refuses a policy with an invalid variable, and where it runs one a "
                    + "condition reads it as an empty string", path.toArray()));
        }
        if (node instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                List<Object> at = YamlDocument.path(path, String.valueOf(e.getKey()));
                Optional<GuidepostException> found = brokenVariable(doc, String.valueOf(e.getKey()), at)
                        .or(() -> brokenVariable(doc, e.getValue(), at));
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                Optional<GuidepostException> found = brokenVariable(doc, list.get(i), YamlDocument.path(path, i));
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    /** A misspelt field would make a rule silently unchecked; Kyverno rejects unknown fields, and so does this. */
    private static void checkFields(PolicyDocument doc, Object node, List<String> known, Object... path) {
        if (!(node instanceof Map<?, ?> map)) {
            return;
        }
        for (Object key : map.keySet()) {
            if (!known.contains(String.valueOf(key))) {
                List<Object> at = new ArrayList<>(List.of(path));
                at.add(key);
                String meant = IdSimilarity.didYouMean(IdSimilarity.similar(known, String.valueOf(key)));
                throw doc.error("unknown field '" + key + "' in " + describe(path) + meant + (meant.isEmpty()
                        ? "; Kyverno's" : " Kyverno's") + " fields there are " + String.join(", ", known),
                        at.toArray());
            }
        }
    }

    static String describe(Object... path) {
        StringBuilder out = new StringBuilder();
        for (Object p : path) {
            out.append(p instanceof Integer i ? "[" + i + "]" : (out.length() == 0 ? "" : ".") + p);
        }
        return out.toString();
    }

    /**
     * The policy's action where no failure-action override applies: the strictest of its rules' actions (the
     * policy's own for a rule without one). Overrides change the action by namespace; a check reports each result
     * with the action of its namespace.
     */
    private static Action classicAction(Map<String, Object> spec) {
        return PlainValues.list(spec, "rules").stream().map(rule -> KyvernoActions.ofRule(spec, rule))
                .min(Action::compareTo)
                .orElse(KyvernoActions.classic(PlainValues.string(spec, "validationFailureAction")));
    }
}
