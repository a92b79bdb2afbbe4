package dev.guidepost.core.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** What a condition's error says the policy should write instead. */
class ConditionHintTest {

    @Test
    void aMissingContextVariableIsNamedAsTheVariableNotAsAFieldOfTheObject() {
        String variable = LegacyValidation.conditionHint("Unknown key \"owner\" in path", List.of("owner"));
        String field = LegacyValidation.conditionHint("Unknown key \"annotations\" in path", List.of("owner"));

        assertThat(variable).contains("the context variable 'owner' could not be computed")
                .contains("{{ owner || '' }}").doesNotContain("the object has no");
        assertThat(field).contains("the object has no 'annotations'");
        assertThat(LegacyValidation.conditionHint("Unknown key \"userInfo\" in path", List.of())).isEmpty();
    }
}
