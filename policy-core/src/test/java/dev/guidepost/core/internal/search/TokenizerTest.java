package dev.guidepost.core.internal.search;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenizerTest {

    private final Tokenizer tokenizer = Tokenizer.get();

    @Test
    void splitsCamelCaseFieldNamesAndKeepsTheJoinedForm() {
        assertThat(tokenizer.terms("runAsNonRoot")).containsExactly("run", "non", "root", "runasnonroot");
        assertThat(tokenizer.terms("hostPID")).containsExactly("host", "pid", "hostpid");
        assertThat(tokenizer.terms("HTTPRoute")).containsExactly("http", "rout", "httprout");
    }

    @Test
    void hyphenatedAndJoinedSpellingsMeet() {
        assertThat(tokenizer.terms("non-root")).contains("nonroot");
        assertThat(tokenizer.terms("nonroot")).containsExactly("nonroot");
        assertThat(tokenizer.terms("host_path")).contains("hostpath");
        assertThat(tokenizer.terms("hostPath")).contains("hostpath");
    }

    @Test
    void dropsStopwordsAndQuestionWords() {
        assertThat(tokenizer.terms("Can my container run as root?")).containsExactly("contain", "run", "root");
    }

    @Test
    void stemsInflectionsToOneTerm() {
        assertThat(tokenizer.terms("containers")).isEqualTo(tokenizer.terms("container"));
        assertThat(tokenizer.terms("privileged")).isEqualTo(tokenizer.terms("privilege"));
        assertThat(tokenizer.terms("labels")).isEqualTo(tokenizer.terms("labeled"));
    }

    @Test
    void keepsVersionsAndNumbersWithoutJoiningThem() {
        assertThat(tokenizer.terms("uid 0 and port 8080")).containsExactly("uid", "0", "port", "8080");
        assertThat(tokenizer.terms("v1.2.3")).contains("v1", "2", "3");
    }

    @Test
    void wordsSplitIdentifiersWithoutStemming() {
        assertThat(tokenizer.words("spec.containers[].securityContext.runAsNonRoot"))
                .containsExactly("spec", "containers", "security", "context", "run", "as", "non", "root");
    }
}
