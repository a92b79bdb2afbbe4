package dev.guidepost.cli.mcp;

import java.util.Optional;

import tools.jackson.databind.JsonNode;

/**
 * The cursor of a list request. This server lists everything in one page and never hands out a cursor, so any
 * cursor a client sends is one it did not get, which the MCP specification answers with invalid params; the SDK
 * would ignore it and list from the start.
 */
final class ListCursorCheck implements JsonRpcLineFilter.RequestCheck {

    @Override
    public Optional<String> invalidParams(String method, JsonNode params) {
        if (!method.endsWith("/list") || params == null || !params.has("cursor") || params.get("cursor").isNull()) {
            return Optional.empty();
        }
        return Optional.of("invalid cursor for " + method + ": this server answers in one page and hands out no "
                + "cursor; send " + method + " without one");
    }
}
