package dev.guidepost.core.internal.search;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

import dev.guidepost.core.SearchModel;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;

/**
 * One instance of each embedding model per JVM, loaded on first use and shared by every knowledge base (a model
 * is ~25-90 MB and its ONNX session is thread-safe). A model that cannot load, for example because the ONNX
 * native library is already bound to another class loader, is remembered as unavailable with the reason, so
 * callers fall back to lexical search instead of failing, and do not retry on every call.
 */
public final class SharedModels {

    /** A loaded model or why it could not load. */
    public record Loaded(Optional<EmbeddingModel> model, String failure) {
    }

    private static final Map<SearchModel, Loaded> MODELS = new EnumMap<>(SearchModel.class);

    private SharedModels() {
    }

    /** The shared instance of a model, loading it on first use. */
    public static synchronized Loaded get(SearchModel choice) {
        return MODELS.computeIfAbsent(choice, SharedModels::load);
    }

    private static Loaded load(SearchModel choice) {
        try {
            EmbeddingModel model = switch (choice) {
                case FULL -> new AllMiniLmL6V2EmbeddingModel();
                case QUANTIZED -> new AllMiniLmL6V2QuantizedEmbeddingModel();
            };
            return new Loaded(Optional.of(model), "");
        } catch (RuntimeException | LinkageError e) {
            return new Loaded(Optional.empty(), describe(e));
        }
    }

    static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.strip();
    }
}
