package dev.guidepost.core;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

import dev.guidepost.core.internal.kyvernotest.KyvernoTestRunner;

/**
 * Runs Kyverno CLI test files ({@code kyverno-test.yaml}, {@code cli.kyverno.io/v1alpha1} kind {@code Test})
 * with Guidepost's engine and scores them the way {@code kyverno test} does, so a team can run its existing
 * Kyverno tests without the Kyverno CLI.
 */
public final class KyvernoTests {

    /** The name of the test files a run finds below its folders. */
    public static final String TEST_FILE = KyvernoTestRunner.TEST_FILE;

    private KyvernoTests() {
    }

    /**
     * True when a {@value #TEST_FILE} lies below the folder (or the path is one), as a run would find it: for an
     * adapter deciding whether a folder, such as a pack's, holds tests to run.
     *
     * @throws GuidepostException when the folder cannot be listed
     */
    public static boolean found(Path folder) {
        return KyvernoTestRunner.hasTests(folder);
    }

    /** Finds and runs every {@code kyverno-test.yaml} below the folders (or the given files). */
    public static KyvernoTestReport run(List<Path> folders) {
        return run(folders, false);
    }

    /**
     * Runs the tests. With {@code strict}, an expectation that no rule answered (which {@code kyverno test}
     * counts as passed) is reported as failed.
     */
    public static KyvernoTestReport run(List<Path> folders, boolean strict) {
        return KyvernoTestRunner.run(Objects.requireNonNull(folders, "folders"), strict);
    }

    /**
     * As {@link #run(List, boolean)}, naming each test file (in results and problems) by the path it was found at,
     * the folder as given and then the path below it, rather than relative to its folder: so a {@code file:line}
     * opens from where the folders were named, as a command line tool shows it.
     */
    public static KyvernoTestReport runNamingFilesAsFound(List<Path> folders, boolean strict) {
        return KyvernoTestRunner.run(Objects.requireNonNull(folders, "folders"), strict, true);
    }
}
