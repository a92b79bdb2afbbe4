package dev.guidepost.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

/** Runs {@code guidepost} in-process and keeps its exit code, stdout and stderr. */
record Cli(int exitCode, String out, String err) {

    /** The repository's samples folder. */
    static final Path SAMPLES = Path.of(System.getProperty("guidepost.samples", "../samples"));
    static final String PACK = SAMPLES.resolve("pack").toString();
    /** An embeddings cache shared by the tests, so the pack is embedded once per build. */
    static final String CACHE = Path.of("target", "test-cache").toString();

    static Cli run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = GuidepostCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Cli(code, out.toString(), err.toString());
    }

    /** True when nothing looks like a stack trace. */
    boolean noStackTrace() {
        return !err.contains("\tat ") && !out.contains("\tat ") && !err.contains("Exception");
    }
}
