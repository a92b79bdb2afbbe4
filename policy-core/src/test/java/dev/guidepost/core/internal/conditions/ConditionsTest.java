package dev.guidepost.core.internal.conditions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

class ConditionsTest {

    @TestFactory
    Stream<DynamicTest> decidesEachConditionOfTheFixtureAsKyvernosHandlersDo() throws IOException {
        return load("condition-cases.yaml").stream().map(c -> DynamicTest.dynamicTest(
                c.get("operator") + ": " + c.get("name"),
                () -> assertThat(Conditions.evaluate(c.get("key"), (String) c.get("operator"), c.get("value")))
                        .as("%s %s %s", c.get("key"), c.get("operator"), c.get("value"))
                        .isEqualTo(c.get("expect"))));
    }

    @TestFactory
    Stream<DynamicTest> evaluatesEachBlockOfTheFixtureAsKyvernosEvaluateConditionsDoes() throws IOException {
        return load("block-cases.yaml").stream().map(c -> DynamicTest.dynamicTest((String) c.get("name"), () -> {
            List<?> expect = (List<?>) c.get("expect");
            assertThat(Conditions.evaluateBlock(c.get("conditions")))
                    .isEqualTo(new Conditions.Result((Boolean) expect.get(0), (String) expect.get(1)));
        }));
    }

    @Test
    void integersOfEveryJavaTypeCompareAsKyvernosFloat64s() {
        assertThat(Conditions.evaluate(5, "Equals", 5L)).isTrue();
        assertThat(Conditions.evaluate(BigInteger.TEN, "Equals", 10.0)).isTrue();
        assertThat(Conditions.evaluate(1, "Equals", "1.0")).isTrue(); // float64 keys parse the value as a float
        assertThat(Conditions.evaluate(Map.of("a", 1), "Equals", Map.of("a", 1.0))).isTrue();
        assertThat(Conditions.evaluate(List.of(1, 2), "AllIn", List.of("1", "2", "3"))).isTrue();
    }

    @Test
    void anUnknownOperatorIsAnError() {
        assertThatThrownBy(() -> Conditions.evaluate("a", "Matches", "a"))
                .isInstanceOf(ConditionException.class).hasMessageContaining("Matches");
        assertThatThrownBy(() -> Conditions.evaluate("a", null, "a")).isInstanceOf(ConditionException.class);
    }

    @Test
    void aBlockWithAnUnknownOrMissingOperatorIsAnError() {
        assertThatThrownBy(() -> Conditions.evaluateBlock(List.of(Map.of("key", "a", "value", "a"))))
                .isInstanceOf(ConditionException.class);
        assertThatThrownBy(() -> Conditions.evaluateBlock(
                Map.of("all", List.of(Map.of("key", "a", "operator", "Like", "value", "a")))))
                .isInstanceOf(ConditionException.class).hasMessageContaining("Like");
    }

    @Test
    void malformedBlocksAreErrors() {
        assertThatThrownBy(() -> Conditions.evaluateBlock("a")).isInstanceOf(ConditionException.class);
        assertThatThrownBy(() -> Conditions.evaluateBlock(Map.of("any", "a"))).isInstanceOf(ConditionException.class);
        assertThatThrownBy(() -> Conditions.evaluateBlock(List.of("a"))).isInstanceOf(ConditionException.class);
        assertThatThrownBy(() -> Conditions.evaluateBlock(
                List.of(Map.of("key", "a", "operator", "Equals", "value", "a", "message", 3))))
                .isInstanceOf(ConditionException.class);
    }

    @Test
    void eachConditionIsResolvedWhenItIsReachedSoConditionsAfterTheDecidingOneCannotFail() {
        java.util.function.UnaryOperator<Object> resolve = value -> {
            if ("{{ broken }}".equals(value)) {
                throw new IllegalStateException("cannot resolve");
            }
            return value;
        };
        Map<String, Object> anyHolds = Map.of("any", List.of(
                Map.of("key", "a", "operator", "Equals", "value", "a"),
                Map.of("key", "{{ broken }}", "operator", "Equals", "value", "x")));
        Map<String, Object> allFails = Map.of("all", List.of(
                Map.of("key", "a", "operator", "Equals", "value", "b"),
                Map.of("key", "{{ broken }}", "operator", "Equals", "value", "x")));
        Map<String, Object> reached = Map.of("all", List.of(
                Map.of("key", "a", "operator", "Equals", "value", "a"),
                Map.of("key", "{{ broken }}", "operator", "Equals", "value", "x")));

        assertThat(Conditions.evaluateBlock(anyHolds, resolve).holds()).isTrue();
        assertThat(Conditions.evaluateBlock(allFails, resolve).holds()).isFalse();
        assertThatThrownBy(() -> Conditions.evaluateBlock(reached, resolve)).hasMessage("cannot resolve");
    }

    @Test
    void anAbsentBlockHolds() {
        assertThat(Conditions.evaluateBlock(null)).isEqualTo(new Conditions.Result(true, ""));
    }

    @Test
    void theDeprecatedInRejectsANonStringKeyListWhereKyvernoPanics() {
        assertThatThrownBy(() -> Conditions.evaluate(List.of("a", 1), "In", List.of("a")))
                .isInstanceOf(ConditionException.class);
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> load(String name) throws IOException {
        try (InputStream in = getClass().getResourceAsStream(name)) {
            return new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        }
    }
}
