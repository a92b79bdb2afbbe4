package dev.guidepost.core.internal.jmespath;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The JMESPath Community functions Kyverno evaluates with, next to its own. */
class CommunityFunctionsTest {

    private final JmesPath jp = new JmesPath(Clock.fixed(Instant.parse("2024-03-01T10:00:00Z"), ZoneOffset.UTC));

    private Object eval(String expression) {
        return jp.search(expression, Map.of("image", "Registry.acme.io/web:1.2"));
    }

    @Test
    void changeCaseTrimAndPadStrings() {
        assertThat(eval("lower(image)")).isEqualTo("registry.acme.io/web:1.2");
        assertThat(eval("upper('web')")).isEqualTo("WEB");
        assertThat(eval("trim_left('  web ')")).isEqualTo("web ");
        assertThat(eval("trim_right('xxwebxx', 'x')")).isEqualTo("xxweb");
        assertThat(eval("pad_left('7', `3`, '0')")).isEqualTo("007");
        assertThat(eval("pad_right('ab', `4`)")).isEqualTo("ab  ");
        assertThat(eval("pad_left('long', `2`)")).isEqualTo("long");
    }

    @Test
    void findsTheFirstAndLastOccurrenceWithinAnOptionalWindow() {
        assertThat(eval("find_first(image, '.')")).isEqualTo(8L);
        assertThat(eval("find_last(image, '.')")).isEqualTo(22L);
        assertThat(eval("find_first(image, '.', `9`)")).isEqualTo(13L);
        assertThat(eval("find_first(image, 'nope')")).isNull();
    }

    @Test
    void zipsArraysAndBuildsObjectsFromItems() {
        assertThat(eval("zip(`[1, 2, 3]`, `[\"a\", \"b\"]`)")).isEqualTo(List.of(List.of(1L, "a"), List.of(2L, "b")));
        assertThat(eval("from_items(`[[\"a\", 1], [\"b\", 2]]`)")).isEqualTo(Map.of("a", 1L, "b", 2L));
    }
}
