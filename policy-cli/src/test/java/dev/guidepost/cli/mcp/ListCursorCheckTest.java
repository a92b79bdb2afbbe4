package dev.guidepost.cli.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

class ListCursorCheckTest {

    private final ListCursorCheck check = new ListCursorCheck();
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void aCursorTheServerNeverHandedOutIsInvalidParams() {
        assertThat(check.invalidParams("tools/list", json.readTree("{\"cursor\":\"not-a-cursor\"}"))).hasValue(
                "invalid cursor for tools/list: this server answers in one page and hands out no cursor; send "
                        + "tools/list without one");
        assertThat(check.invalidParams("tools/list", json.readTree("{\"cursor\":5}"))).isPresent();
    }

    @Test
    void aListWithoutCursorAndOtherMethodsPass() {
        assertThat(check.invalidParams("tools/list", null)).isEmpty();
        assertThat(check.invalidParams("tools/list", json.readTree("{}"))).isEmpty();
        assertThat(check.invalidParams("tools/list", json.readTree("{\"cursor\":null}"))).isEmpty();
        assertThat(check.invalidParams("tools/call", json.readTree("{\"cursor\":\"x\",\"name\":\"a\"}"))).isEmpty();
    }
}
