package dev.guidepost.core.internal.cel;

import static dev.cel.common.CelOverloadDecl.newGlobalOverload;
import static dev.cel.common.CelOverloadDecl.newMemberOverload;

import java.util.List;

import dev.cel.common.types.OpaqueType;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;

/**
 * Kubernetes' CIDR library (k8s.io/apiserver/pkg/cel/library/cidr.go): {@code cidr}, {@code isCIDR},
 * {@code containsIP} and {@code containsCIDR} (with an address or a string), {@code ip()}, {@code masked()},
 * {@code prefixLength()} and {@code string(cidr)}.
 */
final class CidrLibrary extends FunctionLibrary {

    static final OpaqueType TYPE = OpaqueType.create("net.CIDR");

    CidrLibrary() {
        function("cidr", newGlobalOverload("string_to_cidr", TYPE, SimpleType.STRING),
                CelFunctionBinding.from("string_to_cidr", String.class, CidrLibrary::parse));
        function("isCIDR", newGlobalOverload("is_cidr", SimpleType.BOOL, SimpleType.STRING),
                CelFunctionBinding.from("is_cidr", String.class, Cidr::isValid));
        function("string", newGlobalOverload("cidr_to_string", SimpleType.STRING, TYPE),
                CelFunctionBinding.from("cidr_to_string", Cidr.class, Cidr::toString));
        function("containsIP", List.of(
                newMemberOverload("cidr_contains_ip_string", SimpleType.BOOL, TYPE, SimpleType.STRING),
                newMemberOverload("cidr_contains_ip_ip", SimpleType.BOOL, TYPE, IpLibrary.TYPE)),
                CelFunctionBinding.from("cidr_contains_ip_string", Cidr.class, String.class,
                        (c, s) -> c.contains(IpLibrary.parse(s))),
                CelFunctionBinding.from("cidr_contains_ip_ip", Cidr.class, IpAddress.class, Cidr::contains));
        function("containsCIDR", List.of(
                newMemberOverload("cidr_contains_cidr_string", SimpleType.BOOL, TYPE, SimpleType.STRING),
                newMemberOverload("cidr_contains_cidr", SimpleType.BOOL, TYPE, TYPE)),
                CelFunctionBinding.from("cidr_contains_cidr_string", Cidr.class, String.class,
                        (c, s) -> c.contains(parse(s))),
                CelFunctionBinding.from("cidr_contains_cidr", Cidr.class, Cidr.class, Cidr::contains));
        function("ip", newMemberOverload("cidr_ip", IpLibrary.TYPE, TYPE),
                CelFunctionBinding.from("cidr_ip", Cidr.class, Cidr::address));
        function("masked", newMemberOverload("cidr_masked", TYPE, TYPE),
                CelFunctionBinding.from("cidr_masked", Cidr.class, Cidr::masked));
        function("prefixLength", newMemberOverload("cidr_prefix_length", SimpleType.INT, TYPE),
                CelFunctionBinding.from("cidr_prefix_length", Cidr.class, Cidr::prefixLength));
    }

    private static Cidr parse(String s) throws CelEvaluationException {
        try {
            return Cidr.parse(s);
        } catch (IllegalArgumentException e) {
            throw error("%s", e.getMessage());
        }
    }
}
