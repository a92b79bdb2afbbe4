package dev.guidepost.core.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ApiServerQuantitiesTest {

    @Test
    void numbersGetKubernetesCanonicalDecimalForm() {
        assertThat(number(2)).isEqualTo("2");
        assertThat(number(0)).isEqualTo("0");
        assertThat(number(0.5)).isEqualTo("500m");
        assertThat(number(1.5)).isEqualTo("1500m");
        assertThat(number(0.1)).isEqualTo("100m");
        assertThat(number(1000)).isEqualTo("1k");
        assertThat(number(1500)).isEqualTo("1500");
        assertThat(number(2147483648L)).isEqualTo("2147483648");
        assertThat(number(5_000_000_000L)).isEqualTo("5G");
        assertThat(number(0.0000000001)).isEqualTo("1n");
        assertThat(number(5_000_000_000_000_000_000L)).isEqualTo("5E");
        assertThat(number(-0.25)).isEqualTo("-250m");
        assertThat(number(new BigInteger("1000000000000000000000"))).isEqualTo("1e21");
    }

    @Test
    void textGetsTheCanonicalFormOfItsFormatAndResourceListsAreRoundedUpToMilliUnits() {
        assertThat(resourceListValue("1024Mi")).isEqualTo("1Gi");
        assertThat(resourceListValue("1.5Gi")).isEqualTo("1536Mi");
        assertThat(resourceListValue("1000m")).isEqualTo("1");
        assertThat(resourceListValue("0.5")).isEqualTo("500m");
        assertThat(resourceListValue("1e3")).isEqualTo("1e3");
        assertThat(resourceListValue("100u")).isEqualTo("1m");
        assertThat(resourceListValue("512")).as("below 1024 a binary value is written in decimal").isEqualTo("512");
        assertThat(resourceListValue("0.5Ki")).isEqualTo("512");
        assertThat(resourceListValue("1GB")).as("not a quantity: the manifest check names it").isEqualTo("1GB");
        Map<String, Object> volume = Map.of("spec", Map.of("volumes", List.of(Map.of("name", "s", "emptyDir",
                Map.of("sizeLimit", "100u")))));
        assertThat(ApiServerQuantities.of("Pod", volume)).as("a single quantity is not a resource list")
                .isEqualTo(Map.of("spec", Map.of("volumes", List.of(Map.of("name", "s", "emptyDir",
                        Map.of("sizeLimit", "100u"))))));
    }

    /** A number at a single quantity (an emptyDir's size limit), which is rounded up to nano units only. */
    private static String number(Number n) {
        Map<String, Object> pod = ApiServerQuantities.of("Pod", Map.of("spec", Map.of("volumes", List.of(
                Map.of("name", "s", "emptyDir", Map.of("sizeLimit", n))))));
        Object volume = ((List<?>) ((Map<?, ?>) pod.get("spec")).get("volumes")).get(0);
        return String.valueOf(((Map<?, ?>) ((Map<?, ?>) volume).get("emptyDir")).get("sizeLimit"));
    }

    private static String resourceListValue(Object value) {
        Map<String, Object> quota = ApiServerQuantities.of("ResourceQuota", Map.of("spec", Map.of("hard",
                Map.of("requests.cpu", value))));
        return String.valueOf(((Map<?, ?>) ((Map<?, ?>) quota.get("spec")).get("hard")).get("requests.cpu"));
    }

    @Test
    void onlyNumbersAtQuantityFieldsOfTheKindChange() {
        Map<String, Object> deployment = Map.of("spec", Map.of("replicas", 2, "template", Map.of("spec", Map.of(
                "containers", List.of(Map.of("name", "app", "resources", Map.of(
                        "limits", Map.of("cpu", 2, "memory", "1Gi"), "requests", Map.of("cpu", 0.25)))),
                "volumes", List.of(Map.of("name", "scratch", "emptyDir", Map.of("sizeLimit", 1000000)))))));

        Map<String, Object> read = ApiServerQuantities.of("Deployment", deployment);

        assertThat(read).isEqualTo(Map.of("spec", Map.of("replicas", 2, "template", Map.of("spec", Map.of(
                "containers", List.of(Map.of("name", "app", "resources", Map.of(
                        "limits", Map.of("cpu", "2", "memory", "1Gi"), "requests", Map.of("cpu", "250m")))),
                "volumes", List.of(Map.of("name", "scratch", "emptyDir", Map.of("sizeLimit", "1M"))))))));
        assertThat(ApiServerQuantities.of("ResourceQuota", Map.of("spec", Map.of("hard", Map.of("pods", 10)))))
                .isEqualTo(Map.of("spec", Map.of("hard", Map.of("pods", "10"))));
    }

    @Test
    void anObjectWithoutNumericQuantitiesIsReturnedAsItIs() {
        Map<String, Object> pod = Map.of("spec", Map.of("containers", List.of(Map.of("resources",
                Map.of("limits", Map.of("cpu", "2"))))));
        Map<String, Object> service = Map.of("spec", Map.of("ports", List.of(Map.of("port", 80))));

        assertThat(ApiServerQuantities.of("Pod", pod)).isSameAs(pod);
        assertThat(ApiServerQuantities.of("Service", service)).isSameAs(service);
    }
}
