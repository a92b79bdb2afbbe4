package dev.guidepost.core.internal.pack;

import java.util.List;
import java.util.Map;

import dev.guidepost.core.Policy;

/**
 * What a pack folder, file or jar holds.
 *
 * @param texts      the text each policy was read from, by policy id
 * @param exceptions the Kyverno PolicyExceptions among the files, in the order read
 */
public record PackContents(String name, String version, String description, List<Policy> policies, String source,
        List<String> warnings, Map<String, PolicySourceText> texts, List<ExceptionDocument> exceptions) {

    public PackContents {
        texts = Map.copyOf(texts);
        exceptions = List.copyOf(exceptions);
    }

    /** The same contents known by another name and source. */
    PackContents as(String otherName, String otherSource) {
        return new PackContents(otherName, version, description, policies, otherSource, warnings, texts,
                exceptions);
    }
}
