package dev.guidepost.core.internal.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.guidepost.core.internal.match.UserInfo;
import dev.guidepost.core.internal.yaml.PlainValues;

/**
 * The JMESPath data a ClusterPolicy rule sees, as Kyverno's policy context builds it for a resource: the request
 * ({@code operation}, {@code object} — the old object on DELETE —, {@code oldObject} on UPDATE, {@code namespace}
 * as the resource states it, the user info when one is given), the {@code images} of its pod spec, the service
 * account taken from the user name, and values set with dotted keys ({@code request.operation}). Each evaluation
 * works on its own copy.
 */
final class JsonContext {

    private static final String SERVICE_ACCOUNT_PREFIX = "system:serviceaccount:";

    private JsonContext() {
    }

    /**
     * The base context of a request; for a check's request ({@code admission}), with the fields the API server
     * sets on every admission request, as Kyverno's webhook adds the whole request: {@code uid}, {@code kind},
     * {@code resource} (and the {@code request*} forms), {@code name}, {@code dryRun}, {@code options}, and
     * {@code oldObject} as null on CREATE. The Kyverno CLI's context, which a test reproduces, has none of them.
     */
    static Map<String, Object> of(AdmissionRequest request, boolean admission) {
        Map<String, Object> requestValue = new LinkedHashMap<>();
        if (admission) {
            admissionFields(request, requestValue);
        }
        Map<String, Object> subject = request.subject();
        if ("DELETE".equals(request.operation())) {
            requestValue.put("oldObject", subject);
        } else {
            requestValue.put("object", request.object());
            if (request.oldObject() != null) {
                requestValue.put("oldObject", request.oldObject());
            }
        }
        String namespace = PlainValues.string(subject, "metadata", "namespace");
        if (!admission || !namespace.isEmpty()) {
            // an admission request for a cluster-scoped object has no namespace (the CLI's context has "")
            requestValue.put("namespace", namespace);
        }
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("request", requestValue);
        Map<String, Object> images = subject == null ? Map.of() : ImageInfos.of(subject);
        if (!images.isEmpty()) {
            context.put("images", images);
        }
        UserInfo user = request.user();
        if (!user.equals(UserInfo.NONE)) {
            requestValue.put("roles", user.roles());
            requestValue.put("clusterRoles", user.clusterRoles());
            Map<String, Object> userInfo = new LinkedHashMap<>();
            userInfo.put("username", user.username());
            if (!user.uid().isEmpty()) {
                userInfo.put("uid", user.uid());
            }
            userInfo.put("groups", user.groups());
            requestValue.put("userInfo", userInfo);
            String[] account = serviceAccount(user.username());
            context.put("serviceAccountName", account[1]);
            context.put("serviceAccountNamespace", account[0]);
        }
        requestValue.put("operation", request.operation());
        return context;
    }

    /** The fields of an admission request a check can know (not the user, which stays unknown). */
    private static void admissionFields(AdmissionRequest request, Map<String, Object> requestValue) {
        Map<String, Object> kind = request.kindValue();
        Map<String, Object> resource = request.resourceValue();
        // a stand-in: the API server gives each request its own
        requestValue.put("uid", "00000000-0000-0000-0000-000000000000");
        requestValue.put("kind", kind);
        requestValue.put("resource", resource);
        requestValue.put("requestKind", kind);
        requestValue.put("requestResource", resource);
        requestValue.put("name", request.name());
        requestValue.put("oldObject", null);
        requestValue.put("dryRun", false);
        String options = switch (request.operation()) {
            case "CREATE" -> "CreateOptions";
            case "UPDATE" -> "UpdateOptions";
            case "DELETE" -> "DeleteOptions";
            default -> "";
        };
        if (!options.isEmpty()) {
            requestValue.put("options", Map.of("apiVersion", "meta.k8s.io/v1", "kind", options));
        }
    }

    /** {namespace, name} of a service account user name, empty strings otherwise. */
    private static String[] serviceAccount(String username) {
        if (username.length() <= SERVICE_ACCOUNT_PREFIX.length()) {
            return new String[] {"", ""};
        }
        String[] parts = username.substring(SERVICE_ACCOUNT_PREFIX.length()).split(":", -1);
        return parts.length >= 2 ? new String[] {parts[0], parts[1]} : new String[] {"", ""};
    }

    /**
     * Kyverno's AddVariable: the value put at the dotted path, merging into maps on the way (a copy-on-write). The
     * path is split as Kyverno splits it, as one CSV record with {@code .} for the comma, so a double-quoted segment
     * keeps its dots: {@code metadata.annotations."example.com/flag"}.
     */
    @SuppressWarnings("unchecked")
    static void put(Map<String, Object> context, String dottedKey, Object value) {
        String[] keys = segments(dottedKey);
        Map<String, Object> level = context;
        for (int i = 0; i < keys.length - 1; i++) {
            Object next = level.get(keys[i]);
            Map<String, Object> copy = next instanceof Map<?, ?> m ? new LinkedHashMap<>((Map<String, Object>) m)
                    : new LinkedHashMap<>();
            level.put(keys[i], copy);
            level = copy;
        }
        level.put(keys[keys.length - 1], value);
    }

    /**
     * The segments of a dotted path read as a CSV record separated by dots: a segment that starts with {@code "}
     * runs to the closing quote, with {@code ""} for a quote inside it. A path that is not a valid record (a quote
     * inside an unquoted segment, text after a closing quote) is split at every dot.
     */
    static String[] segments(String dottedKey) {
        List<String> out = new ArrayList<>();
        StringBuilder segment = new StringBuilder();
        int i = 0;
        int n = dottedKey.length();
        while (true) {
            segment.setLength(0);
            if (i < n && dottedKey.charAt(i) == '"') {
                i++;
                while (true) {
                    if (i >= n) {
                        return dottedKey.split("\\.");
                    }
                    char c = dottedKey.charAt(i++);
                    if (c != '"') {
                        segment.append(c);
                    } else if (i < n && dottedKey.charAt(i) == '"') {
                        segment.append('"');
                        i++;
                    } else {
                        break;
                    }
                }
                if (i < n && dottedKey.charAt(i) != '.') {
                    return dottedKey.split("\\.");
                }
            } else {
                while (i < n && dottedKey.charAt(i) != '.') {
                    char c = dottedKey.charAt(i++);
                    if (c == '"') {
                        return dottedKey.split("\\.");
                    }
                    segment.append(c);
                }
            }
            out.add(segment.toString());
            if (i >= n) {
                return out.toArray(String[]::new);
            }
            i++;
        }
    }

    /** A copy whose top level can be changed without touching the original. */
    static Map<String, Object> copy(Map<String, Object> context) {
        return new LinkedHashMap<>(context);
    }
}
