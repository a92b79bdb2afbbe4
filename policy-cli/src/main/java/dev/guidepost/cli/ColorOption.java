package dev.guidepost.cli;

import dev.guidepost.cli.render.Style;
import picocli.CommandLine.Option;

/** The {@code --no-color} option: colour is used only on a terminal anyway. */
final class ColorOption {

    @Option(names = "--no-color", description = "Never colour the output (colour is only used on a terminal).")
    private boolean noColor;

    boolean noColor() {
        return noColor;
    }

    Style style() {
        return Terminal.style(noColor);
    }
}
