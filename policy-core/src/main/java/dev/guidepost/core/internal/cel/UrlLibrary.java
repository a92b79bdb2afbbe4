package dev.guidepost.core.internal.cel;

import static dev.cel.common.CelOverloadDecl.newGlobalOverload;
import static dev.cel.common.CelOverloadDecl.newMemberOverload;

import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.OpaqueType;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelFunctionBinding;

/**
 * Kubernetes' URLs library (k8s.io/apiserver/pkg/cel/library/urls.go): {@code url}, {@code isURL},
 * {@code getScheme}, {@code getHost}, {@code getHostname}, {@code getPort}, {@code getEscapedPath},
 * {@code getQuery}.
 */
final class UrlLibrary extends FunctionLibrary {

    static final OpaqueType TYPE = OpaqueType.create("kubernetes.URL");

    UrlLibrary() {
        function("url", newGlobalOverload("string_to_url", TYPE, SimpleType.STRING),
                CelFunctionBinding.from("string_to_url", String.class, s -> {
                    try {
                        return KubernetesUrl.parse(s);
                    } catch (IllegalArgumentException e) {
                        throw error("URL parse error during conversion from string: %s", e.getMessage());
                    }
                }));
        function("isURL", newGlobalOverload("is_url_string", SimpleType.BOOL, SimpleType.STRING),
                CelFunctionBinding.from("is_url_string", String.class, KubernetesUrl::isUrl));
        member("getScheme", "url_get_scheme", SimpleType.STRING,
                CelFunctionBinding.from("url_get_scheme", KubernetesUrl.class, KubernetesUrl::scheme));
        member("getHost", "url_get_host", SimpleType.STRING,
                CelFunctionBinding.from("url_get_host", KubernetesUrl.class, KubernetesUrl::host));
        member("getHostname", "url_get_hostname", SimpleType.STRING,
                CelFunctionBinding.from("url_get_hostname", KubernetesUrl.class, KubernetesUrl::hostname));
        member("getPort", "url_get_port", SimpleType.STRING,
                CelFunctionBinding.from("url_get_port", KubernetesUrl.class, KubernetesUrl::port));
        member("getEscapedPath", "url_get_escaped_path", SimpleType.STRING,
                CelFunctionBinding.from("url_get_escaped_path", KubernetesUrl.class, KubernetesUrl::escapedPath));
        member("getQuery", "url_get_query",
                MapType.create(SimpleType.STRING, ListType.create(SimpleType.STRING)),
                CelFunctionBinding.from("url_get_query", KubernetesUrl.class, KubernetesUrl::query));
    }

    private void member(String name, String overloadId, dev.cel.common.types.CelType result,
            CelFunctionBinding binding) {
        function(name, newMemberOverload(overloadId, result, TYPE), binding);
    }
}
