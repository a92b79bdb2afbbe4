package dev.guidepost.maven;

import org.apache.maven.plugin.logging.Log;

/**
 * Keeps the embedding libraries' start-up chatter out of the Maven log. The tokenizer's native loader (DJL, loggers
 * {@code ai.djl.*}) logs its platform detection ({@code Found matching platform from: jar:...}) at INFO and, on a
 * machine without a usable GPU, its CUDA probe ({@code Failed to detect GPU count: ...}) as a WARNING; neither is
 * something a user can act on. Maven's SLF4J simple logger takes a logger's level from the system property
 * {@code org.slf4j.simpleLogger.log.<name>} when the logger is created (Maven's own {@code simplelogger.properties}
 * silences {@code org.apache.http} the same way), so setting it before the libraries' classes load shows only
 * their errors. Guidepost's own messages go through the mojo's log and are not affected. A level the user set
 * ({@code -Dorg.slf4j.simpleLogger.log.ai.djl=info}) is kept, and with {@code -X} nothing is changed.
 */
final class EmbeddingLibraryLogs {

    /** The simple logger's level property of the DJL loggers. */
    static final String DJL_LEVEL_PROPERTY = "org.slf4j.simpleLogger.log.ai.djl";

    private EmbeddingLibraryLogs() {
    }

    /** Shows only the errors of the embedding libraries' loggers created from now on, unless debugging. */
    static void quiet(Log log) {
        if (log.isDebugEnabled()) {
            return;
        }
        synchronized (EmbeddingLibraryLogs.class) {
            if (System.getProperty(DJL_LEVEL_PROPERTY) == null) {
                System.setProperty(DJL_LEVEL_PROPERTY, "error");
            }
        }
    }
}
