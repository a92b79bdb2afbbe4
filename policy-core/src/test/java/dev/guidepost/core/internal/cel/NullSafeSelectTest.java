package dev.guidepost.core.internal.cel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** cel-go's presence semantics on null, which Kyverno has (an empty {@code metadata:} in a pod template). */
class NullSafeSelectTest {

    private static Map<String, Object> objectWithNullMetadata() {
        Map<String, Object> template = new HashMap<>();
        template.put("metadata", null);
        template.put("spec", Map.of("containers", List.of(Map.of("name", "app"))));
        return Map.of("object", CelValues.toCel(Map.of("spec", Map.of("template", template))));
    }

    @Test
    void hasIsFalseOnANullParent() {
        assertThat(Cel.eval("has(object.spec.template.metadata.annotations)", objectWithNullMetadata()))
                .isEqualTo(false);
    }

    @Test
    void optionalSelectionOnANullParentIsNone() {
        assertThat(Cel.eval("object.spec.template.metadata.?annotations.orValue('none')", objectWithNullMetadata()))
                .isEqualTo("none");
        assertThat(Cel.eval("object.spec.template.metadata.?labels.?app.hasValue()", objectWithNullMetadata()))
                .isEqualTo(false);
    }

    @Test
    void optionalSelectionStillFindsPresentFields() {
        assertThat(Cel.eval("object.spec.template.?spec.?containers.orValue([]).size()", objectWithNullMetadata()))
                .isEqualTo(1L);
        assertThat(Cel.eval("{'a': {'b': 2}}.?a.?b.orValue(0)")).isEqualTo(2L);
        assertThat(Cel.eval("{'a': {'b': 2}}.?x.?b.orValue(0)")).isEqualTo(0L);
    }

    @Test
    void hasStillFailsWhenAnAncestorIsMissing() {
        Cel.evalError(CelDialect.VALIDATING_POLICY, "has(object.spec.missing.field)", objectWithNullMetadata())
                .hasMessageContaining("missing");
    }

    @Test
    void plainSelectionOnNullIsStillAnError() {
        Cel.evalError(CelDialect.VALIDATING_POLICY, "object.spec.template.metadata.annotations",
                objectWithNullMetadata());
    }

    @Test
    void hasRejectsArgumentsThatAreNotFieldSelections() {
        Cel.compileError(CelDialect.ADMISSION, "has(object)").hasMessageContaining("has()");
    }
}
