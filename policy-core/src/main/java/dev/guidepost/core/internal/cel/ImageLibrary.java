package dev.guidepost.core.internal.cel;

import static dev.cel.common.CelOverloadDecl.newGlobalOverload;
import static dev.cel.common.CelOverloadDecl.newMemberOverload;

import dev.cel.common.types.OpaqueType;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;

/**
 * Kyverno's image library (kyverno/sdk extensions/cel/libs/image/lib.go): {@code parseImageReference} (and its
 * deprecated alias {@code image}), {@code isImage}, and {@code registry()}, {@code repository()}, {@code tag()},
 * {@code digest()}, {@code identifier()}, {@code identifierWithSeparator()}, {@code containsDigest()} on the result.
 */
final class ImageLibrary extends FunctionLibrary {

    static final OpaqueType TYPE = OpaqueType.create("kyverno.image");

    ImageLibrary() {
        function("parseImageReference", newGlobalOverload("string_to_image", TYPE, SimpleType.STRING),
                CelFunctionBinding.from("string_to_image", String.class, ImageLibrary::parse));
        function("image", newGlobalOverload("string_to_image_deprecated", TYPE, SimpleType.STRING),
                CelFunctionBinding.from("string_to_image_deprecated", String.class, ImageLibrary::parse));
        function("isImage", newGlobalOverload("is_image_string", SimpleType.BOOL, SimpleType.STRING),
                CelFunctionBinding.from("is_image_string", String.class, ImageReference::isImage));
        function("containsDigest", newMemberOverload("image_contains_digest", SimpleType.BOOL, TYPE),
                CelFunctionBinding.from("image_contains_digest", ImageReference.class,
                        ImageReference::containsDigest));
        function("registry", newMemberOverload("image_registry", SimpleType.STRING, TYPE),
                CelFunctionBinding.from("image_registry", ImageReference.class, ImageReference::registry));
        function("repository", newMemberOverload("image_repository", SimpleType.STRING, TYPE),
                CelFunctionBinding.from("image_repository", ImageReference.class, ImageReference::repository));
        function("identifier", newMemberOverload("image_identifier", SimpleType.STRING, TYPE),
                CelFunctionBinding.from("image_identifier", ImageReference.class, ImageReference::identifier));
        function("identifierWithSeparator", newMemberOverload("image_identifier_with_separator",
                SimpleType.STRING, TYPE), CelFunctionBinding.from("image_identifier_with_separator",
                        ImageReference.class, ImageReference::identifierWithSeparator));
        function("tag", newMemberOverload("image_tag", SimpleType.STRING, TYPE),
                CelFunctionBinding.from("image_tag", ImageReference.class, ImageReference::tag));
        function("digest", newMemberOverload("image_digest", SimpleType.STRING, TYPE),
                CelFunctionBinding.from("image_digest", ImageReference.class, ImageReference::digest));
    }

    private static ImageReference parse(String s) throws CelEvaluationException {
        try {
            return ImageReference.parse(s);
        } catch (IllegalArgumentException e) {
            throw error("%s", e.getMessage());
        }
    }
}
