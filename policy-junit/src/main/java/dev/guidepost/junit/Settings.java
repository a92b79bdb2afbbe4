package dev.guidepost.junit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.guidepost.core.ManifestPatterns;
import dev.guidepost.core.PolicyPack;

/**
 * The configuration of one test class, read from its {@link GuidepostTest}, with paths resolved.
 *
 * @param pack           the pack location as written
 * @param baseDir        the absolute folder relative paths resolve against
 * @param minimumScore   the discovery threshold
 * @param cacheDirectory the absolute knowledge base cache folder
 * @param lexicalOnly    search by words only
 * @param declaredOn     the simple name of the class carrying the annotation, for messages
 * @param excludes       the files left out of the folders read
 * @param namespace      the namespace objects that name none are deployed to, or empty
 */
record Settings(String pack, Path baseDir, double minimumScore, Path cacheDirectory, boolean lexicalOnly,
        String declaredOn, ManifestPatterns excludes, String namespace) {

    /** Settings for explicit assertions outside a {@link GuidepostTest} class. */
    static Settings defaults() {
        Path base = workingDirectory();
        return new Settings("", base, GuidepostTest.UNSET_MINIMUM_SCORE,
                base.resolve(GuidepostTest.DEFAULT_CACHE_DIRECTORY), false, "", ManifestPatterns.ALL, "");
    }

    static Settings of(GuidepostTest annotation, Class<?> declaredOn) {
        Path base = workingDirectory().resolve(annotation.baseDir()).normalize();
        return new Settings(annotation.pack().strip(), base, annotation.minimumScore(),
                base.resolve(annotation.cacheDirectory()).normalize(), annotation.lexicalOnly(),
                declaredOn.getSimpleName(), ManifestPatterns.excluding(List.of(annotation.excludes())),
                annotation.namespace().strip());
    }

    private static Path workingDirectory() {
        return Path.of(System.getProperty("user.dir")).toAbsolutePath().normalize();
    }

    /** A path the user wrote, resolved against {@link #baseDir()}. */
    Path resolve(String path) {
        return baseDir.resolve(path).normalize();
    }

    /** The pack locations given: one, or several separated by commas. */
    private List<String> locations() {
        return Arrays.stream(pack.split(",")).map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    private static boolean classpathPack(String location) {
        return location.startsWith(PolicyPack.CLASSPATH_PREFIX);
    }

    /** What identifies the packs across test classes: the absolute paths, or the class path locations. */
    String packKey() {
        return String.join(",", locations().stream().map(l -> classpathPack(l) ? l : resolve(l).toString())
                .toList());
    }

    /**
     * Loads the pack (several given are combined, as the Maven plugin's {@code <packs>} are), with a message naming
     * the annotation and the resolved path when it cannot.
     */
    PolicyPack loadPack() {
        List<String> locations = locations();
        if (locations.isEmpty()) {
            throw GuidepostConfigurationException.withoutTrace(annotation()
                    + ": no pack given; set pack to a folder (\"src/test/policies\") or a class path pack"
                    + " (\"classpath:NAME\"), or several separated by commas");
        }
        List<PolicyPack> packs = new ArrayList<>();
        for (String location : locations) {
            if (!classpathPack(location) && !Files.isDirectory(baseDir)) {
                throw GuidepostConfigurationException.withoutTrace(annotation() + ": baseDir " + baseDir
                        + " is not a folder; set baseDir relative to the working directory ("
                        + workingDirectory() + ") or leave it empty");
            }
            if (!classpathPack(location) && !Files.exists(resolve(location))) {
                throw GuidepostConfigurationException.withoutTrace(annotation() + ": no pack at " + resolve(location)
                        + " (\"" + location + "\" resolved against " + baseDir + "); check the path, or set baseDir"
                        + " when the tests run from another folder");
            }
            packs.add(PolicyPack.load(classpathPack(location) ? location : resolve(location).toString()));
        }
        return PolicyPack.combine(packs);
    }

    /** The annotation as the user wrote it, for messages. */
    String annotation() {
        return "@GuidepostTest(pack = \"" + pack + "\")" + (declaredOn.isEmpty() ? "" : " on " + declaredOn);
    }
}
