package dev.guidepost.core.internal.jmespath;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Kyverno's SubstituteAll (pkg/engine/variables/vars.go). */
class VariablesTest {

    private static Map<String, Object> context() {
        Map<String, Object> labels = new LinkedHashMap<>();
        labels.put("app", "web");
        labels.put("tier", "front");
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", "web-1");
        metadata.put("namespace", "prod");
        metadata.put("labels", labels);
        metadata.put("annotations", null);
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("metadata", metadata);
        object.put("spec", new LinkedHashMap<>(Map.of("replicas", 3, "ratio", 1.5, "paused", false)));
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("object", object);
        request.put("operation", "CREATE");
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("request", request);
        context.put("keyName", "name");
        context.put("pointer", "{{ request.object.metadata.namespace }}");
        return context;
    }

    @Test
    void aVariableCutOffByAnOpenBracketOrQuoteIsNamedWithWhy() {
        assertThat(Variables.syntaxError("n: {{ length(request.object.spec.containers }}")).hasValue(
                "{{ length(request.object.spec.containers }}: '(' is not closed");
        assertThat(Variables.syntaxError("{{ items[?name == 'a'] ]}}")).hasValue(
                "{{ items[?name == 'a'] ]}}: ']' at position 21 closes nothing open");
        assertThat(Variables.syntaxError("{{ to_string('abc) }}")).get().asString().endsWith("the quote ' is not closed");
        assertThat(Variables.syntaxError("{{ items[?name == ')]'] | length(@) }} and {{ a.{{ b }} }}")).isEmpty();
        assertThat(Variables.syntaxError("\\{{ not a variable ( }}")).isEmpty();
    }

    @Test
    void inConditionsAMissingFieldAndAFailingFunctionAreErrorsUnlessTheExpressionHandlesThem() {
        assertThatThrownBy(() -> Variables.substitute("{{ request.object.spec.missing.deeper }}",
                context())).isInstanceOf(JmesPathException.class).hasMessageContaining("Unknown key \"missing\"");
        assertThat(Variables.substitute("{{ request.object.spec.missing.deeper || '' }}", context()))
                .isEqualTo("");
        assertThatThrownBy(() -> Variables.substitute("{{ divide(`4`, `0`) }}", context()))
                .isInstanceOf(JmesPathException.class)
                .hasMessageContaining("Zero divisor passed");
        assertThatThrownBy(() -> Variables.substitute("{{ multiply('2', '3') }}", context()))
                .hasMessageContaining("Types mismatch");
    }

    @Test
    void findsVariablesInStringsKeysAndNestedValues() {
        assertThat(Variables.hasVariables("{{ request.object.metadata.name }}")).isTrue();
        assertThat(Variables.hasVariables("name-{{x}}")).isTrue();
        assertThat(Variables.hasVariables("plain")).isFalse();
        assertThat(Variables.hasVariables("\\{{ escaped }}")).isFalse();
        assertThat(Variables.hasVariables(Map.of("{{k}}", "v"))).isTrue();
        assertThat(Variables.hasVariables(Map.of("a", List.of(1, "{{ x }}")))).isTrue();
        assertThat(Variables.hasVariables(Map.of("a", List.of(1, "x")))).isFalse();
        assertThat(Variables.hasVariables(3)).isFalse();
    }

    @Test
    void wholeStringVariableKeepsTheValuesType() {
        assertThat(Variables.substitute("{{ request.object.spec.replicas }}", context())).isEqualTo(3L);
        assertThat(Variables.substitute("{{request.object.spec.ratio}}", context())).isEqualTo(1.5);
        assertThat(Variables.substitute("{{ request.object.spec.paused }}", context())).isEqualTo(false);
        assertThat(Variables.substitute("{{ request.object.metadata.labels }}", context()))
                .isEqualTo(Map.of("app", "web", "tier", "front"));
        assertThat(Variables.substitute("{{ request.object.metadata.annotations }}", context())).isNull();
    }

    @Test
    void embeddedVariablesAreFormattedAsGoJson() {
        assertThat(Variables.substitute("name={{ request.object.metadata.name }}", context())).isEqualTo("name=web-1");
        assertThat(Variables.substitute("n={{ request.object.spec.replicas }}", context())).isEqualTo("n=3");
        assertThat(Variables.substitute("r={{ request.object.spec.ratio }}", context())).isEqualTo("r=1.5");
        assertThat(Variables.substitute("a={{ request.object.metadata.annotations }}", context())).isEqualTo("a=null");
        assertThat(Variables.substitute("l={{ request.object.metadata.labels }}", context()))
                .isEqualTo("l={\"app\":\"web\",\"tier\":\"front\"}");
    }

    @Test
    void severalVariablesInOneString() {
        assertThat(Variables.substitute("{{ request.object.metadata.namespace }}/{{ request.object.metadata.name }}",
                context())).isEqualTo("prod/web-1");
        assertThat(Variables.substitute("{{ keyName }}{{ keyName }}", context())).isEqualTo("namename");
    }

    @Test
    void nestedVariablesResolveInsideOut() {
        assertThat(Variables.substitute("{{ request.object.metadata.{{ keyName }} }}", context())).isEqualTo("web-1");
    }

    @Test
    void aValueThatHoldsAVariableIsSubstitutedAgain() {
        assertThat(Variables.substitute("ns: {{ pointer }}", context())).isEqualTo("ns: prod");
    }

    @Test
    void escapedVariablesStayWithoutTheBackslash() {
        assertThat(Variables.substitute("\\{{ request.object.metadata.name }}", context()))
                .isEqualTo("{{ request.object.metadata.name }}");
        assertThat(Variables.substitute("a \\{{ x }} b {{ keyName }}", context())).isEqualTo("a {{ x }} b name");
    }

    @Test
    void substitutesInsideMapsListsAndKeysWithoutTouchingTheInput() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("{{ keyName }}", "{{ request.object.metadata.name }}");
        value.put("list", new ArrayList<>(List.of("{{ request.object.spec.replicas }}", 7, "x")));
        String before = value.toString();
        Object result = Variables.substitute(value, context());
        assertThat(result).isEqualTo(Map.of("name", "web-1", "list", List.of(3L, 7, "x")));
        assertThat(value.toString()).isEqualTo(before);
    }

    @Test
    void aKeyMustStayAString() {
        assertThatThrownBy(() -> Variables.substitute(Map.of("{{ request.object.spec.replicas }}", "v"), context()))
                .isInstanceOf(JmesPathException.class)
                .hasMessage("expected string after substituting variables in key \"{{ request.object.spec.replicas }}\"");
    }

    @Test
    void aMissingKeyFailsWithUnknownKeyWholeOrEmbedded() {
        assertThatThrownBy(() -> Variables.substitute("{{ request.object.metadata.labels.team }}", context()))
                .isInstanceOf(JmesPathException.class).hasMessage("Unknown key \"team\" in path");
        assertThatThrownBy(() -> Variables.substitute(Map.of("m", "team {{ request.object.metadata.labels.team }}"),
                context())).hasMessage("Unknown key \"team\" in path");
    }

    @Test
    void aDefaultAbsorbsTheMissingKey() {
        assertThat(Variables.substitute("{{ request.object.metadata.labels.team || 'none' }}", context()))
                .isEqualTo("none");
    }

    @Test
    void otherFailuresSayWhichVariableAndWhere() {
        assertThatThrownBy(() -> Variables.substitute(Map.of("spec", List.of("{{ to_upper(`1`) }}")), context()))
                .isInstanceOf(JmesPathException.class)
                .hasMessageStartingWith("failed to resolve to_upper(`1`) at path /spec/0: ");
    }

    @Test
    void unsupportedFunctionFailsTheSubstitution() {
        assertThatThrownBy(() -> Variables.substitute("{{ x509_decode('pem') }}", context()))
                .hasMessageContaining("Guidepost does not support x509_decode");
    }

    @Test
    void deleteRequestsReadTheOldObject() {
        Map<String, Object> context = context();
        @SuppressWarnings("unchecked")
        Map<String, Object> request = (Map<String, Object>) context.get("request");
        request.put("operation", "DELETE");
        request.put("oldObject", Map.of("metadata", Map.of("name", "old")));
        assertThat(Variables.substitute("{{ request.object.metadata.name }}", context)).isEqualTo("old");
    }

    @Test
    void atIsTheValueAtTheSamePlaceInTheResource() {
        Map<String, Object> rule = Map.of("validate", Map.of("pattern",
                Map.of("metadata", Map.of("name", "{{ @ }}"))));
        assertThat(Variables.substitute(rule, context()))
                .isEqualTo(Map.of("validate", Map.of("pattern", Map.of("metadata", Map.of("name", "web-1")))));
    }

    @Test
    void referencesAreNotSupported() {
        assertThatThrownBy(() -> Variables.substitute("$(./../name)", context()))
                .hasMessageStartingWith("Guidepost does not support references");
        assertThat(Variables.substitute("\\$(./../name)", context())).isEqualTo("$(./../name)");
    }

    @Test
    void valuesWithoutVariablesAreCopiedWithTheirTypes() {
        assertThat(Variables.substitute("plain", context())).isEqualTo("plain");
        assertThat(Variables.substitute(5, context())).isEqualTo(5);
        assertThat(Variables.substitute(null, context())).isNull();
    }
}
