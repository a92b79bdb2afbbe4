package dev.guidepost.core.internal.cel;

import static dev.cel.common.CelOverloadDecl.newGlobalOverload;
import static dev.cel.common.CelOverloadDecl.newMemberOverload;

import dev.cel.common.types.OpaqueType;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;

/**
 * Kubernetes' IP library (k8s.io/apiserver/pkg/cel/library/ip.go): {@code ip}, {@code isIP},
 * {@code ip.isCanonical}, {@code family}, {@code isUnspecified}, {@code isLoopback}, {@code isLinkLocalMulticast},
 * {@code isLinkLocalUnicast}, {@code isGlobalUnicast} and {@code string(ip)}.
 */
final class IpLibrary extends FunctionLibrary {

    static final OpaqueType TYPE = OpaqueType.create("net.IP");

    IpLibrary() {
        function("ip", newGlobalOverload("string_to_ip", TYPE, SimpleType.STRING),
                CelFunctionBinding.from("string_to_ip", String.class, IpLibrary::parse));
        function("isIP", newGlobalOverload("is_ip", SimpleType.BOOL, SimpleType.STRING),
                CelFunctionBinding.from("is_ip", String.class, IpAddress::isValid));
        function("ip.isCanonical", newGlobalOverload("ip_is_canonical", SimpleType.BOOL, SimpleType.STRING),
                CelFunctionBinding.from("ip_is_canonical", String.class, s -> parse(s).toString().equals(s)));
        function("string", newGlobalOverload("ip_to_string", SimpleType.STRING, TYPE),
                CelFunctionBinding.from("ip_to_string", IpAddress.class, IpAddress::toString));
        function("family", newMemberOverload("ip_family", SimpleType.INT, TYPE),
                CelFunctionBinding.from("ip_family", IpAddress.class, IpAddress::family));
        function("isUnspecified", newMemberOverload("ip_is_unspecified", SimpleType.BOOL, TYPE),
                CelFunctionBinding.from("ip_is_unspecified", IpAddress.class, IpAddress::isUnspecified));
        function("isLoopback", newMemberOverload("ip_is_loopback", SimpleType.BOOL, TYPE),
                CelFunctionBinding.from("ip_is_loopback", IpAddress.class, IpAddress::isLoopback));
        function("isLinkLocalMulticast", newMemberOverload("ip_is_link_local_multicast", SimpleType.BOOL, TYPE),
                CelFunctionBinding.from("ip_is_link_local_multicast", IpAddress.class,
                        IpAddress::isLinkLocalMulticast));
        function("isLinkLocalUnicast", newMemberOverload("ip_is_link_local_unicast", SimpleType.BOOL, TYPE),
                CelFunctionBinding.from("ip_is_link_local_unicast", IpAddress.class,
                        IpAddress::isLinkLocalUnicast));
        function("isGlobalUnicast", newMemberOverload("ip_is_global_unicast", SimpleType.BOOL, TYPE),
                CelFunctionBinding.from("ip_is_global_unicast", IpAddress.class, IpAddress::isGlobalUnicast));
    }

    static IpAddress parse(String s) throws CelEvaluationException {
        try {
            return IpAddress.parse(s);
        } catch (IllegalArgumentException e) {
            throw error("%s", e.getMessage());
        }
    }
}
