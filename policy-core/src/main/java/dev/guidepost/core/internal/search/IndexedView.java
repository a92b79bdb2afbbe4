package dev.guidepost.core.internal.search;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.segment.TextSegment;

/**
 * One embedded view of one policy, keyed by a hash of the model id, the policy id, the view's name and its exact text. The key
 * is what makes caches incremental and shareable: a changed policy changes only its own views' keys, so only
 * they are embedded again, and any store, file or jar holding an entry with the same key can supply its vector.
 *
 * @param key    the content hash (hex)
 * @param policy the policy id
 * @param view   the view's name
 * @param text   the embedded text
 */
record IndexedView(String key, String policy, String view, String text) {

    /** Metadata key of the content hash. */
    static final String KEY = "guidepost.key";
    /** Metadata key of the policy id. */
    static final String POLICY = "guidepost.policy";
    /** Metadata key of the view name. */
    static final String VIEW = "guidepost.view";
    /** Metadata key of the model id. */
    static final String MODEL = "guidepost.model";

    static IndexedView of(String modelId, String policy, PolicyView view) {
        return new IndexedView(hash(modelId + '\n' + policy + '\n' + view.name() + '\n' + view.text()), policy,
                view.name(), view.text());
    }

    /** The store id: a UUID derived from the key, since some stores accept only UUIDs. */
    String storeId() {
        return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** The segment stored with the vector. */
    TextSegment segment(String modelId) {
        Metadata metadata = new Metadata()
                .put(KEY, key)
                .put(POLICY, policy)
                .put(VIEW, view)
                .put(MODEL, modelId);
        return TextSegment.from(text, metadata);
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
