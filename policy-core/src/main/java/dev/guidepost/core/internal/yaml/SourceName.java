package dev.guidepost.core.internal.yaml;

/** Guards the methods that take a text and the name it is known by against the two being swapped. */
public final class SourceName {

    private SourceName() {
    }

    /**
     * Throws when {@code name} holds several lines while {@code text} holds one: the arguments were almost
     * certainly given the wrong way round, and reading on would silently give nothing.
     */
    public static void check(String text, String name, String method) {
        if (name != null && name.contains("\n") && text != null && !text.contains("\n")) {
            throw new IllegalArgumentException(method + ": the source name holds several lines and the text only "
                    + "one; were the arguments swapped? Pass the YAML text first, then its name (for example "
                    + "\"deploy.yaml\")");
        }
    }
}
