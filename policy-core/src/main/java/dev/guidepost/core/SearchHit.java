package dev.guidepost.core;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One policy found by a search, with its score and why it matched.
 *
 * @param policy    the policy
 * @param score     how far the policy stands out from the rest of the pack for this query: a weighted sum of
 *                  its semantic and lexical z-scores (0 is the pack's average, 3 or more is a clear match)
 * @param why       what matched
 * @param weakMatch true when the policy answers the query poorly: its meaning is far from the query and at most
 *                  half of the query's words occur in it (by words alone: none do). When every hit is weak, the
 *                  pack has no good answer, and the best hit is only the least bad one. Calibrated with the
 *                  default quantized all-MiniLM-L6-v2; with another embedding model, check it on your queries.
 */
public record SearchHit(Policy policy, double score, Why why, boolean weakMatch) {

    public SearchHit {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(why, "why");
    }

    /** A hit that is not {@linkplain #weakMatch() weak}. */
    public SearchHit(Policy policy, double score, Why why) {
        this(policy, score, why, false);
    }

    /**
     * Why a policy matched.
     *
     * @param similarity    cosine similarity of the query to the policy's closest embedded view (0 when semantic
     *                      search is off)
     * @param view          the name of that view ({@code summary}, {@code keywords}, {@code question-1}, ...), or
     *                      empty
     * @param lexicalScore  the BM25F score of the query's words
     * @param matchedWords  the query's words found in the policy
     * @param matchedFields the parts of the policy they were found in ({@code title}, {@code description},
     *                      {@code rule messages}, {@code constrained fields}, ...)
     * @param semanticShare the semantic part's share of the score, 0 to 1 (0 when ranked by words alone)
     */
    public record Why(double similarity, String view, double lexicalScore, List<String> matchedWords,
            List<String> matchedFields, double semanticShare) {

        public Why {
            view = Objects.requireNonNullElse(view, "");
            matchedWords = List.copyOf(matchedWords);
            matchedFields = List.copyOf(matchedFields);
        }

        /**
         * This in words, for people: {@code words container, root in title, description; meaning 73% of the score
         * (closest: question-1, similarity 0.81)}.
         */
        public String explain() {
            StringBuilder out = new StringBuilder();
            if (matchedWords.isEmpty()) {
                out.append("no words in common");
            } else {
                out.append("words ").append(String.join(", ", matchedWords));
                if (!matchedFields.isEmpty()) {
                    out.append(" in ").append(String.join(", ", matchedFields));
                }
            }
            out.append(String.format(Locale.ROOT, "; meaning %d%% of the score", Math.round(semanticShare * 100)));
            if (!view.isEmpty()) {
                out.append(String.format(Locale.ROOT, " (closest: %s, similarity %.2f)", view, similarity));
            }
            return out.toString();
        }
    }
}
