package dev.guidepost.core.internal.cel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The values Kyverno's authorization libraries build (kyverno-authz pkg/cel/libs/authz/envoy and .../http): the
 * allowed and denied responses, their headers, and the final check response a rule returns.
 */
public final class AuthzResponses {

    private AuthzResponses() {
    }

    /** An envoy header option ({@code envoy.Header(k, v)}). */
    public record EnvoyHeader(String key, String value, boolean keepEmptyValue) {
    }

    /** An envoy query parameter ({@code envoy.QueryParam(k, v)}). */
    public record EnvoyQueryParam(String key, String value) {
    }

    /** An envoy OkHttpResponse under construction ({@code envoy.Allowed()}). */
    public record EnvoyOk(List<EnvoyHeader> headers, List<String> headersToRemove, List<EnvoyHeader> responseHeaders,
            List<EnvoyQueryParam> queryParams, List<String> queryParamsToRemove) {

        static EnvoyOk empty() {
            return new EnvoyOk(List.of(), List.of(), List.of(), List.of(), List.of());
        }

        EnvoyOk withHeader(EnvoyHeader header) {
            return new EnvoyOk(plus(headers, header), headersToRemove, responseHeaders, queryParams,
                    queryParamsToRemove);
        }

        EnvoyOk withoutHeader(String key) {
            return new EnvoyOk(headers, plus(headersToRemove, key), responseHeaders, queryParams, queryParamsToRemove);
        }

        EnvoyOk withResponseHeader(EnvoyHeader header) {
            return new EnvoyOk(headers, headersToRemove, plus(responseHeaders, header), queryParams,
                    queryParamsToRemove);
        }

        EnvoyOk withQueryParam(EnvoyQueryParam param) {
            return new EnvoyOk(headers, headersToRemove, responseHeaders, plus(queryParams, param),
                    queryParamsToRemove);
        }

        EnvoyOk withoutQueryParam(String key) {
            return new EnvoyOk(headers, headersToRemove, responseHeaders, queryParams, plus(queryParamsToRemove, key));
        }
    }

    /** An envoy DeniedHttpResponse under construction ({@code envoy.Denied(code)}). */
    public record EnvoyDenied(long code, String body, List<EnvoyHeader> headers) {

        EnvoyDenied withBody(String newBody) {
            return new EnvoyDenied(code, newBody, headers);
        }

        EnvoyDenied withHeader(EnvoyHeader header) {
            return new EnvoyDenied(code, body, plus(headers, header));
        }
    }

    /**
     * An envoy CheckResponse ({@code .Response()}): allowed when {@code denied} is null.
     *
     * @param message  {@code WithMessage} (the gRPC status message)
     * @param metadata {@code WithMetadata} (dynamic metadata), or null
     */
    public record EnvoyCheckResponse(EnvoyOk ok, EnvoyDenied denied, String message, Map<String, Object> metadata) {

        public boolean allowed() {
            return denied == null;
        }

        /** The decision as the Kyverno CLI words it. */
        public String describe() {
            return allowed() ? "request allowed" : "request denied with status code " + denied.code();
        }
    }

    /** An HTTP authorization OK response ({@code http.Allowed()}). */
    public record HttpOk() {
    }

    /** An HTTP authorization denied response ({@code http.Denied(reason)}). */
    public record HttpDenied(String reason) {
    }

    /** An HTTP authorization CheckResponse ({@code .Response()}): allowed when {@code denied} is null. */
    public record HttpCheckResponse(HttpOk ok, HttpDenied denied) {

        public boolean allowed() {
            return denied == null;
        }

        /** The decision as the Kyverno CLI words it. */
        public String describe() {
            return allowed() ? "request allowed" : "request denied, reason: " + denied.reason();
        }
    }

    private static <T> List<T> plus(List<T> list, T item) {
        List<T> out = new ArrayList<>(list);
        out.add(item);
        return List.copyOf(out);
    }
}
