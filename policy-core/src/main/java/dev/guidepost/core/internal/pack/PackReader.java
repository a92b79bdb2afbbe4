package dev.guidepost.core.internal.pack;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;

import dev.guidepost.core.GuidepostException;
import dev.guidepost.core.Policy;
import dev.guidepost.core.PolicyFormat;
import dev.guidepost.core.SourceLocation;
import dev.guidepost.core.internal.yaml.PlainValues;
import dev.guidepost.core.internal.yaml.YamlDocument;
import dev.guidepost.core.internal.yaml.YamlDocuments;
import dev.guidepost.core.internal.yaml.YamlFiles;

/**
 * Reads a pack from a folder, a single file, or a jar on the class path ({@code META-INF/guidepost/}). A folder
 * with a {@code pack.yaml} takes its name, version and description from it; a folder of plain Kyverno policies
 * without one is a pack named after the folder. Documents that are not policies (example manifests, test files)
 * are ignored; hidden folders are not read.
 */
public final class PackReader {

    /** The file that names a pack. */
    public static final String PACK_FILE = "pack.yaml";
    /** The fields a pack.yaml may have. */
    /** The folder a file is in, the working directory ({@code ""}) for a bare file name. */
    private static Path parent(Path file) {
        return file.getParent() != null ? file.getParent() : Path.of("");
    }

    private static final List<String> HEADER_FIELDS = List.of("apiVersion", "kind", "name", "version",
            "description", "metadata");
    /** Where packs live inside a jar. */
    public static final String CLASSPATH_ROOT = "META-INF/guidepost/";

    private PackReader() {
    }

    /** Reads a folder, a single policy file or a pack jar. */
    public static PackContents read(Path path) {
        return read(path, AlsoCheck.NOTHING);
    }

    /**
     * More problems of a pack some of whose files are broken, found in the policies that did read: reported with
     * the broken files' so that one run shows every fix.
     */
    public interface AlsoCheck extends BiFunction<List<Policy>, Map<Policy, PolicySourceText>,
            List<GuidepostException>> {

        /** Nothing more. */
        AlsoCheck NOTHING = (policies, texts) -> List.of();
    }

    /**
     * Reads a folder, a single policy file or a pack jar; when a file is broken, {@code alsoCheck} gets the policies
     * that did read (with their texts) and its problems are reported with the broken files', so one run shows
     * every fix (the engine's compile errors, which would otherwise wait for the files to be mended).
     */
    public static PackContents read(Path path, AlsoCheck alsoCheck) {
        if (!Files.exists(path)) {
            throw new GuidepostException(SourceLocation.of(path.toString()),
                    "no such pack folder or file; check the path (a pack is a folder of policy YAML files)");
        }
        if (Files.isRegularFile(path) && isArchive(path)) {
            return readJar(path, alsoCheck);
        }
        Path folder = Files.isDirectory(path) ? path : parent(path);
        List<Path> files = Files.isDirectory(path) ? yamlFiles(path) : List.of(path);
        Map<String, Object> header = Files.isDirectory(path) ? header(path.resolve(PACK_FILE)) : Map.of();
        String defaultName = nameOf(Files.isDirectory(path) ? path : path.getFileName());
        List<Policy> policies = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Map<Policy, PolicySourceText> texts = new java.util.IdentityHashMap<>();
        List<ExceptionDocument> exceptions = new ArrayList<>();
        // every broken file and document is reported at once, so one run shows every fix
        List<GuidepostException> problems = new ArrayList<>();
        for (Path file : files) {
            if (file.getFileName().toString().equals(PACK_FILE) && parent(file).equals(folder)) {
                continue;
            }
            List<YamlDocument> documents;
            try {
                documents = YamlDocuments.read(file);
            } catch (GuidepostException e) {
                problems.add(e);
                continue;
            }
            for (YamlDocument doc : documents) {
                try {
                    Optional<ExceptionDocument> exception = exception(doc, warnings::add);
                    if (exception.isPresent()) {
                        exceptions.add(exception.get());
                        continue;
                    }
                    Optional<Policy> policy = readDocument(doc, file.getParent(), null, warnings::add);
                    if (policy.isPresent()) {
                        policies.add(policy.get());
                        texts.put(policy.get(), PolicySourceText.of(doc));
                    }
                } catch (GuidepostException e) {
                    problems.add(e);
                }
            }
        }
        if (!problems.isEmpty()) {
            problems.addAll(alsoCheck.apply(List.copyOf(policies), texts));
            throw PackProblems.of(problems);
        }
        if (policies.isEmpty()) {
            throw new GuidepostException(SourceLocation.of(path.toString()), "the pack holds no policies; add "
                    + "Guidepost Policy files or Kyverno policy files (.yaml) to it, or point at the folder that has "
                    + "them");
        }
        policies = dropDuplicateImports(policies, warnings);
        checkUniqueIds(policies, policy -> PolicyLocator.locate(policy, List.of("metadata", "name"),
                Optional.ofNullable(texts.get(policy))));
        Map<String, PolicySourceText> byId = new HashMap<>();
        policies.stream().filter(texts::containsKey).forEach(policy -> byId.put(policy.id(), texts.get(policy)));
        return new PackContents(
                PlainValues.string(header, "name").isEmpty() ? defaultName : PlainValues.string(header, "name"),
                PlainValues.string(header, "version"),
                PlainValues.string(header, "description").strip(),
                policies,
                path.toString(),
                warnings,
                byId,
                exceptions);
    }

    /**
     * The PolicyException a document is, if it is one (a pack keeps them; test files name their own); one that has
     * expired is kept with a warning, since checks leave it out as the cluster does.
     */
    private static Optional<ExceptionDocument> exception(YamlDocument doc, Consumer<String> warnings) {
        if (doc.problem() != null || !(doc.value() instanceof Map<?, ?>)) {
            return Optional.empty();
        }
        Optional<ExceptionDocument> exception = ExceptionDocument.of(
                PlainValues.map(PlainValues.immutableCopy(doc.value())), SourceLocation.of(doc.source(), doc.line()));
        exception.flatMap(e -> e.expiryWarning(Instant.now())).ifPresent(warnings);
        return exception;
    }

    /** True for a jar or zip file name, which a pack is read from as a pack jar. */
    public static boolean isArchive(Path path) {
        String file = path.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        return file.endsWith(".jar") || file.endsWith(".zip");
    }

    /**
     * Reads the pack a jar holds under {@code META-INF/guidepost/}: its {@code pack.yaml} there, or its one pack
     * folder there.
     */
    private static PackContents readJar(Path jar, AlsoCheck alsoCheck) {
        try (FileSystem fs = FileSystems.newFileSystem(jar)) {
            Path root = fs.getPath("/" + CLASSPATH_ROOT);
            if (!Files.isDirectory(root)) {
                throw new GuidepostException(SourceLocation.of(jar.toString()), "the jar holds no " + CLASSPATH_ROOT
                        + " folder, so it is not a pack jar; a pack jar keeps its policies under "
                        + CLASSPATH_ROOT + "NAME/ (see the README's Maven plugin section)");
            }
            Path folder = root;
            if (!Files.exists(root.resolve(PACK_FILE))) {
                List<Path> packs = subfolders(root);
                if (packs.size() != 1) {
                    throw new GuidepostException(SourceLocation.of(jar.toString()), packs.isEmpty()
                            ? "the jar holds no pack under " + CLASSPATH_ROOT
                            : "the jar holds " + packs.size() + " packs (" + String.join(", ", packs.stream()
                                    .map(p -> p.getFileName().toString().replace("/", "")).toList())
                                    + "); put it on the class path and name one with classpath:NAME");
                }
                folder = packs.get(0);
            }
            PackContents contents = read(folder, alsoCheck);
            return contents.as(contents.name(), jar.toString());
        } catch (IOException e) {
            throw new GuidepostException(SourceLocation.of(jar.toString()), "cannot read the jar: " + e.getMessage()
                    + "; check that it is a complete jar file");
        }
    }

    /**
     * Reads the pack {@code name} from the class path: the folder {@code META-INF/guidepost/NAME/}, or
     * {@code META-INF/guidepost/} of the jar whose {@code pack.yaml} has that name.
     */
    public static PackContents readClasspath(String name, ClassLoader loader) {
        return readClasspath(name, loader, AlsoCheck.NOTHING);
    }

    /** As {@link #readClasspath(String, ClassLoader)}, with more problems of a broken pack (see {@link AlsoCheck}). */
    public static PackContents readClasspath(String name, ClassLoader loader, AlsoCheck alsoCheck) {
        try {
            List<URL> copies = Collections.list(loader.getResources(CLASSPATH_ROOT + name + "/" + PACK_FILE));
            refuseCopies(name, copies);
            URL folder = copies.isEmpty() ? null : copies.get(0);
            if (folder == null) {
                folder = loader.getResource(CLASSPATH_ROOT + name + "/");
            }
            if (folder != null) {
                return readUrl(folder, name, alsoCheck);
            }
            Enumeration<URL> headers = loader.getResources(CLASSPATH_ROOT + PACK_FILE);
            List<String> seen = new ArrayList<>();
            List<URL> named = new ArrayList<>();
            PackContents first = null;
            for (URL url : Collections.list(headers)) {
                PackContents contents = readUrl(url, name, alsoCheck);
                if (contents.name().equals(name)) {
                    named.add(url);
                    first = first == null ? contents : first;
                } else {
                    seen.add(contents.name());
                }
            }
            refuseCopies(name, named);
            if (first != null) {
                return first;
            }
            List<Path> found = new ArrayList<>();
            for (URL root : Collections.list(loader.getResources(CLASSPATH_ROOT))) {
                found.add(pathOf(root));
            }
            Optional<PackContents> inFolder = named(found, name, seen, alsoCheck);
            if (inFolder.isPresent()) {
                return inFolder.get();
            }
            inFolder = named(rootsWithoutDirectoryEntries(loader, found), name, seen, alsoCheck);
            if (inFolder.isPresent()) {
                return inFolder.get();
            }
            throw new GuidepostException("no pack named '" + name + "' on the class path (looked for "
                    + CLASSPATH_ROOT + name + "/ and a pack.yaml naming it under " + CLASSPATH_ROOT
                    + (seen.isEmpty() ? "" : "; found packs " + seen) + "); add the pack jar to the class path: for the Maven plugin as a <dependency> of the "
                    + "plugin (inside its <plugin> element), for tests as a test-scoped dependency");
        } catch (IOException e) {
            throw new GuidepostException("cannot read pack '" + name + "' from the class path: " + e.getMessage());
        }
    }

    /** Refuses a pack the class path holds more than once: its order would pick one, maybe another release. */
    private static void refuseCopies(String name, List<URL> copies) {
        if (copies.size() > 1) {
            throw new GuidepostException("the class path holds pack '" + name + "' " + copies.size() + " times: "
                    + String.join(", ", copies.stream().map(PackReader::containerOf).toList())
                    + "; keep one of them (mvn dependency:tree shows what pulls in each)");
        }
    }

    /** The jar or folder a class path resource is in, as a user knows it: its file path. */
    private static String containerOf(URL url) {
        String text = url.toString();
        int bang = text.indexOf("!/");
        int root = text.lastIndexOf(CLASSPATH_ROOT);
        String container = text.startsWith("jar:") && bang > 0 ? text.substring(4, bang)
                : root > 0 ? text.substring(0, root) : text;
        try {
            return Path.of(URI.create(container)).toString();
        } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            return container;
        }
    }

    /** The pack in one of the class path's {@code META-INF/guidepost/} folders named {@code name}, if any. */
    private static Optional<PackContents> named(List<Path> roots, String name, List<String> seen,
            AlsoCheck alsoCheck) {
        for (Path dir : roots) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try {
                for (Path child : subfolders(dir)) {
                    String declared = PlainValues.string(header(child.resolve(PACK_FILE)), "name");
                    String folderName = nameOf(child);
                    if (declared.equals(name) || declared.isEmpty() && folderName.equals(name)) {
                        return Optional.of(readFolder(child, name, alsoCheck));
                    }
                    String shown = declared.isEmpty() || declared.equals(folderName) ? folderName
                            : folderName + " (named " + declared + ")";
                    if (!seen.contains(shown)) {
                        seen.add(shown);
                    }
                }
            } catch (IOException e) {
                throw new GuidepostException("cannot read " + dir + " on the class path: " + e.getMessage());
            }
        }
        return Optional.empty();
    }

    /**
     * The {@code META-INF/guidepost/} folders inside the class path's jars that the class loader cannot find
     * because the jar was written without directory entries (it finds the files there, but no folder). Only jars
     * that hold such files are opened.
     */
    private static List<Path> rootsWithoutDirectoryEntries(ClassLoader loader, List<Path> known) throws IOException {
        Set<String> seenRoots = new java.util.HashSet<>();
        known.forEach(p -> seenRoots.add(p.toUri().toString()));
        Set<Path> jars = new java.util.LinkedHashSet<>();
        for (URL manifest : Collections.list(loader.getResources("META-INF/MANIFEST.MF"))) {
            String url = manifest.toString();
            int bang = url.indexOf("!/");
            if (url.startsWith("jar:file:") && bang > 0) {
                try {
                    jars.add(Path.of(URI.create(url.substring(4, bang))));
                } catch (IllegalArgumentException e) {
                    // not a plain file URL
                }
            }
        }
        for (ClassLoader l = loader; l != null; l = l.getParent()) {
            if (l instanceof java.net.URLClassLoader urls) {
                for (URL url : urls.getURLs()) {
                    if ("file".equals(url.getProtocol()) && url.getPath().endsWith(".jar")) {
                        try {
                            jars.add(Path.of(url.toURI()));
                        } catch (URISyntaxException | IllegalArgumentException e) {
                            // not a plain file URL
                        }
                    }
                }
            }
        }
        List<Path> roots = new ArrayList<>();
        for (Path jar : jars) {
            try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(jar.toFile())) {
                if (zip.stream().noneMatch(e -> e.getName().startsWith(CLASSPATH_ROOT))) {
                    continue;
                }
            } catch (IOException e) {
                continue;
            }
            Path dir = pathOf(URI.create("jar:" + jar.toUri() + "!/" + CLASSPATH_ROOT).toURL());
            if (seenRoots.add(dir.toUri().toString())) {
                roots.add(dir);
            }
        }
        return roots;
    }

    private static PackContents readUrl(URL url, String name, AlsoCheck alsoCheck) throws IOException {
        Path path = pathOf(url);
        return readFolder(Files.isDirectory(path) ? path : path.getParent(), name, alsoCheck);
    }

    /** The folders right in a folder, by name. */
    private static List<Path> subfolders(Path folder) throws IOException {
        try (var children = Files.list(folder)) {
            return children.filter(Files::isDirectory).sorted().toList();
        }
    }

    /** The pack in a class path folder, known by the name it was asked for. */
    private static PackContents readFolder(Path folder, String name, AlsoCheck alsoCheck) {
        PackContents contents = read(folder, alsoCheck);
        String packName = contents.name().equals(nameOf(folder)) && !Files.exists(folder.resolve(PACK_FILE))
                ? name : contents.name();
        return contents.as(packName, "classpath:" + name);
    }

    /** A class path resource as a path: inside its jar's file system, or on the disk. */
    private static Path pathOf(URL url) throws IOException {
        try {
            URI uri = url.toURI();
            if (!"jar".equals(uri.getScheme())) {
                return Path.of(uri);
            }
            FileSystem fs;
            try {
                fs = FileSystems.newFileSystem(uri, Map.of());
            } catch (FileSystemAlreadyExistsException e) {
                fs = FileSystems.getFileSystem(uri);
            }
            String entry = uri.getSchemeSpecificPart();
            return fs.getPath(entry.substring(entry.indexOf("!/") + 1));
        } catch (URISyntaxException e) {
            throw new IOException("bad class path URL " + url, e);
        }
    }

    private static String nameOf(Path path) {
        Path file = path.getFileName();
        if (file == null) {
            return "pack";
        }
        String name = file.toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && !Files.isDirectory(path) ? name.substring(0, dot) : name.replaceAll("/$", "");
    }

    private static Map<String, Object> header(Path file) {
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        List<YamlDocument> docs = YamlDocuments.read(file);
        if (docs.isEmpty()) {
            return Map.of();
        }
        YamlDocument doc = docs.get(0);
        if (doc.problem() != null) {
            throw new GuidepostException(SourceLocation.of(doc.source(), doc.line()), doc.problem().message());
        }
        if (!(doc.value() instanceof Map<?, ?>)) {
            throw new GuidepostException(SourceLocation.of(doc.source(), doc.line()),
                    "pack.yaml must be a mapping with name, version and description");
        }
        Map<String, Object> map = PlainValues.map(doc.value());
        checkHeaderFields(doc, map);
        Map<String, Object> header = new LinkedHashMap<>(PlainValues.map(map, "metadata"));
        header.putAll(map);
        if (PlainValues.string(header, "name").isEmpty() && !PlainValues.string(map, "metadata", "name").isEmpty()) {
            header.put("name", PlainValues.string(map, "metadata", "name"));
        }
        return header;
    }

    /** A misspelt field of pack.yaml ({@code verison}) would otherwise drop the version from every report. */
    private static void checkHeaderFields(YamlDocument doc, Map<String, Object> map) {
        for (Map.Entry<String, Object> e : map.entrySet()) {
            String key = e.getKey();
            SourceLocation at = SourceLocation.of(doc.source(), doc.lineOf(List.of(key)));
            if (!HEADER_FIELDS.contains(key)) {
                List<String> similar = IdSimilarity.similar(HEADER_FIELDS, key);
                throw new GuidepostException(at, "unknown field '" + key + "' in pack.yaml"
                        + (similar.isEmpty() ? "" : "; did you mean " + similar.get(0) + "?")
                        + " (the fields are " + String.join(", ", HEADER_FIELDS) + ")");
            }
            boolean mapping = key.equals("metadata");
            if (e.getValue() != null && (e.getValue() instanceof Map) != mapping
                    || !mapping && e.getValue() instanceof List) {
                throw new GuidepostException(at, "pack.yaml field '" + key + "' must be "
                        + (mapping ? "a mapping" : "text"));
            }
        }
    }

    private static List<Path> yamlFiles(Path folder) {
        try {
            return YamlFiles.under(folder, false);
        } catch (IOException e) {
            throw new GuidepostException(SourceLocation.of(folder.toString()),
                    "cannot list the pack folder: " + e.getMessage());
        }
    }

    /**
     * The policies of one pack file; a broken policy document is an error naming its file and line, and so is an
     * imported Kyverno policy that Kyverno's schema would reject (an unknown field, a misspelt action).
     */
    public static List<Policy> readFile(Path file) {
        return readFile(file, null);
    }

    /**
     * The policies of a Kyverno test's policy file, loaded as the Kyverno CLI loads them: a field Kyverno's schema
     * does not know fails (the CLI refuses the test), while a document with a value it does not allow (a misspelt
     * action) is left out and {@code leftOut} hears why.
     */
    public static List<Policy> readTestPolicies(Path file, Consumer<String> leftOut) {
        return readFile(file, Objects.requireNonNull(leftOut, "leftOut"));
    }

    private static List<Policy> readFile(Path file, Consumer<String> leftOut) {
        List<Policy> policies = new ArrayList<>();
        for (YamlDocument doc : YamlDocuments.read(file)) {
            readDocument(doc, file.getParent(), leftOut, note -> { }).ifPresent(policies::add);
        }
        return policies;
    }

    /** The policies of a YAML text (for example sent by an agent). */
    public static List<Policy> readText(String text, String sourceName) {
        return readText(text, sourceName, note -> { });
    }

    /** As {@link #readText(String, String)}, telling {@code warnings} what a pack would warn about. */
    public static List<Policy> readText(String text, String sourceName, Consumer<String> warnings) {
        List<Policy> policies = new ArrayList<>();
        for (YamlDocument doc : YamlDocuments.parse(text, sourceName)) {
            readDocument(doc, null, null, warnings).ifPresent(policies::add);
        }
        return policies;
    }

    /** The pack a YAML text makes, named after its source, with the text of each policy. */
    public static PackContents readPack(String text, String sourceName) {
        List<Policy> policies = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Map<String, PolicySourceText> texts = new HashMap<>();
        List<ExceptionDocument> exceptions = new ArrayList<>();
        for (YamlDocument doc : YamlDocuments.parse(text, sourceName)) {
            Optional<ExceptionDocument> exception = exception(doc, warnings::add);
            if (exception.isPresent()) {
                exceptions.add(exception.get());
                continue;
            }
            readDocument(doc, null, null, warnings::add).ifPresent(policy -> {
                policies.add(policy);
                texts.putIfAbsent(policy.id(), PolicySourceText.of(doc));
            });
        }
        checkUniqueIds(policies);
        return new PackContents(sourceName, "", "", policies, sourceName, warnings, texts, exceptions);
    }

    /**
     * The policy of one document, if it is one. {@code leftOut}, for Kyverno test files, hears of policies left out
     * for a disallowed value (a pack fails on them instead); {@code notes} hears of Kyverno documents a pack keeps
     * but Guidepost does not apply.
     */
    private static Optional<Policy> readDocument(YamlDocument doc, Path folder, Consumer<String> leftOut,
            Consumer<String> notes) {
        SourceLocation location = SourceLocation.of(doc.source(), doc.line());
        if (doc.problem() != null) {
            throw new GuidepostException(location, doc.problem().message()
                    + (leftOut == null && folder != null ? " (every YAML file in a pack folder must be readable)" : ""));
        }
        if (doc.value() instanceof List<?> items && items.stream().anyMatch(item -> item instanceof Map<?, ?> m
                && PolicyFormats.of(PlainValues.string(m, "apiVersion"), PlainValues.string(m, "kind")).isPresent())) {
            throw new GuidepostException(location, "a YAML list of policies, which Kyverno cannot read either; write "
                    + "each policy as a document of its own, separated by '---'");
        }
        if (!(doc.value() instanceof Map<?, ?>)) {
            return Optional.empty();
        }
        Map<String, Object> root = PlainValues.map(PlainValues.immutableCopy(doc.value()));
        String apiVersion = PlainValues.string(root, "apiVersion");
        String kind = PlainValues.string(root, "kind");
        Optional<PolicyFormat> format = PolicyFormats.of(apiVersion, kind);
        if (format.isEmpty()) {
            if (PolicyFormats.isGuidepostGroup(apiVersion) && kind.equals("Pack")) {
                throw new GuidepostException(location, "this pack.yaml belongs to another pack inside the one "
                        + "being read; give that folder as a pack of its own (packs can be combined, e.g. "
                        + "--pack a --pack b), or move its policies up and delete this file");
            }
            if (PolicyFormats.isGuidepostGroup(apiVersion)) {
                throw new GuidepostException(location, "unknown kind '" + kind + "' for " + apiVersion
                        + "; a Guidepost policy has kind: Policy");
            }
            if (leftOut == null) {
                // a misspelt policy document would otherwise drop out of the pack without a word
                Optional<String> misspelt = PolicyFormats.misspelling(apiVersion, kind);
                if (misspelt.isPresent()) {
                    throw new GuidepostException(location, misspelt.get());
                }
            }
            PolicyFormats.notApplied(apiVersion, kind).ifPresent(why -> notes.accept(location + ": " + why));
            return Optional.empty();
        }
        if (format.get() == PolicyFormat.GUIDEPOST && !apiVersion.equals(GuidepostPolicyReader.API_VERSION)) {
            throw new GuidepostException(location, "unknown version '" + apiVersion + "'; Guidepost policies are "
                    + GuidepostPolicyReader.API_VERSION);
        }
        PolicyDocument policyDocument = new PolicyDocument(doc, root, folder);
        if (format.get() == PolicyFormat.GUIDEPOST) {
            return Optional.of(GuidepostPolicyReader.read(policyDocument));
        }
        Optional<GuidepostException> disallowed = KyvernoPolicyReader.disallowedValue(policyDocument, format.get());
        if (disallowed.isPresent()) {
            if (leftOut == null) {
                throw disallowed.get();
            }
            leftOut.accept(disallowed.get().getMessage());
            return Optional.empty();
        }
        KyvernoPolicyReader.variableWarnings(policyDocument, format.get()).forEach(notes);
        if (format.get() == PolicyFormat.CLUSTER_POLICY || format.get() == PolicyFormat.KYVERNO_POLICY) {
            BackgroundMode.problem(root).ifPresent(why -> notes.accept(location + ": Kyverno refuses this policy ("
                    + why + "); Guidepost checks it as written"));
        }
        return Optional.of(KyvernoPolicyReader.read(policyDocument, format.get()));
    }

    /**
     * Kyverno files imported as they are may repeat a name (a cluster would keep only one of them): the first,
     * in file order, is kept and a warning says which was dropped. Guidepost policies must have unique ids.
     */
    private static List<Policy> dropDuplicateImports(List<Policy> policies, List<String> warnings) {
        Map<String, Policy> first = new LinkedHashMap<>();
        List<Policy> kept = new ArrayList<>();
        for (Policy policy : policies) {
            Policy earlier = first.putIfAbsent(policy.id(), policy);
            if (earlier != null && earlier.format() != PolicyFormat.GUIDEPOST
                    && policy.format() != PolicyFormat.GUIDEPOST) {
                warnings.add(policy.source() + ": policy '" + policy.id() + "' is also defined at "
                        + earlier.source() + "; the first one is used");
                continue;
            }
            kept.add(policy);
        }
        return kept;
    }

    /** Fails when two policies share an id, naming both places. */
    public static void checkUniqueIds(List<Policy> policies) {
        checkUniqueIds(policies, Policy::source);
    }

    /** As {@link #checkUniqueIds(List)}, naming where each policy's name is written. */
    private static void checkUniqueIds(List<Policy> policies, Function<Policy, SourceLocation> nameAt) {
        Map<String, Policy> seen = new LinkedHashMap<>();
        for (Policy policy : policies) {
            Policy earlier = seen.putIfAbsent(policy.id(), policy);
            if (earlier != null) {
                throw new GuidepostException(nameAt.apply(policy), "duplicate policy id '" + policy.id()
                        + "' (also defined at " + nameAt.apply(earlier) + "); policy ids must be unique across packs");
            }
        }
    }
}
