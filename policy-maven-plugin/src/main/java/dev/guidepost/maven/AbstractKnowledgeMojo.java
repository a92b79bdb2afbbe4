package dev.guidepost.maven;

import java.nio.file.Path;
import java.util.Locale;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Parameter;

import dev.guidepost.core.KnowledgeBase;
import dev.guidepost.core.PolicyPack;
import dev.guidepost.core.SearchModel;

/**
 * What the goals that search share: the embedding model and how the knowledge base is built. The model ships inside
 * the plugin's dependencies and runs in-process; nothing is downloaded. Vectors come from pack jars'
 * {@code META-INF/guidepost/index.json} first, then the cache folder, and only the rest is embedded.
 */
abstract class AbstractKnowledgeMojo extends AbstractPolicyMojo {

    /** The embedding model: {@code quantized} (the default, fast) or {@code full}. */
    @Parameter(property = "policy.model", defaultValue = "quantized")
    protected String model;

    /** The model as core's enum, or an error naming the valid values. */
    protected SearchModel searchModel() throws MojoExecutionException {
        return switch (model == null ? "" : model.strip().toLowerCase(Locale.ROOT)) {
            case "quantized", "q" -> SearchModel.QUANTIZED;
            case "full" -> SearchModel.FULL;
            default -> throw new MojoExecutionException("Unknown embedding model '" + model
                    + "' in <model> (-Dpolicy.model); use quantized or full");
        };
    }

    /**
     * Builds the knowledge base of a pack: pack jars' indexes are looked up on the plugin's class path (the jars
     * given as plugin dependencies), embeddings are cached in {@code cacheDirectory}; warnings (model or cache
     * problems) are logged, the embedding libraries' own start-up messages are not ({@link EmbeddingLibraryLogs}).
     */
    protected KnowledgeBase knowledgeBase(PolicyPack pack, Path cacheDirectory, boolean wordsOnly)
            throws MojoExecutionException {
        EmbeddingLibraryLogs.quiet(getLog());
        KnowledgeBase.Builder builder = KnowledgeBase.builder(pack).model(searchModel())
                .classLoader(AbstractKnowledgeMojo.class.getClassLoader());
        if (wordsOnly) {
            builder.lexicalOnly();
        }
        if (cacheDirectory != null) {
            builder.cacheDirectory(cacheDirectory);
        }
        KnowledgeBase kb = builder.build();
        kb.warnings().forEach(this::warnOnce);
        getLog().info("Search index of " + pack.coordinates() + ": " + kb.indexSummary());
        return kb;
    }
}
