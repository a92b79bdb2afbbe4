package dev.guidepost.cli;

import java.io.PrintWriter;
import java.nio.file.Path;

import dev.guidepost.core.KnowledgeBase;
import dev.guidepost.core.PolicyPack;
import dev.guidepost.core.SearchModel;
import picocli.CommandLine.Option;

/**
 * How commands that search build the knowledge base: which model and where embeddings are cached. The model ships
 * inside the jar, so nothing is downloaded; the cache only saves re-embedding the pack on the next start.
 */
final class KnowledgeOptions {

    @Option(names = "--cache", paramLabel = "DIR",
            description = "Cache folder for the pack's embeddings (default: $XDG_CACHE_HOME/guidepost or "
                    + "~/.cache/guidepost).")
    private Path cache;

    @Option(names = "--no-cache", description = "Embed the pack afresh and keep nothing on disk.")
    private boolean noCache;

    @Option(names = "--model", defaultValue = "quantized", paramLabel = "MODEL",
            description = "Embedding model: quantized (default, fast) or full.")
    private String model;

    @Option(names = "--words-only", description = "Rank by words alone (BM25F), without the embedding model.")
    private boolean wordsOnly;

    /**
     * Starts loading the model in the background, for a command to call before it reads its packs: the two
     * overlap, which takes about half a second off a search from the cache.
     */
    void preload() {
        if (!wordsOnly) {
            searchModel().preload();
        }
    }

    /** Builds the knowledge base of a pack, printing its warnings (model or cache problems) to {@code err}. */
    KnowledgeBase build(PolicyPack pack, PrintWriter err) {
        KnowledgeBase.Builder builder = KnowledgeBase.builder(pack).model(searchModel());
        if (wordsOnly) {
            builder.lexicalOnly();
        }
        if (!noCache) {
            builder.cacheDirectory(cache != null ? cache : defaultCache());
        }
        KnowledgeBase kb = builder.build();
        kb.warnings().forEach(w -> err.println("warning: " + w));
        err.flush();
        return kb;
    }

    private SearchModel searchModel() {
        return switch (model.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "quantized", "q" -> SearchModel.QUANTIZED;
            case "full" -> SearchModel.FULL;
            default -> throw new dev.guidepost.core.GuidepostException(
                    "unknown --model '" + model + "'; use quantized or full");
        };
    }

    /** {@code $XDG_CACHE_HOME/guidepost}, else {@code ~/.cache/guidepost}. */
    static Path defaultCache() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("guidepost");
    }
}
