package dev.guidepost.cli.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class InitializeCheckTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static JsonNode params(String json) {
        return JSON.readTree(json);
    }

    @Test
    void anInitializeWithoutAProtocolVersionSaysWhatToSend() {
        InitializeCheck check = new InitializeCheck();

        assertThat(check.invalidParams("initialize", params("{\"capabilities\":{}}"))).get().asString()
                .startsWith("initialize needs params.protocolVersion").contains("2025-11-25");
        assertThat(check.invalidParams("initialize", null)).isPresent();
        assertThat(check.invalidParams("initialize", params("{\"protocolVersion\":7}"))).get().asString()
                .startsWith("params.protocolVersion must be a string");
    }

    @Test
    void aProperInitializeAndOtherMethodsPass() {
        InitializeCheck check = new InitializeCheck();

        assertThat(check.invalidParams("initialize", params("{\"protocolVersion\":\"2024-11-05\"}"))).isEmpty();
        assertThat(check.invalidParams("tools/list", null)).isEmpty();
    }
}
