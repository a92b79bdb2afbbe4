package dev.guidepost.cli.mcp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import tools.jackson.databind.JsonNode;

/**
 * The {@code tools/call} params the SDK would answer unhelpfully (an internal error with a Jackson message, or
 * "Unknown tool" without the tools there are): no tool name, an unknown one, or arguments that are not a JSON
 * object. Says which tools exist and which arguments the named tool takes.
 */
final class ToolCallCheck implements JsonRpcLineFilter.RequestCheck {

    private final Map<String, List<String>> argumentsByTool = new LinkedHashMap<>();

    ToolCallCheck(List<ToolCatalog.Entry> catalog) {
        for (ToolCatalog.Entry entry : catalog) {
            argumentsByTool.put(entry.name(), List.copyOf(ArgumentCheck.properties(entry).keySet()));
        }
    }

    @Override
    public Optional<String> invalidParams(String method, JsonNode params) {
        if (!method.equals("tools/call")) {
            return Optional.empty();
        }
        JsonNode name = params == null ? null : params.get("name");
        if (name == null || !name.isString() || name.asString().isBlank()) {
            return Optional.of("tools/call needs params.name, the tool to call: one of " + available() + ".");
        }
        String tool = name.asString();
        if (!argumentsByTool.containsKey(tool)) {
            return Optional.of("unknown tool '" + tool + "'. Available tools: " + available()
                    + " (tools/list describes them).");
        }
        JsonNode arguments = params.get("arguments");
        if (arguments != null && !arguments.isNull() && !arguments.isObject()) {
            return Optional.of("the arguments of " + tool + " must be a JSON object of named arguments ("
                    + tool + " takes " + String.join(", ", argumentsByTool.get(tool)) + "), not "
                    + JsonRpcLineFilter.kind(arguments) + ".");
        }
        return Optional.empty();
    }

    private String available() {
        return String.join(", ", argumentsByTool.keySet());
    }
}
