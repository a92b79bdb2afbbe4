package dev.guidepost.core;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a {@link Report} is rendered beyond its results: the folder file paths are shown relative to (SARIF and JUnit
 * need project-relative paths), the policies behind the results (for SARIF rules with their help text), the
 * {@link Baseline} of known violations and the {@link FailurePolicy} that decides what fails the build.
 *
 * <pre>{@code
 * ReportOptions options = ReportOptions.defaults().withBaseDir(projectDir).withPolicies(pack.policies());
 * String sarif = ReportFormat.SARIF.render(report, options);
 * }</pre>
 *
 * @param baseDir       paths in the report are written relative to this folder when they are below it
 * @param policies      the policies checked (optional; SARIF rules get their description and remediation)
 * @param baseline      known violations; they are marked as such and never fail
 * @param failurePolicy what fails the build (for the verdict in Markdown and the console)
 * @param toolVersion   the Guidepost version named in SARIF
 */
public record ReportOptions(Optional<Path> baseDir, List<Policy> policies, Baseline baseline,
        FailurePolicy failurePolicy, String toolVersion) {

    public ReportOptions {
        Objects.requireNonNull(baseDir, "baseDir");
        policies = List.copyOf(policies);
        Objects.requireNonNull(baseline, "baseline");
        Objects.requireNonNull(failurePolicy, "failurePolicy");
        toolVersion = Objects.requireNonNullElse(toolVersion, "");
    }

    /** No base folder, no policies, an empty baseline, the default failure policy and core's own version. */
    public static ReportOptions defaults() {
        return new ReportOptions(Optional.empty(), List.of(), Baseline.empty(), FailurePolicy.DEFAULT,
                BuildInfo.version());
    }

    /** These options with paths written relative to {@code dir}. */
    public ReportOptions withBaseDir(Path dir) {
        return new ReportOptions(Optional.of(dir.toAbsolutePath().normalize()), policies, baseline, failurePolicy,
                toolVersion);
    }

    /** These options with the policies that were checked. */
    public ReportOptions withPolicies(List<Policy> checked) {
        return new ReportOptions(baseDir, checked, baseline, failurePolicy, toolVersion);
    }

    /** These options with a baseline of known violations. */
    public ReportOptions withBaseline(Baseline known) {
        return new ReportOptions(baseDir, policies, known, failurePolicy, toolVersion);
    }

    /** These options with a failure policy. */
    public ReportOptions withFailurePolicy(FailurePolicy policy) {
        return new ReportOptions(baseDir, policies, baseline, policy, toolVersion);
    }

    /** These options naming another tool version (for example the Maven plugin's). */
    public ReportOptions withToolVersion(String version) {
        return new ReportOptions(baseDir, policies, baseline, failurePolicy, version);
    }

    /**
     * A file name as shown in reports: relative to {@link #baseDir()} with forward slashes when the file is below
     * it, otherwise as given. Source names that are not paths (such as {@code <stdin>}) are returned as they are.
     */
    public String displayPath(String file) {
        if (baseDir.isEmpty() || file.isEmpty() || file.startsWith("<")) {
            return file;
        }
        try {
            Path path = Path.of(file).toAbsolutePath().normalize();
            if (path.startsWith(baseDir.get())) {
                return baseDir.get().relativize(path).toString().replace('\\', '/');
            }
            return file;
        } catch (RuntimeException e) {
            return file;
        }
    }

    /**
     * A message with the paths below {@link #baseDir()} it names shown relative to it, as {@link #displayPath}
     * shows files (a skipped Kustomize file's {@code kustomize build FOLDER} hint, for example).
     */
    public String displayMessage(String message) {
        if (baseDir.isEmpty() || message.isEmpty()) {
            return message;
        }
        String prefix = baseDir.get().toString() + java.io.File.separator;
        return message.replace(prefix, "");
    }

    /** A location with its file shown by {@link #displayPath(String)}. */
    public SourceLocation display(SourceLocation location) {
        return new SourceLocation(displayPath(location.file()), location.line(), location.column());
    }

    /** The verdict of the failure policy on a report, with this baseline. */
    public Verdict verdict(Report report) {
        return failurePolicy.judge(report, baseline);
    }
}
