package dev.guidepost.junit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.guidepost.core.GuidepostException;
import dev.guidepost.core.ManifestPatterns;
import dev.guidepost.core.Manifests;

/**
 * Manifests read from the paths a test names, resolved against the project folder; with no paths, the project's
 * conventional manifest folders that exist.
 *
 * @param manifests what was read, with the documents that could not be checked
 * @param paths     the absolute paths read
 */
record ManifestFiles(Manifests manifests, List<Path> paths) {

    /**
     * Reads the paths.
     *
     * @throws GuidepostConfigurationException naming the absolute path when a path does not exist or holds no
     *                                         manifest file at all
     */
    static ManifestFiles load(List<String> paths, Settings settings) {
        if (paths.isEmpty()) {
            return conventional(settings);
        }
        List<Path> resolved = new ArrayList<>();
        for (String path : paths) {
            if (path == null || path.isBlank()) {
                throw new GuidepostConfigurationException("a manifest path is " + (path == null ? "null" : "empty")
                        + "; name files or folders, for example assertThatManifests(\"src/main/k8s\"), or none for "
                        + "the conventional folders");
            }
            if (path.startsWith("classpath:")) {
                String resource = path.substring("classpath:".length()).replaceFirst("^/", "");
                boolean file = !resource.contains("*") && ManifestPatterns.ALL.selects(Path.of(resource));
                throw new GuidepostConfigurationException("manifests are read from files and folders, not from the "
                        + "class path (\"" + path + "\"): name the " + (file ? "file" : "folder")
                        + " (\"src/test/resources/" + resource + "\")" + (!file ? "" : ", or read the resource "
                        + "yourself: assertThatManifests(Manifests.read(getClass().getResourceAsStream(\"/" + resource
                        + "\"), \"" + resource + "\"))"));
            }
            Path absolute = settings.resolve(path);
            if (!Files.exists(absolute)) {
                throw new GuidepostConfigurationException("no such manifest file or folder: " + absolute + " (\""
                        + path + "\" resolved against " + settings.baseDir() + "); relative paths resolve against"
                        + " the project folder, or @GuidepostTest(baseDir = ...)");
            }
            resolved.add(absolute);
        }
        Manifests manifests = Manifests.load(resolved, settings.excludes());
        if (manifests.size() == 0 && manifests.problems().isEmpty()) {
            throw new GuidepostConfigurationException("no manifest files (.yaml, .yml, .json) in " + String.join(", ",
                    resolved.stream().map(p -> FailureText.path(p.toString(), settings.baseDir())).toList())
                    + (settings.excludes().excludes().isEmpty() ? "" : " that excludes "
                            + settings.excludes().excludes() + " leaves")
                    + "; name the files or folders that hold the manifests (rendered Helm or Kustomize output too)");
        }
        return new ManifestFiles(inNamespace(manifests, settings), List.copyOf(resolved));
    }

    /** The manifests as deployed to the class's {@link GuidepostTest#namespace()}, when it names one. */
    static Manifests inNamespace(Manifests manifests, Settings settings) {
        if (settings.namespace().isEmpty()) {
            return manifests;
        }
        try {
            return manifests.inNamespace(settings.namespace());
        } catch (GuidepostException e) {
            throw GuidepostConfigurationException.withoutTrace(settings.annotation() + ": namespace: "
                    + e.getMessage());
        }
    }

    /** The project's conventional manifest folders that exist ({@link Manifests#CONVENTIONAL_FOLDERS}). */
    private static ManifestFiles conventional(Settings settings) {
        List<String> existing = Manifests.CONVENTIONAL_FOLDERS.stream()
                .filter(folder -> Files.isDirectory(settings.resolve(folder))).toList();
        if (existing.isEmpty()) {
            throw new GuidepostConfigurationException("no manifest paths given, and none of the conventional "
                    + "folders " + String.join(", ", Manifests.CONVENTIONAL_FOLDERS) + " exists in "
                    + settings.baseDir() + "; name files or folders, for example assertThatManifests(\"deploy\")");
        }
        return load(existing, settings);
    }

    /** The paths as the user reads them: relative to the project folder when inside it. */
    String describe(Settings settings) {
        return String.join(", ", paths.stream().map(p -> FailureText.path(p.toString(), settings.baseDir()))
                .toList());
    }
}
