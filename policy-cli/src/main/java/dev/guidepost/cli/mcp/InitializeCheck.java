package dev.guidepost.cli.mcp;

import java.util.Optional;

import io.modelcontextprotocol.spec.ProtocolVersions;
import tools.jackson.databind.JsonNode;

/**
 * The {@code initialize} params the MCP specification requires and the SDK would take without them: the client's
 * {@code protocolVersion}, a string. Without it the SDK would quietly answer with its newest version.
 */
final class InitializeCheck implements JsonRpcLineFilter.RequestCheck {

    /** The newest MCP version the server speaks, which the messages suggest. */
    private static final String NEWEST = ProtocolVersions.MCP_2025_11_25;

    @Override
    public Optional<String> invalidParams(String method, JsonNode params) {
        if (!method.equals("initialize")) {
            return Optional.empty();
        }
        JsonNode version = params == null ? null : params.get("protocolVersion");
        if (version != null && !version.isNull() && !version.isString()) {
            return Optional.of("params.protocolVersion must be a string, e.g. \"" + NEWEST + "\", not " + version);
        }
        if (version == null || !version.isString() || version.asString().isBlank()) {
            return Optional.of("initialize needs params.protocolVersion, the MCP version the client speaks, e.g. "
                    + "\"" + NEWEST + "\" (with params.capabilities and params.clientInfo).");
        }
        return Optional.empty();
    }
}
