package dev.guidepost.core.internal.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.guidepost.core.Policy;

/**
 * One text of a policy that gets its own embedding. A policy is embedded several ways because a question may
 * echo its title, paraphrase its description, quote a failure message or name a field it constrains; a single
 * vector of everything blurs those apart. {@link #texts(Policy)} gives the views of one policy.
 *
 * @param name the view's name ({@code summary}, {@code title}, ..., {@code question-2})
 * @param text the text embedded for it
 */
record PolicyView(String name, String text) {

    /** The whole policy as people read it: title, category, kinds, description and failure messages. */
    static final String SUMMARY = "summary";
    /** The title and the id in words. */
    static final String TITLE = "title";
    /** The description alone. */
    static final String DESCRIPTION = "description";
    /** The rule names and failure messages. */
    static final String RULES = "rules";
    /** The fields the rules constrain, in words, with the kinds. */
    static final String FIELDS = "fields";
    /** The pack's keywords for the policy. */
    static final String KEYWORDS = "keywords";
    /** Prefix of the views of the pack's example questions. */
    static final String QUESTION = "question-";

    /** The views of a policy; views with no text are left out. */
    static List<PolicyView> texts(Policy policy) {
        List<PolicyView> views = new ArrayList<>();
        String title = policy.title();
        String kinds = PolicyField.KINDS.text(policy);
        String rules = PolicyField.RULES.text(policy);
        add(views, SUMMARY, sentence(title) + sentence(policy.category()) + sentence(kinds)
                + sentence(policy.description()) + sentence(messages(policy)));
        add(views, TITLE, sentence(title) + words(policy.id()));
        add(views, DESCRIPTION, policy.description());
        add(views, RULES, rules.isEmpty() ? "" : rules.replace('-', ' '));
        List<String> vocabulary = RuleVocabulary.of(policy);
        add(views, FIELDS, vocabulary.isEmpty() ? ""
                : sentence(kinds) + String.join(", ", vocabulary.stream().map(PolicyView::words).toList()));
        add(views, KEYWORDS, String.join(", ", policy.keywords()));
        for (int i = 0; i < policy.questions().size(); i++) {
            add(views, QUESTION + (i + 1), policy.questions().get(i));
        }
        return views;
    }

    private static String messages(Policy policy) {
        List<String> messages = new ArrayList<>();
        for (Policy.Rule rule : policy.rules()) {
            for (String m : rule.messages()) {
                if (!messages.contains(m)) {
                    messages.add(m);
                }
            }
        }
        return String.join(" ", messages);
    }

    /** Splits identifiers into plain words: {@code runAsNonRoot} → "run as non root". */
    static String words(String identifier) {
        return String.join(" ", Tokenizer.get().words(identifier)).toLowerCase(Locale.ROOT);
    }

    private static String sentence(String text) {
        String t = text.strip();
        if (t.isEmpty()) {
            return "";
        }
        return t.endsWith(".") || t.endsWith("?") || t.endsWith("!") ? t + " " : t + ". ";
    }

    private static void add(List<PolicyView> views, String name, String text) {
        String t = text.strip();
        if (!t.isEmpty()) {
            views.add(new PolicyView(name, t));
        }
    }
}
