package dev.guidepost.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.guidepost.core.internal.search.HashingEmbeddingModel;
import dev.guidepost.core.internal.search.IndexBuilder;
import dev.guidepost.core.internal.search.SharedModels;
import dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore;

class KnowledgeBaseFallbackTest {

    private final PolicyPack pack = PolicyPack.load(KnowledgeBaseTest.FIXTURE_PACK);

    @Test
    void aModelThatCannotRunFallsBackToWordsWithOneWarning() {
        KnowledgeBase kb = KnowledgeBase.builder(pack).embeddingModel(HashingEmbeddingModel.failing(), "broken")
                .classLoader(null).build();

        assertThat(kb.semantic()).isFalse();
        assertThat(kb.warnings()).singleElement().asString()
                .contains("semantic search is off", "native library already loaded", "ranking by words only");
        SearchHit hit = kb.search("can my container run as root?", 1).get(0);
        assertThat(hit.policy().id()).isEqualTo("require-non-root");
        assertThat(hit.why().semanticShare()).isZero();
        assertThat(hit.why().matchedWords()).contains("root");
    }

    @Test
    void aModelThatCannotLoadFallsBackToWords() {
        SharedModels.Loaded failed = new SharedModels.Loaded(Optional.empty(),
                "onnxruntime native library already loaded in another classloader");
        IndexBuilder.Built built = IndexBuilder.build(pack, Optional.of(() -> failed), "all-minilm-l6-v2-q",
                new InMemoryEmbeddingStore<>(), Optional.empty(), null);

        assertThat(built.ranker().semantic()).isFalse();
        assertThat(built.warnings()).singleElement().asString().contains("could not load", "another classloader");
    }

    @Test
    void lexicalOnlyNeedsNoModelAndWarnsNothing() {
        KnowledgeBase kb = KnowledgeBase.builder(pack).lexicalOnly().build();

        assertThat(kb.semantic()).isFalse();
        assertThat(kb.warnings()).isEmpty();
        assertThat(kb.search("hostPath volumes", 1).get(0).policy().id()).isEqualTo("disallow-host-path");
    }
}
