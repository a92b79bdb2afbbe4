package dev.guidepost.cli.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Missing or mistyped tool arguments are named, with the tool, the type and what to pass. */
class ArgumentCheckTest {

    private static final List<ToolCatalog.Entry> CATALOG = ToolCatalog.of(null);

    @Test
    void aMissingRequiredArgumentSaysWhatToPass() {
        assertThat(ArgumentCheck.problems(tool("search_policies"), Map.of("limit", 2))).hasValue(
                "search_policies needs 'query' (a non-empty string of at most 1000 characters): what you are about "
                        + "to do or want to know, in plain words, e.g. \"deploy a Postgres database\" (a sentence or "
                        + "two; for YAML call policies_for_manifest).");
        assertThat(ArgumentCheck.problems(tool("get_policy"), null)).hasValue(
                "get_policy needs 'id' (a non-empty string): the policy id, e.g. require-run-as-non-root.");
    }

    @Test
    void aMistypedArgumentSaysWhatWasGiven() {
        assertThat(ArgumentCheck.problems(tool("check_manifest"), Map.of("yaml", List.of("not", "text"))))
                .hasValue("check_manifest needs 'yaml' (a non-empty string), not a list: the manifest YAML text "
                        + "(or JSON) to check.");
        assertThat(ArgumentCheck.problems(tool("check_manifest"), Map.of("yaml", ""))).get().asString()
                .contains("not an empty string");
    }

    @Test
    void reportsEveryProblemOneALine() {
        assertThat(ArgumentCheck.problems(tool("search_policies"),
                Map.of("query", 5, "limit", 100, "kinds", List.of("Pod", 3)))).get().asString().isEqualTo("""
                search_policies needs 'kinds' (a list of strings), not a list holding the number 3: only policies \
                about these Kubernetes kinds, e.g. ["Deployment", "Service"].
                search_policies needs 'limit' (a whole number from 1 to 50), not the number 100: how many policies \
                to return (default 5).
                search_policies needs 'query' (a non-empty string of at most 1000 characters), not the number 5: \
                what you are about to do or want to know, in plain words, e.g. "deploy a Postgres database" (a \
                sentence or two; for YAML call policies_for_manifest).""");
    }

    @Test
    void argumentsThatFitTheSchemaPass() {
        assertThat(ArgumentCheck.problems(tool("search_policies"),
                Map.of("query", "root", "limit", 3.0, "kinds", List.of("Pod")))).isEmpty();
        assertThat(ArgumentCheck.problems(tool("list_policies"), Map.of())).isEmpty();
        assertThat(ArgumentCheck.problems(tool("search_policies"), Map.of("query", "db", "category", "Data")))
                .isEmpty();
    }

    @Test
    void aStringsLengthCountsCharactersNotUtf16UnitsAndIsNeverCutInsideOne() {
        String rocket = "\uD83D\uDE80";

        assertThat(ArgumentCheck.problems(tool("search_policies"), Map.of("query", rocket.repeat(1000)))).isEmpty();
        assertThat(ArgumentCheck.problems(tool("search_policies"), Map.of("query", rocket.repeat(1001)))).get()
                .asString().contains("not the string \"" + rocket).doesNotContain("\uD83D…");
    }

    @Test
    void aBlankStringIsAsEmptyAsAnEmptyOne() {
        assertThat(ArgumentCheck.problems(tool("search_policies"), Map.of("query", "   "))).get().asString()
                .startsWith("search_policies needs 'query' (a non-empty string of at most 1000 characters), not a "
                        + "string of only white space");
    }

    @Test
    void aQueryLongerThanTheLimitIsRefusedWithWhatToDoInstead() {
        assertThat(ArgumentCheck.problems(tool("search_policies"), Map.of("query", "x".repeat(1001)))).get()
                .asString().contains("at most 1000 characters", "for YAML call policies_for_manifest");
    }

    @Test
    void anArgumentTheToolDoesNotTakeIsNamedWithTheOnesItTakes() {
        assertThat(ArgumentCheck.problems(tool("list_policies"), Map.of("kinds", List.of("Pod"), "team", "x")))
                .hasValue("list_policies takes no argument 'kinds'; it takes category, kind.\n"
                        + "list_policies takes no argument 'team'; it takes category, kind.");
    }

    @Test
    void everyDeclaredArgumentIsUnderstood() {
        for (ToolCatalog.Entry entry : CATALOG) {
            ArgumentCheck.properties(entry).values().forEach(p -> assertThat(ArgumentCheck.expected(p)).isNotBlank());
        }
    }

    private static ToolCatalog.Entry tool(String name) {
        return CATALOG.stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow();
    }
}
