package dev.guidepost.core.internal.manifest;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import dev.guidepost.core.internal.yaml.PlainValues;
import dev.guidepost.core.internal.yaml.YamlDocument;
import dev.guidepost.core.internal.yaml.YamlDocuments;

/**
 * Kustomize's own files among manifests: a {@code kustomization.yaml} is not an object for the cluster, and the
 * patches it names are fragments of objects, not whole ones. Checking either as a manifest gives false results,
 * so they are recognised and skipped; the objects to check are those {@code kustomize build} renders.
 */
public final class Kustomizations {

    /** The file names kustomize reads as a kustomization. */
    private static final Set<String> FILE_NAMES = Set.of("kustomization.yaml", "kustomization.yml", "Kustomization");
    private static final String API_GROUP = "kustomize.config.k8s.io/";

    private Kustomizations() {
    }

    /** True for a Kustomization or Component document ({@code kustomize.config.k8s.io}). */
    public static boolean isKustomizeDocument(Map<?, ?> object) {
        String apiVersion = PlainValues.string(object, "apiVersion");
        String kind = PlainValues.string(object, "kind");
        // kustomize also reads a kustomization.yaml that gives its kind without an apiVersion
        return apiVersion.startsWith(API_GROUP)
                || apiVersion.isEmpty() && (kind.equals("Kustomization") || kind.equals("Component"));
    }

    /** True for a file kustomize reads as a kustomization by its name, whatever its content. */
    public static boolean isKustomizationFile(String source) {
        int slash = Math.max(source.lastIndexOf('/'), source.lastIndexOf('\\'));
        return FILE_NAMES.contains(source.substring(slash + 1));
    }

    /** Why a Kustomize document is skipped, with what to run instead. */
    public static String skippedKustomization(Path folder) {
        return "a Kustomize file, not an object for the cluster; skipped. " + checkRendered(folder);
    }

    /** A file a kustomization names: the kustomization, and the field that names it ({@code patches}, ...). */
    public record NamedFile(Path kustomization, String field) {
    }

    /** Why a file a kustomization names is skipped. */
    public static String skippedNamedFile(NamedFile named) {
        boolean patch = named.field().startsWith("patches");
        return (patch ? "a Kustomize patch" : "a Kustomize " + named.field().replaceAll("s$", "") + " configuration")
                + " named by " + named.kustomization() + " (" + named.field() + "), "
                + (patch ? "a fragment of an object rather than a whole one" : "not an object for the cluster")
                + "; skipped. " + checkRendered(folderOf(named.kustomization()));
    }

    /** What to check instead of a kustomization's files: what it renders, in a shell or in a build. */
    private static String checkRendered(Path folder) {
        return "Check what it renders: kustomize build " + folder + " | guidepost check --pack PACK -, or in a "
                + "build, render it into a folder the check reads";
    }

    private static Path folderOf(Path kustomization) {
        return kustomization.getParent() == null ? Path.of(".") : kustomization.getParent();
    }

    /**
     * The files the kustomizations name that are not objects for the cluster: patches ({@code patches[].path},
     * {@code patchesStrategicMerge}, {@code patchesJson6902[].path}) and the configurations of transformers,
     * generators and validators, each with the kustomization naming it. The kustomizations are those among
     * {@code files} and those in the folders above each file, so a patch checked on its own is still known as one.
     */
    public static Map<Path, NamedFile> patchFiles(Collection<Path> files) {
        Map<Path, NamedFile> named = new TreeMap<>();
        // each kustomization once, shown as the files name it, or relative to the working folder when found above
        Map<Path, Path> kustomizations = new java.util.LinkedHashMap<>();
        for (Path file : files) {
            if (file.getFileName() != null && FILE_NAMES.contains(file.getFileName().toString())) {
                kustomizations.putIfAbsent(key(file), file);
            }
        }
        Path workingFolder = Path.of("").toAbsolutePath();
        Set<Path> folders = new java.util.HashSet<>();
        for (Path file : files) {
            // a kustomization named Kustomization has no YAML extension, so it is not among the files read, and one
            // in a folder above names patches below it: look for them there
            for (Path folder = key(file).getParent(); folder != null && folders.add(folder);
                    folder = folder.getParent()) {
                for (String name : FILE_NAMES) {
                    Path candidate = folder.resolve(name);
                    if (java.nio.file.Files.isRegularFile(candidate)) {
                        kustomizations.putIfAbsent(candidate, candidate.startsWith(workingFolder)
                                ? workingFolder.relativize(candidate) : candidate);
                    }
                }
            }
        }
        for (Path file : kustomizations.values()) {
            Path folder = file.toAbsolutePath().getParent();
            for (YamlDocument document : YamlDocuments.read(file)) {
                if (document.problem() != null || !(document.value() instanceof Map<?, ?> kustomization)) {
                    continue;
                }
                for (String field : List.of("patches", "patchesJson6902")) {
                    for (Object patch : PlainValues.list(kustomization, field)) {
                        add(named, folder, PlainValues.string(patch, "path"), new NamedFile(file, field));
                    }
                }
                for (String field : List.of("patchesStrategicMerge", "transformers", "generators", "validators")) {
                    for (Object entry : PlainValues.list(kustomization, field)) {
                        // an entry may also be the patch or configuration itself, inline
                        if (entry instanceof String path && !path.contains("\n")) {
                            add(named, folder, path, new NamedFile(file, field));
                        }
                    }
                }
            }
        }
        return named;
    }

    private static void add(Map<Path, NamedFile> named, Path folder, String path, NamedFile by) {
        if (!path.isBlank()) {
            named.putIfAbsent(folder.resolve(path.strip()).normalize(), by);
        }
    }

    /** The file as {@link #patchFiles} keys it. */
    public static Path key(Path file) {
        return file.toAbsolutePath().normalize();
    }
}
