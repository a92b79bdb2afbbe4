package dev.guidepost.core.internal.pattern;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;


class PatternMatcherTest {

    private final PatternMatcher matcher = new PatternMatcher(false);

    @TestFactory
    @SuppressWarnings("unchecked")
    Stream<DynamicTest> matchesEachCaseOfTheFixtureAsKyvernoDoes() throws IOException {
        List<Map<String, Object>> cases;
        try (InputStream in = getClass().getResourceAsStream("pattern-cases.yaml")) {
            cases = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        }
        return cases.stream().map(c -> DynamicTest.dynamicTest((String) c.get("name"), () -> {
            PatternMatch m = matcher.match(c.get("resource"), c.get("pattern"));
            assertThat(m.status().name().toLowerCase()).as(m.message()).isEqualTo(c.get("expect"));
            if (c.containsKey("path")) {
                assertThat(m.path()).isEqualTo(c.get("path"));
            }
        }));
    }

    @Test
    void theCliReadsNumbersAsFloatsWhichChangesHowTheyMatchAsText() {
        Map<String, Object> resource = Map.of("port", 8080);
        Map<String, Object> pattern = Map.of("port", "80*");

        assertThat(new PatternMatcher(false).match(resource, pattern).status()).isEqualTo(PatternMatch.Status.PASS);
        assertThat(new PatternMatcher(true).match(resource, pattern).status()).isEqualTo(PatternMatch.Status.FAIL);
    }

    @Test
    void anchorsAreParsedFromTheirKeys() {
        assertThat(Anchor.parse("(name)")).isEqualTo(new Anchor(Anchor.Type.CONDITION, "name"));
        assertThat(Anchor.parse("X(hostPath)")).isEqualTo(new Anchor(Anchor.Type.NEGATION, "hostPath"));
        assertThat(Anchor.parse("=(volumes)").withKey("vols")).isEqualTo("=(vols)");
        assertThat(Anchor.parse("name")).isNull();
        assertThat(Anchor.parse("()")).isNull();
    }
}
