package dev.guidepost.junit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import dev.guidepost.core.ManifestProblem;
import dev.guidepost.core.Result;
import dev.guidepost.core.SearchHit;
import dev.guidepost.core.SourceLocation;

/** The pieces of failure messages, laid out as the command line prints them so both read alike. */
final class FailureText {

    private FailureText() {
    }

    /**
     * A file as the user reads it and an IDE opens it: relative to the project folder the tests run in when inside
     * it (so {@code baseDir = "src/test"} still shows {@code src/test/k8s/app.yaml}), else to the base folder.
     */
    /**
     * The source of a file the build copied to its output folder ({@code target/test-classes/X} from
     * {@code src/test/resources/X}, {@code target/classes/X} from {@code src/main/resources/X}) when that source
     * exists, so that a link opens the file to edit; the file itself otherwise.
     */
    static String sourceFile(String file, Path baseDir) {
        try {
            Path path = Path.of(file).toAbsolutePath().normalize();
            for (String[] copy : new String[][] {{"target/test-classes", "src/test/resources"},
                    {"target/classes", "src/main/resources"}}) {
                Path output = baseDir.resolve(copy[0]).normalize();
                if (path.startsWith(output)) {
                    Path source = baseDir.resolve(copy[1]).resolve(output.relativize(path)).normalize();
                    return Files.isRegularFile(source) ? source.toString() : file;
                }
            }
        } catch (RuntimeException e) {
            // not a file path: shown as it is
        }
        return file;
    }

    static String path(String file, Path baseDir) {
        try {
            Path path = Path.of(file);
            Path project = Path.of("").toAbsolutePath();
            if (path.isAbsolute() && path.startsWith(project)) {
                return project.relativize(path).toString();
            }
            if (path.isAbsolute() && path.startsWith(baseDir)) {
                return baseDir.relativize(path).toString();
            }
        } catch (RuntimeException e) {
            // not a file path (for example <stdin>): shown as it is
        }
        return file;
    }

    /** A message with the files below the project folder shown relative to it, as {@link #path} shows them. */
    static String withProjectPaths(String message) {
        String project = Path.of("").toAbsolutePath() + java.io.File.separator;
        return message == null ? null : message.replace(project, "");
    }

    /** {@code file:line}, the file as {@link #path} shows it. */
    static String location(SourceLocation location, Path baseDir) {
        String file = path(location.file(), baseDir);
        return location.line() > 0 ? file + ":" + location.line() : file;
    }

    /** One violation: where, which policy, what is wrong and how to fix it, indented by {@code indent}. */
    static String violation(Result result, Path baseDir, String indent) {
        StringBuilder out = new StringBuilder();
        out.append(location(result.location(), baseDir)).append("  ").append(result.resource()).append('\n');
        out.append(indent).append("policy:  ").append(result.policyId())
                .append(result.rule().isEmpty() || result.rule().equals(result.policyId()) ? ""
                        : " (rule " + result.rule() + ")")
                .append(" — ").append(result.policyTitle()).append(" [").append(result.severity().label())
                .append(", ").append(result.action().label()).append(']');
        out.append('\n').append(indent).append("message: ")
                .append(result.message().isEmpty() ? "(none)" : result.message());
        if (!result.remediation().isEmpty()) {
            out.append('\n').append(indent).append("fix:     ").append(result.remediation());
        }
        return out.toString();
    }

    /** Numbered violation blocks. */
    static String violations(List<Result> unordered, Path baseDir) {
        List<Result> results = unordered.stream().sorted(Result.BLOCKING_FIRST).toList();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < results.size(); i++) {
            String number = "  " + (i + 1) + ". ";
            out.append(number).append(violation(results.get(i), baseDir, " ".repeat(number.length())))
                    .append('\n');
        }
        return out.toString();
    }

    /** Documents that could not be read, one a line. */
    static String problems(List<ManifestProblem> problems, Path baseDir) {
        return problems.stream().map(p -> "  " + location(p.location(), baseDir) + "  " + p.type().label() + ": "
                + p.message() + "\n").collect(Collectors.joining());
    }

    /** {@code id (score), id (score)}. */
    static String hits(List<SearchHit> hits) {
        return hits.stream().map(h -> h.policy().id() + " (" + score(h.score()) + (h.weakMatch() ? ", weak match" : "")
                + ")").collect(Collectors.joining(", "));
    }

    /** A score with two decimals. */
    static String score(double score) {
        return String.format(Locale.ROOT, "%.2f", score);
    }

    /** {@code 1 violation}, {@code 2 violations}. */
    static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /** {@code no policy 'x' in pack p@1; did you mean y?}, or the pack's ids when none looks like it. */
    static String unknownPolicy(dev.guidepost.core.PolicyPack pack, String id) {
        List<String> similar = pack.similarIds(id);
        return "no policy '" + id + "' in pack " + pack.coordinates() + (similar.isEmpty()
                ? "; its policies: " + pack.policies().stream().map(dev.guidepost.core.Policy::id)
                        .collect(java.util.stream.Collectors.joining(", "))
                : "; did you mean " + String.join(", ", similar) + "?");
    }
}
