package dev.guidepost.core.internal.yaml;

/**
 * The names texts and files are known by in locations: guards the methods that take a text and its name against the
 * two being swapped, and names files inside jars so that they can be found again.
 */
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

    /**
     * How locations name a file: its path, or for a file inside a jar (a zip file system) its {@code jar:} URI,
     * which names the jar and can be opened again ({@link #open(String)}).
     */
    public static String of(java.nio.file.Path file) {
        return file.getFileSystem() == java.nio.file.FileSystems.getDefault() ? file.toString()
                : file.toUri().toString();
    }

    /** The file a location names ({@link #of}): a path, or a {@code jar:} URI of an open jar. */
    public static java.nio.file.Path open(String name) {
        return name.startsWith("jar:") ? java.nio.file.Path.of(java.net.URI.create(name))
                : java.nio.file.Path.of(name);
    }
}
