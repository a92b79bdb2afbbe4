package dev.guidepost.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.apache.maven.plugin.descriptor.Parameter;
import org.codehaus.plexus.util.xml.Xpp3Dom;
import org.junit.jupiter.api.Test;

class BooleanSettingsTest {

    private static Parameter parameter(String name, String type) {
        Parameter p = new Parameter();
        p.setName(name);
        p.setType(type);
        return p;
    }

    private static Xpp3Dom configuration(Map<String, String> values) {
        Xpp3Dom configuration = new Xpp3Dom("configuration");
        values.forEach((name, value) -> {
            Xpp3Dom child = new Xpp3Dom(name);
            child.setValue(value);
            configuration.addChild(child);
        });
        return configuration;
    }

    private static final List<Parameter> PARAMETERS = List.of(parameter("failOnViolation", "boolean"),
            parameter("namespace", "java.lang.String"));

    @Test
    void aPropertyThatIsNeitherTrueNorFalseIsRefusedNamingTheParameterAndTheProperty() {
        var problem = BooleanSettings.problem(PARAMETERS, configuration(Map.of("failOnViolation",
                "${policy.failOnViolation}", "namespace", "${policy.namespace}")),
                name -> name.equals("policy.failOnViolation") ? "maybe" : "shop");

        assertThat(problem).hasValue("<failOnViolation> (-Dpolicy.failOnViolation) is 'maybe', which Maven would read"
                + " as false; write true or false");
    }

    @Test
    void aPomValueThatIsNeitherTrueNorFalseIsRefusedToo() {
        assertThat(BooleanSettings.problem(PARAMETERS, configuration(Map.of("failOnViolation", "yes")), name -> null))
                .hasValueSatisfying(p -> assertThat(p).startsWith("<failOnViolation> is 'yes'"));
    }

    @Test
    void trueFalseInAnyCaseAnUnsetPropertyAndOtherTypesPass() {
        for (String value : List.of("true", "FALSE", " True ")) {
            assertThat(BooleanSettings.problem(PARAMETERS, configuration(Map.of("failOnViolation", value)),
                    name -> null)).isEmpty();
        }
        assertThat(BooleanSettings.problem(PARAMETERS, configuration(Map.of("failOnViolation",
                "${policy.failOnViolation}")), name -> null)).isEmpty();
        assertThat(BooleanSettings.problem(PARAMETERS, configuration(Map.of("namespace", "maybe")), name -> null))
                .isEmpty();
    }
}
