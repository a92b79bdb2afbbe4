package dev.guidepost.core.internal.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import dev.guidepost.core.SearchModel;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;

/**
 * One instance of each embedding model per class loader, loaded on first use and shared by every knowledge base (a
 * model is ~25-90 MB and its ONNX session is thread-safe). Where another class loader of the JVM (another Maven
 * plugin realm, another web application) loaded the tokenizer's native library first, this one loads a private
 * copy of it, since the JVM binds a library file to one class loader. A model that still cannot load is remembered
 * as unavailable with the reason, so callers fall back to lexical search instead of failing, and do not retry on
 * every call.
 */
public final class SharedModels {

    /** A loaded model or why it could not load. */
    public record Loaded(Optional<EmbeddingModel> model, String failure) {
    }

    private static final Map<SearchModel, Loaded> MODELS = new EnumMap<>(SearchModel.class);

    /** Held while a model loads, by every class loader of this class in the JVM (an interned literal). */
    private static final String NATIVE_LOCK = "dev.guidepost.search.native-library-lock";
    /** JVM-wide: the class loader that loaded the tokenizer's native library first. */
    private static final String LOADED_BY = "dev.guidepost.search.tokenizers-loaded-by";
    /** Where DJL extracts its native libraries (a system property it reads). */
    private static final String ENGINE_CACHE_DIR = "ENGINE_CACHE_DIR";

    private SharedModels() {
    }

    /** The shared instance of a model, loading it on first use (or waiting for a {@link #preload} under way). */
    public static synchronized Loaded get(SearchModel choice) {
        return MODELS.computeIfAbsent(choice, SharedModels::load);
    }

    /**
     * Starts loading a model on a background thread, so that work done meanwhile (reading a pack, its index files)
     * overlaps the ~0.5-1.3 s the model takes; {@link #get} then waits for it. The thread uses the caller's context
     * class loader, as loading on the caller's thread would. Does nothing when the model is already loaded.
     */
    public static void preload(SearchModel choice) {
        synchronized (SharedModels.class) {
            if (MODELS.containsKey(choice)) {
                return;
            }
        }
        Thread loader = new Thread(() -> get(choice), "guidepost-model-" + choice.id());
        loader.setDaemon(true);
        loader.setContextClassLoader(Thread.currentThread().getContextClassLoader());
        loader.start();
    }

    private static Loaded load(SearchModel choice) {
        // a literal is interned once per JVM, so this locks across the class loaders that each hold a SharedModels
        synchronized (NATIVE_LOCK) {
            String me = SharedModels.class.getClassLoader() + "@"
                    + System.identityHashCode(SharedModels.class.getClassLoader());
            String first = System.getProperty(LOADED_BY);
            boolean privateCopy = first != null && !first.equals(me);
            String previousCacheDir = System.getProperty(ENGINE_CACHE_DIR);
            Path copyDir = null;
            try {
                if (privateCopy) {
                    // the JVM binds a native library file to one class loader; DJL extracts the tokenizer library
                    // to its engine cache, so this class loader gets a fresh cache and its own copy of the file
                    copyDir = Files.createTempDirectory("guidepost-tokenizers-");
                    System.setProperty(ENGINE_CACHE_DIR, copyDir.toString());
                }
                EmbeddingModel model = switch (choice) {
                    case FULL -> new AllMiniLmL6V2EmbeddingModel();
                    case QUANTIZED -> new AllMiniLmL6V2QuantizedEmbeddingModel();
                };
                if (first == null) {
                    System.setProperty(LOADED_BY, me);
                }
                return new Loaded(Optional.of(model), "");
            } catch (RuntimeException | LinkageError | IOException e) {
                return new Loaded(Optional.empty(), describe(e));
            } finally {
                if (privateCopy) {
                    restore(previousCacheDir);
                    deleteLoadedCopy(copyDir);
                }
            }
        }
    }

    private static void restore(String previousCacheDir) {
        if (previousCacheDir == null) {
            System.clearProperty(ENGINE_CACHE_DIR);
        } else {
            System.setProperty(ENGINE_CACHE_DIR, previousCacheDir);
        }
    }

    /** Deletes the private copy once it is loaded (the mapped library stays valid); where that fails, at exit. */
    private static void deleteLoadedCopy(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    path.toFile().deleteOnExit();
                }
            }
        } catch (IOException | UncheckedIOException e) {
            dir.toFile().deleteOnExit();
        }
    }

    /**
     * The root cause's message; for a file system error, which names only the file, the file and what is wrong
     * with it ({@code /tmp/cache: not a folder (NotDirectoryException)}).
     */
    static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root instanceof java.nio.file.FileSystemException fs) {
            String what = fs.getReason() != null ? fs.getReason()
                    : fs instanceof java.nio.file.FileAlreadyExistsException ? "a file is in the way"
                    : fs instanceof java.nio.file.NotDirectoryException ? "not a folder"
                    : fs instanceof java.nio.file.AccessDeniedException ? "permission denied"
                    : fs instanceof java.nio.file.NoSuchFileException ? "does not exist"
                    : fs.getClass().getSimpleName();
            return fs.getFile() + ": " + what + (fs.getOtherFile() != null ? " (" + fs.getOtherFile() + ")" : "");
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.strip();
    }
}
