package dev.guidepost.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.guidepost.core.Policy;
import dev.guidepost.core.PolicyPack;
import dev.guidepost.core.SearchHit;

class SearchMojoTest {

    private static final Policy POLICY = PolicyPack.parse("""
            apiVersion: guidepost.dev/v1alpha1
            kind: Policy
            metadata: {name: require-run-as-non-root}
            spec:
              title: Containers run as a non-root user
              description: >-
                Every container must run as a non-root user:
                set runAsNonRoot to true.
              severity: high
              action: Enforce
              match: {kinds: [Pod]}
              validations:
                - expression: "object.spec.?securityContext.?runAsNonRoot.orValue(false) == true"
            """, "test.yaml").policies().get(0);

    @Test
    void aHitIsABlockWithIdScoreSeverityTitleDescriptionAndWhy() {
        SearchHit hit = new SearchHit(POLICY, 3.1234, new SearchHit.Why(0.81, "question-1", 4.2,
                List.of("container", "root"), List.of("title", "description"), 0.734));

        assertThat(SearchMojo.block(1, hit)).containsExactly("",
                "1. require-run-as-non-root  score 3.12  [high, Enforce]",
                "   Containers run as a non-root user",
                "   Every container must run as a non-root user: set runAsNonRoot to true.",
                "   why: words container, root in title, description; meaning 73% of the score (closest: question-1, "
                        + "similarity 0.81)");
    }

    @Test
    void aHitFoundByMeaningAloneSaysSo() {
        SearchHit.Why why = new SearchHit.Why(0.4, "summary", 0, List.of(), List.of(), 1.0);

        assertThat(why.explain()).isEqualTo("no words in common; meaning 100% of the score (closest: summary, "
                + "similarity 0.40)");
    }
}
