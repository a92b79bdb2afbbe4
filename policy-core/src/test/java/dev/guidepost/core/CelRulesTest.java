package dev.guidepost.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class CelRulesTest {

    private static final PolicyPack SAMPLE = PolicyPack.load(Path.of("../samples/pack"));

    @Test
    void givesVariablesAndEachValidationWithItsOwnMessages() {
        CelRules cel = CelRules.of(SAMPLE.policy("databases-in-us-east-1").orElseThrow());

        assertThat(cel.variables()).extracting(CelRules.Variable::name)
                .containsExactly("isCnpg", "images", "runsDatabase", "region");
        assertThat(cel.validations()).singleElement().satisfies(v -> {
            assertThat(v.expression()).isEqualTo("!variables.runsDatabase || variables.region == 'us-east-1'");
            assertThat(v.message()).isEmpty();
            assertThat(v.messageExpression()).startsWith("'databases must run in us-east-1; '");
        });
    }

    @Test
    void isEmptyForPoliciesNotWrittenAsValidatingPolicies() {
        PolicyPack kyverno = PolicyPack.load(Path.of("src/test/resources/packs/kyverno-folder"));

        assertThat(kyverno.policies()).filteredOn(p -> p.format() == PolicyFormat.CLUSTER_POLICY)
                .isNotEmpty().allSatisfy(p -> assertThat(CelRules.of(p).isEmpty()).isTrue());
    }
}
