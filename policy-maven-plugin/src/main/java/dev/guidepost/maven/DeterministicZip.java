package dev.guidepost.maven;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A zip whose bytes depend only on the files' paths and contents: entries sorted by path, one fixed time stamp
 * (stored as local DOS time, so the time zone does not matter), no folder entries, no extra fields. Written with
 * {@code java.util.zip} rather than plexus-archiver, whose many archiver components would be indexed in the
 * plugin's class realm on every goal, the check included.
 */
final class DeterministicZip {

    /** The time stamp used without {@code project.build.outputTimestamp}: the earliest a zip can store. */
    static final Instant DEFAULT_TIME = Instant.parse("1980-01-01T00:00:02Z");

    private DeterministicZip() {
    }

    /**
     * The entries' time from {@code project.build.outputTimestamp} (ISO-8601, or seconds since the epoch, as
     * Maven reads it); {@link #DEFAULT_TIME} when it is unset, disabled (one character) or unreadable.
     */
    static Instant entryTime(String outputTimestamp) {
        if (outputTimestamp == null || outputTimestamp.strip().length() < 2) {
            return DEFAULT_TIME;
        }
        String text = outputTimestamp.strip();
        try {
            Instant time = text.chars().allMatch(Character::isDigit) ? Instant.ofEpochSecond(Long.parseLong(text))
                    : OffsetDateTime.parse(text).toInstant();
            return time.isBefore(DEFAULT_TIME) ? DEFAULT_TIME : time;
        } catch (DateTimeParseException | NumberFormatException e) {
            return DEFAULT_TIME;
        }
    }

    /** Writes the files (paths relative to {@code folder}, with {@code /}) into a zip, sorted by path. */
    static void write(Path zip, Path folder, Collection<String> relativePaths, Instant time) throws IOException {
        Path parent = zip.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        LocalDateTime local = LocalDateTime.ofInstant(time, ZoneOffset.UTC);
        try (OutputStream file = Files.newOutputStream(zip); ZipOutputStream out = new ZipOutputStream(file)) {
            for (String path : new TreeSet<>(relativePaths)) {
                ZipEntry entry = new ZipEntry(path);
                entry.setTimeLocal(local);
                out.putNextEntry(entry);
                Files.copy(folder.resolve(path), out);
                out.closeEntry();
            }
        }
    }
}
