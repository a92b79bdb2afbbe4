package dev.guidepost.core.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.guidepost.core.internal.yaml.PlainValues;

class MutatingPolicyAutogenTest {

    @Test
    void anObjectLiteralIsNestedUnderThePodTemplate() {
        assertThat(MutatingPolicyAutogen.expression("Object{spec: Object.spec{hostNetwork: false}}", "defaults"))
                .isEqualTo("Object{spec: Object.spec{template: Object.spec.template{"
                        + "spec: Object.spec.template.spec{hostNetwork: false}}}}");
        assertThat(MutatingPolicyAutogen.expression(" Object {spec: Object.spec{}} ", "cronjobs"))
                .isEqualTo("Object{spec: Object.spec{jobTemplate: Object.spec.jobTemplate{spec: "
                        + "Object.spec.jobTemplate.spec{template: Object.spec.jobTemplate.spec.template{"
                        + "spec: Object.spec.jobTemplate.spec.template.spec{}}}}}}");
    }

    @Test
    void objectPathsMoveToTheTemplateButNamespaceObjectsStay() {
        assertThat(MutatingPolicyAutogen.expression("object.spec.containers.size() > 0 && "
                + "oldObject.spec.hostPID == false && 'a' in object.metadata.labels && "
                + "'b' in namespaceObject.metadata.labels && object.metadata.name != ''", "defaults"))
                .isEqualTo("object.spec.template.spec.containers.size() > 0 && "
                        + "oldObject.spec.template.spec.hostPID == false && 'a' in object.spec.template.metadata.labels"
                        + " && 'b' in namespaceObject.metadata.labels && object.metadata.name != ''");
    }

    @Test
    void variantsRewriteMatchConditionsAndApplyConfigurationsButNotJsonPatches() {
        Map<String, Object> spec = PlainValues.map(Map.of(
                "matchConstraints", Map.of("resourceRules", List.of(Map.of("apiGroups", List.of(""),
                        "apiVersions", List.of("v1"), "operations", List.of("CREATE"),
                        "resources", List.of("pods")))),
                "autogen", Map.of("podControllers", Map.of("controllers", List.of("cronjobs"))),
                "matchConditions", List.of(Map.of("name", "c", "expression", "has(object.spec.x)")),
                "mutations", List.of(
                        Map.of("patchType", "JSONPatch", "jsonPatch", Map.of("expression", "object.spec.x")),
                        Map.of("patchType", "ApplyConfiguration", "applyConfiguration",
                                Map.of("expression", "object.spec.y")))));

        List<ValidatingPolicyAutogen.Variant> variants = MutatingPolicyAutogen.variants(spec);

        assertThat(variants).extracting(ValidatingPolicyAutogen.Variant::name).containsExactly("cronjobs");
        Map<String, Object> rewritten = variants.get(0).spec();
        Object rule = PlainValues.list(rewritten, "matchConstraints", "resourceRules").get(0);
        List<Object> mutations = PlainValues.list(rewritten, "mutations");
        assertThat(PlainValues.strings(rule, "resources")).containsExactly("cronjobs");
        assertThat(PlainValues.string(PlainValues.list(rewritten, "matchConditions").get(0), "expression"))
                .isEqualTo("has(object.spec.jobTemplate.spec.template.spec.x)");
        assertThat(PlainValues.string(mutations.get(0), "jsonPatch", "expression")).isEqualTo("object.spec.x");
        assertThat(PlainValues.string(mutations.get(1), "applyConfiguration", "expression"))
                .isEqualTo("object.spec.jobTemplate.spec.template.spec.y");
    }
}
