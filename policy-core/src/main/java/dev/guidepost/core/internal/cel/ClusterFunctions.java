package dev.guidepost.core.internal.cel;

import static dev.cel.common.CelOverloadDecl.newGlobalOverload;
import static dev.cel.common.CelOverloadDecl.newMemberOverload;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.cel.common.CelOverloadDecl;
import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.OpaqueType;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;
import dev.cel.runtime.CelFunctionOverload;
import dev.cel.runtime.CelFunctionResolver;
import dev.cel.runtime.CelLateFunctionBindings;

/**
 * Kyverno's cluster-facing functions (kyverno/sdk extensions/cel/libs/{resource,globalcontext,http,imagedata}):
 * {@code resource.Get/List/Post/ToGVR}, {@code globalContext.Get}, {@code http.Get/Post/Put/Client} and
 * {@code image.GetMetadata}, each also under its camelCase alias (Kyverno 1.18). They are declared here and bound
 * late, per evaluation, to the {@link ClusterData} the caller passes, so one compiled program serves every data
 * set. A failing {@code ClusterData} call becomes an evaluation error carrying its message.
 */
final class ClusterFunctions extends FunctionLibrary {


    private static final OpaqueType GVR = OpaqueType.create("kyverno.GVR");
    private static final OpaqueType HTTP_CLIENT = OpaqueType.create("kyverno.HTTPClient");
    private static final MapType OBJECT = MapType.create(SimpleType.STRING, SimpleType.DYN);
    private static final MapType STRING_MAP = MapType.create(SimpleType.STRING, SimpleType.STRING);

    /** A late-bound implementation: overload id, argument classes and the call against the data. */
    private record Late(String overloadId, List<Class<?>> argTypes, Call call) {
    }

    @FunctionalInterface
    private interface Call {
        Object apply(ClusterData cluster, Object[] args);
    }

    /** An {@code http.Client(ca)} value: calls through it behave like {@code http.*} calls. */
    private record HttpClient(String caBundle) {
    }

    private final List<Late> lates = new ArrayList<>();
    private final CelFunctionResolver noneResolver;

    /** The shared resolver for evaluations without cluster data. */
    static final CelFunctionResolver NONE = CelLateFunctionBindings.from(List.of());

    /**
     * The cluster-facing functions; with {@code generating}, also GeneratingPolicy's
     * {@code generator.Apply(namespace, objects)} and its one-argument form (and their camelCase aliases), answered
     * by {@link ClusterData#generate}.
     */
    ClusterFunctions(boolean generating) {
        if (generating) {
            ListType objects = ListType.create(SimpleType.DYN);
            for (String apply : List.of("Apply", "apply")) {
                late("generator." + apply, "generator_apply_string_list_" + apply, SimpleType.BOOL,
                        List.of(SimpleType.STRING, objects), (c, a) -> c.generate(s(a[0]), CelValues.fromCel(a[1])));
                late("generator." + apply, "generator_apply_list_" + apply, SimpleType.BOOL, List.of(objects),
                        (c, a) -> c.generate(null, CelValues.fromCel(a[0])));
            }
        }
        for (String get : List.of("Get", "get")) {
            String suffix = get.equals("Get") ? "pascal" : "camel";
            late("resource." + get, "resource_get_string_string_string_string_" + suffix, OBJECT,
                    List.of(SimpleType.STRING, SimpleType.STRING, SimpleType.STRING, SimpleType.STRING),
                    (c, a) -> c.getResource(s(a[0]), s(a[1]), s(a[2]), s(a[3])));
            late("globalContext." + get, "globalcontext_get_string_" + suffix, SimpleType.DYN,
                    List.of(SimpleType.STRING), (c, a) -> c.globalContext(s(a[0]), null));
            late("globalContext." + get, "globalcontext_get_string_string_" + suffix, SimpleType.DYN,
                    List.of(SimpleType.STRING, SimpleType.STRING), (c, a) -> c.globalContext(s(a[0]), s(a[1])));
            late("http." + get, "http_get_string_" + suffix, SimpleType.DYN, List.of(SimpleType.STRING),
                    (c, a) -> c.http("GET", s(a[0]), null, Map.of()));
            late("http." + get, "http_get_string_headers_" + suffix, SimpleType.DYN,
                    List.of(SimpleType.STRING, STRING_MAP), (c, a) -> c.http("GET", s(a[0]), null, headers(a[1])));
            lateMember(get, "http_client_get_string_" + suffix, SimpleType.DYN,
                    List.of(HTTP_CLIENT, SimpleType.STRING), (c, a) -> c.http("GET", s(a[1]), null, Map.of()));
            lateMember(get, "http_client_get_string_headers_" + suffix, SimpleType.DYN,
                    List.of(HTTP_CLIENT, SimpleType.STRING, STRING_MAP),
                    (c, a) -> c.http("GET", s(a[1]), null, headers(a[2])));
        }
        for (String list : List.of("List", "list")) {
            String suffix = list.equals("List") ? "pascal" : "camel";
            late("resource." + list, "resource_list_string_string_string_" + suffix, OBJECT,
                    List.of(SimpleType.STRING, SimpleType.STRING, SimpleType.STRING),
                    (c, a) -> c.listResources(s(a[0]), s(a[1]), s(a[2])));
            late("resource." + list, "resource_list_string_string_string_map_" + suffix, OBJECT,
                    List.of(SimpleType.STRING, SimpleType.STRING, SimpleType.STRING, STRING_MAP),
                    (c, a) -> c.listResources(s(a[0]), s(a[1]), s(a[2])));
        }
        for (String method : List.of("Post", "post", "Put", "put")) {
            String suffix = Character.isUpperCase(method.charAt(0)) ? "pascal" : "camel";
            String verb = method.toUpperCase(java.util.Locale.ROOT);
            String id = "http_" + verb.toLowerCase(java.util.Locale.ROOT) + "_string_any_";
            late("http." + method, id + suffix, SimpleType.DYN, List.of(SimpleType.STRING, SimpleType.DYN),
                    (c, a) -> c.http(verb, s(a[0]), CelValues.fromCel(a[1]), Map.of()));
            late("http." + method, id + "headers_" + suffix, SimpleType.DYN,
                    List.of(SimpleType.STRING, SimpleType.DYN, STRING_MAP),
                    (c, a) -> c.http(verb, s(a[0]), CelValues.fromCel(a[1]), headers(a[2])));
            lateMember(method, "http_client_" + verb.toLowerCase(java.util.Locale.ROOT) + "_string_any_" + suffix,
                    SimpleType.DYN, List.of(HTTP_CLIENT, SimpleType.STRING, SimpleType.DYN),
                    (c, a) -> c.http(verb, s(a[1]), CelValues.fromCel(a[2]), Map.of()));
        }
        for (String post : List.of("Post", "post")) {
            String suffix = post.equals("Post") ? "pascal" : "camel";
            late("resource." + post, "resource_post_string_string_string_map_" + suffix, OBJECT,
                    List.of(SimpleType.STRING, SimpleType.STRING, SimpleType.STRING, OBJECT),
                    (c, a) -> unsupported("resource." + post));
            late("resource." + post, "resource_post_string_string_map_" + suffix, OBJECT,
                    List.of(SimpleType.STRING, SimpleType.STRING, OBJECT), (c, a) -> unsupported("resource." + post));
        }
        for (String toGvr : List.of("ToGVR", "toGVR")) {
            late("resource." + toGvr, "convert_to_gvr_string_string_" + toGvr, GVR,
                    List.of(SimpleType.STRING, SimpleType.STRING), (c, a) -> unsupported("resource." + toGvr));
        }
        for (String client : List.of("Client", "client")) {
            late("http." + client, "http_client_string_" + client, HTTP_CLIENT, List.of(SimpleType.STRING),
                    (c, a) -> new HttpClient(s(a[0])));
        }
        for (String getMetadata : List.of("GetMetadata", "getMetadata")) {
            late("image." + getMetadata, "imagedata_get_string_" + getMetadata, SimpleType.DYN,
                    List.of(SimpleType.STRING), (c, a) -> c.imageMetadata(s(a[0])));
        }
        this.noneResolver = bindings(ClusterData.NONE);
    }

    private void late(String function, String overloadId, CelType result, List<CelType> params, Call call) {
        declare(function, newGlobalOverload(overloadId, result, params), params, overloadId, call);
    }

    private void lateMember(String function, String overloadId, CelType result, List<CelType> params, Call call) {
        declare(function, newMemberOverload(overloadId, result, params), params, overloadId, call);
    }

    private void declare(String function, CelOverloadDecl overload, List<CelType> params, String overloadId,
            Call call) {
        function(function, List.of(overload));
        List<Class<?>> classes = new ArrayList<>();
        for (CelType param : params) {
            classes.add(param == HTTP_CLIENT ? HttpClient.class
                    : param == SimpleType.STRING ? String.class
                    : param instanceof MapType ? Map.class : Object.class);
        }
        lates.add(new Late(overloadId, classes, call));
    }

    /** The late bindings answering from {@code cluster}. */
    CelFunctionResolver resolver(ClusterData cluster) {
        return cluster == ClusterData.NONE ? noneResolver : bindings(cluster);
    }

    private CelFunctionResolver bindings(ClusterData cluster) {
        List<CelFunctionBinding> result = new ArrayList<>(lates.size());
        for (Late late : lates) {
            CelFunctionOverload impl = args -> invoke(cluster, late.call(), args);
            result.add(CelFunctionBinding.from(late.overloadId(), late.argTypes(), impl));
        }
        return CelLateFunctionBindings.from(result);
    }

    private static Object invoke(ClusterData cluster, Call call, Object[] args) throws CelEvaluationException {
        Object value;
        try {
            value = call.apply(cluster, args);
        } catch (RuntimeException e) {
            throw error("%s", e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
        return value instanceof HttpClient ? value : CelValues.toCel(value);
    }

    private static Object unsupported(String function) {
        throw new IllegalStateException(function + " is not supported offline");
    }

    private static String s(Object value) {
        return (String) value;
    }

    private static Map<String, String> headers(Object value) {
        Map<String, String> headers = new LinkedHashMap<>();
        ((Map<?, ?>) value).forEach((k, v) -> headers.put(String.valueOf(k), String.valueOf(v)));
        return headers;
    }
}
