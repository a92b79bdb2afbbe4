package dev.guidepost.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.guidepost.core.GuidepostException;
import dev.guidepost.core.ManifestPatterns;
import dev.guidepost.core.Manifests;

/** The manifests named on a command line: files and folders, and {@code -} for standard input. */
final class ManifestInput {

    /** The argument that stands for standard input. */
    static final String STDIN = "-";

    private ManifestInput() {
    }

    /** Reads every path (stdin for {@code -}, once); a path that does not exist is an error naming it. */
    static Manifests read(List<String> paths) throws IOException {
        return read(paths, ManifestPatterns.ALL);
    }

    /** As {@link #read(List)}, taking from each folder only the files the patterns select. */
    static Manifests read(List<String> paths, ManifestPatterns patterns) throws IOException {
        List<Manifests> parts = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        for (String path : paths) {
            if (path.isBlank()) {
                throw new GuidepostException("a manifest path is empty; name a file or folder, or - for standard "
                        + "input");
            }
            if (path.equals(STDIN)) {
                parts.add(Manifests.read(System.in, "<stdin>"));
            } else {
                Path p = Path.of(path);
                if (!Files.exists(p)) {
                    throw new GuidepostException("no such file or folder: " + path + "; check the path");
                }
                if (!Files.isRegularFile(p) && !Files.isDirectory(p)) {
                    // a pipe: a shell's process substitution, check <(helm template ...), or a named pipe
                    try (InputStream in = Files.newInputStream(p)) {
                        parts.add(Manifests.read(in, path));
                    }
                    continue;
                }
                files.add(p);
            }
        }
        parts.add(Manifests.load(files, patterns));
        return Manifests.concat(parts);
    }
}
