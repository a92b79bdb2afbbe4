package dev.guidepost.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.TimeZone;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeterministicZipTest {

    @TempDir
    Path dir;

    @Test
    void theTimeStampIsReadAsMavenReadsOutputTimestamp() {
        assertThat(DeterministicZip.entryTime("2026-01-01T00:00:00Z")).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(DeterministicZip.entryTime("2026-01-01T02:00:00+02:00"))
                .isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(DeterministicZip.entryTime("1767225600")).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(DeterministicZip.entryTime(null)).isEqualTo(DeterministicZip.DEFAULT_TIME);
        assertThat(DeterministicZip.entryTime("1")).isEqualTo(DeterministicZip.DEFAULT_TIME);
        assertThat(DeterministicZip.entryTime("yesterday")).isEqualTo(DeterministicZip.DEFAULT_TIME);
    }

    @Test
    void theBytesDependOnlyOnPathsAndContentsNotOnOrderOrTimeZone() throws IOException {
        Path folder = dir.resolve("out");
        Files.createDirectories(folder.resolve("kyverno"));
        Files.writeString(folder.resolve("kyverno/b.yaml"), "b: 1\n");
        Files.writeString(folder.resolve("kyverno/a.yaml"), "a: 1\n");
        Instant time = Instant.parse("2026-01-01T00:00:00Z");
        TimeZone zone = TimeZone.getDefault();
        Path first = dir.resolve("first.zip");
        Path second = dir.resolve("second.zip");
        try {
            TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
            DeterministicZip.write(first, folder, List.of("kyverno/b.yaml", "kyverno/a.yaml"), time);
            TimeZone.setDefault(TimeZone.getTimeZone("Asia/Tokyo"));
            DeterministicZip.write(second, folder, List.of("kyverno/a.yaml", "kyverno/b.yaml"), time);
        } finally {
            TimeZone.setDefault(zone);
        }

        assertThat(Files.readAllBytes(second)).isEqualTo(Files.readAllBytes(first));
        try (ZipFile zip = new ZipFile(first.toFile())) {
            assertThat(zip.stream().map(e -> e.getName()).toList()).containsExactly("kyverno/a.yaml", "kyverno/b.yaml");
            assertThat(zip.getEntry("kyverno/a.yaml").getTimeLocal()).hasToString("2026-01-01T00:00");
        }
    }
}
