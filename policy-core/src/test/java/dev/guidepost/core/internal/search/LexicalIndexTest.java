package dev.guidepost.core.internal.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class LexicalIndexTest {

    private static final LexicalIndex.Bm25Settings TITLE_AND_DESCRIPTION = LexicalIndex.Bm25Settings.of(1.2, 0.75,
            Map.of(PolicyField.TITLE, 2.0, PolicyField.DESCRIPTION, 1.0));

    private final LexicalIndex index = LexicalIndex.build(List.of(
            Map.of(PolicyField.TITLE, "root user", PolicyField.DESCRIPTION, "containers must not run as root"),
            Map.of(PolicyField.TITLE, "image tags", PolicyField.DESCRIPTION, "pin image tags"),
            Map.of(PolicyField.TITLE, "limits", PolicyField.DESCRIPTION, "cpu limits")), TITLE_AND_DESCRIPTION);

    @Test
    void scoresLikeHandComputedBm25f() {
        // "root": only in doc 0, tf 1 in title (len 2, avg 5/3) and tf 1 in description (len 4: contain, not,
        // run, root; avg (4 + 3 + 2) / 3).
        double idf = Math.log(1 + (3 - 1 + 0.5) / (1 + 0.5));
        double titleNorm = 1 - 0.75 + 0.75 * 2 / (5.0 / 3);
        double descriptionNorm = 1 - 0.75 + 0.75 * 4 / 3.0;
        double tf = 2.0 / titleNorm + 1.0 / descriptionNorm;
        double expected = idf * tf / (1.2 + tf);

        double[] scores = index.score("root");

        assertThat(scores[0]).isCloseTo(expected, within(1e-6));
        assertThat(scores[1]).isZero();
        assertThat(scores[2]).isZero();
    }

    @Test
    void aTitleWordOutweighsTheSameWordInADescription() {
        LexicalIndex two = LexicalIndex.build(List.of(
                Map.of(PolicyField.TITLE, "limits", PolicyField.DESCRIPTION, "memory"),
                Map.of(PolicyField.TITLE, "memory", PolicyField.DESCRIPTION, "limits")), TITLE_AND_DESCRIPTION);

        double[] scores = two.score("memory");

        assertThat(scores[1]).isGreaterThan(scores[0]);
    }

    @Test
    void repeatedQueryWordsCountOnce() {
        assertThat(index.score("root root root")).containsExactly(index.score("root"));
    }

    @Test
    void aFieldWithoutWeightNeitherScoresNorExplains() {
        LexicalIndex titleOnly = LexicalIndex.build(List.of(Map.of(PolicyField.TITLE, "limits",
                PolicyField.DESCRIPTION, "memory")), LexicalIndex.Bm25Settings.of(1.2, 0.75,
                Map.of(PolicyField.TITLE, 1.0)));

        assertThat(titleOnly.score("memory")).containsExactly(0.0);
        assertThat(titleOnly.matchedTerms("memory", 0)).isEmpty();
    }

    @Test
    void explainsWhichTermsMatchedInWhichFields() {
        assertThat(index.matchedTerms("does my container run as root?", 0))
                .containsEntry("root", java.util.Set.of(PolicyField.TITLE, PolicyField.DESCRIPTION))
                .containsEntry("contain", java.util.Set.of(PolicyField.DESCRIPTION))
                .doesNotContainKey("my");
    }
}
