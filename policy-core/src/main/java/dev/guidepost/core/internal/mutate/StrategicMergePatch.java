package dev.guidepost.core.internal.mutate;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.guidepost.core.internal.pattern.PatternMatcher;
import dev.guidepost.core.internal.yaml.PlainValues;

/**
 * A Kyverno {@code patchStrategicMerge} overlay applied to a resource: the overlay is preprocessed for its anchors
 * ({@link AnchorPreprocessing}); when a condition does not hold the patch is empty (the resource is unchanged),
 * otherwise it is merged as a Kubernetes strategic merge patch ({@link StrategicMerge}).
 */
public final class StrategicMergePatch {

    private final AnchorPreprocessing preprocessing;

    /** @param matcher the validation pattern matcher that checks condition anchors */
    public StrategicMergePatch(PatternMatcher matcher) {
        this.preprocessing = new AnchorPreprocessing(matcher);
    }

    /** The resource patched by the overlay; throws {@link PatchException} when the overlay cannot be applied. */
    @SuppressWarnings("unchecked")
    public Object apply(Object resource, Object overlay) {
        if (!(overlay instanceof Map<?, ?>)) {
            throw new PatchException("failed to preProcess rule: the patch is not a map");
        }
        Map<String, Object> patch = (Map<String, Object>) PlainValues.mutableCopy(overlay);
        try {
            preprocessing.preprocess(patch, resource);
        } catch (AnchorPreprocessing.ConditionFailed e) {
            patch = new LinkedHashMap<>();
        }
        return StrategicMerge.merge(resource, patch);
    }
}
