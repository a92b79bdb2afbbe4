package dev.guidepost.core.internal.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void prettyKeepsTheOrderOfOrderedMaps() {
        Map<String, Object> ordered = new LinkedHashMap<>();
        ordered.put("summary", "x");
        ordered.put("blocking", true);
        ordered.put("again", 1);

        assertThat(Json.pretty(ordered)).isEqualTo("{\n  \"summary\": \"x\",\n  \"blocking\": true,\n  \"again\": 1\n}\n");
    }

    @Test
    void prettyWritesMapsWithoutAnOrderOfTheirOwnSorted() {
        Map<String, Object> hashed = new HashMap<>(Map.of("name", "a", "expression", "b", "z", 1, "k", 2));

        assertThat(Json.pretty(Map.of("b", 1, "a", 2, "c", 3))).isEqualTo("{\n  \"a\": 2,\n  \"b\": 1,\n  \"c\": 3\n}\n");
        assertThat(Json.pretty(hashed)).startsWith("{\n  \"expression\": \"b\",\n  \"k\": 2,\n  \"name\": \"a\"");
    }
}
