package dev.guidepost.core.internal.cel;

import static dev.cel.common.CelOverloadDecl.newGlobalOverload;
import static dev.cel.common.CelOverloadDecl.newMemberOverload;

import java.util.List;

import dev.cel.common.types.OpaqueType;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;
import dev.guidepost.core.internal.golang.Semver;

/**
 * Kubernetes' Semver library at version 1 (k8s.io/apiserver/pkg/cel/library/semverlib.go): {@code semver} and
 * {@code isSemver} with the optional normalize flag, {@code major}, {@code minor}, {@code patch},
 * {@code isGreaterThan}, {@code isLessThan}, {@code compareTo}.
 */
final class SemverLibrary extends FunctionLibrary {

    static final OpaqueType TYPE = OpaqueType.create("kubernetes.Semver");

    SemverLibrary() {
        function("semver", List.of(
                newGlobalOverload("string_to_semver", TYPE, SimpleType.STRING),
                newGlobalOverload("string_bool_to_semver", TYPE, SimpleType.STRING, SimpleType.BOOL)),
                CelFunctionBinding.from("string_to_semver", String.class, s -> parse(s, false)),
                CelFunctionBinding.from("string_bool_to_semver", String.class, Boolean.class,
                        SemverLibrary::parse));
        function("isSemver", List.of(
                newGlobalOverload("is_semver_string", SimpleType.BOOL, SimpleType.STRING),
                newGlobalOverload("is_semver_string_bool", SimpleType.BOOL, SimpleType.STRING, SimpleType.BOOL)),
                CelFunctionBinding.from("is_semver_string", String.class, s -> isSemver(s, false)),
                CelFunctionBinding.from("is_semver_string_bool", String.class, Boolean.class,
                        SemverLibrary::isSemver));
        function("isGreaterThan", newMemberOverload("semver_is_greater_than", SimpleType.BOOL, TYPE, TYPE),
                CelFunctionBinding.from("semver_is_greater_than", Semver.class, Semver.class,
                        (a, b) -> a.compareTo(b) > 0));
        function("isLessThan", newMemberOverload("semver_is_less_than", SimpleType.BOOL, TYPE, TYPE),
                CelFunctionBinding.from("semver_is_less_than", Semver.class, Semver.class,
                        (a, b) -> a.compareTo(b) < 0));
        function("compareTo", newMemberOverload("semver_compare_to", SimpleType.INT, TYPE, TYPE),
                CelFunctionBinding.from("semver_compare_to", Semver.class, Semver.class,
                        (a, b) -> (long) a.compareTo(b)));
        function("major", newMemberOverload("semver_major", SimpleType.INT, TYPE),
                CelFunctionBinding.from("semver_major", Semver.class, Semver::major));
        function("minor", newMemberOverload("semver_minor", SimpleType.INT, TYPE),
                CelFunctionBinding.from("semver_minor", Semver.class, Semver::minor));
        function("patch", newMemberOverload("semver_patch", SimpleType.INT, TYPE),
                CelFunctionBinding.from("semver_patch", Semver.class, Semver::patch));
    }

    private static Semver parse(String s, boolean normalize) throws CelEvaluationException {
        try {
            return normalize ? Semver.parseNormalized(s) : Semver.parse(s);
        } catch (IllegalArgumentException e) {
            throw error("%s", e.getMessage());
        }
    }

    private static boolean isSemver(String s, boolean normalize) {
        try {
            Object unused = normalize ? Semver.parseNormalized(s) : Semver.parse(s);
            return unused != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
