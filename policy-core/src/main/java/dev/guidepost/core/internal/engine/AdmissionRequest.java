package dev.guidepost.core.internal.engine;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.guidepost.core.internal.yaml.PlainValues;
import dev.guidepost.core.internal.match.ApiResource;
import dev.guidepost.core.internal.match.UserInfo;

/**
 * An admission request as Kyverno evaluates it: the operation, the new and old object, the resource type and
 * who asks.
 *
 * @param operation CREATE, UPDATE, DELETE or CONNECT
 * @param object    the object after the change (null on DELETE)
 * @param oldObject the object before the change (null on CREATE)
 * @param resource  the resource type (group, version, kind, plural, scope)
 * @param namespace the namespace ({@code ""} for cluster-scoped resources)
 * @param name      the object's name
 * @param user      who sends the request
 */
public record AdmissionRequest(String operation, Map<String, Object> object, Map<String, Object> oldObject,
        ApiResource resource, String namespace, String name, UserInfo user) {

    /**
     * The request with a Kyverno CLI test's values for {@code request.object...} and {@code request.oldObject...}
     * put into its objects. The CLI adds a ClusterPolicy's values to the JSON context and reads the objects back
     * from it (kyverno cmd/cli processor, makePolicyContext), so such a value changes the object the policy
     * matches and validates: the new object on CREATE and UPDATE, the old one on UPDATE and DELETE.
     */
    public AdmissionRequest withObjectValues(Map<String, Object> values) {
        Map<String, Object> context = new LinkedHashMap<>();
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("object", object);
        request.put("oldObject", oldObject);
        context.put("request", request);
        boolean changed = false;
        for (Map.Entry<String, Object> value : values.entrySet()) {
            String key = value.getKey();
            if (key.equals("request.object") || key.startsWith("request.object.") || key.equals("request.oldObject")
                    || key.startsWith("request.oldObject.")) {
                JsonContext.put(context, key, value.getValue());
                changed = true;
            }
        }
        if (!changed) {
            return this;
        }
        Map<String, Object> merged = PlainValues.map(context, "request");
        Map<String, Object> newObject = operation.equals("DELETE") ? object : objectOrNull(merged.get("object"));
        Map<String, Object> newOld = operation.equals("CREATE") ? oldObject : objectOrNull(merged.get("oldObject"));
        return new AdmissionRequest(operation, newObject, newOld, resource, namespace, name, user);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> objectOrNull(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : null;
    }

    /** The object that identifies the request: the new object, or the old one on DELETE. */
    public Map<String, Object> subject() {
        return object != null ? object : oldObject;
    }

    /** Labels of the subject. */
    public Map<String, String> labels() {
        return stringMap(subject(), "labels");
    }

    /** Annotations of the subject. */
    public Map<String, String> annotations() {
        return stringMap(subject(), "annotations");
    }

    /** The kind of the subject as written in the object (falls back to the resource's kind). */
    public String kind() {
        return resource.kind();
    }

    /** The {@code request} variable of CEL expressions (without the objects, which are added by the caller). */
    public Map<String, Object> toRequestValue() {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("uid", "");
        request.put("kind", kindValue());
        request.put("resource", resourceValue());
        request.put("subResource", resource.subresource());
        request.put("requestKind", request.get("kind"));
        request.put("requestResource", request.get("resource"));
        request.put("requestSubResource", resource.subresource());
        request.put("name", name);
        request.put("namespace", namespace);
        request.put("operation", operation);
        request.put("userInfo", user.toRequestValue());
        request.put("object", object);
        request.put("oldObject", oldObject);
        request.put("dryRun", false);
        request.put("options", null);
        return request;
    }

    /** The request's {@code kind}: the group, version and kind of its object. */
    Map<String, Object> kindValue() {
        Map<String, Object> kind = new LinkedHashMap<>();
        kind.put("group", resource.group());
        kind.put("version", resource.version());
        kind.put("kind", resource.kind());
        return kind;
    }

    /** The request's {@code resource}: the group, version and resource, without a subresource. */
    Map<String, Object> resourceValue() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("group", resource.group());
        value.put("version", resource.version());
        value.put("resource", resource.baseResource());
        return value;
    }

    private static Map<String, String> stringMap(Map<String, Object> object, String key) {
        return PlainValues.stringMap(object, "metadata", key);
    }
}
