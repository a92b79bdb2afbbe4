package dev.guidepost.core.internal.cel;

import static dev.guidepost.core.internal.cel.Cel.eval;
import static dev.guidepost.core.internal.cel.Cel.evalError;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Expectations from k8s.io/apiserver pkg/cel/library/quantity_test.go and apimachinery resource/quantity.go. */
class QuantityLibraryTest {

    @ParameterizedTest
    @CsvSource({
            "quantity('200M') == quantity('0.2G'), true",
            "quantity('2M') == quantity('0.002G') && quantity('2000k') == quantity('2M'), true",
            "quantity('200M') == quantity('0.3G'), false",
            "quantity('50M').isLessThan(quantity('50Mi')), true",
            "quantity('100M').isLessThan(quantity('50M')), false",
            "quantity('50Mi').isGreaterThan(quantity('50M')), true",
            "quantity('50M').isGreaterThan(quantity('100M')), false",
            "quantity('50k').add(quantity('20')) == quantity('50.02k'), true",
            "quantity('50k').add(20).isLessThan(quantity('50020')), false",
            "quantity('50k').sub(quantity('20')) == quantity('49.98k'), true",
            "quantity('50k').sub(20) == quantity('49980'), true",
            "quantity('9999999999999999999999999999999999999G').isInteger(), false",
            "quantity('50').isInteger(), true",
            "isQuantity('20'), true",
            "isQuantity('20M'), true",
            "isQuantity('20Mi'), true",
            "isQuantity('20Mo'), false",
            "isQuantity('10Mm'), false",
            "isQuantity('1;3G'), false",
            "isQuantity('200K'), false",
            "isQuantity('1.3Gi'), true",
            "isQuantity('1e3'), true",
            "isQuantity('1E-3'), true",
            "isQuantity('+1.5m'), true",
            "isQuantity(''), false",
            "isQuantity('1.5.5'), false",
    })
    void evaluatesLikeKubernetes(String expression, boolean expected) {
        assertThat(eval(expression)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
            "quantity('200M').compareTo(quantity('0.2G')), 0",
            "quantity('50M').compareTo(quantity('50Mi')), -1",
            "quantity('50Mi').compareTo(quantity('50M')), 1",
            "quantity('50k').add(20).sub(quantity('100k')).asInteger(), -49980",
            "quantity('50k').add(20).sub(quantity('100k')).sub(-50000).asInteger(), 20",
            "quantity('50k').asInteger(), 50000",
            "quantity('1Gi').asInteger(), 1073741824",
            "quantity('1.5k').asInteger(), 1500",
            "sign(quantity('-1m')), -1",
            "sign(quantity('0')), 0",
            "sign(quantity('5Gi')), 1",
    })
    void computesIntegers(String expression, long expected) {
        assertThat(eval(expression)).isEqualTo(expected);
    }

    @Test
    void approximatesAsFloat() {
        assertThat(eval("quantity('50.703k').asApproximateFloat()")).isEqualTo(50703.0);
        assertThat(eval("quantity('1.5Gi').asApproximateFloat()")).isEqualTo(1610612736.0);
        assertThat(eval("quantity('100m').asApproximateFloat()")).isEqualTo(0.1);
    }

    @Test
    void onlyTheScaledIntegerFormIsAnInteger() {
        // resource.Quantity.AsInt64 fails for a negative scale ("1.0" is 10e-1) and for the inf.Dec form ("1.5Gi")
        assertThat(eval("quantity('1.0').isInteger()")).isEqualTo(false);
        assertThat(eval("quantity('2000m').isInteger()")).isEqualTo(false);
        assertThat(eval("quantity('1.5Gi').isInteger()")).isEqualTo(false);
        evalError("quantity('1.5Gi').asInteger()").hasMessageContaining("cannot convert value to integer");
    }

    @Test
    void roundsTinyValuesUpToNanoUnits() {
        assertThat(eval("quantity('0.1n') == quantity('1n')")).isEqualTo(true);
        assertThat(eval("quantity('1e-20') == quantity('1n')")).isEqualTo(true);
        assertThat(eval("quantity('-1e-20') == quantity('-1n')")).isEqualTo(true);
    }

    @Test
    void acceptsANumberlessSuffixAsZeroLikeGoDoes() {
        // parseQuantityString returns num "0" for "Mi"; ParseQuantity then succeeds (the doc comment says error)
        assertThat(eval("quantity('Mi') == quantity('0')")).isEqualTo(true);
    }

    @Test
    void capsBinaryQuantitiesAtTheInt64Maximum() {
        assertThat(eval("quantity('9999999999Ei').asApproximateFloat()"))
                .isEqualTo((double) Long.MAX_VALUE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"10Mo", "Three", "1,3G", "1.5.5"})
    void rejectsMalformedQuantitiesWithTheRegexMessage(String text) {
        evalError("quantity('" + text + "')").hasMessageContaining("quantities must match the regular expression");
    }

    @Test
    void rejectsUnknownSuffixes() {
        evalError("quantity('10Mm')").hasMessageContaining("unable to parse quantity's suffix");
        evalError("quantity('200K')").hasMessageContaining("unable to parse quantity's suffix");
    }

    @Test
    void signIsAGlobalFunctionAsInKubernetes() {
        Cel.compileError(CelDialect.VALIDATING_POLICY, "quantity('1').sign() == 1");
    }

    @Test
    void checksContainerLimitsInARealisticPolicy() {
        Map<String, Object> object = Map.of("spec", Map.of("containers", List.of(
                Map.of("name", "a", "resources", Map.of("limits", Map.of("memory", "512Mi"))),
                Map.of("name", "b", "resources", Map.of("limits", Map.of("memory", "1Gi"))))));
        String expression = "object.spec.containers.all(c, "
                + "quantity(c.resources.limits.memory).isLessThan(quantity('1Gi')))";
        assertThat(eval(expression, Map.of("object", CelValues.toCel(object)))).isEqualTo(false);
        assertThat(eval(expression.replace("isLessThan(quantity('1Gi'))", "compareTo(quantity('1Gi')) <= 0"),
                Map.of("object", CelValues.toCel(object)))).isEqualTo(true);
        assertThat(Cel.admission("quantity('1Gi').isGreaterThan(quantity('1G'))")).isEqualTo(true);
    }
}
