package dev.guidepost.cli.mcp;

import java.util.Map;
import java.util.Optional;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The shape of a request's params against the SDK's own request types, for the requests it serves: a field of the
 * wrong type ({@code capabilities: "none"}, {@code _meta: 5}) would otherwise reach the SDK, which answers an
 * internal error with Jackson's class names and logs a stack trace (and, for {@code initialize}, leaves the session
 * neither initialized nor able to retry). Says which field is wrong instead.
 */
final class ParamsShapeCheck implements JsonRpcLineFilter.RequestCheck {

    private static final McpJsonMapper SDK_JSON = McpJsonDefaults.getMapper();
    private static final Map<String, Class<?>> TYPES = Map.of(
            "initialize", McpSchema.InitializeRequest.class,
            "tools/call", McpSchema.CallToolRequest.class,
            "tools/list", McpSchema.PaginatedRequest.class,
            "logging/setLevel", McpSchema.SetLevelRequest.class);

    @Override
    public Optional<String> invalidParams(String method, JsonNode params) {
        if (params == null || !params.isObject()) {
            return Optional.empty();
        }
        JsonNode meta = params.get("_meta");
        if (meta != null && !meta.isNull() && !meta.isObject()) {
            return Optional.of("params._meta must be a JSON object, not " + JsonRpcLineFilter.kind(meta));
        }
        Class<?> type = TYPES.get(method);
        if (type == null) {
            return Optional.empty();
        }
        try {
            SDK_JSON.convertValue(params, type);
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of(field(e) + " of " + method + " has the wrong type; see the MCP specification's "
                    + "schema for " + method);
        }
    }

    /** The field the SDK could not read, as {@code params.capabilities.roots}; {@code params} when unknown. */
    private static String field(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
                StringBuilder out = new StringBuilder("params");
                for (JacksonException.Reference step : jackson.getPath()) {
                    if (step.getPropertyName() != null) {
                        out.append('.').append(step.getPropertyName());
                    } else if (step.getIndex() >= 0) {
                        out.append('[').append(step.getIndex()).append(']');
                    }
                }
                return out.toString();
            }
        }
        return "params";
    }
}
