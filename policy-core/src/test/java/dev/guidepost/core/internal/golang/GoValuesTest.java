package dev.guidepost.core.internal.golang;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class GoValuesTest {

    @Test
    void valuesPrintAsGosFmtSprint() {
        assertThat(GoValues.sprint(GoValues.toFloat64s(Map.of("b", 2, "a", List.of("x", 0.5))))).isEqualTo(
                "map[a:[x 0.5] b:2]");
        assertThat(GoValues.sprint(null)).isEqualTo("<nil>");
        assertThat(GoValues.sprint(1e21)).isEqualTo("1e+21");
    }

    @Test
    void goNumberFormatting() {
        assertThat(GoValues.jsonFloat(1e21)).isEqualTo("1e+21");
        assertThat(GoValues.jsonFloat(1.5e-7)).isEqualTo("1.5e-7");
        assertThat(GoValues.jsonFloat(100)).isEqualTo("100");
        assertThat(GoValues.jsonFloat(-0.0)).isEqualTo("-0");
        assertThat(GoValues.formatFloat(16777217, true)).isEqualTo("16777216");
        assertThat(GoValues.formatG(1e6)).isEqualTo("1e+06");
    }

    @Test
    void floatsPrintAsGoPrintsThem() {
        assertThat(GoValues.formatExponent(8080)).isEqualTo("8.08E+03");
        assertThat(GoValues.formatExponent(0.5)).isEqualTo("5E-01");
        assertThat(GoValues.formatExponent(0)).isEqualTo("0E+00");
        assertThat(GoValues.formatFixed(3)).isEqualTo("3.000000");
        assertThat(GoValues.formatFixed(0)).isEqualTo("0.000000");
    }

    @Test
    void marshalsAsEncodingJson() {
        assertThat(GoValues.marshal(Map.of("b", List.of(1.0, true), "a", "<x>"))).isEqualTo(
                "{\"a\":\"\\u003cx\\u003e\",\"b\":[1,true]}");
        assertThat(GoValues.marshal(null)).isEqualTo("null");
        assertThatThrownBy(() -> GoValues.marshal(Double.NaN)).hasMessage("json: unsupported value: NaN");
    }

    @Test
    void deepEqualComparesNumbersAsFloat64() {
        assertThat(GoValues.deepEqual(Map.of("a", List.of(1.0)), Map.of("a", List.of(1L)))).isTrue();
        assertThat(GoValues.deepEqual(Double.NaN, Double.NaN)).isFalse();
        assertThat(GoValues.deepEqual(-0.0, 0.0)).isTrue();
    }

    @Test
    void quotesAsGosPercentQ() {
        assertThat(GoValues.quote("a\"b\n\u0001")).isEqualTo("\"a\\\"b\\n\\x01\"");
    }
}
