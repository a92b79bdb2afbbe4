package dev.guidepost.cli.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** tools/call params that the SDK would answer unhelpfully get an invalid-params message that says what to send. */
class ToolCallCheckTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final ToolCallCheck check = new ToolCallCheck(ToolCatalog.of(null));

    @Test
    void argumentsThatAreNotAnObjectNameTheToolAndItsArguments() {
        assertThat(problem("{\"name\":\"search_policies\",\"arguments\":\"oops\"}")).hasValue(
                "the arguments of search_policies must be a JSON object of named arguments (search_policies takes "
                        + "category, kinds, limit, query), not a string.");
        assertThat(problem("{\"name\":\"get_policy\",\"arguments\":[\"x\"]}")).get().asString()
                .contains("get_policy takes id", "not an array");
    }

    @Test
    void anUnknownToolListsTheAvailableTools() {
        assertThat(problem("{\"name\":\"search\",\"arguments\":{}}")).hasValue("unknown tool 'search'. Available "
                + "tools: search_policies, get_policy, check_manifest, list_policies, policies_for_manifest "
                + "(tools/list describes them).");
    }

    @Test
    void aMissingToolNameListsTheAvailableTools() {
        assertThat(problem("{\"arguments\":{}}")).get().asString().startsWith("tools/call needs params.name")
                .contains("search_policies, get_policy");
        assertThat(check.invalidParams("tools/call", null)).get().asString().startsWith("tools/call needs");
    }

    @Test
    void acceptsObjectOrMissingArgumentsAndOtherMethods() {
        assertThat(problem("{\"name\":\"list_policies\"}")).isEmpty();
        assertThat(problem("{\"name\":\"list_policies\",\"arguments\":null}")).isEmpty();
        assertThat(problem("{\"name\":\"search_policies\",\"arguments\":{\"limit\":\"x\"}}")).isEmpty();
        assertThat(check.invalidParams("tools/list", JSON.readTree("{\"cursor\":\"c\"}"))).isEmpty();
    }

    private Optional<String> problem(String params) {
        JsonNode node = JSON.readTree(params);
        return check.invalidParams("tools/call", node);
    }
}
