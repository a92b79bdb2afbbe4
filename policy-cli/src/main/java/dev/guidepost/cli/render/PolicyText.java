package dev.guidepost.cli.render;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.guidepost.core.CelRules;
import dev.guidepost.core.Manifest;
import dev.guidepost.core.Policy;
import dev.guidepost.core.SearchHit;

/** Policies and search hits as plain English for people and agents: what the rule is, why, how to comply. */
public final class PolicyText {

    private static final int LINE = 110;

    private static final String ADVISORY_MARK = " (advisory)";
    private static final String WEAK_MARK = " (weak match)";

    private static final int DEFAULT_ID_WIDTH = 34;

    private final Style style;
    private final int idWidth;

    public PolicyText(Style style) {
        this(style, DEFAULT_ID_WIDTH);
    }

    private PolicyText(Style style, int idWidth) {
        this.style = style;
        this.idWidth = idWidth;
    }

    /** The same text whose lines give the id column the width of the longest of these ids, so columns line up. */
    public PolicyText alignedTo(Collection<Policy> policies) {
        return new PolicyText(style, Math.max(1, policies.stream().mapToInt(p -> p.id().length()).max().orElse(1)));
    }

    /**
     * One line per hit, the policy id first: {@code id  score  severity  title — description}; an advisory policy's
     * title is followed by {@code (advisory)}, a weak match's by {@code (weak match)}.
     */
    public String hitLine(SearchHit hit) {
        Policy p = hit.policy();
        String head = String.format(java.util.Locale.ROOT, "%-" + idWidth + "s %6.2f  %-8s ", p.id(), hit.score(),
                p.severity().label());
        String title = p.title() + (p.enforceable() ? "" : ADVISORY_MARK);
        String weak = hit.weakMatch() ? WEAK_MARK : "";
        return style.bold(p.id()) + head.substring(p.id().length()) + p.title()
                + (p.enforceable() ? "" : style.dim(ADVISORY_MARK)) + style.dim(weak) + dimmed(" — ",
                p.description(), Math.max(40, LINE - head.length() - title.length() - weak.length()));
    }

    /** One line per policy for listings: {@code id  severity  action  kinds  title}. */
    public String listLine(Policy p) {
        String head = String.format(java.util.Locale.ROOT, "%-" + idWidth + "s %-8s %-8s ", p.id(), p.severity().label(),
                action(p));
        String kinds = String.join(",", p.aboutKinds());
        return style.bold(p.id()) + head.substring(p.id().length()) + p.title()
                + (kinds.isEmpty() ? "" : style.dim(" [" + kinds + "]"));
    }

    /**
     * What a policy does to a check: its action ({@code Enforce}, {@code Audit}, {@code Warn}), or {@code advisory}
     * for a policy that is never checked, whatever action it declares.
     */
    public static String action(Policy p) {
        if (!p.enforceable()) {
            return "advisory";
        }
        List<String> overrides = p.actionOverrides();
        return p.action().label() + (overrides.isEmpty() ? "" : " (" + String.join("; ", overrides) + ")");
    }

    /** Rule types of Kyverno's legacy language that Guidepost evaluates. */
    private static final Set<String> LEGACY_TYPES = Set.of("pattern", "deny", "foreach");

    /**
     * {@link #explain(Policy, List)}, then the policy document itself when the rules shown do not hold all of the
     * policy's logic as CEL, under a heading that says why.
     */
    public String explainInFull(Policy p, List<String> exceptions) {
        return explain(p, exceptions) + documentHeading(p).map(heading -> "\n" + heading + "\n"
                + YamlText.of(PolicyDefinition.withoutExamples(p))).orElse("");
    }

    /**
     * What a policy narrows beyond its kinds and labels: for a Guidepost policy's short match form its namespaces,
     * excluded namespaces, object labels, operations and autogen; for a ValidatingPolicy the resources its
     * {@code excludeResourceRules} leave out, its autogen controllers, its validation actions and a
     * {@code failurePolicy: Ignore}; empty when it narrows nothing (ClusterPolicies show their document).
     */
    public static Optional<String> scope(Policy p) {
        if (!(p.definition().get("spec") instanceof Map<?, ?> spec)) {
            return Optional.empty();
        }
        if (p.format() == dev.guidepost.core.PolicyFormat.VALIDATING_POLICY) {
            return validatingPolicyScope(spec);
        }
        if (p.format() != dev.guidepost.core.PolicyFormat.GUIDEPOST) {
            return Optional.empty();
        }
        List<String> parts = new java.util.ArrayList<>();
        Map<?, ?> match = spec.get("match") instanceof Map<?, ?> m ? m : Map.of();
        if (match.get("namespaces") instanceof List<?> names && !names.isEmpty()) {
            parts.add("only in namespace" + (names.size() == 1 ? " " : "s ") + join(names));
        }
        if (match.get("excludeNamespaces") instanceof List<?> names && !names.isEmpty()) {
            parts.add("not in namespace" + (names.size() == 1 ? " " : "s ") + join(names));
        }
        if (match.get("labels") instanceof Map<?, ?> labels && !labels.isEmpty()) {
            parts.add("only objects labelled " + labels.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(java.util.stream.Collectors.joining(", ")));
        }
        if (match.get("operations") instanceof List<?> operations && !operations.isEmpty()) {
            parts.add("on " + join(operations));
        }
        Object autogen = spec.get("autogen");
        if (Boolean.FALSE.equals(autogen)) {
            parts.add("autogen off: pod controllers are not checked themselves; the Pods they create are, when "
                    + "created");
        } else if (autogen instanceof List<?> kinds) {
            parts.add("autogen only for " + join(kinds));
        }
        return parts.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", parts));
    }

    private static Optional<String> validatingPolicyScope(Map<?, ?> spec) {
        List<String> parts = new java.util.ArrayList<>();
        Map<?, ?> constraints = spec.get("matchConstraints") instanceof Map<?, ?> m ? m : Map.of();
        if (constraints.get("excludeResourceRules") instanceof List<?> rules) {
            for (Object rule : rules) {
                if (rule instanceof Map<?, ?> r && r.get("resources") instanceof List<?> resources) {
                    List<?> names = r.get("resourceNames") instanceof List<?> n ? n : List.of();
                    parts.add("not for " + join(resources) + (names.isEmpty() ? "" : " named " + join(names)));
                }
            }
        }
        Object controllers = spec.get("autogen") instanceof Map<?, ?> autogen
                && autogen.get("podControllers") instanceof Map<?, ?> pods ? pods.get("controllers") : null;
        if (controllers instanceof List<?> kinds) {
            parts.add(kinds.isEmpty() ? "autogen off: pod controllers are not checked themselves; the Pods they "
                    + "create are, when created" : "autogen only for " + join(kinds) + "; other pod controllers "
                    + "are not checked themselves, the Pods they create are");
        }
        if (spec.get("validationActions") instanceof List<?> actions && actions.size() > 1) {
            parts.add("validation actions " + join(actions));
        }
        if ("Ignore".equals(spec.get("failurePolicy"))) {
            parts.add("failurePolicy Ignore: an object the policy cannot evaluate is admitted");
        }
        return parts.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", parts));
    }

    private static String join(List<?> values) {
        return values.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(", "));
    }

    /** Why the document is shown, or empty when the rules above say it all. */
    static Optional<String> documentHeading(Policy p) {
        if (p.rules().isEmpty()) {
            return Optional.of("Policy document (advisory: the policy has no rules, so nothing is "
                    + "checked):");
        }
        List<String> types = p.rules().stream().filter(r -> r.expressions().isEmpty()).map(Policy.Rule::type)
                .distinct().toList();
        if (types.isEmpty()) {
            return Optional.empty();
        }
        if (LEGACY_TYPES.containsAll(types) && p.enforceable() && p.notes().isEmpty()) {
            return Optional.of("Policy document (its " + String.join(" and ", types) + " rules are in "
                    + "Kyverno's legacy language, which Guidepost evaluates as Kyverno does):");
        }
        return Optional.of("Policy document (the logic of its " + String.join(" and ", types)
                + " rules is in this YAML, not in CEL" + (p.enforceable() ? "" : "; advisory, never checked")
                + (p.notes().isEmpty() ? "" : "; the notes above say what Guidepost does not check") + "):");
    }

    /**
     * The full explanation: text, rationale, remediation, rules with their CEL, messages and message expressions,
     * one compliant example.
     */
    public String explain(Policy p) {
        return explain(p, List.of());
    }

    /** {@link #explain(Policy)}, naming the pack's PolicyExceptions that exempt from the policy. */
    public String explain(Policy p, List<String> exceptions) {
        StringBuilder out = new StringBuilder();
        out.append(style.bold(p.id())).append(" — ").append(p.title()).append('\n');
        out.append(style.dim(facts(p))).append("\n\n");
        paragraph(out, "", p.description());
        paragraph(out, "Why: ", p.rationale());
        paragraph(out, "How to comply: ", p.remediation());
        p.namespaceSelection().ifPresent(labels -> paragraph(out, "Applies only in namespaces labelled: ", labels
                + " (a check needs the Namespace manifest to tell)"));
        p.objectSelection().ifPresent(labels -> paragraph(out, "Applies only to objects labelled: ", labels
                + " (others are not checked)"));
        scope(p).ifPresent(scope -> paragraph(out, "Scope: ", scope));
        if (!exceptions.isEmpty()) {
            paragraph(out, "Exceptions: ", "the pack's PolicyException" + (exceptions.size() == 1 ? " " : "s ")
                    + String.join(", ", exceptions) + (exceptions.size() == 1 ? " exempts" : " exempt")
                    + " some objects from it, in checks and in the cluster");
        }
        p.advisoryReason().ifPresent(reason -> paragraph(out, "Advisory (never fails a check): ", reason));
        CelRules cel = CelRules.of(p);
        if (!cel.isEmpty()) {
            celRules(out, cel);
        } else if (!p.rules().isEmpty()) {
            out.append(style.bold("Rules")).append('\n');
            for (Policy.Rule rule : p.rules()) {
                out.append("  ").append(rule.name().isEmpty() ? p.id() : rule.name()).append(" (").append(rule.type())
                        .append(")\n");
                for (String expression : rule.expressions()) {
                    out.append("    CEL: ").append(indentTail(expression.strip(), "         ")).append('\n');
                }
                for (String message : rule.messages()) {
                    out.append("    message: ").append(indentTail(message.strip(), "             ")).append('\n');
                }
                for (String message : rule.messageExpressions()) {
                    out.append("    message (CEL): ").append(indentTail(message.strip(), "                   "))
                            .append('\n');
                }
            }
            out.append('\n');
        }
        for (String note : p.notes()) {
            out.append("Note: ").append(note).append('\n');
        }
        example(out, "Compliant examples", p.examples().pass());
        example(out, "Non-compliant examples", p.examples().fail());
        out.append(style.dim("source: " + p.source())).append('\n');
        return out.toString();
    }

    /** The variables, match conditions and validations of a ValidatingPolicy-shaped policy, each with its own messages. */
    private void celRules(StringBuilder out, CelRules cel) {
        if (!cel.variables().isEmpty()) {
            out.append(style.bold("Variables")).append(" (CEL, read as variables.NAME)\n");
            for (CelRules.Variable v : cel.variables()) {
                line(out, "  " + v.name() + " = ", v.expression());
            }
            out.append('\n');
        }
        if (!cel.matchConditions().isEmpty()) {
            out.append(style.bold("Match conditions")).append(" (CEL; the policy applies only when all are true)\n");
            for (CelRules.MatchCondition c : cel.matchConditions()) {
                line(out, "  " + c.name() + ": ", c.expression());
            }
            out.append('\n');
        }
        out.append(style.bold("Validations")).append(" (CEL; each must be true)\n");
        int n = 1;
        for (CelRules.Validation v : cel.validations()) {
            String head = "  " + n++ + ". ";
            line(out, head, v.expression());
            String pad = " ".repeat(head.length());
            if (!v.message().isEmpty()) {
                line(out, pad + "message: ", v.message());
            }
            if (!v.messageExpression().isEmpty()) {
                line(out, pad + "message (CEL): ", v.messageExpression());
            }
        }
        out.append('\n');
    }

    /** A head and a text whose further lines are indented under its first. */
    private static void line(StringBuilder out, String head, String text) {
        out.append(head).append(indentTail(text, " ".repeat(head.length()))).append('\n');
    }

    /** Severity, action ({@code advisory} for a policy that is never checked), category, owner and kinds on one line. */
    public String facts(Policy p) {
        StringBuilder facts = new StringBuilder();
        facts.append("severity ").append(p.severity().label()).append(" · ").append(action(p));
        if (!p.category().isEmpty()) {
            facts.append(" · ").append(p.category());
        }
        if (!p.owner().isEmpty()) {
            facts.append(" · owner ").append(p.owner());
        }
        List<String> kinds = p.aboutKinds();
        if (!kinds.isEmpty()) {
            facts.append(" · applies to ").append(String.join(", ", kinds));
        }
        return facts.toString();
    }

    /** Every manifest of an example list, as the policy's tests see them (a Namespace may give the others context). */
    private void example(StringBuilder out, String heading, List<Manifest> examples) {
        if (examples.isEmpty()) {
            return;
        }
        out.append(style.bold(heading)).append('\n');
        for (int i = 0; i < examples.size(); i++) {
            if (i > 0) {
                out.append("  ---\n");
            }
            out.append(indent(YamlText.of(examples.get(i).object()), "  ")).append('\n');
        }
        out.append('\n');
    }

    private String dimmed(String separator, String text, int width) {
        if (text.isEmpty()) {
            return "";
        }
        String flat = text.replaceAll("\\s+", " ").strip();
        String cut = flat.length() > width ? flat.substring(0, width - 1) + "…" : flat;
        return style.dim(separator + cut);
    }

    private static void paragraph(StringBuilder out, String label, String text) {
        if (!text.isBlank()) {
            out.append(label).append(text.strip()).append("\n\n");
        }
    }

    private static String indentTail(String text, String indent) {
        return text.replace("\n", "\n" + indent);
    }

    private static String indent(String text, String indent) {
        return indent + text.stripTrailing().replace("\n", "\n" + indent);
    }
}
