package dev.guidepost.core.internal.cel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.cel.runtime.CelEvaluationException;

/** Kyverno's cluster-facing functions, bound per evaluation to the {@link ClusterData} given. */
class ClusterFunctionsTest {

    private static final ClusterData MOCK = new ClusterData() {
        @Override
        public Object getResource(String apiVersion, String resource, String namespace, String name) {
            return name.equals("cfg") ? Map.of("data", Map.of("mode", "strict"), "spec", Map.of("n", 2)) : null;
        }

        @Override
        public Object listResources(String apiVersion, String resource, String namespace) {
            return Map.of("items", List.of(Map.of("metadata", Map.of("name", "a"))));
        }

        @Override
        public Object globalContext(String name, String projection) {
            return projection == null ? List.of(name) : projection;
        }

        @Override
        public Object http(String method, String url, Object body, Map<String, String> headers) {
            return Map.of("statusCode", 200, "body", Map.of("method", method, "url", url));
        }

        @Override
        public Object imageMetadata(String image) {
            throw new IllegalStateException("no metadata for image " + image);
        }
    };

    private static Object eval(String expression, ClusterData data) throws Exception {
        return CelValues.fromCel(CelEnvironment.of(CelDialect.VALIDATING_POLICY).compile(expression)
                .evaluate(Map.of(), data));
    }

    @Test
    void answersFromTheGivenData() throws Exception {
        assertThat(eval("resource.Get('v1', 'configmaps', 'ns', 'cfg').data.mode", MOCK)).isEqualTo("strict");
        assertThat(eval("resource.get('v1', 'configmaps', 'ns', 'cfg').spec.n == 2", MOCK)).isEqualTo(true);
        assertThat(eval("dyn(resource.Get('v1', 'configmaps', 'ns', 'missing')) == null", MOCK)).isEqualTo(true);
        assertThat(eval("resource.List('v1', 'pods', 'ns').items.size()", MOCK)).isEqualTo(1L);
        assertThat(eval("resource.list('v1', 'pods', 'ns', {'app': 'x'}).items[0].metadata.name", MOCK))
                .isEqualTo("a");
        assertThat(eval("globalContext.Get('entry')", MOCK)).isEqualTo(List.of("entry"));
        assertThat(eval("globalContext.get('entry', 'proj')", MOCK)).isEqualTo("proj");
        assertThat(eval("http.Get('https://x').body.method", MOCK)).isEqualTo("GET");
        assertThat(eval("http.post('https://x', {'a': 1}).body.method", MOCK)).isEqualTo("POST");
        assertThat(eval("http.Client('ca').Get('https://y').body.url", MOCK)).isEqualTo("https://y");
    }

    @Test
    void turnsDataFailuresIntoEvaluationErrors() {
        assertThatThrownBy(() -> eval("image.GetMetadata('nginx')", MOCK))
                .isInstanceOf(CelEvaluationException.class)
                .hasMessageContaining("no metadata for image nginx");
        assertThatThrownBy(() -> eval("resource.Get('v1', 'configmaps', 'ns', 'cfg')", ClusterData.NONE))
                .isInstanceOf(CelEvaluationException.class)
                .hasMessageContaining("resource.Get needs data from a cluster");
        assertThatThrownBy(() -> eval("resource.ToGVR('apps/v1', 'deployments')", MOCK))
                .isInstanceOf(CelEvaluationException.class)
                .hasMessageContaining("not supported offline");
    }

    @Test
    void isAbsentFromAdmissionExpressions() {
        assertThatThrownBy(() -> CelEnvironment.of(CelDialect.ADMISSION)
                .compile("resource.Get('v1', 'configmaps', 'ns', 'cfg') == null"))
                .isInstanceOf(CelCompileException.class);
    }
}
