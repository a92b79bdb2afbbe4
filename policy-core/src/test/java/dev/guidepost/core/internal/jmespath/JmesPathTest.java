package dev.guidepost.core.internal.jmespath;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class JmesPathTest {

    private final JmesPath jp = JmesPath.kyverno();

    private static Map<String, Object> pod() {
        Map<String, Object> labels = new LinkedHashMap<>();
        labels.put("app", "web");
        Map<String, Object> c1 = new LinkedHashMap<>(Map.of("name", "a", "image", "nginx:1.25"));
        Map<String, Object> c2 = new LinkedHashMap<>(Map.of("name", "b", "image", "busybox",
                "securityContext", Map.of("privileged", true)));
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("replicas", 3);
        spec.put("containers", new ArrayList<>(List.of(c1, c2)));
        spec.put("nothing", null);
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", "web-1");
        metadata.put("labels", labels);
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("metadata", metadata);
        object.put("spec", spec);
        return Map.of("request", Map.of("object", object, "operation", "CREATE"));
    }

    @Test
    void aMultiSelectHashMayLeaveOutTheCommaBetweenPairsAsGoJmespathAllows() {
        assertThat(jp.search("{name: request.object.metadata.name labels: request.object.metadata.labels}", pod()))
                .isEqualTo(Map.of("name", "web-1", "labels", Map.of("app", "web")));
        assertThat(jp.search("{op: 'add', path: join('/', ['a', 'b']) value: `[1]`}", pod()))
                .isEqualTo(Map.of("op", "add", "path", "a/b", "value", List.of(1L)));
        assertThat(HashCommas.added("{a: b, c: d}")).isEqualTo("{a: b, c: d}");
        assertThat(HashCommas.added("items[1:2]")).isEqualTo("items[1:2]");
        assertThat(HashCommas.added("{a: 'x: y' b: c[0:1]}")).isEqualTo("{a: 'x: y' , b: c[0:1]}");
    }

    @Test
    void readsAFieldPath() {
        assertThat(jp.search("request.object.metadata.labels.app", pod())).isEqualTo("web");
    }

    @Test
    void givesWholeNumbersBackAsLongsBecauseKyvernoNumbersAreFloat64() {
        assertThat(jp.search("request.object.spec.replicas", pod())).isEqualTo(3L);
        assertThat(jp.search("length(request.object.spec.containers)", pod())).isEqualTo(2L);
        assertThat(jp.search("divide(`3`, `2`)", pod())).isEqualTo(1.5);
    }

    @Test
    void comparesIntegersAndFloatsAsTheSameNumbers() {
        assertThat(jp.search("request.object.spec.replicas == `3.0`", pod())).isEqualTo(true);
        assertThat(jp.search("request.object.spec.replicas > `2`", pod())).isEqualTo(true);
        assertThat(jp.search("contains([`1`, `2`], `2.0`)", Map.of())).isEqualTo(true);
    }

    @Test
    void aTrailingFlattenIsAProjectionThatDropsNullsAsInGoJmesPath() {
        assertThat(jp.search("request.object.spec.[initContainers, containers][]", pod()))
                .asList().hasSize(2).doesNotContainNull();
        assertThat(jp.search("`[null, 1, [2, null]]`[]", Map.of())).isEqualTo(List.of(1L, 2L));
        assertThat(jp.search("`[null, {\"a\": 1}]`[].a", Map.of())).isEqualTo(List.of(1L));
    }

    @Test
    void orderingComparisonOfNonNumbersIsNull() {
        assertThat(jp.search("'a' < 'b'", Map.of())).isNull();
    }

    @Test
    void equalityIsDeep() {
        assertThat(jp.search("request.object.metadata.labels == `{\"app\": \"web\"}`", pod())).isEqualTo(true);
    }

    @Test
    void missingKeyRaisesKyvernosUnknownKeyError() {
        assertThatThrownBy(() -> jp.search("request.object.metadata.labels.team", pod()))
                .isInstanceOf(JmesPathException.class)
                .hasMessage("Unknown key \"team\" in path")
                .satisfies(e -> assertThat(((JmesPathException) e).isUnknownKey()).isTrue());
    }

    @Test
    void missingKeyUnderANullValueIsNull() {
        assertThat(jp.search("request.object.spec.nothing.deeper", pod())).isNull();
    }

    @Test
    void missingKeyIsAbsorbedByOrFunctionArgumentsComparisonsAndPipes() {
        assertThat(jp.search("request.object.metadata.labels.team || 'none'", pod())).isEqualTo("none");
        assertThat(jp.search("not_null(request.object.metadata.labels.team, 'x')", pod())).isEqualTo("x");
        assertThat(jp.search("request.object.metadata.labels.team == null", pod())).isEqualTo(true);
        assertThat(jp.search("request.object.metadata.labels.team | @", pod())).isNull();
        assertThat(jp.search("!request.object.metadata.labels.team", pod())).isEqualTo(true);
    }

    @Test
    void missingKeyBeforeAProjectionGivesNull() {
        assertThat(jp.search("request.object.spec.initContainers[].image", pod())).isNull();
        assertThat(jp.search("request.object.spec.initContainers[?name == 'a']", pod())).isNull();
    }

    @Test
    void missingKeyInsideAProjectionDropsTheElement() {
        assertThat(jp.search("request.object.spec.containers[].securityContext.privileged", pod()))
                .isEqualTo(List.of(true));
        assertThat(jp.search("request.object.spec.containers[?securityContext.privileged].name", pod()))
                .isEqualTo(List.of("b"));
    }

    @Test
    void missingKeyBeforeAnIndexStillRaises() {
        assertThatThrownBy(() -> jp.search("request.object.spec.initContainers[0]", pod()))
                .hasMessage("Unknown key \"initContainers\" in path");
    }

    @Test
    void multiSelectHashAbsorbsMissingKeys() {
        assertThat(jp.search("{n: request.object.metadata.name, t: request.object.metadata.team}", pod()))
                .isEqualTo(new LinkedHashMap<>(Map.of("n", "web-1")) {
                    {
                        put("t", null);
                    }
                });
    }

    @Test
    void toStringWritesJsonAsGoDoes() {
        assertThat(jp.search("to_string(`{\"b\": 1, \"a\": [1.5, \"<x>\"]}`)", Map.of()))
                .isEqualTo("{\"a\":[1.5,\"\\u003cx\\u003e\"],\"b\":1}");
        assertThat(jp.search("to_string(`3`)", Map.of())).isEqualTo("3");
    }

    @Test
    void standardFunctionsComeFromTheLibrary() {
        assertThat(jp.search("join(',', request.object.spec.containers[].name)", pod())).isEqualTo("a,b");
        assertThat(jp.search("starts_with(request.object.metadata.name, 'web')", pod())).isEqualTo(true);
    }

    @Test
    void lengthOfNullIsAnError() {
        assertThatThrownBy(() -> jp.search("length(request.object.spec.nothing)", pod()))
                .isInstanceOf(JmesPathException.class);
    }

    @Test
    void parseErrorsAreJmesPathExceptions() {
        assertThatThrownBy(() -> jp.search("request.object.[", pod()))
                .isInstanceOf(JmesPathException.class)
                .hasMessageStartingWith("incorrect query request.object.[");
        assertThatThrownBy(() -> jp.search("  ", pod())).hasMessage("invalid query (nil)");
    }

    @Test
    void unknownFunctionIsAnError() {
        assertThatThrownBy(() -> jp.search("no_such_function(@)", pod())).isInstanceOf(JmesPathException.class);
    }

    @Test
    void doesNotModifyItsInput() {
        Map<String, Object> data = pod();
        String before = data.toString();
        jp.search("request.object.spec.containers[].name", data);
        assertThat(data.toString()).isEqualTo(before);
    }

    @Test
    void splitsOnlyTopLevelPipes() {
        assertThat(JmesPath.splitTopLevelPipes("a | b[?c || d] | '|' | `\"|\"`"))
                .containsExactly("a ", " b[?c || d] ", " '|' ", " `\"|\"`");
        assertThat(JmesPath.splitTopLevelPipes("a || b")).containsExactly("a || b");
    }
}
