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

    @TestFactory
    Stream<DynamicTest> jsonPatchesEachCaseAsTheApiServerDoes() throws IOException {
        return cases("strict-json-patch-cases.yaml").stream().map(c -> DynamicTest.dynamicTest(
                (String) c.get("name"), () -> {
                    Object resource = PlainValues.immutableCopy(c.get("resource"));
                    List<Object> operations = JsonPatch.operations((String) c.get("patch"));
                    if (c.containsKey("error")) {
                        assertThatThrownBy(() -> JsonPatch.applyStrict(resource, operations))
                                .isInstanceOf(PatchException.class).hasMessageStartingWith((String) c.get("error"));
                    } else {
                        assertThat(Json.canonical(JsonPatch.applyStrict(resource, operations)))
                                .isEqualTo(Json.canonical(c.get("expect")));
                    }
                }));
    }

    @Test
    void aFailedTestIsReportedAsSuchToTheApiServersCaller() {
        Object resource = PlainValues.immutableCopy(Map.of("metadata", Map.of("name", "a")));
        List<Object> operations = JsonPatch.operations("[{\"op\": \"test\", \"path\": \"/metadata/name\", "
                + "\"value\": \"b\"}]");

        assertThatThrownBy(() -> JsonPatch.applyStrict(resource, operations)).isInstanceOfSatisfying(
                PatchException.class, e -> assertThat(e.testFailed()).isTrue());
    }

    @TestFactory
    Stream<DynamicTest> applyConfigurationsMergeAsServerSideApplyDoes() throws IOException {
        return cases("apply-configuration-cases.yaml").stream().map(c -> DynamicTest.dynamicTest(
                (String) c.get("name"), () -> {
                    Map<String, Object> object = PlainValues.map(PlainValues.immutableCopy(c.get("object")));
                    Map<String, Object> configuration = PlainValues.map(c.get("configuration"));
                    if (c.containsKey("error")) {
                        assertThatThrownBy(() -> ApplyConfiguration.apply(object, configuration))
                                .isInstanceOf(PatchException.class).hasMessageStartingWith((String) c.get("error"));
                    } else {
                        assertThat(Json.canonical(ApplyConfiguration.apply(object, configuration)))
                                .isEqualTo(Json.canonical(c.get("expect")));
                    }
                }));
    }

    @Test
    void anApplyConfigurationWithAListOfUnknownMergeTypeIsUnsupported() {
        Map<String, Object> object = PlainValues.map(PlainValues.immutableCopy(Map.of("apiVersion", "v1", "kind",
                "Service", "spec", Map.of())));

        assertThatThrownBy(() -> ApplyConfiguration.apply(object, Map.of("spec", Map.of("ports", List.of()))))
                .isInstanceOf(ApplyConfiguration.UnsupportedException.class).hasMessageContaining("at .spec,");
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
