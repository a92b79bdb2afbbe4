package dev.guidepost.core.internal.cel;

import static dev.cel.common.CelOverloadDecl.newGlobalOverload;
import static dev.cel.common.CelOverloadDecl.newMemberOverload;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;

import dev.guidepost.core.internal.cel.AuthzResponses.EnvoyCheckResponse;
import dev.guidepost.core.internal.cel.AuthzResponses.EnvoyDenied;
import dev.guidepost.core.internal.cel.AuthzResponses.EnvoyHeader;
import dev.guidepost.core.internal.cel.AuthzResponses.EnvoyOk;
import dev.guidepost.core.internal.cel.AuthzResponses.EnvoyQueryParam;

/**
 * Kyverno authz's envoy library (kyverno-authz pkg/cel/libs/authz/envoy/lib.go): {@code envoy.Allowed()},
 * {@code envoy.Denied(code)}, {@code envoy.Header(k, v)}, {@code envoy.QueryParam(k, v)}, the builders
 * {@code WithBody}, {@code WithHeader}, {@code WithoutHeader}, {@code WithResponseHeader}, {@code WithQueryParam},
 * {@code WithoutQueryParam}, {@code KeepEmptyValue}, and {@code Response()}, {@code WithMessage},
 * {@code WithMetadata} on the final response. Go types these values as envoy protobuf messages; here they are
 * dynamic, so a receiver of the wrong kind is an evaluation error rather than a compile error.
 */
final class EnvoyAuthzLibrary extends FunctionLibrary {

    private static final dev.cel.common.types.CelType DYN = SimpleType.DYN;

    EnvoyAuthzLibrary() {
        function("envoy.Allowed", newGlobalOverload("envoy_allowed", DYN),
                CelFunctionBinding.from("envoy_allowed", List.of(), args -> EnvoyOk.empty()));
        function("envoy.Denied", newGlobalOverload("envoy_denied_int", DYN, SimpleType.INT),
                CelFunctionBinding.from("envoy_denied_int", Long.class,
                        code -> new EnvoyDenied(code, "", List.of())));
        function("envoy.Header", newGlobalOverload("envoy_header_string_string", DYN, SimpleType.STRING,
                SimpleType.STRING), CelFunctionBinding.from("envoy_header_string_string", String.class, String.class,
                        (k, v) -> new EnvoyHeader(k, v, false)));
        function("envoy.QueryParam", newGlobalOverload("envoy_queryparam_string_string", DYN, SimpleType.STRING,
                SimpleType.STRING), CelFunctionBinding.from("envoy_queryparam_string_string", String.class,
                        String.class, EnvoyQueryParam::new));
        function("WithBody", newMemberOverload("envoy_denied_with_body", DYN, DYN, SimpleType.STRING),
                CelFunctionBinding.from("envoy_denied_with_body", Object.class, String.class,
                        (r, body) -> denied(r, "WithBody").withBody(body)));
        function("WithHeader", List.of(
                newMemberOverload("envoy_with_header_header", DYN, DYN, DYN),
                newMemberOverload("envoy_with_header_string_string", DYN, DYN, SimpleType.STRING, SimpleType.STRING)),
                CelFunctionBinding.from("envoy_with_header_header", Object.class, Object.class,
                        (r, h) -> withHeader(r, header(h))),
                CelFunctionBinding.from("envoy_with_header_string_string",
                        List.of(Object.class, String.class, String.class),
                        a -> withHeader(a[0], new EnvoyHeader((String) a[1], (String) a[2], false))));
        function("WithoutHeader", newMemberOverload("envoy_ok_without_header", DYN, DYN, SimpleType.STRING),
                CelFunctionBinding.from("envoy_ok_without_header", Object.class, String.class,
                        (r, k) -> ok(r, "WithoutHeader").withoutHeader(k)));
        function("WithResponseHeader", List.of(
                newMemberOverload("envoy_ok_with_response_header_header", DYN, DYN, DYN),
                newMemberOverload("envoy_ok_with_response_header_string_string", DYN, DYN, SimpleType.STRING,
                        SimpleType.STRING)),
                CelFunctionBinding.from("envoy_ok_with_response_header_header", Object.class, Object.class,
                        (r, h) -> ok(r, "WithResponseHeader").withResponseHeader(header(h))),
                CelFunctionBinding.from("envoy_ok_with_response_header_string_string",
                        List.of(Object.class, String.class, String.class),
                        a -> ok(a[0], "WithResponseHeader").withResponseHeader(
                                new EnvoyHeader((String) a[1], (String) a[2], false))));
        function("WithQueryParam", List.of(
                newMemberOverload("envoy_ok_with_queryparam_param", DYN, DYN, DYN),
                newMemberOverload("envoy_ok_with_queryparam_string_string", DYN, DYN, SimpleType.STRING,
                        SimpleType.STRING)),
                CelFunctionBinding.from("envoy_ok_with_queryparam_param", Object.class, Object.class,
                        (r, p) -> ok(r, "WithQueryParam").withQueryParam(param(p))),
                CelFunctionBinding.from("envoy_ok_with_queryparam_string_string",
                        List.of(Object.class, String.class, String.class),
                        a -> ok(a[0], "WithQueryParam").withQueryParam(
                                new EnvoyQueryParam((String) a[1], (String) a[2]))));
        function("WithoutQueryParam", newMemberOverload("envoy_ok_without_queryparam", DYN, DYN,
                SimpleType.STRING), CelFunctionBinding.from("envoy_ok_without_queryparam", Object.class,
                        String.class, (r, k) -> ok(r, "WithoutQueryParam").withoutQueryParam(k)));
        function("KeepEmptyValue", List.of(
                newMemberOverload("envoy_header_keep_empty_value", DYN, DYN),
                newMemberOverload("envoy_header_keep_empty_value_bool", DYN, DYN, SimpleType.BOOL)),
                CelFunctionBinding.from("envoy_header_keep_empty_value", Object.class,
                        h -> keep(header(h), true)),
                CelFunctionBinding.from("envoy_header_keep_empty_value_bool", Object.class, Boolean.class,
                        (h, keep) -> keep(header(h), keep)));
        function("Response", newMemberOverload("envoy_response", DYN, DYN),
                CelFunctionBinding.from("envoy_response", Object.class, EnvoyAuthzLibrary::response));
        function("WithMessage", newMemberOverload("envoy_response_with_message", DYN, DYN, SimpleType.STRING),
                CelFunctionBinding.from("envoy_response_with_message", Object.class, String.class,
                        (r, m) -> {
                            EnvoyCheckResponse c = checkResponse(r, "WithMessage");
                            return new EnvoyCheckResponse(c.ok(), c.denied(), m, c.metadata());
                        }));
        function("WithMetadata", newMemberOverload("envoy_response_with_metadata", DYN, DYN, DYN),
                CelFunctionBinding.from("envoy_response_with_metadata", Object.class, Object.class,
                        (r, m) -> {
                            EnvoyCheckResponse c = checkResponse(r, "WithMetadata");
                            Object plain = CelValues.fromCel(m);
                            if (!(plain instanceof Map<?, ?> map)) {
                                throw error("WithMetadata expects a map, got %s", plain);
                            }
                            Map<String, Object> metadata = new LinkedHashMap<>();
                            map.forEach((k, v) -> metadata.put(String.valueOf(k), v));
                            return new EnvoyCheckResponse(c.ok(), c.denied(), c.message(), metadata);
                        }));
    }

    private static Object response(Object receiver) throws CelEvaluationException {
        if (receiver instanceof EnvoyOk ok) {
            return new EnvoyCheckResponse(ok, null, "", null);
        }
        if (receiver instanceof EnvoyDenied denied) {
            return new EnvoyCheckResponse(null, denied, "", null);
        }
        throw error("no such overload: Response() on %s", describe(receiver));
    }

    private static Object withHeader(Object receiver, EnvoyHeader header) throws CelEvaluationException {
        if (receiver instanceof EnvoyOk ok) {
            return ok.withHeader(header);
        }
        if (receiver instanceof EnvoyDenied denied) {
            return denied.withHeader(header);
        }
        throw error("no such overload: WithHeader() on %s", describe(receiver));
    }

    private static EnvoyOk ok(Object receiver, String function) throws CelEvaluationException {
        if (receiver instanceof EnvoyOk ok) {
            return ok;
        }
        throw error("no such overload: %s() on %s", function, describe(receiver));
    }

    private static EnvoyDenied denied(Object receiver, String function) throws CelEvaluationException {
        if (receiver instanceof EnvoyDenied denied) {
            return denied;
        }
        throw error("no such overload: %s() on %s", function, describe(receiver));
    }

    private static EnvoyCheckResponse checkResponse(Object receiver, String function) throws CelEvaluationException {
        if (receiver instanceof EnvoyCheckResponse response) {
            return response;
        }
        throw error("no such overload: %s() on %s", function, describe(receiver));
    }

    private static EnvoyHeader header(Object value) throws CelEvaluationException {
        if (value instanceof EnvoyHeader header) {
            return header;
        }
        throw error("expected an envoy header option, got %s", describe(value));
    }

    private static EnvoyQueryParam param(Object value) throws CelEvaluationException {
        if (value instanceof EnvoyQueryParam param) {
            return param;
        }
        throw error("expected an envoy query parameter, got %s", describe(value));
    }

    private static EnvoyHeader keep(EnvoyHeader header, boolean keep) {
        return new EnvoyHeader(header.key(), header.value(), keep);
    }

    static String describe(Object value) {
        return value == null ? "null" : value.getClass().getSimpleName();
    }
}
