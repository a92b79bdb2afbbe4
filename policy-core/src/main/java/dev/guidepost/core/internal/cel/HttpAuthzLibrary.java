package dev.guidepost.core.internal.cel;

import static dev.cel.common.CelOverloadDecl.newGlobalOverload;
import static dev.cel.common.CelOverloadDecl.newMemberOverload;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.cel.common.types.ListType;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;

import dev.guidepost.core.internal.cel.AuthzResponses.HttpCheckResponse;
import dev.guidepost.core.internal.cel.AuthzResponses.HttpDenied;
import dev.guidepost.core.internal.cel.AuthzResponses.HttpOk;

/**
 * Kyverno authz's HTTP library (kyverno-authz pkg/cel/libs/authz/http/lib.go): {@code http.Allowed()},
 * {@code http.Denied(reason)}, {@code Response()}, and {@code Header(name)} / {@code QueryParam(name)} on the
 * request attributes. Headers are looked up as Go's {@code textproto.MIMEHeader.Values} does: the name is
 * canonicalized ({@code x-team} → {@code X-Team}) and then matched exactly; a missing header or parameter gives an
 * empty list.
 */
final class HttpAuthzLibrary extends FunctionLibrary {

    private static final dev.cel.common.types.CelType DYN = SimpleType.DYN;

    HttpAuthzLibrary() {
        function("http.Allowed", newGlobalOverload("http_authz_allowed", DYN),
                CelFunctionBinding.from("http_authz_allowed", List.of(), args -> new HttpOk()));
        function("http.Denied", newGlobalOverload("http_authz_denied_string", DYN, SimpleType.STRING),
                CelFunctionBinding.from("http_authz_denied_string", String.class, HttpDenied::new));
        function("Response", newMemberOverload("http_authz_response", DYN, DYN),
                CelFunctionBinding.from("http_authz_response", Object.class, HttpAuthzLibrary::response));
        function("Header", newMemberOverload("http_authz_get_header_string", ListType.create(SimpleType.STRING),
                DYN, SimpleType.STRING), CelFunctionBinding.from("http_authz_get_header_string", Object.class,
                        String.class, (attributes, name) -> values(attributes, "header", name, true)));
        function("QueryParam", newMemberOverload("http_authz_get_queryparam_string",
                ListType.create(SimpleType.STRING), DYN, SimpleType.STRING),
                CelFunctionBinding.from("http_authz_get_queryparam_string", Object.class, String.class,
                        (attributes, name) -> values(attributes, "query", name, false)));
    }

    private static Object response(Object receiver) throws CelEvaluationException {
        if (receiver instanceof HttpOk ok) {
            return new HttpCheckResponse(ok, null);
        }
        if (receiver instanceof HttpDenied denied) {
            return new HttpCheckResponse(null, denied);
        }
        throw error("no such overload: Response() on %s", EnvoyAuthzLibrary.describe(receiver));
    }

    private static List<String> values(Object attributes, String field, String name, boolean header)
            throws CelEvaluationException {
        if (!(attributes instanceof Map<?, ?> map)) {
            throw error("no such overload: %s() on %s", header ? "Header" : "QueryParam",
                    EnvoyAuthzLibrary.describe(attributes));
        }
        List<String> out = new ArrayList<>();
        String key = header ? canonicalMimeHeaderKey(name) : name;
        if (map.get(field) instanceof Map<?, ?> entries && entries.get(key) instanceof List<?> list) {
            list.forEach(item -> out.add(String.valueOf(item)));
        }
        return out;
    }

    /** Go's {@code textproto.CanonicalMIMEHeaderKey}: unchanged when the key has a byte a token may not have. */
    static String canonicalMimeHeaderKey(String key) {
        for (char c : key.toCharArray()) {
            boolean token = c > 32 && c < 127 && "\"(),/:;<=>?@[\\]{}".indexOf(c) < 0;
            if (!token) {
                return key;
            }
        }
        StringBuilder out = new StringBuilder(key.length());
        boolean upper = true;
        for (char c : key.toCharArray()) {
            out.append(upper ? Character.toUpperCase(c) : Character.toLowerCase(c));
            upper = c == '-';
        }
        return out.toString();
    }
}
