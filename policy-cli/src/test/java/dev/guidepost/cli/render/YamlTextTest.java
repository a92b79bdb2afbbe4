package dev.guidepost.cli.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class YamlTextTest {

    @Test
    void writesBlockYamlWithEmptyListsAndMapsAsTheSourceWritesThem() {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("matchConditions", List.of());
        object.put("labels", Map.of());
        object.put("kinds", List.of("Pod", "Deployment"));

        assertThat(YamlText.of(object)).isEqualTo("""
                matchConditions: []
                labels: {}
                kinds:
                - Pod
                - Deployment
                """);
    }
}
