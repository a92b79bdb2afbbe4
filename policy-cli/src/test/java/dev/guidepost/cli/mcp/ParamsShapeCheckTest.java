package dev.guidepost.cli.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

class ParamsShapeCheckTest {

    private final ParamsShapeCheck check = new ParamsShapeCheck();
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void anInitializeWithCapabilitiesOfTheWrongTypeNamesTheFieldWithoutJavaClassNames() {
        assertThat(check.invalidParams("initialize", json.readTree("{\"protocolVersion\":\"2025-06-18\","
                + "\"capabilities\":\"none\",\"clientInfo\":{\"name\":\"x\",\"version\":\"1\"}}")))
                .hasValue("params.capabilities of initialize has the wrong type; see the MCP specification's schema"
                        + " for initialize");
        assertThat(check.invalidParams("initialize", json.readTree("{\"protocolVersion\":\"2025-06-18\","
                + "\"capabilities\":{},\"clientInfo\":\"x\"}"))).hasValueSatisfying(
                        message -> assertThat(message).startsWith("params.clientInfo of initialize"));
    }

    @Test
    void aMetaThatIsNotAnObjectIsInvalidParamsForEveryRequest() {
        assertThat(check.invalidParams("tools/call", json.readTree("{\"name\":\"list_policies\",\"arguments\":{},"
                + "\"_meta\":5}"))).hasValue("params._meta must be a JSON object, not a number");
        assertThat(check.invalidParams("tools/list", json.readTree("{\"_meta\":\"x\"}")))
                .hasValue("params._meta must be a JSON object, not a string");
    }

    @Test
    void wellFormedParamsAndUnknownMethodsPass() {
        assertThat(check.invalidParams("initialize", json.readTree("{\"protocolVersion\":\"2025-06-18\","
                + "\"capabilities\":{\"roots\":{\"listChanged\":true}},\"clientInfo\":{\"name\":\"x\","
                + "\"version\":\"1\"}}"))).isEmpty();
        assertThat(check.invalidParams("tools/call", json.readTree("{\"name\":\"search_policies\",\"arguments\":"
                + "{\"query\":\"root\"},\"_meta\":{\"progressToken\":1}}"))).isEmpty();
        assertThat(check.invalidParams("tools/list", null)).isEmpty();
        assertThat(check.invalidParams("resources/list", json.readTree("{}"))).isEmpty();
    }
}
