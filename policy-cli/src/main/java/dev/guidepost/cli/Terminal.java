package dev.guidepost.cli;

import dev.guidepost.cli.render.Style;

/** Whether a command may use colour: only on a terminal, never with {@code --no-color} or {@code NO_COLOR}. */
final class Terminal {

    private Terminal() {
    }

    /** Colour when stdout is a console, {@code NO_COLOR} is unset and colour is not switched off. */
    static boolean colorWanted(boolean noColor) {
        return !noColor && System.console() != null && System.getenv("NO_COLOR") == null;
    }

    /** The style for this run. */
    static Style style(boolean noColor) {
        return new Style(colorWanted(noColor));
    }
}
