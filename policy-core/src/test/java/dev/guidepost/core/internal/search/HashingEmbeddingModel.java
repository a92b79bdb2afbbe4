package dev.guidepost.core.internal.search;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;

/**
 * A fast, deterministic stand-in for a sentence model in tests: the search terms of a text hashed into 64
 * dimensions. Counts the texts it embeds, so tests can tell what was re-embedded; can be told to fail.
 */
public final class HashingEmbeddingModel implements EmbeddingModel {

    public static final int DIMENSION = 64;

    private final AtomicInteger embedded = new AtomicInteger();
    private final List<String> texts = java.util.Collections.synchronizedList(new ArrayList<>());
    private volatile boolean failing;

    /** A model whose every call throws, like an ONNX runtime that cannot run. */
    public static HashingEmbeddingModel failing() {
        HashingEmbeddingModel model = new HashingEmbeddingModel();
        model.failing = true;
        return model;
    }

    @Override
    public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
        if (failing) {
            throw new IllegalStateException("native library already loaded in another class loader");
        }
        List<Embedding> out = new ArrayList<>();
        for (TextSegment segment : segments) {
            embedded.incrementAndGet();
            texts.add(segment.text());
            float[] v = new float[DIMENSION];
            for (String term : Tokenizer.get().terms(segment.text())) {
                v[Math.floorMod(term.hashCode(), DIMENSION)] += 1;
            }
            v[DIMENSION - 1] += 0.01f;
            out.add(Embedding.from(v));
        }
        return Response.from(out);
    }

    @Override
    public int dimension() {
        return DIMENSION;
    }

    /** How many texts were embedded so far. */
    public int embedded() {
        return embedded.get();
    }

    /** The texts embedded so far. */
    public List<String> texts() {
        return List.copyOf(texts);
    }
}
