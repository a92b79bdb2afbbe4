package dev.guidepost.cli.mcp;

import java.util.List;
import java.util.Optional;

import tools.jackson.databind.JsonNode;

/**
 * The {@code logging/setLevel} params the MCP specification requires: a {@code level} among the RFC 5424 severities.
 * The SDK would accept any text and answer with success.
 */
final class LoggingLevelCheck implements JsonRpcLineFilter.RequestCheck {

    /** The levels of the specification, least severe first. */
    static final List<String> LEVELS = List.of("debug", "info", "notice", "warning", "error", "critical", "alert",
            "emergency");

    @Override
    public Optional<String> invalidParams(String method, JsonNode params) {
        if (!method.equals("logging/setLevel")) {
            return Optional.empty();
        }
        JsonNode level = params == null ? null : params.get("level");
        if (level == null || !level.isString() || !LEVELS.contains(level.asString())) {
            return Optional.of("logging/setLevel needs params.level, one of " + String.join(", ", LEVELS));
        }
        return Optional.empty();
    }
}
