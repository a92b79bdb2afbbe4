package dev.guidepost.core.internal.search;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.guidepost.core.Policy;

/**
 * The searchable parts of a policy, each with the text it contributes. Lexical search weights them separately
 * (BM25F) and a hit explains itself by naming the parts that matched.
 */
enum PolicyField {
    /** The policy id split into words ({@code require-run-as-nonroot}). */
    ID("id"),
    TITLE("title"),
    DESCRIPTION("description"),
    CATEGORY("category"),
    /** Kyverno's subject annotation and the kinds the match rules select. */
    KINDS("kinds"),
    /** Rule names and the messages shown on failure. */
    RULES("rule messages"),
    KEYWORDS("keywords"),
    QUESTIONS("questions"),
    /** Rationale and remediation of Guidepost policies. */
    GUIDANCE("guidance"),
    /** Field names and short values the rules constrain ({@link RuleVocabulary}). */
    FIELDS("constrained fields");

    private final String label;

    PolicyField(String label) {
        this.label = label;
    }

    /** The name shown to people when this part matched. */
    String label() {
        return label;
    }

    /** The text this part holds for a policy. */
    String text(Policy policy) {
        return switch (this) {
            case ID -> policy.id();
            case TITLE -> policy.title();
            case DESCRIPTION -> policy.description();
            case CATEGORY -> policy.category();
            case KINDS -> kinds(policy);
            case RULES -> rules(policy);
            case KEYWORDS -> String.join(", ", policy.keywords());
            case QUESTIONS -> String.join(" ", policy.questions());
            case GUIDANCE -> (policy.rationale() + " " + policy.remediation()).strip();
            case FIELDS -> String.join(" ", RuleVocabulary.of(policy));
        };
    }

    private static String kinds(Policy policy) {
        Set<String> kinds = new LinkedHashSet<>();
        for (String s : policy.subject().split(",")) {
            if (!s.isBlank()) {
                kinds.add(s.strip());
            }
        }
        kinds.addAll(policy.kinds());
        return String.join(", ", kinds);
    }

    private static String rules(Policy policy) {
        List<String> parts = new ArrayList<>();
        for (Policy.Rule rule : policy.rules()) {
            if (!rule.name().isEmpty()) {
                parts.add(rule.name());
            }
            parts.addAll(rule.messages());
        }
        return String.join(". ", new LinkedHashSet<>(parts));
    }
}
