package dev.guidepost.core.internal.cel;

import static dev.guidepost.core.internal.cel.Cel.admission;
import static dev.guidepost.core.internal.cel.Cel.compileError;
import static dev.guidepost.core.internal.cel.Cel.eval;
import static dev.guidepost.core.internal.cel.Cel.evalError;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.cel.common.CelErrorCode;
import dev.cel.runtime.CelEvaluationException;

/** Options, standard functions and conversions of both dialects, as cel-go and Kyverno have them. */
class CelEnvironmentTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "string(3.0)|3",
            "string(1.5)|1.5",
            "string(1e6)|1e+06",
            "string(123456.0)|123456",
            "string(0.00001)|1e-05",
            "string(-2.5e-7)|-2.5e-07",
            "string(duration('1h'))|3600s",
            "string(duration('1.5s'))|1.5s",
            "string(duration('-90m'))|-5400s",
            "string(timestamp('2023-01-02T03:04:05Z'))|2023-01-02T03:04:05Z",
            "string(timestamp('2023-01-02T03:04:05.500Z'))|2023-01-02T03:04:05.5Z",
            "string(42)|42",
            "string(true)|true",
    })
    void convertsToStringLikeCelGo(String expression, String expected) {
        assertThat(eval(expression)).isEqualTo(expected);
        assertThat(admission(expression)).isEqualTo(expected);
    }

    @Test
    void comparesAcrossNumericTypes() {
        assertThat(eval("1 < 1.5 && dyn(2.0) == 2 && 3u > 2")).isEqualTo(true);
        // like cel-go, equality of literals of different types does not type-check
        compileError(CelDialect.VALIDATING_POLICY, "2.0 == 2");
    }

    @Test
    void readsTimestampsInUtcByDefault() {
        assertThat(eval("timestamp('2023-01-02T23:30:00+02:00').getHours()")).isEqualTo(21L);
        assertThat(eval("timestamp('2023-01-02T23:30:00Z').getHours('Europe/Paris')")).isEqualTo(0L);
    }

    @Test
    void rejectsMixedLiteralsButAcceptsDyn() {
        compileError(CelDialect.VALIDATING_POLICY, "[1, 'a'].size() == 2");
        compileError(CelDialect.ADMISSION, "{'a': 1, 'b': 'x'}.size() == 2");
        assertThat(eval("[object.a, 'x'].size()", Map.of("object", Map.of("a", 1L)))).isEqualTo(2L);
        assertThat(eval("[dyn(1), 'a'].size()")).isEqualTo(2L);
    }

    @Test
    void stopsRunawayComprehensionsWithTheIterationBudget() {
        evalError("lists.range(1000).all(i, lists.range(1001).all(j, true))")
                .satisfies(e -> assertThat(((CelEvaluationException) e).getErrorCode())
                        .isEqualTo(CelErrorCode.ITERATION_BUDGET_EXCEEDED));
    }

    @Test
    void passesNonOptionalValuesThroughOrValue() {
        Map<String, Object> object = Map.of("spec", Map.of("containers", List.of(Map.of("name", "a"))));
        Map<String, Object> vars = Map.of("object", CelValues.toCel(object));
        assertThat(eval("object.spec.containers.orValue([]).size()", vars)).isEqualTo(1L);
        assertThat(eval("object.spec.?containers.orValue([]).size()", vars)).isEqualTo(1L);
        assertThat(eval("object.spec.?volumes.orValue([]).size()", vars)).isEqualTo(0L);
        assertThat(eval("optional.none().orValue(5)")).isEqualTo(5L);
        assertThat(eval("optional.of(4).orValue(5)")).isEqualTo(4L);
        assertThat(admission("'x'.orValue('y')")).isEqualTo("x");
        // a missing field is still an error: orValue does not absorb it
        Cel.evalError(CelDialect.VALIDATING_POLICY, "object.spec.volumes.orValue([]).size() == 0", vars);
    }

    @Test
    void offersKyvernoLibrariesOnlyInValidatingPolicies() {
        assertThat(eval("cel.bind(x, 2, x * x)")).isEqualTo(4L);
        assertThat(eval("math.greatest(1, 5, 3)")).isEqualTo(5L);
        assertThat(eval("base64.encode(b'hello')")).isEqualTo("aGVsbG8=");
        for (String expression : List.of("cel.bind(x, 2, x * x) == 4", "math.greatest(1, 2) == 2",
                "base64.encode(b'a') == 'YQ=='", "regex.replace('a', 'a', 'b') == 'b'",
                "sha256('a') != ''", "parseImageReference('nginx').tag() == 'latest'")) {
            compileError(CelDialect.ADMISSION, expression);
        }
    }

    @Test
    void declaresDialectVariables() {
        compileError(CelDialect.VALIDATING_POLICY, "params.x == 1");
        compileError(CelDialect.ADMISSION, "exceptions.allowedValues.size() == 0");
        assertThat(admission("has(request.x) || true")).isEqualTo(true);
    }

    @Test
    void lacksStringReverseWhichArrivedAfterStringsV2() {
        compileError(CelDialect.VALIDATING_POLICY, "'abc'.reverse() == 'cba'");
        assertThat(eval("[1, 2].reverse()")).isEqualTo(List.of(2L, 1L));
    }

    @Test
    void indexesAnOptionalListOrMapAsCelGoDoes() {
        Map<String, Object> pod = Map.of("object", Map.of("spec", Map.of("containers", List.of(Map.of("name", "app")),
                "nodeSelector", Map.of("zone", "a"))));
        assertThat(eval("object.?spec.?containers[?0].?name.orValue('')", pod)).isEqualTo("app");
        assertThat(eval("object.?spec.?initContainers[?0].?name.orValue('none')", pod)).isEqualTo("none");
        assertThat(eval("object.?spec.?containers[?3].hasValue()", pod)).isEqualTo(false);
        assertThat(eval("object.?spec.?containers[0].name.orValue('')", pod)).isEqualTo("app");
        assertThat(eval("object.?spec.?nodeSelector[?'zone'].orValue('')", pod)).isEqualTo("a");
        assertThat(eval("object.?spec.?nodeSelector['region'].hasValue()", pod)).isEqualTo(false);
        assertThat(eval("optional.of([1, 2])[?1].orValue(0) + optional.of(dyn({1: 5}))[?1].orValue(0)"))
                .isEqualTo(7L);
    }

    @Test
    void sortByKeepsTheListsTypeAndNeedsKeysOfOneComparableType() {
        assertThat(eval("[3, 1, 2].sortBy(x, -x) == [3, 2, 1]")).isEqualTo(true);
        assertThat(eval("object.items.sortBy(i, i.rank).map(i, i.name)", Map.of("object", Map.of("items", List.of(
                Map.of("name", "b", "rank", 2L), Map.of("name", "a", "rank", 1L), Map.of("name", "c", "rank", 2L))))))
                .isEqualTo(List.of("a", "b", "c"));
        assertThat(eval("[].sortBy(x, x).size()")).isEqualTo(0L);
        evalError("[[1], [2]].sortBy(x, x)").hasMessageContaining("list elements must be comparable");
        evalError("[dyn(1), dyn('a')].sortBy(x, x)").hasMessageContaining("list elements must have the same type");
        compileError(CelDialect.VALIDATING_POLICY, "[1].sortBy(x.y, x)");
    }
}
