package dev.guidepost.junit;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

import org.opentest4j.AssertionFailedError;

import dev.guidepost.core.KnowledgeBase;
import dev.guidepost.core.Policy;
import dev.guidepost.core.SearchHit;
import dev.guidepost.core.SearchRequest;

/**
 * Discoverability assertions for pack authors: "this question must find this policy within the top k". Keep them
 * beside the pack so a reworded title or a new policy that crowds an old one out fails a test.
 *
 * <pre>{@code
 * assertThatSearch(kb, "where can my database run?").finds("databases-in-us-east-1").withinTop(3);
 * }</pre>
 */
public final class SearchAssert {

    private final KnowledgeBase knowledgeBase;
    private final String query;

    SearchAssert(KnowledgeBase knowledgeBase, String query) {
        this.knowledgeBase = Objects.requireNonNull(knowledgeBase, "knowledgeBase");
        this.query = Objects.requireNonNull(query, "query");
    }

    /**
     * Checks that the search returns the policy among its {@value SearchRequest#DEFAULT_LIMIT} hits (what
     * {@link KnowledgeBase#discover(String)} returns); narrow it with {@link FoundPolicy#withinTop(int)}.
     */
    public FoundPolicy finds(String policyId) {
        Objects.requireNonNull(policyId, "policyId");
        if (knowledgeBase.pack().policy(policyId).isEmpty()) {
            throw new GuidepostConfigurationException(FailureText.unknownPolicy(knowledgeBase.pack(), policyId));
        }
        if (query.isBlank()) {
            throw new GuidepostConfigurationException("the search query is blank; write the question a user asks");
        }
        List<SearchHit> ranking = knowledgeBase.search(SearchRequest.of(query)
                .withLimit(Math.max(1, knowledgeBase.pack().policies().size())));
        int rank = 1;
        while (rank <= ranking.size() && !ranking.get(rank - 1).policy().id().equals(policyId)) {
            rank++;
        }
        if (rank > ranking.size()) {
            throw new AssertionFailedError("Expected the search \"" + query + "\" to find " + policyId
                    + ", but the search does not return it at all");
        }
        FoundPolicy found = new FoundPolicy(policyId, rank, ranking);
        if (ranking.get(rank - 1).weakMatch()) {
            throw new AssertionFailedError("Expected the search \"" + query + "\" to find " + policyId
                    + ", but it ranks " + ordinal(rank) + found.score() + " only as a weak match: at most half of the"
                    + " question's words occur in it (" + words(ranking.get(rank - 1)) + ") and its meaning is far,"
                    + " so a search says no policy answers it.\n"
                    + found.top(SearchRequest.DEFAULT_LIMIT) + found.advice());
        }
        if (rank > SearchRequest.DEFAULT_LIMIT) {
            throw new AssertionFailedError("Expected the search \"" + query + "\" to find " + policyId
                    + ", but it ranks " + ordinal(rank) + " of " + ranking.size() + found.score() + ", outside the "
                    + SearchRequest.DEFAULT_LIMIT + " hits a search returns.\n" + found.top(SearchRequest.DEFAULT_LIMIT)
                    + found.advice());
        }
        return found;
    }

    /** A policy a search found, for narrowing how well it must rank. */
    public final class FoundPolicy {

        private final String policyId;
        private final int rank;
        private final List<SearchHit> ranking;

        private FoundPolicy(String policyId, int rank, List<SearchHit> ranking) {
            this.policyId = policyId;
            this.rank = rank;
            this.ranking = ranking;
        }

        /** Checks that the policy ranks among the first {@code k} hits. */
        public FoundPolicy withinTop(int k) {
            if (k < 1) {
                throw new GuidepostConfigurationException("withinTop(" + k + "): k must be at least 1");
            }
            if (rank > k) {
                throw new AssertionFailedError("Expected the search \"" + query + "\" to find " + policyId
                        + " within the top " + k + ", but it ranks " + ordinal(rank) + " of " + ranking.size()
                        + score() + ".\n" + top(Math.max(k, rank)) + advice());
            }
            return this;
        }

        /**
         * Checks that the policy scores at least what {@link ManifestsAssert#satisfyPoliciesDiscoveredFor(String)}
         * keeps under this class's settings: its {@link GuidepostTest#minimumScore()}, or the default scaled to the
         * pack's size, so that an intent test discovers it for this question.
         */
        public FoundPolicy withDiscoveryScore() {
            int policies = knowledgeBase.pack().policies().size();
            double minimum = TestScope.currentSettings().minimumScore();
            return atLeast(DiscoveryThreshold.current(policies), minimum == GuidepostTest.UNSET_MINIMUM_SCORE
                    ? " (the discovery minimum: the default, scaled to a pack of " + policies + " policies)"
                    : " (the class's @GuidepostTest minimumScore)");
        }

        /**
         * Checks that the policy scores at least {@code minimumScore}, for example
         * {@link GuidepostTest#DEFAULT_MINIMUM_SCORE}, so that
         * {@link ManifestsAssert#satisfyPoliciesDiscoveredFor(String)} discovers it for this question.
         */
        public FoundPolicy withScoreAtLeast(double minimumScore) {
            if (Double.isNaN(minimumScore)) {
                throw new GuidepostConfigurationException("withScoreAtLeast(NaN): give a number, for example "
                        + "GuidepostTest.DEFAULT_MINIMUM_SCORE");
            }
            return atLeast(minimumScore, "");
        }

        private FoundPolicy atLeast(double minimumScore, String whichMinimum) {
            double score = ranking.get(rank - 1).score();
            if (score < minimumScore) {
                throw new AssertionFailedError("Expected the search \"" + query + "\" to find " + policyId
                        + " with a score of at least " + FailureText.score(minimumScore) + whichMinimum
                        + ", but it scores "
                        + FailureText.score(score) + " (ranked " + ordinal(rank) + ").\n" + top(Math.max(rank, 3))
                        + advice());
            }
            return this;
        }

        private String score() {
            return " (score " + FailureText.score(ranking.get(rank - 1).score()) + ")";
        }

        private String top(int n) {
            StringBuilder out = new StringBuilder("Top " + Math.min(n, ranking.size()) + " in "
                    + knowledgeBase.pack().coordinates() + (knowledgeBase.semantic() ? "" : " (by words only)")
                    + ":\n");
            for (int i = 0; i < Math.min(n, ranking.size()); i++) {
                SearchHit hit = ranking.get(i);
                out.append(String.format(Locale.ROOT, "%3d. %s (%s) — %s%s\n", i + 1, hit.policy().id(),
                        FailureText.score(hit.score()), hit.policy().title(),
                        hit.policy().id().equals(policyId) ? "   <- " + policyId : ""));
            }
            return out.toString();
        }

        private String advice() {
            return "To help people find it, add the question to the policy's spec.questions, or the words they use to"
                    + " spec.keywords.";
        }
    }

    private static String ordinal(int n) {
        String suffix = n % 100 >= 11 && n % 100 <= 13 ? "th"
                : switch (n % 10) {
                    case 1 -> "st";
                    case 2 -> "nd";
                    case 3 -> "rd";
                    default -> "th";
                };
        return n + suffix;
    }

    private static String words(SearchHit hit) {
        List<String> matched = hit.why().matchedWords();
        return matched.isEmpty() ? "none does" : "only " + String.join(", ", matched);
    }
}
