package dev.guidepost.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import picocli.CommandLine;

/**
 * Where a {@code --json FILE} option writes: the file, or standard output for {@code -}. When the JSON takes
 * standard output, the command's human-readable lines go to standard error so that a pipe receives JSON only.
 */
final class JsonDestination {

    private final Path file;

    JsonDestination(Path file) {
        this.file = file;
    }

    /** Whether a JSON report was asked for at all. */
    boolean requested() {
        return file != null;
    }

    /** Standard output, or standard error when the JSON itself goes to standard output. */
    PrintWriter humanOutput(CommandLine commandLine) {
        return toStandardOutput() ? commandLine.getErr() : commandLine.getOut();
    }

    /** Whether the JSON goes to a file (rather than standard output). */
    boolean toFile() {
        return file != null && !toStandardOutput();
    }

    /** Writes the JSON to the file or to standard output. */
    void write(String json, CommandLine commandLine) throws IOException {
        if (toStandardOutput()) {
            PrintWriter out = commandLine.getOut();
            out.println(json.stripTrailing());
            out.flush();
            return;
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, json, StandardCharsets.UTF_8);
    }

    private boolean toStandardOutput() {
        return file != null && file.toString().equals("-");
    }
}
