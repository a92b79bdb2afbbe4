package dev.guidepost.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What the emitter writes for the sample pack, in each format with tests, is kept under
 * {@code src/test/resources/dev/guidepost/core/emitter/golden/<format>/}, so that any change in output shows up in
 * review. After an intended change, regenerate them with
 * {@code ./mvnw -pl policy-core test -Dtest=KyvernoEmitterGoldenTest -Dguidepost.golden.update=true} and review
 * the diff.
 */
class KyvernoEmitterGoldenTest {

    private static final Path GOLDEN = Path.of("src/test/resources/dev/guidepost/core/emitter/golden");

    @ParameterizedTest
    @EnumSource(EmitFormat.class)
    void samplePackOutputMatchesTheGoldenFiles(EmitFormat format) throws IOException {
        KyvernoOutput output = KyvernoEmitter.forPack(SamplePack.load()).format(format).withTests(true).emit();
        Path golden = GOLDEN.resolve(format.label());
        if (Boolean.getBoolean("guidepost.golden.update")) {
            output.writeTo(golden);
        }

        assertThat(output.files()).isEqualTo(read(golden));
    }

    @ParameterizedTest
    @EnumSource(EmitFormat.class)
    void theSamePackGivesByteIdenticalOutput(EmitFormat format) {
        KyvernoOutput first = KyvernoEmitter.forPack(SamplePack.load()).format(format).withTests(true).emit();
        KyvernoOutput second = KyvernoEmitter.forPack(SamplePack.load()).format(format).withTests(true).emit();

        assertThat(second.files()).isEqualTo(first.files());
        assertThat(second.summary()).isEqualTo(first.summary());
    }

    private static Map<String, String> read(Path folder) throws IOException {
        Map<String, String> files = new TreeMap<>();
        if (!Files.isDirectory(folder)) {
            return files;
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(folder.relativize(file).toString().replace('\\', '/'),
                        Files.readString(file, StandardCharsets.UTF_8));
            }
        }
        return files;
    }
}
