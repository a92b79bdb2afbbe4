package dev.guidepost.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import dev.guidepost.core.internal.match.LabelSelector;
import dev.guidepost.core.internal.match.MatchSections;
import dev.guidepost.core.internal.yaml.PlainValues;

/**
 * One policy of a pack, in plain English first: what the rule is, why it exists, how to comply, and the machine
 * checkable rules behind it. Policies written in Guidepost's format and Kyverno policies imported as they are both
 * become a {@code Policy}; Kyverno's text comes from its {@code policies.kyverno.io/*} annotations.
 *
 * <p>A policy is <em>advisory</em> when it has nothing Guidepost can check (no validations, or only Kyverno rules
 * such as mutate or generate that are not validations): it is searchable and shown, and never fails a check.
 *
 * @param id            the policy's id ({@code metadata.name})
 * @param title         a one-line title
 * @param description   the rule as people say it
 * @param rationale     why the rule exists (may be empty)
 * @param keywords      words people use for the topic, to help search
 * @param questions     example questions this policy answers, to help search
 * @param category      a category such as "Security" (may be empty)
 * @param subject       the Kubernetes kinds the text is about, as Kyverno's {@code subject} annotation
 * @param severity      how serious a violation is
 * @param owner         who owns the rule (may be empty)
 * @param remediation   how to comply (may be empty)
 * @param action        what the cluster does on a violation
 * @param kinds         the kinds the policy's match rules select (after autogen), for filtering
 * @param format        the file format it was written in
 * @param rules         the rules, with their expressions and messages
 * @param notes         notes on rules that Guidepost cannot check (empty when everything is checked)
 * @param advisoryReason why the policy is advisory; empty when it is checked
 * @param examples      manifests that must pass and must fail the policy
 * @param source        where the policy was read from
 * @param definition    the policy document as read (unmodifiable)
 */
public record Policy(
        String id,
        String title,
        String description,
        String rationale,
        List<String> keywords,
        List<String> questions,
        String category,
        String subject,
        Severity severity,
        String owner,
        String remediation,
        Action action,
        List<String> kinds,
        PolicyFormat format,
        List<Rule> rules,
        List<String> notes,
        Optional<String> advisoryReason,
        Examples examples,
        SourceLocation source,
        Map<String, Object> definition) {

    @SuppressWarnings("unchecked")
    public Policy {
        Objects.requireNonNull(id, "id");
        title = Objects.requireNonNullElse(title, id);
        description = Objects.requireNonNullElse(description, "");
        rationale = Objects.requireNonNullElse(rationale, "");
        keywords = List.copyOf(keywords);
        questions = List.copyOf(questions);
        category = Objects.requireNonNullElse(category, "");
        subject = Objects.requireNonNullElse(subject, "");
        severity = Objects.requireNonNullElse(severity, Severity.MEDIUM);
        owner = Objects.requireNonNullElse(owner, "");
        remediation = Objects.requireNonNullElse(remediation, "");
        action = Objects.requireNonNullElse(action, Action.AUDIT);
        kinds = List.copyOf(kinds);
        Objects.requireNonNull(format, "format");
        rules = List.copyOf(rules);
        notes = List.copyOf(notes);
        Objects.requireNonNull(advisoryReason, "advisoryReason");
        examples = Objects.requireNonNullElse(examples, Examples.NONE);
        Objects.requireNonNull(source, "source");
        definition = (Map<String, Object>) PlainValues.immutableCopy(Objects.requireNonNull(definition,
                "definition"));
    }

    /**
     * True when the other policy says the same as this one wherever each was read from (their examples' objects
     * compared, not where those were written): for telling a policy read twice from two that share an id.
     */
    boolean sameContent(Policy other) {
        return new Policy(id, title, description, rationale, keywords, questions, category, subject, severity, owner,
                remediation, action, kinds, format, rules, notes, advisoryReason, Examples.NONE, other.source,
                definition).equals(new Policy(other.id, other.title, other.description, other.rationale,
                        other.keywords, other.questions, other.category, other.subject, other.severity, other.owner,
                        other.remediation, other.action, other.kinds, other.format, other.rules, other.notes,
                        other.advisoryReason, Examples.NONE, other.source, other.definition))
                && objects(examples.pass()).equals(objects(other.examples.pass()))
                && objects(examples.fail()).equals(objects(other.examples.fail()));
    }

    private static List<Map<String, Object>> objects(List<Manifest> manifests) {
        return manifests.stream().map(Manifest::object).toList();
    }

    /**
     * The kinds the policy is about: what its match rules select, else the kinds its subject names (an advisory
     * policy without match rules, {@code subject: Pod, StatefulSet}).
     */
    public List<String> aboutKinds() {
        if (!kinds.isEmpty()) {
            return kinds;
        }
        return java.util.Arrays.stream(subject.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** The categories its category names, as filters read it ({@code Best Practices, EKS Best Practices}). */
    public List<String> categories() {
        return java.util.Arrays.stream(category.split(",")).map(String::strip).filter(c -> !c.isEmpty()).toList();
    }

    /** True when the policy has rules Guidepost checks; false for advisory policies. */
    public boolean enforceable() {
        return advisoryReason.isEmpty();
    }

    /**
     * True when a check evaluates at least one of its rules. An enforceable policy whose rules Guidepost cannot
     * evaluate (only Kyverno {@code verifyImages} rules, say) is still enforced by the cluster: a check reports it
     * as not checked rather than passing it.
     */
    public boolean checked() {
        return enforceable() && rules.stream().anyMatch(Rule::checked);
    }

    /**
     * The namespace labels the policy's match rules require, in words ({@code env=prod},
     * {@code team in (payments, shop)}), or empty when it selects namespaces by name or not at all. A policy with a
     * namespace selector applies only where the namespace's labels match, which a manifest alone does not tell.
     */
    public Optional<String> namespaceSelection() {
        List<String> selectors = MatchSections.valuesOf(definition, "namespaceSelector").stream()
                .filter(Map.class::isInstance).map(selector -> LabelSelector.of(selector).describe())
                .filter(text -> !text.isEmpty()).distinct().toList();
        return selectors.isEmpty() ? Optional.empty() : Optional.of(String.join(" or ", selectors));
    }

    /**
     * The object labels the policy's match rules require, in words ({@code app.kubernetes.io/part-of=shop},
     * {@code !policy.acme.io/exempt}), or empty when they require none: objects without them are not selected (an
     * opt-out label, often).
     */
    public Optional<String> objectSelection() {
        List<String> selectors = new ArrayList<>();
        for (String key : List.of("objectSelector", "selector")) {
            MatchSections.valuesOf(definition, key).stream().filter(Map.class::isInstance)
                    .map(selector -> LabelSelector.of(selector).describe()).filter(text -> !text.isEmpty())
                    .filter(text -> !selectors.contains(text)).forEach(selectors::add);
        }
        return selectors.isEmpty() ? Optional.empty() : Optional.of(String.join(" or ", selectors));
    }

    /**
     * Where an imported Kyverno ClusterPolicy's failure-action overrides change its {@link #action()}, as text
     * ({@code Enforce in prod-*}), policy overrides first; empty for policies without overrides.
     */
    public List<String> actionOverrides() {
        Map<String, Object> spec = PlainValues.map(definition, "spec");
        List<Object> entries = new ArrayList<>(PlainValues.list(spec,
                "validationFailureActionOverrides"));
        for (Object rule : PlainValues.list(spec, "rules")) {
            entries.addAll(PlainValues.list(rule, "validate",
                    "failureActionOverrides"));
        }
        List<String> out = new ArrayList<>();
        for (Object o : entries) {
            String action = PlainValues.string(o, "action");
            List<String> namespaces = PlainValues.strings(o, "namespaces");
            String text = Action.parse(action).map(Action::label).orElse(action) + " in "
                    + (namespaces.isEmpty() ? "selected namespaces" : String.join(", ", namespaces));
            if (!out.contains(text)) {
                out.add(text);
            }
        }
        return List.copyOf(out);
    }

    /**
     * One rule of a policy, as text: a Guidepost or ValidatingPolicy policy has one rule holding all its
     * validations (named after the policy); a ClusterPolicy has one per {@code spec.rules} entry.
     *
     * @param name        the rule's name ({@code ""} for rule-less kinds such as ValidatingPolicy)
     * @param type        {@code cel}, {@code pattern}, {@code deny}, {@code mutate}, {@code generate}, ...
     * @param expressions        the CEL expressions (validations, conditions) of the rule
     * @param messages           the messages shown on failure
     * @param messageExpressions the CEL expressions that compute the message shown on failure
     *                           ({@code messageExpression})
     */
    public record Rule(String name, String type, List<String> expressions, List<String> messages,
            List<String> messageExpressions) {
        public Rule {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
            expressions = List.copyOf(expressions);
            messages = List.copyOf(messages);
            messageExpressions = List.copyOf(messageExpressions);
        }

        /** A rule without message expressions. */
        public Rule(String name, String type, List<String> expressions, List<String> messages) {
            this(name, type, expressions, messages, List.of());
        }

        /** The rule types Guidepost evaluates: CEL, and Kyverno's pattern, deny, foreach and podSecurity. */
        private static final Set<String> CHECKED_TYPES = Set.of("cel", "pattern", "deny", "foreach", "podSecurity");

        /**
         * True when Guidepost evaluates a rule of this type; a Kyverno {@code verifyImages}, {@code manifests},
         * {@code mutate} or {@code generate} rule is shown but not checked.
         */
        public boolean checked() {
            return CHECKED_TYPES.contains(type);
        }

        /**
         * False for Kyverno {@code mutate} and {@code generate} rules: they change or create objects and never
         * reject a request, so one left unchecked blocks nothing.
         */
        public boolean canReject() {
            return !type.equals("mutate") && !type.equals("generate");
        }

        /**
         * The name a rule is written with in the pack, given the name a result reports: Kyverno's autogen reports
         * a Pod rule's checks of pod controllers as {@code autogen-<name>} and of CronJobs as
         * {@code autogen-cronjob-<name>}; any other name is returned as it is.
         */
        public static String writtenName(String reported) {
            return reported.startsWith("autogen-cronjob-") ? reported.substring("autogen-cronjob-".length())
                    : reported.startsWith("autogen-") ? reported.substring("autogen-".length()) : reported;
        }
    }

    /**
     * A policy's own examples: manifests that must pass and manifests that must fail it.
     *
     * @param pass compliant manifests
     * @param fail non-compliant manifests
     */
    public record Examples(List<Manifest> pass, List<Manifest> fail) {
        /** No examples. */
        public static final Examples NONE = new Examples(List.of(), List.of());

        public Examples {
            pass = List.copyOf(pass);
            fail = List.copyOf(fail);
        }

        /** True when there are no examples. */
        public boolean isEmpty() {
            return pass.isEmpty() && fail.isEmpty();
        }
    }

    /** The id, title, severity, action and where it is written: a log line, not the whole definition. */
    @Override
    public String toString() {
        return "Policy[" + id + " \"" + title + "\" " + severity.label() + " " + action + " " + source + "]";
    }
}
