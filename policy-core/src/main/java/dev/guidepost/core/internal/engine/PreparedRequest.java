package dev.guidepost.core.internal.engine;

import java.util.Map;
import java.util.Optional;

import dev.guidepost.core.internal.cel.CelValues;

/**
 * A request with its CEL values converted once and shared by every policy evaluated on it.
 */
public final class PreparedRequest {

    private final AdmissionRequest request;
    private final CelValues.Numbers numbers;
    private final boolean payload;
    /** True when the request's operation wins over a test's {@code request.operation} value. */
    private final boolean operationFixed;
    /** True for a check's request: the admission request the API server sends, not the Kyverno CLI's. */
    private final boolean admission;
    /** A check's object as decoded, before the pack's mutations changed it; null when none did. */
    private final Map<String, Object> beforeMutations;
    /** True when a mutation of the pack selected the object but could not be applied here. */
    private final boolean mutationsIncomplete;
    private Object object;
    private Object oldObject;
    private Map<String, Object> requestValue;
    private Map<String, Object> jsonContext;

    public PreparedRequest(AdmissionRequest request, CelValues.Numbers numbers) {
        this(request, numbers, false);
    }

    private PreparedRequest(AdmissionRequest request, CelValues.Numbers numbers, boolean payload) {
        this(request, numbers, payload, false);
    }

    private PreparedRequest(AdmissionRequest request, CelValues.Numbers numbers, boolean payload,
            boolean operationFixed) {
        this(request, numbers, payload, operationFixed, false);
    }

    private PreparedRequest(AdmissionRequest request, CelValues.Numbers numbers, boolean payload,
            boolean operationFixed, boolean admission) {
        this(request, numbers, payload, operationFixed, admission, null, false);
    }

    private PreparedRequest(AdmissionRequest request, CelValues.Numbers numbers, boolean payload,
            boolean operationFixed, boolean admission, Map<String, Object> beforeMutations,
            boolean mutationsIncomplete) {
        this.request = request;
        this.numbers = numbers;
        this.payload = payload;
        this.operationFixed = operationFixed;
        this.admission = admission;
        this.beforeMutations = beforeMutations;
        this.mutationsIncomplete = mutationsIncomplete;
    }

    /** This request, whose object the pack's mutations made from {@code decoded}. */
    PreparedRequest mutatedFrom(Map<String, Object> decoded) {
        return new PreparedRequest(request, numbers, payload, operationFixed, admission, decoded,
                mutationsIncomplete);
    }

    /** This request, for an object a mutation of the pack selected but could not be applied to here. */
    PreparedRequest withIncompleteMutations() {
        return new PreparedRequest(request, numbers, payload, operationFixed, admission, beforeMutations, true);
    }

    /**
     * True when a mutation of the pack selected the object but could not be applied here (it needs the cluster, or
     * erred): the object validation sees may differ from the cluster's.
     */
    boolean mutationsIncomplete() {
        return mutationsIncomplete;
    }

    /**
     * The object as decoded before the pack's mutations changed it, when they did: what the manifest holds, with
     * the API server's defaults.
     */
    public Optional<Map<String, Object>> beforeMutations() {
        return Optional.ofNullable(beforeMutations);
    }

    /**
     * A check's request, as the API server sends it to Kyverno's webhook: its numbers as decoded from JSON, and the
     * admission request's own fields ({@code kind}, {@code resource}, {@code name}, {@code dryRun}, a null
     * {@code oldObject} on CREATE) in the JMESPath data.
     */
    public static PreparedRequest admission(AdmissionRequest request) {
        return new PreparedRequest(request, CelValues.Numbers.AS_READ, false, false, true);
    }

    /**
     * An UPDATE's old object as if it were being created, as Kyverno validates it to allow existing violations: the
     * engine sets the operation to CREATE after a test's values, so a {@code request.operation} value does not
     * reach it.
     */
    PreparedRequest oldObjectCreated() {
        return new PreparedRequest(new AdmissionRequest("CREATE", request.oldObject(), null, request.resource(),
                request.namespace(), request.name(), request.user()), numbers, payload, true);
    }

    /** True when the operation wins over a test's {@code request.operation} value (see {@link #oldObjectCreated}). */
    boolean operationFixed() {
        return operationFixed;
    }

    /**
     * A JSON payload (Kyverno's {@code evaluation.mode: JSON}): any document, not an admission request. Only
     * JSON-mode ValidatingPolicies evaluate it.
     */
    public static PreparedRequest payload(Map<String, Object> document, CelValues.Numbers numbers) {
        dev.guidepost.core.internal.match.ApiResource none = new dev.guidepost.core.internal.match.ApiResource(
                "", "", "", "", false, false);
        return new PreparedRequest(new AdmissionRequest("", document, null, none, "", "",
                dev.guidepost.core.internal.match.UserInfo.NONE), numbers, true);
    }

    /** True for a JSON payload rather than an admission request. */
    public boolean isPayload() {
        return payload;
    }

    /** The request. */
    public AdmissionRequest request() {
        return request;
    }

    /** How numbers are seen. */
    public CelValues.Numbers numbers() {
        return numbers;
    }

    synchronized Object object() {
        if (object == null) {
            object = CelValues.toCel(request.object(), numbers);
        }
        return object;
    }

    /**
     * The JMESPath data of ClusterPolicy rules ({@link JsonContext}), built once per request and shared by its
     * rules; callers copy it before adding to it.
     */
    synchronized Map<String, Object> jsonContext() {
        if (jsonContext == null) {
            jsonContext = java.util.Collections.unmodifiableMap(JsonContext.of(request, admission));
        }
        return jsonContext;
    }

    synchronized Object oldObject() {
        if (oldObject == null) {
            oldObject = CelValues.toCel(request.oldObject(), numbers);
        }
        return oldObject;
    }

    /** The {@code request} variable as a CEL value, sharing the converted objects. */
    @SuppressWarnings("unchecked")
    synchronized Map<String, Object> requestValue() {
        if (requestValue == null) {
            Map<String, Object> plain = request.toRequestValue();
            plain.put("object", null);
            plain.put("oldObject", null);
            Map<String, Object> converted = (Map<String, Object>) CelValues.toCel(plain, numbers);
            converted.put("object", object());
            converted.put("oldObject", oldObject());
            requestValue = converted;
        }
        return requestValue;
    }
}
