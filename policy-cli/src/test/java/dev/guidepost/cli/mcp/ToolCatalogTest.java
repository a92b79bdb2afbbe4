package dev.guidepost.cli.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Every tool has an agent-facing description and an object schema naming its required inputs. */
class ToolCatalogTest {

    @Test
    void toolsAndSchemas() {
        List<ToolCatalog.Entry> entries = ToolCatalog.of(null);
        assertThat(entries).extracting(ToolCatalog.Entry::name).containsExactly("search_policies", "get_policy",
                "check_manifest", "list_policies", "policies_for_manifest");
        for (ToolCatalog.Entry entry : entries) {
            assertThat(entry.description()).hasSizeGreaterThan(120);
            assertThat(entry.inputSchema()).containsEntry("type", "object").containsKey("properties");
        }
        assertThat(required(entries, "search_policies")).containsExactly("query");
        assertThat(required(entries, "get_policy")).containsExactly("id");
        assertThat(required(entries, "check_manifest")).containsExactly("yaml");
        assertThat(required(entries, "list_policies")).isEmpty();
        assertThat(required(entries, "policies_for_manifest")).containsExactly("yaml");
        assertThat(entries.get(0).description()).contains("BEFORE writing", "check_manifest");
    }

    @Test
    void requiredTextArgumentsMustNotBeEmpty() {
        for (ToolCatalog.Entry entry : ToolCatalog.of(null)) {
            for (String name : required(List.of(entry), entry.name())) {
                assertThat(ArgumentCheck.properties(entry).get(name)).as(entry.name() + "." + name)
                        .containsEntry("type", "string").containsEntry("minLength", 1);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> required(List<ToolCatalog.Entry> entries, String name) {
        Map<String, Object> schema = entries.stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow()
                .inputSchema();
        return (List<String>) schema.get("required");
    }
}
