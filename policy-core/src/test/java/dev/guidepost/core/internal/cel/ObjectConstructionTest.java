package dev.guidepost.core.internal.cel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.cel.runtime.CelEvaluationException;

/** Kubernetes' Object{...} and JSONPatch{...} constructions in the MutatingPolicy dialect. */
class ObjectConstructionTest {

    private static Object raw(String expression) throws Exception {
        return CelEnvironment.of(CelDialect.MUTATING_POLICY).compile(expression).evaluate(Map.of("object",
                CelValues.toCel(Map.of("spec", Map.of("containers", List.of(Map.of("name", "a")))))),
                ClusterData.NONE);
    }

    @Test
    void anObjectConstructionKeepsItsTypeNameAndFields() throws Exception {
        Object value = raw("Object{spec: Object.spec{containers: object.spec.containers.map(c, "
                + "Object.spec.containers{name: c.name, image: 'x{y}: z'})}}");

        assertThat(value).isInstanceOfSatisfying(ConstructedObject.class, o -> {
            assertThat(o.typeName()).isEqualTo("Object");
            assertThat(o.get("spec")).isInstanceOfSatisfying(ConstructedObject.class,
                    spec -> assertThat(spec.typeName()).isEqualTo("Object.spec"));
        });
        assertThat(CelValues.fromCel(value)).isEqualTo(Map.of("spec", Map.of("containers",
                List.of(Map.of("name", "a", "image", "x{y}: z")))));
    }

    @Test
    void fieldsOfDifferentTypesAndNullAlternativesCompile() throws Exception {
        Object patches = raw("[1, 2].map(i, i == 1 ? JSONPatch{op: 'add', path: '/a/' + string(i), value: {}} : "
                + "null).filter(p, p != null)");

        assertThat(patches).asList().singleElement().isInstanceOfSatisfying(ConstructedObject.class, p -> {
            assertThat(p.typeName()).isEqualTo("JSONPatch");
            assertThat(p.get("path")).isEqualTo("/a/1");
        });
    }

    @Test
    void escapeKeyEscapesAJsonPointerToken() {
        assertThat(Cel.eval(CelDialect.MUTATING_POLICY, "jsonpatch.escapeKey('example.com/a~b')", Map.of()))
                .isEqualTo("example.com~1a~0b");
    }

    @Test
    void aJsonPatchFieldOutsideOpPathFromAndValueDoesNotCompile() {
        Cel.compileError(CelDialect.MUTATING_POLICY, "[JSONPatch{op: 'add', pth: '/a'}]")
                .hasMessageContaining("pth");
    }

    @Test
    void aJsonPatchPathThatIsNotAStringIsAnEvaluationError() {
        Cel.evalError(CelDialect.MUTATING_POLICY, "[JSONPatch{op: 'add', path: 1}]", Map.of())
                .isInstanceOf(CelEvaluationException.class);
    }

    @Test
    void validatingPoliciesKnowNoObjectType() {
        Cel.compileError(CelDialect.VALIDATING_POLICY, "Object{spec: 1}");
    }
}
