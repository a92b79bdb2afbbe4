package dev.guidepost.core.internal.cel;

import static dev.guidepost.core.internal.cel.Cel.eval;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import dev.guidepost.core.internal.cel.CelValues.Numbers;

/** Plain values in and out of CEL, Kyverno's all-double numbers, and realistic policy expressions. */
class CelValuesTest {

    private static Map<String, Object> deployment() {
        Map<String, Object> container = new LinkedHashMap<>();
        container.put("name", "app");
        container.put("image", "ghcr.io/acme/app:1.2");
        container.put("securityContext", null);
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("replicas", 3);
        spec.put("template", Map.of("spec", Map.of("containers", List.of(container,
                Map.of("name", "sidecar", "image", "nginx")))));
        return Map.of("apiVersion", "apps/v1", "kind", "Deployment", "spec", spec);
    }

    @Test
    void roundTripsNestedMapsListsAndNulls() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("a", Arrays.asList(1, null, Map.of("b", 2.5)));
        value.put("n", null);
        Object back = CelValues.fromCel(CelValues.toCel(value));
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("a", Arrays.asList(1L, null, Map.of("b", 2.5)));
        expected.put("n", null);
        assertThat(back).isEqualTo(expected);
    }

    @Test
    void treatsKyvernoCliNumbersAsDoubles() {
        Map<String, Object> vars = Map.of("object", CelValues.toCel(deployment(), Numbers.ALL_DOUBLE));
        assertThat(eval("object.spec.replicas > 1", vars)).isEqualTo(true);
        assertThat(eval("object.spec.replicas == 3", vars)).isEqualTo(true);
        assertThat(eval("object.spec.replicas in [1, 3]", vars)).isEqualTo(true);
        assertThat(eval("type(object.spec.replicas) == int", vars)).isEqualTo(false);
        assertThat(eval("type(object.spec.replicas) == double", vars)).isEqualTo(true);
        assertThat(eval("string(object.spec.replicas)", vars)).isEqualTo("3");
        Cel.evalError(CelDialect.VALIDATING_POLICY, "object.spec.replicas + 1 > 0", vars)
                .hasMessageContaining("No matching overload");
        Cel.evalError(CelDialect.VALIDATING_POLICY, "object.spec.replicas % 2 == 1", vars)
                .hasMessageContaining("No matching overload");
    }

    @Test
    void keepsIntegersAsReadForTheApiServerView() {
        Map<String, Object> vars = Map.of("object", CelValues.toCel(deployment()));
        assertThat(eval("object.spec.replicas + 1", vars)).isEqualTo(4L);
        assertThat(eval("type(object.spec.replicas) == int", vars)).isEqualTo(true);
    }

    @Test
    void evaluatesRealisticValidatingPolicyExpressions() {
        Map<String, Object> vars = Map.of("object", CelValues.toCel(deployment(), Numbers.ALL_DOUBLE));
        assertThat(eval("object.spec.?template.?spec.?containers.orValue([])"
                + ".map(c, parseImageReference(c.image).registry())", vars))
                .isEqualTo(List.of("ghcr.io", "index.docker.io"));
        assertThat(eval("object.spec.template.spec.containers.all(c, "
                + "parseImageReference(c.image).tag() != 'latest')", vars)).isEqualTo(false);
        assertThat(eval("object.spec.template.spec.containers.exists(c, c.securityContext == null)", vars))
                .isEqualTo(true);
        assertThat(eval("object.spec.template.spec.containers.filter(c, !has(c.securityContext))"
                + ".map(c, c.name)", vars)).isEqualTo(List.of("sidecar"));
        assertThat(eval("cel.bind(names, object.spec.template.spec.containers.map(c, c.name), "
                + "names.isSorted() && names.indexOf('sidecar') == 1)", vars)).isEqualTo(true);
        assertThat(eval("'%s has %s replicas'.format([object.kind, string(object.spec.replicas)])", vars))
                .isEqualTo("Deployment has 3 replicas");
    }

    @Test
    void convertsDurationsAndTimestamps() {
        assertThat(eval("duration('1h') > duration('30m')")).isEqualTo(true);
        assertThat(eval("timestamp('2024-01-01T00:00:00Z') + duration('24h') == timestamp('2024-01-02T00:00:00Z')"))
                .isEqualTo(true);
        assertThat(eval("int(timestamp('1970-01-01T00:01:00Z'))")).isEqualTo(60L);
    }

    @Test
    void evaluatesOneProgramFromManyThreads() throws Exception {
        CelExpression expression = CelEnvironment.of(CelDialect.VALIDATING_POLICY)
                .compile("quantity(object.q).add(1).asInteger() + sha256(object.s).size()");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Object>> results = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                int n = i;
                results.add(pool.submit(() -> expression.evaluate(
                        Map.of("object", CelValues.toCel(Map.of("q", n + "k", "s", "x" + n))), ClusterData.NONE)));
            }
            for (int i = 0; i < results.size(); i++) {
                assertThat(results.get(i).get()).isEqualTo(i * 1000L + 1 + 64);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
