package dev.guidepost.cli.render;

/** ANSI emphasis for terminal output; every method returns the text unchanged when colour is off. */
public record Style(boolean color) {

    /** No colour: for files, pipes and MCP answers. */
    public static final Style PLAIN = new Style(false);

    public String bold(String text) {
        return paint("1", text);
    }

    public String dim(String text) {
        return paint("2", text);
    }

    public String red(String text) {
        return paint("31", text);
    }

    public String yellow(String text) {
        return paint("33", text);
    }

    public String green(String text) {
        return paint("32", text);
    }

    private String paint(String code, String text) {
        return color && !text.isEmpty() ? "\u001b[" + code + "m" + text + "\u001b[0m" : text;
    }
}
