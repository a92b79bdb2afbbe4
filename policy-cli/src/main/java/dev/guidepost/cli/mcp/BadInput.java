package dev.guidepost.cli.mcp;

/** A tool argument that is missing or of the wrong type; becomes a tool error the agent can fix. */
final class BadInput extends RuntimeException {

    private static final long serialVersionUID = 1L;

    BadInput(String message) {
        super(message);
    }
}
