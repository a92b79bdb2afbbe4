package dev.guidepost.core;

/**
 * The sentence-embedding model behind semantic search, run in-process (the model ships inside its jar, so no
 * network is needed). Both are all-MiniLM-L6-v2; they rank the same within noise, and the quantized one loads
 * about twice as fast in half the memory, so it is the default.
 */
public enum SearchModel {
    /** all-MiniLM-L6-v2 with 8-bit weights: ~0.5 s to load, ~23 MB. The default. */
    QUANTIZED("all-minilm-l6-v2-q"),
    /** all-MiniLM-L6-v2 with full 32-bit weights: ~1.3 s to load, ~90 MB. */
    FULL("all-minilm-l6-v2");

    private final String id;

    SearchModel(String id) {
        this.id = id;
    }

    /** The model's id, part of every cached embedding's key. */
    public String id() {
        return id;
    }

    /**
     * Starts loading the model in the background, for a program that will build a knowledge base after other work
     * (reading a pack, say): the build then finds the model loaded, or waits only for the rest. Optional: a build
     * loads the model anyway. Does nothing once the model is loaded.
     */
    public void preload() {
        dev.guidepost.core.internal.search.SharedModels.preload(this);
    }
}
