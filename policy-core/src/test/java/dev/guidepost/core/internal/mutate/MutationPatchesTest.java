package dev.guidepost.core.internal.mutate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import dev.guidepost.core.internal.golang.GoValues;
import dev.guidepost.core.internal.json.Json;
import dev.guidepost.core.internal.pattern.PatternMatcher;
import dev.guidepost.core.internal.yaml.PlainValues;

class MutationPatchesTest {

    @TestFactory
    Stream<DynamicTest> strategicMergePatchesEachCaseAsKyvernoDoes() throws IOException {
        StrategicMergePatch patch = new StrategicMergePatch(new PatternMatcher(false));
        return cases("strategic-merge-cases.yaml").stream().map(c -> DynamicTest.dynamicTest((String) c.get("name"),
                () -> {
                    Object resource = PlainValues.immutableCopy(c.get("resource"));
                    Object patched = patch.apply(resource, c.get("patch"));
                    assertThat(GoValues.deepEqual(patched, c.get("expect"))).as(Json.canonical(patched)).isTrue();
                    assertThat(Json.canonical(patched)).isEqualTo(Json.canonical(c.get("expect")));
                }));
    }

    @TestFactory
    Stream<DynamicTest> jsonPatchesEachCaseWithKyvernosOptions() throws IOException {
        return cases("json-patch-cases.yaml").stream().map(c -> DynamicTest.dynamicTest((String) c.get("name"),
                () -> {
                    Object resource = PlainValues.immutableCopy(c.get("resource"));
                    String text = (String) c.get("patch");
                    if (c.containsKey("error")) {
                        assertThatThrownBy(() -> JsonPatch.apply(resource, text)).isInstanceOf(PatchException.class)
                                .hasMessageStartingWith((String) c.get("error"));
                    } else {
                        assertThat(Json.canonical(JsonPatch.apply(resource, text)))
                                .isEqualTo(Json.canonical(c.get("expect")));
                    }
                }));
    }

    @Test
    void patchesLeaveTheirInputsUntouched() {
        Object resource = PlainValues.immutableCopy(Map.of("spec", Map.of("containers", List.of(Map.of("name", "a")))));
        Object overlay = PlainValues.mutableCopy(Map.of("spec", Map.of("containers",
                List.of(Map.of("(name)", "a", "image", "x")))));
        String before = Json.canonical(overlay);

        new StrategicMergePatch(new PatternMatcher(false)).apply(resource, overlay);

        assertThat(Json.canonical(overlay)).isEqualTo(before);
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> cases(String file) throws IOException {
        try (InputStream in = getClass().getResourceAsStream(file)) {
            return new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        }
    }
}
