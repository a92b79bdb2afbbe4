package dev.guidepost.core.internal.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.guidepost.core.Policy;

/**
 * One text of a policy that gets its own embedding; a policy's similarity to a query is its best view's.
 * Every policy has a {@code summary}: title, category, kinds, description and failure messages in one text. A
 * pack's own {@code keywords} and each example question get views of their own, since they are written the way
 * people ask. Measured on the development queries, separate views of the title, description, rule messages or
 * constrained fields scored worse than the summary alone under both max- and mean-over-views (short texts give
 * noisy cosines), so they are not embedded; their words still count in the lexical index. The model reads only
 * the first 128 word pieces of a text, so the summary puts the most telling text first; embedding the rest of long
 * summaries as further pieces did not rank better.
 *
 * @param name the view's name ({@code summary}, {@code keywords}, {@code question-2})
 * @param text the text embedded for it
 */
record PolicyView(String name, String text) {

    /** The whole policy as people read it: title, category, kinds, description and failure messages. */
    static final String SUMMARY = "summary";
    /** The pack's keywords for the policy. */
    static final String KEYWORDS = "keywords";
    /** Prefix of the views of the pack's example questions. */
    static final String QUESTION = "question-";

    /** The views of a policy; views with no text are left out. */
    static List<PolicyView> texts(Policy policy) {
        List<PolicyView> views = new ArrayList<>();
        add(views, SUMMARY, summary(policy));
        add(views, KEYWORDS, String.join(", ", policy.keywords()));
        for (int i = 0; i < policy.questions().size(); i++) {
            add(views, QUESTION + (i + 1), policy.questions().get(i));
        }
        return views;
    }

    /** Title, category, kinds, description and failure messages as sentences. */
    static String summary(Policy policy) {
        return sentence(policy.title()) + sentence(policy.category()) + sentence(PolicyField.KINDS.text(policy))
                + sentence(policy.description()) + sentence(messages(policy));
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

    static String sentence(String text) {
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
