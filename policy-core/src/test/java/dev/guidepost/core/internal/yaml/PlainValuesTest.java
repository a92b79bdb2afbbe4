package dev.guidepost.core.internal.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class PlainValuesTest {

    @Test
    void readsLabelsAsStringsInOrderWithNullAsEmpty() {
        Map<String, Object> labels = new LinkedHashMap<>();
        labels.put("team", "shop");
        labels.put("replicas", 3L);
        labels.put("empty", null);
        Map<String, Object> object = Map.of("metadata", Map.of("labels", labels));

        assertThat(PlainValues.stringMap(object, "metadata", "labels"))
                .containsExactly(Map.entry("team", "shop"), Map.entry("replicas", "3"), Map.entry("empty", ""));
    }

    @Test
    void aMissingOrNonMapPathGivesAnEmptyMap() {
        Map<String, Object> metadata = new HashMap<>();
        metadata.put("labels", null);

        assertThat(PlainValues.stringMap(Map.of("metadata", metadata), "metadata", "labels")).isEmpty();
        assertThat(PlainValues.stringMap(Map.of("metadata", "text"), "metadata", "labels")).isEmpty();
        assertThat(PlainValues.stringMap(null, "metadata", "labels")).isEmpty();
    }
}
