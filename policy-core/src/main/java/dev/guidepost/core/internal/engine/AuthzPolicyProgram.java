package dev.guidepost.core.internal.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.cel.runtime.CelEvaluationException;
import dev.cel.common.values.NullValue;

import dev.guidepost.core.Action;
import dev.guidepost.core.Outcome;
import dev.guidepost.core.internal.cel.AuthzResponses;
import dev.guidepost.core.internal.cel.CelDialect;
import dev.guidepost.core.internal.cel.CelEnvironment;
import dev.guidepost.core.internal.cel.CelExpression;
import dev.guidepost.core.internal.cel.CelValues;
import dev.guidepost.core.internal.yaml.PlainValues;
import dev.guidepost.core.internal.yaml.YamlDocument;

/**
 * A ValidatingPolicy in {@code evaluation.mode: Envoy} or {@code HTTP}, evaluated on an authorization check request
 * as the Kyverno CLI evaluates it (cmd/cli/kubectl-kyverno/processor/authz_processor.go over kyverno-authz
 * pkg/engine/compiler): match conditions see only {@code object}; the first false one, or all true, decides
 * whether the request matches; an error in one (with none false) is an error. The validations then run in order,
 * each returning a check response or null; the first response decides: allowed is a pass, denied a fail. No
 * response is a skip ("request does not match"); an error is an error under failurePolicy Fail (the default) and a
 * skip under Ignore.
 */
public final class AuthzPolicyProgram implements PolicyProgram {

    private final String name;
    private final CelDialect dialect;
    private final List<NamedExpression> matchConditions;
    private final Map<String, CelExpression> variables;
    private final List<CelExpression> validations;
    private final boolean failurePolicyIgnore;
    private final Action action;

    private AuthzPolicyProgram(String name, CelDialect dialect, List<NamedExpression> matchConditions,
            Map<String, CelExpression> variables, List<CelExpression> validations, boolean failurePolicyIgnore,
            Action action) {
        this.name = name;
        this.dialect = dialect;
        this.matchConditions = matchConditions;
        this.variables = variables;
        this.validations = validations;
        this.failurePolicyIgnore = failurePolicyIgnore;
        this.action = action;
    }

    /** The authorization dialect of a ValidatingPolicy spec, or null when it is not an authorization policy. */
    public static CelDialect dialect(Map<String, Object> spec) {
        return switch (PlainValues.string(spec, "evaluation", "mode")) {
            case "Envoy" -> CelDialect.ENVOY_AUTHZ;
            case "HTTP" -> CelDialect.HTTP_AUTHZ;
            default -> null;
        };
    }

    static AuthzPolicyProgram compile(String name, Map<String, Object> spec, Action action)
            throws PolicyCompileException {
        CelDialect dialect = dialect(spec);
        ExpressionCompiler compiler = new ExpressionCompiler(CelEnvironment.of(dialect));
        List<Object> path = List.of("spec");
        Map<String, CelExpression> variables = compiler.variables(PlainValues.list(spec, "variables"),
                YamlDocument.path(path, "variables"));
        List<NamedExpression> conditions = compiler.conditions(PlainValues.list(spec, "matchConditions"),
                YamlDocument.path(path, "matchConditions"), variables);
        List<CelExpression> validations = new ArrayList<>();
        List<Object> entries = PlainValues.list(spec, "validations");
        for (int i = 0; i < entries.size(); i++) {
            validations.add(compiler.compile(PlainValues.string(entries.get(i), "expression"),
                    YamlDocument.path(path, "validations", i, "expression")));
        }
        return new AuthzPolicyProgram(name, dialect, conditions, variables, validations,
                "Ignore".equals(PlainValues.string(spec, "failurePolicy")), action);
    }

    @Override
    public String name() {
        return name;
    }

    /** The dialect, which tells the check requests the policy answers: envoy or HTTP ones. */
    public CelDialect dialect() {
        return dialect;
    }

    @Override
    public boolean selects(PreparedRequest request, EvaluationContext context) {
        return request.isPayload();
    }

    @Override
    public PolicyResponse evaluate(PreparedRequest prepared, EvaluationContext context) {
        if (!prepared.isPayload()) {
            return PolicyResponse.none(name);
        }
        Object request = CelValues.toCel(dialect == CelDialect.ENVOY_AUTHZ
                ? envoyCheckRequest(prepared.request().object()) : httpCheckRequest(prepared.request().object()));
        RuleResponse response;
        try {
            Object decision = decide(request, context);
            if (decision == null) {
                response = RuleResponse.of(name, Outcome.SKIP, "request does not match", action);
            } else if (decision instanceof AuthzResponses.EnvoyCheckResponse envoy) {
                response = RuleResponse.of(name, envoy.allowed() ? Outcome.PASS : Outcome.FAIL, envoy.describe(),
                        action);
            } else {
                AuthzResponses.HttpCheckResponse http = (AuthzResponses.HttpCheckResponse) decision;
                response = RuleResponse.of(name, http.allowed() ? Outcome.PASS : Outcome.FAIL, http.describe(),
                        action);
            }
        } catch (CelEvaluationException | RuntimeException e) {
            response = failurePolicyIgnore ? RuleResponse.of(name, Outcome.SKIP, "request does not match", action)
                    : RuleResponse.of(name, Outcome.ERROR, e.getMessage(), action);
        }
        return new PolicyResponse(name, true, List.of(response));
    }

    /** The first check response of the validations, or null when the request does not match or none answers. */
    private Object decide(Object request, EvaluationContext context) throws CelEvaluationException {
        Activation conditions = new Activation().putCel("object", request);
        List<String> errors = new ArrayList<>();
        for (NamedExpression condition : matchConditions) {
            try {
                Object value = condition.expression().evaluate(conditions, context.cluster());
                if (Boolean.FALSE.equals(value)) {
                    return null;
                }
                if (!(value instanceof Boolean)) {
                    errors.add("match condition '" + condition.name() + "' returned " + value + ", not a bool");
                }
            } catch (CelEvaluationException | RuntimeException e) {
                errors.add(e.getMessage());
            }
        }
        if (!errors.isEmpty()) {
            throw new IllegalStateException(String.join("; ", errors));
        }
        Activation activation = new Activation().putCel("object", request).variables(variables, context.cluster());
        Class<?> expected = dialect == CelDialect.ENVOY_AUTHZ ? AuthzResponses.EnvoyCheckResponse.class
                : AuthzResponses.HttpCheckResponse.class;
        for (CelExpression validation : validations) {
            Object value = validation.evaluate(activation, context.cluster());
            if (value == null || value instanceof NullValue) {
                continue;
            }
            if (!expected.isInstance(value)) {
                throw new IllegalStateException("rule result is expected to be a "
                        + (dialect == CelDialect.ENVOY_AUTHZ ? "envoy.service.auth.v3.CheckResponse"
                                : "http.CheckResponse") + ", got " + value);
            }
            return value;
        }
        return null;
    }

    // ---- check requests, with the defaults their Go types give to absent fields ----

    /** Protobuf message fields of an envoy CheckRequest that are maps (their keys are data, not field names). */
    private static final Set<String> ENVOY_MAP_FIELDS = Set.of("headers", "context_extensions", "labels",
            "filter_metadata", "typed_filter_metadata", "fields");

    /**
     * An envoy {@code CheckRequest} as CEL sees the protobuf message: field names as in the .proto (protojson's
     * lowerCamel names are accepted), absent fields of the HTTP request attributes with their defaults.
     */
    static Map<String, Object> envoyCheckRequest(Map<String, Object> json) {
        Map<String, Object> request = protoNames(json);
        Map<String, Object> attributes = child(request, "attributes");
        for (String peer : List.of("source", "destination")) {
            Map<String, Object> p = child(attributes, peer);
            child(p, "address");
            for (String field : List.of("service", "principal", "certificate")) {
                p.putIfAbsent(field, "");
            }
            p.putIfAbsent("labels", new LinkedHashMap<>());
        }
        Map<String, Object> http = child(child(attributes, "request"), "http");
        for (String field : List.of("id", "method", "path", "host", "scheme", "query", "fragment", "protocol",
                "body")) {
            http.putIfAbsent(field, "");
        }
        http.putIfAbsent("headers", new LinkedHashMap<>());
        http.putIfAbsent("size", 0L);
        attributes.putIfAbsent("context_extensions", new LinkedHashMap<>());
        child(attributes, "metadata_context");
        return request;
    }

    /**
     * An HTTP authorization {@code CheckRequest} (kyverno-authz pkg/cel/libs/authz/http/types.go) decoded as Go's
     * JSON decoder fills the struct: field names matched case-insensitively, absent fields zero.
     */
    static Map<String, Object> httpCheckRequest(Map<String, Object> json) {
        Map<String, Object> request = new LinkedHashMap<>();
        Map<String, Object> attributes = new LinkedHashMap<>();
        Map<String, Object> given = PlainValues.map(field(json, "attributes"));
        for (String f : List.of("method", "host", "protocol", "scheme", "path", "fragment")) {
            Object v = field(given, f);
            attributes.put(f, v == null ? "" : String.valueOf(v));
        }
        attributes.put("header", stringLists(field(given, "header")));
        attributes.put("query", stringLists(field(given, "query")));
        Object length = field(given, "contentLength");
        attributes.put("contentLength", length instanceof Number n ? n.longValue() : 0L);
        Object body = field(given, "body");
        attributes.put("body", body == null ? "" : body);
        request.put("attributes", attributes);
        Map<String, Object> mcp = new LinkedHashMap<>();
        mcp.put("request", field(json, "mcp") instanceof Map<?, ?> m ? PlainValues.map(m).get("request") : null);
        request.put("mcp", mcp);
        return request;
    }

    private static Object field(Map<String, Object> json, String name) {
        if (json == null) {
            return null;
        }
        if (json.containsKey(name)) {
            return json.get(name);
        }
        for (Map.Entry<String, Object> e : json.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }

    private static Map<String, Object> stringLists(Object value) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                List<String> values = new ArrayList<>();
                if (v instanceof List<?> list) {
                    list.forEach(item -> values.add(String.valueOf(item)));
                } else if (v != null) {
                    values.add(String.valueOf(v));
                }
                out.put(String.valueOf(k), values);
            });
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> child(Map<String, Object> parent, String name) {
        Object value = parent.get(name);
        if (value instanceof Map<?, ?>) {
            return (Map<String, Object>) value;
        }
        Map<String, Object> created = new LinkedHashMap<>();
        parent.put(name, created);
        return created;
    }

    /** A mutable copy with message field names in their .proto spelling (lowerCamel → snake_case). */
    private static Map<String, Object> protoNames(Map<String, Object> json) {
        Map<String, Object> out = new LinkedHashMap<>();
        json.forEach((k, v) -> {
            String key = snake(k);
            out.put(key, ENVOY_MAP_FIELDS.contains(key) ? copy(v) : v instanceof Map<?, ?> m
                    ? protoNames(PlainValues.map(m)) : copy(v));
        });
        return out;
    }

    private static Object copy(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), copy(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(v -> out.add(copy(v)));
            return out;
        }
        return value;
    }

    private static String snake(String name) {
        StringBuilder out = new StringBuilder();
        for (char c : name.toCharArray()) {
            if (Character.isUpperCase(c)) {
                out.append('_').append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }
}
