package dev.guidepost.core.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ApiServerQuantitiesTest {

    @Test
    void numbersGetKubernetesCanonicalDecimalForm() {
        assertThat(ApiServerQuantities.canonical(2)).isEqualTo("2");
        assertThat(ApiServerQuantities.canonical(0)).isEqualTo("0");
        assertThat(ApiServerQuantities.canonical(0.5)).isEqualTo("500m");
        assertThat(ApiServerQuantities.canonical(1.5)).isEqualTo("1500m");
        assertThat(ApiServerQuantities.canonical(0.1)).isEqualTo("100m");
        assertThat(ApiServerQuantities.canonical(1000)).isEqualTo("1k");
        assertThat(ApiServerQuantities.canonical(1500)).isEqualTo("1500");
        assertThat(ApiServerQuantities.canonical(2147483648L)).isEqualTo("2147483648");
        assertThat(ApiServerQuantities.canonical(5_000_000_000L)).isEqualTo("5G");
        assertThat(ApiServerQuantities.canonical(0.0000000001)).isEqualTo("1n");
        assertThat(ApiServerQuantities.canonical(5_000_000_000_000_000_000L)).isEqualTo("5E");
        assertThat(ApiServerQuantities.canonical(-0.25)).isEqualTo("-250m");
        assertThat(ApiServerQuantities.canonical(new BigInteger("1000000000000000000000"))).isEqualTo("1e21");
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
