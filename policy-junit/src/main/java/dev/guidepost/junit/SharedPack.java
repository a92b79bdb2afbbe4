package dev.guidepost.junit;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import dev.guidepost.core.GuidepostException;
import dev.guidepost.core.KnowledgeBase;
import dev.guidepost.core.PolicyEngine;
import dev.guidepost.core.PolicyPack;

/**
 * One pack shared by every test class of a run that names it (kept in the engine's root store, keyed by the pack's
 * absolute path or class path name): the pack and its compiled policies, loaded on first use, and its knowledge
 * bases, built only when a test searches, one per search setting. Each is built at most once, by the first thread
 * that asks, while the others wait; a failed load is not remembered, so every class naming a broken pack fails
 * with its own message.
 */
final class SharedPack {

    /** Pack warnings (a cleanup policy the pack does not apply) go to the JDK's logging, once per pack. */
    private static final System.Logger LOG = System.getLogger("dev.guidepost.junit");

    private final Once<PolicyEngine> engine = new Once<>();
    private final Map<KnowledgeBaseKey, Once<KnowledgeBase>> knowledgeBases = new ConcurrentHashMap<>();

    private record KnowledgeBaseKey(boolean lexicalOnly, Path cacheDirectory) {
    }

    /** The compiled pack, loaded on first use with the caller's settings. */
    PolicyEngine engine(Settings caller) {
        return engine.get(() -> {
            try {
                PolicyPack pack = caller.loadPack();
                warn(pack);
                return PolicyEngine.of(pack);
            } catch (GuidepostException e) {
                throw GuidepostConfigurationException.withoutTrace(caller.annotation() + ": cannot load the pack: "
                        + FailureText.withProjectPaths(e.getMessage()));
            }
        });
    }

    /** Logs the pack's warnings, named after the pack (a loop, so that the log names this method as their source). */
    private static void warn(PolicyPack pack) {
        for (String warning : pack.warnings()) {
            LOG.log(System.Logger.Level.WARNING, pack.coordinates() + ": " + warning);
        }
    }

    /** The knowledge base for the caller's search settings, built on first use. */
    KnowledgeBase knowledgeBase(Settings caller) {
        PolicyPack pack = engine(caller).pack();
        KnowledgeBaseKey key = new KnowledgeBaseKey(caller.lexicalOnly(), caller.cacheDirectory());
        return knowledgeBases.computeIfAbsent(key, k -> new Once<>()).get(() -> {
            quietEmbeddingLibraries();
            KnowledgeBase.Builder builder = KnowledgeBase.builder(pack).cacheDirectory(key.cacheDirectory());
            return (key.lexicalOnly() ? builder.lexicalOnly() : builder).build();
        });
    }

    /**
     * Keeps the tokenizer's native loader (DJL) to its errors under SLF4J's simple logger, which a test run often
     * uses: its platform and GPU probes ("Failed to detect GPU count") are nothing a test can act on. The simple
     * logger reads a logger's level from this system property when the logger is created, before the model loads;
     * a level the user set is kept, and other SLF4J providers are not affected.
     */
    private static void quietEmbeddingLibraries() {
        synchronized (SharedPack.class) {
            if (System.getProperty(DJL_LEVEL_PROPERTY) == null) {
                System.setProperty(DJL_LEVEL_PROPERTY, "error");
            }
        }
    }

    /** The simple logger's level property of the DJL loggers. */
    static final String DJL_LEVEL_PROPERTY = "org.slf4j.simpleLogger.log.ai.djl";

    /** A value computed once, on first use, unless computing it fails. */
    private static final class Once<T> {

        private T value;

        synchronized T get(Supplier<T> compute) {
            if (value == null) {
                value = compute.get();
            }
            return value;
        }
    }
}
