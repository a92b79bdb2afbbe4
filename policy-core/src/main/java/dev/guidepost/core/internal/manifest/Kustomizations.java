package dev.guidepost.core.internal.manifest;

import java.nio.file.Path;
import java.util.Collection;
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
        return "a Kustomize file, not an object for the cluster; skipped. Check what it renders: kustomize build "
                + folder + " | guidepost check --pack PACK -";
    }

    /** Why a patch file is skipped. */
    public static String skippedPatch(Path kustomization) {
        return "a Kustomize patch named by " + kustomization + ", a fragment of an object rather than a whole one; "
                + "skipped. Check what kustomize build renders instead";
    }

    /**
     * The patch files the kustomizations among {@code files} name ({@code patches[].path},
     * {@code patchesStrategicMerge}, {@code patchesJson6902[].path}), each with the kustomization naming it.
     */
    public static Map<Path, Path> patchFiles(Collection<Path> files) {
        Map<Path, Path> patches = new TreeMap<>();
        // a kustomization named Kustomization has no YAML extension, so it is not among the files read: look for it
        // beside them
        Set<Path> kustomizations = new java.util.TreeSet<>();
        for (Path file : files) {
            Path sibling = file.getParent() == null ? Path.of("Kustomization") : file.getParent().resolve(
                    "Kustomization");
            if (file.getFileName() != null && FILE_NAMES.contains(file.getFileName().toString())) {
                kustomizations.add(file);
            } else if (java.nio.file.Files.isRegularFile(sibling)) {
                kustomizations.add(sibling);
            }
        }
        for (Path file : kustomizations) {
            Path folder = file.toAbsolutePath().getParent();
            for (YamlDocument document : YamlDocuments.read(file)) {
                if (document.problem() != null || !(document.value() instanceof Map<?, ?> kustomization)) {
                    continue;
                }
                for (Object patch : PlainValues.list(kustomization, "patches")) {
                    add(patches, folder, PlainValues.string(patch, "path"), file);
                }
                for (Object patch : PlainValues.list(kustomization, "patchesJson6902")) {
                    add(patches, folder, PlainValues.string(patch, "path"), file);
                }
                for (Object patch : PlainValues.list(kustomization, "patchesStrategicMerge")) {
                    if (patch instanceof String path && !path.contains("\n")) {
                        add(patches, folder, path, file);
                    }
                }
            }
        }
        return patches;
    }

    private static void add(Map<Path, Path> patches, Path folder, String path, Path kustomization) {
        if (!path.isBlank()) {
            patches.putIfAbsent(folder.resolve(path.strip()).normalize(), kustomization);
        }
    }

    /** The file as {@link #patchFiles} keys it. */
    public static Path key(Path file) {
        return file.toAbsolutePath().normalize();
    }
}
