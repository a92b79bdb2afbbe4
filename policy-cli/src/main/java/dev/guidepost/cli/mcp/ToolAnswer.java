package dev.guidepost.cli.mcp;

import java.util.Map;
import java.util.Objects;

/**
 * What a tool call returns to the agent: text to read, the same facts as structured JSON, and whether the call
 * failed (bad input, unknown id) so the agent can correct itself.
 *
 * @param text       the human-readable answer
 * @param structured the answer as a JSON object (never null; empty for errors without details)
 * @param error      true when the input was wrong
 */
public record ToolAnswer(String text, Map<String, Object> structured, boolean error) {

    public ToolAnswer {
        Objects.requireNonNull(text, "text");
        structured = Objects.requireNonNullElse(structured, Map.of());
    }

    static ToolAnswer ok(String text, Map<String, Object> structured) {
        return new ToolAnswer(text, structured, false);
    }

    static ToolAnswer error(String text) {
        return new ToolAnswer(text, Map.of("error", text), true);
    }
}
