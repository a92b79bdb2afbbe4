package dev.guidepost.core.internal.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.guidepost.core.internal.match.Wildcard;
import dev.guidepost.core.internal.yaml.PlainValues;

/**
 * The image patterns a ClusterPolicy {@code verifyImages} rule verifies ({@code imageReferences}, or the older
 * {@code image}), for skipping a request that holds none of those images, as Kyverno does before it asks any
 * registry: it matches each image's reference ({@code registry/path:tag} or {@code @digest}) against the patterns
 * with its wildcards.
 */
final class ImageReferences {

    private final List<String> patterns;

    private ImageReferences(List<String> patterns) {
        this.patterns = List.copyOf(patterns);
    }

    /**
     * The patterns of a rule, or empty when the rule names none or extracts images its own way
     * ({@code imageExtractors}): then only the cluster can tell which images it verifies.
     */
    static Optional<ImageReferences> of(Object rule) {
        if (PlainValues.at(rule, "imageExtractors") != null) {
            return Optional.empty();
        }
        List<String> patterns = new ArrayList<>();
        for (Object entry : PlainValues.list(rule, "verifyImages")) {
            List<String> references = new ArrayList<>(PlainValues.strings(entry, "imageReferences"));
            String image = PlainValues.string(entry, "image");
            if (!image.isEmpty()) {
                references.add(image);
            }
            if (references.isEmpty()) {
                return Optional.empty();
            }
            patterns.addAll(references);
        }
        return patterns.isEmpty() ? Optional.empty() : Optional.of(new ImageReferences(patterns));
    }

    /**
     * True when no image of the object (its pod spec's containers, init and ephemeral containers) matches a
     * pattern; false as well when an image cannot be read as a reference, which the cluster decides.
     */
    boolean noneIn(Map<String, Object> object) {
        for (Object list : ImageInfos.of(object).values()) {
            for (Object info : PlainValues.map(list).values()) {
                if (forms(info).stream().anyMatch(form -> patterns.stream().anyMatch(p -> Wildcard.matches(p, form)))) {
                    return false;
                }
            }
        }
        return ImageInfos.allReadable(object);
    }

    /**
     * The forms of an image's reference a pattern may be written against: Kyverno's, and for an image of one path
     * part the {@code library/} form, which some Kyverno versions normalise to.
     */
    private static List<String> forms(Object info) {
        String reference = PlainValues.string(info, "reference");
        String registry = PlainValues.string(info, "registry");
        String path = PlainValues.string(info, "path");
        if (!path.contains("/")) {
            return List.of(reference, registry + "/library/" + reference.substring(registry.length() + 1));
        }
        return List.of(reference);
    }

    @Override
    public String toString() {
        return String.join(",", patterns);
    }
}
