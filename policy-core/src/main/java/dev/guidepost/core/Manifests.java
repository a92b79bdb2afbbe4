package dev.guidepost.core;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import dev.guidepost.core.internal.manifest.KindSpelling;
import dev.guidepost.core.internal.manifest.Kustomizations;
import dev.guidepost.core.internal.manifest.ObjectShape;
import dev.guidepost.core.internal.match.ApiResources;
import dev.guidepost.core.internal.yaml.PlainValues;
import dev.guidepost.core.internal.yaml.UnrenderedTemplate;
import dev.guidepost.core.internal.yaml.YamlDocument;
import dev.guidepost.core.internal.yaml.YamlDocuments;
import dev.guidepost.core.internal.yaml.YamlFiles;
import dev.guidepost.core.internal.yaml.YamlProblem;

/**
 * Kubernetes manifests read from files, folders or text, with the documents that could not be checked. Folders
 * are walked recursively for {@code .yaml}, {@code .yml} and {@code .json} files, in a stable order; multi-document
 * files and {@code kind: List} are expanded; every manifest keeps its file and line. One bad document never hides
 * the others: it becomes a {@link ManifestProblem}. So does an unrendered Helm template, also one that happens to be
 * valid YAML (an unquoted {@code {{ .Values.name }}} reads as a mapping with a mapping as its key).
 */
public final class Manifests implements Iterable<Manifest> {

    /**
     * The folders, relative to a project folder, where a project's manifests are looked for when none are named:
     * {@code src/main/k8s}, {@code src/main/kubernetes} and {@code k8s} (the Maven plugin and the JUnit extension
     * read those that exist).
     */
    public static final List<String> CONVENTIONAL_FOLDERS = List.of("src/main/k8s", "src/main/kubernetes", "k8s");

    private final List<Manifest> manifests;
    private final List<ManifestProblem> problems;
    /** Where each manifest read from YAML sits in its document, for the lines of its fields (by identity). */
    private final Map<Manifest, Origin> origins;
    /** Files read again for the lines of manifests read elsewhere, by name (filled on first need). */
    private final Map<String, Manifests> reread = new java.util.concurrent.ConcurrentHashMap<>();

    /** A manifest's document and the path of the object in it (empty, or {@code items[i]} of a List). */
    private record Origin(YamlDocument document, List<Object> path) {
    }

    private Manifests(List<Manifest> manifests, List<ManifestProblem> problems, Map<Manifest, Origin> origins) {
        this.manifests = List.copyOf(manifests);
        this.problems = List.copyOf(problems);
        this.origins = origins;
    }

    private Manifests(List<Manifest> manifests, List<ManifestProblem> problems) {
        this(manifests, problems, new java.util.IdentityHashMap<>());
    }

    /** Reads files and folders. A path that does not exist is reported as an {@code IO} problem. */
    public static Manifests load(Path... paths) {
        return load(List.of(Objects.requireNonNull(paths, "paths")));
    }

    /** Reads files and folders. A path that does not exist is reported as an {@code IO} problem. */
    public static Manifests load(Collection<Path> paths) {
        return load(paths, ManifestPatterns.ALL);
    }

    /**
     * Reads files and folders, taking from each folder only the files the patterns select (relative to it); a file
     * named itself is read whatever the patterns say.
     */
    public static Manifests load(Collection<Path> paths, ManifestPatterns patterns) {
        Objects.requireNonNull(paths, "paths");
        Objects.requireNonNull(patterns, "patterns");
        List<Manifest> manifests = new ArrayList<>();
        List<ManifestProblem> problems = new ArrayList<>();
        Map<Manifest, Origin> origins = new java.util.IdentityHashMap<>();
        // a file named twice (or inside a folder also named) is read once
        Map<Path, Path> distinct = new java.util.LinkedHashMap<>();
        for (Path path : paths) {
            boolean folder = Files.isDirectory(path);
            files(path, patterns, problems).forEach(f -> distinct.putIfAbsent(f.toAbsolutePath().normalize(), f));
        }
        List<Path> files = List.copyOf(distinct.values());
        Map<Path, Kustomizations.NamedFile> patches = Kustomizations.patchFiles(files);
        for (Path file : files) {
            Kustomizations.NamedFile named = patches.get(Kustomizations.key(file));
            if (named != null) {
                problems.add(new ManifestProblem(SourceLocation.of(file.toString(), 1), ManifestProblem.Type.KUSTOMIZE,
                        Kustomizations.skippedNamedFile(named)));
                continue;
            }
            collect(YamlDocuments.read(file), manifests, problems, origins);
        }
        return new Manifests(manifests, problems, origins);
    }

    /**
     * Parses YAML or JSON text.
     *
     * @param text       the manifests
     * @param sourceName what locations call the text, for example {@code <stdin>} or {@code deploy.yaml}
     */
    public static Manifests parse(String text, String sourceName) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(sourceName, "sourceName");
        dev.guidepost.core.internal.yaml.SourceName.check(text, sourceName, "Manifests.parse(text, sourceName)");
        return fromDocuments(YamlDocuments.parse(text, sourceName));
    }

    /**
     * Reads YAML or JSON from a stream, such as standard input, to its end. Input that is not UTF-8 text is one
     * unreadable problem, as a binary file is.
     *
     * @param sourceName what locations call the input, for example {@code <stdin>}
     * @throws IOException when the stream cannot be read
     */
    public static Manifests read(InputStream in, String sourceName) throws IOException {
        Objects.requireNonNull(sourceName, "sourceName");
        return fromDocuments(YamlDocuments.parse(in.readAllBytes(), sourceName));
    }

    /** The manifests and problems of parsed documents. */
    private static Manifests fromDocuments(List<YamlDocument> documents) {
        List<Manifest> manifests = new ArrayList<>();
        List<ManifestProblem> problems = new ArrayList<>();
        Map<Manifest, Origin> origins = new java.util.IdentityHashMap<>();
        collect(documents, manifests, problems, origins);
        return new Manifests(manifests, problems, origins);
    }

    /** Manifests that were already read, without problems. */
    public static Manifests of(Collection<Manifest> manifests) {
        return new Manifests(List.copyOf(Objects.requireNonNull(manifests, "manifests")), List.of());
    }

    /** Manifests that were already read, with the documents that could not be checked. */
    public static Manifests of(Collection<Manifest> manifests, Collection<ManifestProblem> problems) {
        return new Manifests(List.copyOf(Objects.requireNonNull(manifests, "manifests")),
                List.copyOf(Objects.requireNonNull(problems, "problems")));
    }

    /** Several reads as one, in order, keeping what each knows of its manifests' lines. */
    public static Manifests concat(List<Manifests> parts) {
        List<Manifest> manifests = new ArrayList<>();
        List<ManifestProblem> problems = new ArrayList<>();
        Map<Manifest, Origin> origins = new java.util.IdentityHashMap<>();
        for (Manifests part : parts) {
            manifests.addAll(part.manifests);
            problems.addAll(part.problems);
            origins.putAll(part.origins);
        }
        return new Manifests(manifests, problems, origins);
    }

    /**
     * These manifests with every namespaced object that names no namespace placed into {@code namespace}, as
     * {@code kubectl apply -n} and {@code helm install --namespace} place them (a release's rendered objects
     * usually name none); objects that name one, and cluster-scoped kinds, are kept as they are.
     *
     * @throws GuidepostException when {@code namespace} is no Kubernetes namespace name
     */
    public Manifests inNamespace(String namespace) {
        Objects.requireNonNull(namespace, "namespace");
        if (!namespace.matches("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?")) {
            throw new GuidepostException("'" + namespace + "' is no namespace name: use lower-case letters, digits "
                    + "and '-', at most 63, starting and ending with a letter or digit");
        }
        List<Manifest> placed = new ArrayList<>();
        Map<Manifest, Origin> placedOrigins = new java.util.IdentityHashMap<>();
        ApiResources types = ApiResources.builtIn();
        for (Manifest manifest : manifests) {
            Manifest out = manifest;
            if (manifest.namespace().isEmpty() && !types.isClusterScopedKind(manifest.kind())) {
                ResourceRef r = manifest.resource();
                out = new Manifest(new ResourceRef(r.apiVersion(), r.kind(), namespace, r.name()), manifest.object(),
                        manifest.location());
            }
            placed.add(out);
            Origin origin = origins.get(manifest);
            if (origin != null) {
                placedOrigins.put(out, origin);
            }
        }
        return new Manifests(placed, problems, placedOrigins);
    }

    /**
     * The 1-based line of a field of one of these manifests (keys and list indexes from the object's root), or of
     * its deepest part that exists. A manifest not read here (one passed to {@link #of(Collection)}) is looked up
     * in the file its location names, once, and counts only if it is still the same object there; 0 when there is
     * no such file or object.
     */
    public int lineOf(Manifest manifest, List<?> path) {
        Origin origin = origins.get(manifest);
        if (origin == null) {
            origin = reread(manifest);
        }
        if (origin == null) {
            return 0;
        }
        List<Object> full = new ArrayList<>(origin.path());
        full.addAll(path);
        return origin.document().lineOf(full);
    }

    /** The origin of a manifest read elsewhere, from its file as it is now; null when it is not there. */
    private Origin reread(Manifest manifest) {
        String file = manifest.location().file();
        if (manifest.location().line() <= 0 || file.isEmpty() || file.startsWith("<")) {
            return null;
        }
        Manifests again = reread.computeIfAbsent(file, f -> {
            try {
                Path path = Path.of(f);
                return Files.isRegularFile(path) ? load(path) : empty();
            } catch (RuntimeException e) {
                return empty();
            }
        });
        for (Manifest candidate : again.manifests) {
            if (candidate.location().line() == manifest.location().line()
                    && candidate.object().equals(manifest.object())) {
                return again.origins.get(candidate);
            }
        }
        return null;
    }

    private static Manifests empty() {
        return new Manifests(List.of(), List.of());
    }

    /** The objects read, in file order. */
    public List<Manifest> manifests() {
        return manifests;
    }

    /** Every document that was not checked, unreadable ones and non-Kubernetes ones. */
    public List<ManifestProblem> problems() {
        return problems;
    }

    /** Documents that could not be read (syntax, template, refused tag, limit, IO). */
    public List<ManifestProblem> unreadable() {
        return problems.stream().filter(ManifestProblem::unreadable).toList();
    }

    /** Valid YAML documents that are not Kubernetes objects; they are skipped. */
    public List<ManifestProblem> skipped() {
        return problems.stream().filter(p -> !p.unreadable()).toList();
    }

    /** The number of manifests. */
    public int size() {
        return manifests.size();
    }

    /** How many objects and problems there are, for logs and debuggers: {@code Manifests[3 objects, 1 problem]}. */
    @Override
    public String toString() {
        return "Manifests[" + manifests.size() + (manifests.size() == 1 ? " object, " : " objects, ")
                + problems.size() + (problems.size() == 1 ? " problem]" : " problems]");
    }

    @Override
    public Iterator<Manifest> iterator() {
        return manifests.iterator();
    }

    /**
     * The YAML and JSON files under a path that the patterns select (relative to it), sorted; a file is returned as
     * is.
     */
    static List<Path> files(Path path, ManifestPatterns patterns, List<ManifestProblem> problems) {
        if (Files.isRegularFile(path)) {
            return List.of(path);
        }
        if (!Files.isDirectory(path)) {
            String why = !Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                    ? "no such file or folder: " + path + "; check the path"
                    : Files.isSymbolicLink(path) ? path + " is a symbolic link that leads to no file or folder"
                    : path + " is not a regular file or folder (a pipe or device); save the manifests to a file, "
                            + "or pipe them in with '-'";
            problems.add(new ManifestProblem(SourceLocation.of(path.toString()), ManifestProblem.Type.IO, why));
            return List.of();
        }
        try {
            YamlFiles.Listing listing = YamlFiles.list(path, true, patterns::selects, patterns::excludesFolder);
            // an unreadable folder or file is named; the rest is still checked
            listing.unreadable().forEach((file, why) -> problems.add(new ManifestProblem(
                    SourceLocation.of(file.toString()), ManifestProblem.Type.IO, why)));
            return listing.files();
        } catch (IOException | RuntimeException e) {
            problems.add(new ManifestProblem(SourceLocation.of(path.toString()), ManifestProblem.Type.IO,
                    "cannot list the folder: " + e.getMessage()));
            return List.of();
        }
    }

    private static void collect(List<YamlDocument> documents, List<Manifest> manifests,
            List<ManifestProblem> problems, Map<Manifest, Origin> origins) {
        for (YamlDocument document : documents) {
            SourceLocation location = new SourceLocation(document.source(), document.line(), document.column());
            if (document.problem() != null) {
                problems.add(new ManifestProblem(location, type(document.problem().type()),
                        document.problem().message()));
                continue;
            }
            Object value = document.value();
            if (value instanceof List<?> items && items.stream().anyMatch(Manifests::looksLikeObject)) {
                problems.add(new ManifestProblem(location, ManifestProblem.Type.MALFORMED, "a YAML list of "
                        + "Kubernetes objects, which kubectl and the cluster cannot read; write each object as a "
                        + "document of its own, separated by '---', or wrap them in apiVersion: v1, kind: List, "
                        + "items: [...]"));
                continue;
            }
            if (value instanceof String text && text.contains("apiVersion") && text.contains("kind")) {
                problems.add(new ManifestProblem(location, ManifestProblem.Type.MALFORMED, "the document reads as "
                        + "one piece of text, not as an object, although it names apiVersion and kind; YAML "
                        + "comments start with '#' (JSON has none), and a key needs a space after its colon"));
                continue;
            }
            addValue(value, location, document, List.of(), manifests, problems, origins);
        }
    }

    private static boolean looksLikeObject(Object item) {
        return item instanceof Map<?, ?> map && (map.containsKey("apiVersion") || map.containsKey("kind"));
    }

    /** Adds a document or a List's item: a List (also one inside a List) is read item by item. */
    private static void addValue(Object value, SourceLocation location, YamlDocument document, List<Object> path,
            List<Manifest> manifests, List<ManifestProblem> problems, Map<Manifest, Origin> origins) {
        if (!(value instanceof Map<?, ?> map) || !PlainValues.string(map, "kind").endsWith("List")) {
            addObject(value, location, document, path, manifests, problems, origins);
            return;
        }
        Object items = map.get("items");
        boolean coreList = "v1".equals(map.get("apiVersion")) && "List".equals(map.get("kind"));
        if (!(items instanceof List<?> list)) {
            if (!coreList) {
                addObject(value, location, document, path, manifests, problems, origins);
            } else if (items == null) {
                problems.add(new ManifestProblem(location, ManifestProblem.Type.NOT_KUBERNETES,
                        "a List without items; nothing to check"));
            } else {
                problems.add(new ManifestProblem(ObjectShape.located(document, YamlDocument.path(path, "items")),
                        ManifestProblem.Type.MALFORMED,
                        "the List's items must be a list of objects (items: [...]), so the cluster would refuse "
                                + "it"));
            }
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            List<Object> itemPath = YamlDocument.path(path, "items", i);
            addValue(list.get(i), ObjectShape.located(document, itemPath), document, List.copyOf(itemPath), manifests,
                    problems, origins);
        }
    }

    /** Adds the object at {@code path} in a document, or the problem that keeps it from being checked. */
    @SuppressWarnings("unchecked")
    private static void addObject(Object value, SourceLocation location, YamlDocument document, List<Object> path,
            List<Manifest> manifests, List<ManifestProblem> problems, Map<Manifest, Origin> origins) {
        UnrenderedTemplate template = document.unrenderedTemplate(path);
        if (template != null) {
            problems.add(new ManifestProblem(
                    new SourceLocation(document.source(), template.line(), template.column()),
                    ManifestProblem.Type.TEMPLATE, "unrendered Helm template in '" + template.sourceLine() + "': "
                            + template.sign() + "; render the chart first (for example with 'helm template') and "
                            + "check the output"));
            return;
        }
        if (!(value instanceof Map<?, ?> map)) {
            problems.add(new ManifestProblem(location, ManifestProblem.Type.NOT_KUBERNETES,
                    "not a Kubernetes object (" + (path.isEmpty() ? "the document is" : "the item is")
                            + " not a mapping); skipped"));
            return;
        }
        Optional<ManifestProblem> untyped = ObjectShape.typeOfIdentity(map, document, path);
        if (untyped.isPresent()) {
            problems.add(untyped.get());
            return;
        }
        String apiVersion = PlainValues.string(map, "apiVersion");
        String kind = PlainValues.string(map, "kind");
        String helm = helmHint(document.source());
        if (apiVersion.isEmpty() && kind.isEmpty() && Kustomizations.isKustomizationFile(document.source())) {
            // kustomize reads a kustomization.yaml that names neither
            problems.add(kustomization(document, location));
            return;
        }
        if (apiVersion.isEmpty() && kind.isEmpty() || !helm.isEmpty()) {
            String missing = apiVersion.isEmpty() && kind.isEmpty() ? "apiVersion and kind"
                    : apiVersion.isEmpty() ? "apiVersion" : "kind";
            problems.add(new ManifestProblem(location, ManifestProblem.Type.NOT_KUBERNETES,
                    "not a Kubernetes object (no " + missing + "); skipped" + helm));
            return;
        }
        if ((apiVersion.isEmpty() || kind.isEmpty()) && !Kustomizations.isKustomizeDocument(map)) {
            // half an object is a broken manifest, not a stray file: the cluster would refuse it
            problems.add(new ManifestProblem(location, ManifestProblem.Type.INCOMPLETE, (apiVersion.isEmpty()
                    ? "the " + kind + " has no apiVersion" : "the object of apiVersion " + apiVersion + " has no kind")
                    + "; add it (for example apiVersion: v1 for a Pod, apps/v1 for a Deployment)"));
            return;
        }
        Optional<String> spelled = ApiResources.builtIn().builtInKindInOtherCase(apiVersion, kind);
        if (spelled.isPresent()) {
            problems.add(new ManifestProblem(location, ManifestProblem.Type.UNSERVED, "Kubernetes has no kind "
                    + kind + " (kinds are case-sensitive), so the cluster would refuse it; use kind: "
                    + spelled.get()));
            return;
        }
        Optional<String> removed = KindSpelling.removed(apiVersion, kind);
        if (removed.isPresent()) {
            problems.add(new ManifestProblem(location, ManifestProblem.Type.UNSERVED, removed.get()));
            return;
        }
        Optional<String> meant = KindSpelling.meant(apiVersion, kind);
        if (meant.isPresent()) {
            problems.add(new ManifestProblem(location, ManifestProblem.Type.UNSERVED, "Kubernetes has no kind "
                    + kind + " in " + apiVersion + ", so the cluster would refuse it; did you mean kind: "
                    + meant.get() + "?"));
            return;
        }
        Optional<String> served = ApiResources.builtIn().servedApiVersion(apiVersion, kind);
        if (served.isPresent()) {
            problems.add(new ManifestProblem(location, ManifestProblem.Type.UNSERVED, "Kubernetes does not serve "
                    + kind + " at apiVersion " + apiVersion + ", so the cluster would refuse it; use apiVersion: "
                    + served.get()));
            return;
        }
        if (Kustomizations.isKustomizeDocument(map)) {
            problems.add(kustomization(document, location));
            return;
        }
        Optional<ManifestProblem> malformed = ObjectShape.typesOfParts(map, apiVersion, kind, document, path);
        if (malformed.isPresent()) {
            problems.add(malformed.get());
            return;
        }
        Manifest manifest = Manifest.of((Map<String, ?>) map, location);
        manifests.add(manifest);
        origins.put(manifest, new Origin(document, path));
    }

    /** A kustomization document, skipped with what to check instead. */
    private static ManifestProblem kustomization(YamlDocument document, SourceLocation location) {
        Path folder = Path.of(document.source()).getParent();
        return new ManifestProblem(location, ManifestProblem.Type.KUSTOMIZE,
                Kustomizations.skippedKustomization(folder == null ? Path.of(".") : folder));
    }

    /** For a Helm chart's own files, what to check instead. */
    private static String helmHint(String source) {
        try {
            return helmHint(Path.of(source));
        } catch (java.nio.file.InvalidPathException e) {
            return ""; // a name such as <stdin>, not a file
        }
    }

    private static String helmHint(Path source) {
        Path file = source.getFileName();
        String name = file == null ? "" : file.toString();
        boolean chartFile = name.equals("Chart.yaml");
        boolean values = name.startsWith("values") && source.getParent() != null
                && Files.isRegularFile(source.resolveSibling("Chart.yaml"));
        return chartFile || values ? " (a Helm chart's " + (chartFile ? "Chart.yaml" : "values file") + ": check what "
                + "the chart renders, for example helm template " + source.getParent() + " | guidepost "
                + "check --pack PACK -)" : "";
    }

    private static ManifestProblem.Type type(YamlProblem.Type type) {
        return ManifestProblem.Type.valueOf(type.name());
    }
}
