package dev.guidepost.cli;

import java.io.PrintWriter;

/** Where a command writes and whether it may use colour (only on a terminal, never with --no-color). */
record Terminal(PrintWriter out, PrintWriter err, boolean color) {

    /** Colour when stdout is a console, {@code NO_COLOR} is unset and colour is not switched off. */
    static boolean colorWanted(boolean noColor) {
        return !noColor && System.console() != null && System.getenv("NO_COLOR") == null;
    }
}
