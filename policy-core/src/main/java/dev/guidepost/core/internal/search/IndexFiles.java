package dev.guidepost.core.internal.search;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import dev.guidepost.core.internal.digest.Sha256;
import dev.guidepost.core.internal.pack.PackReader;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore;

/**
 * Index files: langchain4j's serialized {@link InMemoryEmbeddingStore}, holding Guidepost's keyed view vectors.
 * They live in a build's cache folder and inside published pack jars ({@value #CLASSPATH_INDEX}). Reading never
 * fails: a missing file is simply absent and a corrupt one is reported through {@code warn} and ignored, so the
 * caller embeds again.
 */
final class IndexFiles {

    /** Where a pack jar carries its index. */
    static final String CLASSPATH_INDEX = "META-INF/guidepost/index.json";
    /** The file name {@code writeIndex} writes into a folder. */
    static final String INDEX_FILE = "index.json";

    private IndexFiles() {
    }

    /**
     * The cache file of a pack and model inside a cache folder: named after the pack and a short hash of where it
     * was read from, so two packs of one name (two projects' {@code policies} folders) sharing a cache folder do
     * not overwrite each other's vectors.
     */
    static Path cacheFile(Path cacheDirectory, String packName, String packSource, String modelId) {
        String where;
        try {
            where = packSource.startsWith("classpath:") ? packSource
                    : Path.of(packSource).toAbsolutePath().normalize().toString();
        } catch (RuntimeException e) {
            where = packSource;
        }
        String hash = Sha256.hex(where).substring(0, 8);
        return cacheDirectory.resolve(safeName(packName) + "-" + hash + "." + modelId + ".index.json");
    }

    /** How many other copies' cache files a build without its own reads, newest first. */
    private static final int OTHER_COPIES = 2;

    /**
     * The stores of the cache files of other copies of a pack (same name and model, read from another place, such
     * as another checkout of the project), newest first: their vectors are keyed by content, so they serve this
     * copy as well. Unreadable ones are passed over with a warning.
     */
    static List<InMemoryEmbeddingStore<TextSegment>> readOtherCopies(Path cacheFile, String packName,
            String modelId, Consumer<String> warn) {
        Path folder = cacheFile.toAbsolutePath().getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            return List.of();
        }
        String prefix = safeName(packName) + "-";
        String suffix = "." + modelId + ".index.json";
        List<Path> copies;
        try (java.util.stream.Stream<Path> files = Files.list(folder)) {
            Path own = cacheFile.toAbsolutePath();
            copies = files.filter(f -> {
                String name = f.getFileName().toString();
                // the pack's name, a hash of 8 characters, the model
                return name.startsWith(prefix) && name.endsWith(suffix)
                        && name.length() == prefix.length() + 8 + suffix.length() && !f.equals(own);
            }).sorted(java.util.Comparator.comparing(IndexFiles::modified).reversed().thenComparing(Path::toString))
                    .limit(OTHER_COPIES).toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            return List.of();
        }
        List<InMemoryEmbeddingStore<TextSegment>> stores = new ArrayList<>();
        copies.forEach(copy -> stores.addAll(read(copy, warn)));
        return stores;
    }

    private static long modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    private static String safeName(String packName) {
        String safe = packName.replaceAll("[^A-Za-z0-9._-]+", "_");
        return safe.isEmpty() ? "pack" : safe;
    }

    /** The stores held in a file; empty (with a warning when it exists but cannot be read). */
    static List<InMemoryEmbeddingStore<TextSegment>> read(Path file, Consumer<String> warn) {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            return List.of(InMemoryEmbeddingStore.fromJson(Files.readString(file, StandardCharsets.UTF_8)));
        } catch (IOException | RuntimeException e) {
            warn.accept("the search index cache " + file + " is unreadable (" + SharedModels.describe(e)
                    + "); rebuilding it");
            return List.of();
        }
    }

    /** The stores of every {@value #CLASSPATH_INDEX} on a class path. */
    /**
     * The index a pack jar given by its path holds ({@code META-INF/guidepost/index.json}, written by the plugin's
     * {@code index} goal), as a class path jar's would be read; empty when {@code source} is no jar or has none.
     */
    static List<InMemoryEmbeddingStore<TextSegment>> readJar(String source, Consumer<String> warn) {
        Path jar;
        try {
            jar = Path.of(source);
        } catch (RuntimeException e) {
            return List.of();
        }
        if (jar.getFileName() == null || !PackReader.isArchive(jar) || !Files.isRegularFile(jar)) {
            return List.of();
        }
        try (FileSystem fs = FileSystems.newFileSystem(jar)) {
            Path index = fs.getPath("/" + CLASSPATH_INDEX);
            if (!Files.isRegularFile(index)) {
                return List.of();
            }
            return List.of(InMemoryEmbeddingStore.fromJson(Files.readString(index, StandardCharsets.UTF_8)));
        } catch (IOException | RuntimeException e) {
            warn.accept("the search index in " + jar + " is unreadable (" + SharedModels.describe(e)
                    + "); ignoring it");
            return List.of();
        }
    }

    static List<InMemoryEmbeddingStore<TextSegment>> readClasspath(ClassLoader loader, Consumer<String> warn) {
        if (loader == null) {
            return List.of();
        }
        List<InMemoryEmbeddingStore<TextSegment>> stores = new ArrayList<>();
        try {
            for (URL url : Collections.list(loader.getResources(CLASSPATH_INDEX))) {
                try (InputStream in = url.openStream()) {
                    stores.add(InMemoryEmbeddingStore.fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                } catch (IOException | RuntimeException e) {
                    warn.accept("the search index " + url + " is unreadable (" + SharedModels.describe(e)
                            + "); ignoring it");
                }
            }
        } catch (IOException e) {
            warn.accept("cannot list " + CLASSPATH_INDEX + " on the class path: " + SharedModels.describe(e));
        }
        return stores;
    }

    /**
     * Writes views and their vectors as a serialized in-memory store, atomically (a temporary file beside it,
     * then a move). The file gets the permissions of any new file (the umask decides), not a temporary file's
     * owner-only ones, so a shared cache folder or a pack jar built from it stays readable.
     */
    static void write(Path file, String modelId, List<IndexedView> views, Map<String, Embedding> vectors)
            throws IOException {
        InMemoryEmbeddingStore<TextSegment> store = new InMemoryEmbeddingStore<>();
        List<String> ids = new ArrayList<>();
        List<Embedding> embeddings = new ArrayList<>();
        List<TextSegment> segments = new ArrayList<>();
        for (IndexedView view : views) {
            Embedding e = vectors.get(view.key());
            if (e != null) {
                ids.add(view.storeId());
                embeddings.add(e);
                segments.add(view.segment(modelId));
            }
        }
        if (!ids.isEmpty()) {
            store.addAll(ids, embeddings, segments);
        }
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = parent.resolve(file.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            store.serializeToFile(tmp);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (java.nio.file.AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
