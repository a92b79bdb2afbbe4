package dev.guidepost.core.internal.match;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Maps kinds to resource names the way the Kyverno CLI does offline: built-in types come from a snapshot of
 * Kubernetes' API discovery; any other kind (a custom resource) keeps the group and version of its apiVersion
 * and gets a guessed plural, so matching never aborts for lack of a CRD.
 */
public final class ApiResources {

    private static final ApiResources BUILT_IN = load();

    private final List<ApiResource> resources;
    private final Map<String, ApiResource> byGroupVersionKind;
    private final Map<String, ApiResource> byGroupVersionResource;
    private final Map<String, ApiResource> preferredByKind;
    /** The API groups of these types (built in: Kubernetes' own). */
    private final java.util.Set<String> groups;

    private ApiResources(List<ApiResource> resources) {
        this.resources = List.copyOf(resources);
        Map<String, ApiResource> gvk = new LinkedHashMap<>();
        Map<String, ApiResource> gvr = new LinkedHashMap<>();
        Map<String, ApiResource> byKind = new LinkedHashMap<>();
        for (ApiResource r : resources) {
            gvr.putIfAbsent(r.group() + "/" + r.version() + "/" + r.resource(), r);
            if (r.subresource().isEmpty()) {
                gvk.putIfAbsent(r.group() + "/" + r.version() + "/" + r.kind(), r);
                byKind.putIfAbsent(r.kind(), r);
            }
        }
        this.byGroupVersionKind = Collections.unmodifiableMap(gvk);
        this.byGroupVersionResource = Collections.unmodifiableMap(gvr);
        this.preferredByKind = Collections.unmodifiableMap(byKind);
        this.groups = resources.stream().map(ApiResource::group)
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /** The built-in Kubernetes types. */
    public static ApiResources builtIn() {
        return BUILT_IN;
    }

    /** These types plus more (for example custom resources declared by a test). */
    public ApiResources with(List<ApiResource> more) {
        List<ApiResource> all = new ArrayList<>(more);
        all.addAll(resources);
        return new ApiResources(all);
    }

    /** The resource type of an object with this apiVersion and kind; custom kinds get a guessed plural. */
    public ApiResource resolve(String apiVersion, String kind) {
        String group = groupOf(apiVersion);
        String version = versionOf(apiVersion);
        ApiResource known = byGroupVersionKind.get(group + "/" + version + "/" + kind);
        if (known != null) {
            return known;
        }
        return new ApiResource(group, version, kind, guessPlural(kind), true, false);
    }

    /** A built-in type by group, version and resource name (which may name a subresource). */
    public Optional<ApiResource> byResource(String group, String version, String resource) {
        return Optional.ofNullable(byGroupVersionResource.get(group + "/" + version + "/" + resource));
    }

    /** The preferred built-in type of a kind, by kind name only. */
    public Optional<ApiResource> byKind(String kind) {
        return Optional.ofNullable(preferredByKind.get(kind));
    }

    /**
     * Every served version of a kind in the group of its preferred one, the preferred first
     * ({@code HorizontalPodAutoscaler}: autoscaling/v1, then autoscaling/v2); empty for an unknown kind.
     */
    public List<ApiResource> versionsOfKind(String kind) {
        ApiResource preferred = preferredByKind.get(kind);
        if (preferred == null) {
            return List.of();
        }
        List<ApiResource> versions = new ArrayList<>();
        versions.add(preferred);
        for (ApiResource r : resources) {
            if (r.subresource().isEmpty() && r.kind().equals(kind) && r.group().equals(preferred.group())
                    && !versions.contains(r)) {
                versions.add(r);
            }
        }
        return List.copyOf(versions);
    }

    /** The kind of a plural resource name in any group, or empty. */
    public Optional<String> kindOfResource(String resource) {
        for (ApiResource r : resources) {
            if (r.resource().equals(resource)) {
                return Optional.of(r.kind());
            }
        }
        return Optional.empty();
    }

    /**
     * The built-in kind a person or an agent may mean by a name: the kind itself in any case
     * ({@code statefulset}), its plural resource ({@code statefulsets}) or kubectl's short name ({@code sts},
     * {@code pvc}); empty for anything else.
     */
    public Optional<String> kindOfName(String name) {
        String lower = name.strip().toLowerCase(java.util.Locale.ROOT);
        for (String kind : preferredByKind.keySet()) {
            if (kind.toLowerCase(java.util.Locale.ROOT).equals(lower)) {
                return Optional.of(kind);
            }
        }
        Optional<String> plural = kindOfResource(lower).filter(k -> !k.isEmpty());
        return plural.isPresent() ? plural : Optional.ofNullable(SHORT_NAMES.get(lower));
    }

    /** kubectl's short names of built-in resources. */
    private static final Map<String, String> SHORT_NAMES = Map.ofEntries(Map.entry("po", "Pod"),
            Map.entry("svc", "Service"), Map.entry("deploy", "Deployment"), Map.entry("sts", "StatefulSet"),
            Map.entry("ds", "DaemonSet"), Map.entry("rs", "ReplicaSet"), Map.entry("rc", "ReplicationController"),
            Map.entry("cj", "CronJob"), Map.entry("pvc", "PersistentVolumeClaim"), Map.entry("pv", "PersistentVolume"),
            Map.entry("ns", "Namespace"), Map.entry("cm", "ConfigMap"), Map.entry("sa", "ServiceAccount"),
            Map.entry("ing", "Ingress"), Map.entry("netpol", "NetworkPolicy"), Map.entry("pdb", "PodDisruptionBudget"),
            Map.entry("hpa", "HorizontalPodAutoscaler"), Map.entry("no", "Node"), Map.entry("ep", "Endpoints"),
            Map.entry("limits", "LimitRange"), Map.entry("quota", "ResourceQuota"), Map.entry("sc", "StorageClass"),
            Map.entry("crd", "CustomResourceDefinition"), Map.entry("csr", "CertificateSigningRequest"),
            Map.entry("pc", "PriorityClass"), Map.entry("ev", "Event"));

    /** True when a built-in kind of this name is cluster-scoped (custom kinds are treated as namespaced). */
    public boolean isClusterScopedKind(String kind) {
        ApiResource r = preferredByKind.get(kind);
        return r != null && !r.namespaced();
    }

    /**
     * For a built-in kind written with an apiVersion Kubernetes does not serve it at, such as a misspelt group
     * ({@code app/v1}) or a removed version ({@code apps/v1beta2}, {@code networking.k8s.io/v1beta1},
     * {@code autoscaling/v2beta2}): the apiVersion it is served at, in the same group when the group serves it
     * (its newest version there), else its preferred one. Empty when it is served, when the kind is not built in,
     * and for a group with a dot that is not a built-in one: custom resources live there (and may reuse built-in
     * kind names).
     */
    public Optional<String> servedApiVersion(String apiVersion, String kind) {
        String group = groupOf(apiVersion);
        ApiResource builtIn = preferredByKind.get(kind);
        if (builtIn == null || byGroupVersionKind.containsKey(group + "/" + versionOf(apiVersion) + "/" + kind)) {
            return Optional.empty();
        }
        if (!judged(group)) {
            return Optional.empty();
        }
        Optional<ApiResource> inGroup = resources.stream()
                .filter(r -> r.subresource().isEmpty() && r.kind().equals(kind) && r.group().equals(group))
                .max(java.util.Comparator.comparing(ApiResource::version, ApiResources::compareVersions));
        if (inGroup.isPresent() && !removed(group, versionOf(apiVersion), kind)) {
            // a version of the kind's own group that this snapshot lacks but Kubernetes did not remove (a beta that
            // older clusters serve, or an alpha behind a feature gate): the cluster decides
            return Optional.empty();
        }
        return Optional.of(inGroup.orElse(builtIn).apiVersion());
    }

    /**
     * The versions Kubernetes removed, by group and version, with the kinds removed there ({@code *}: all): a
     * manifest written for them is refused by every supported cluster.
     */
    private static final Map<String, java.util.Set<String>> REMOVED = Map.ofEntries(
            Map.entry("extensions/v1beta1", java.util.Set.of("*")),
            Map.entry("apps/v1beta1", java.util.Set.of("*")),
            Map.entry("apps/v1beta2", java.util.Set.of("*")),
            Map.entry("networking.k8s.io/v1beta1", java.util.Set.of("Ingress", "IngressClass")),
            Map.entry("autoscaling/v2beta1", java.util.Set.of("*")),
            Map.entry("autoscaling/v2beta2", java.util.Set.of("*")),
            Map.entry("policy/v1beta1", java.util.Set.of("PodDisruptionBudget", "PodSecurityPolicy")),
            Map.entry("batch/v1beta1", java.util.Set.of("CronJob")),
            Map.entry("batch/v2alpha1", java.util.Set.of("CronJob")),
            Map.entry("discovery.k8s.io/v1beta1", java.util.Set.of("EndpointSlice")),
            Map.entry("events.k8s.io/v1beta1", java.util.Set.of("Event")),
            Map.entry("node.k8s.io/v1beta1", java.util.Set.of("RuntimeClass")),
            Map.entry("node.k8s.io/v1alpha1", java.util.Set.of("RuntimeClass")),
            Map.entry("rbac.authorization.k8s.io/v1beta1", java.util.Set.of("*")),
            Map.entry("rbac.authorization.k8s.io/v1alpha1", java.util.Set.of("*")),
            Map.entry("admissionregistration.k8s.io/v1beta1",
                    java.util.Set.of("MutatingWebhookConfiguration", "ValidatingWebhookConfiguration")),
            Map.entry("apiextensions.k8s.io/v1beta1", java.util.Set.of("*")),
            Map.entry("storage.k8s.io/v1beta1", java.util.Set.of("CSIDriver", "CSINode", "StorageClass",
                    "VolumeAttachment", "CSIStorageCapacity")),
            Map.entry("scheduling.k8s.io/v1beta1", java.util.Set.of("*")),
            Map.entry("scheduling.k8s.io/v1alpha1", java.util.Set.of("*")),
            Map.entry("coordination.k8s.io/v1beta1", java.util.Set.of("Lease")),
            Map.entry("certificates.k8s.io/v1beta1", java.util.Set.of("CertificateSigningRequest")),
            Map.entry("flowcontrol.apiserver.k8s.io/v1beta1", java.util.Set.of("*")),
            Map.entry("flowcontrol.apiserver.k8s.io/v1beta2", java.util.Set.of("*")),
            Map.entry("flowcontrol.apiserver.k8s.io/v1beta3", java.util.Set.of("*")),
            Map.entry("authentication.k8s.io/v1beta1", java.util.Set.of("TokenReview")),
            Map.entry("authorization.k8s.io/v1beta1", java.util.Set.of("*")));

    private static boolean removed(String group, String version, String kind) {
        java.util.Set<String> kinds = REMOVED.getOrDefault(group + "/" + version, java.util.Set.of());
        return kinds.contains("*") || kinds.contains(kind);
    }

    /**
     * The built-in kind a kind differs from only in case ({@code Statefulset} for {@code StatefulSet}), when the
     * apiVersion is one of Kubernetes' own groups (or a group without a dot); empty otherwise. Kinds are
     * case-sensitive: the API server has no {@code Statefulset}.
     */
    public Optional<String> builtInKindInOtherCase(String apiVersion, String kind) {
        String group = groupOf(apiVersion);
        if (preferredByKind.containsKey(kind) || !judged(group)) {
            return Optional.empty();
        }
        return preferredByKind.keySet().stream().filter(k -> k.equalsIgnoreCase(kind)).findFirst();
    }

    /**
     * The built-in kinds of the group of {@code apiVersion} when that group is one of Kubernetes' own ({@code apps},
     * {@code networking.k8s.io}, the core group); empty for any other group, where custom resources live.
     */
    public java.util.Set<String> kindsOfBuiltInGroup(String apiVersion) {
        String group = groupOf(apiVersion);
        if (!groups.contains(group)) {
            return java.util.Set.of();
        }
        return resources.stream().filter(r -> r.subresource().isEmpty() && r.group().equals(group))
                .map(ApiResource::kind).collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
    }

    /**
     * Whether objects of a group are held to the built-in types: Kubernetes' own groups, and groups without a dot
     * (a custom resource's group has one, so a dotless group is a misspelt built-in one).
     */
    private boolean judged(String group) {
        return !group.contains(".") || groups.contains(group);
    }

    /** Kubernetes' version priority: GA above beta above alpha, then the higher numbers. */
    static int compareVersions(String a, String b) {
        java.util.regex.Matcher x = VERSION.matcher(a);
        java.util.regex.Matcher y = VERSION.matcher(b);
        if (!x.matches() || !y.matches()) {
            return a.compareTo(b);
        }
        int stage = Integer.compare(stage(x.group(2)), stage(y.group(2)));
        if (stage != 0) {
            return stage;
        }
        int major = Integer.compare(Integer.parseInt(x.group(1)), Integer.parseInt(y.group(1)));
        if (major != 0) {
            return major;
        }
        return Integer.compare(x.group(3) == null ? 0 : Integer.parseInt(x.group(3)),
                y.group(3) == null ? 0 : Integer.parseInt(y.group(3)));
    }

    private static final java.util.regex.Pattern VERSION = java.util.regex.Pattern.compile(
            "v(\\d+)(?:(alpha|beta)(\\d+))?");

    private static int stage(String qualifier) {
        return qualifier == null ? 2 : qualifier.equals("beta") ? 1 : 0;
    }

    /** The group of an apiVersion ({@code ""} for {@code v1}). */
    public static String groupOf(String apiVersion) {
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }

    /** The version of an apiVersion. */
    public static String versionOf(String apiVersion) {
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? apiVersion : apiVersion.substring(slash + 1);
    }

    /**
     * Kyverno's guess of a plural for an unknown kind: lower case; {@code endpoints} unchanged; a final {@code s}
     * gets {@code es}; a final {@code y} becomes {@code ies}; anything else gets {@code s}.
     */
    public static String guessPlural(String kind) {
        String lower = kind.toLowerCase(Locale.ROOT);
        if (lower.endsWith("endpoints")) {
            return lower;
        }
        if (lower.endsWith("s")) {
            return lower + "es";
        }
        if (lower.endsWith("y")) {
            return lower.substring(0, lower.length() - 1) + "ies";
        }
        return lower + "s";
    }

    private static ApiResources load() {
        List<ApiResource> list = new ArrayList<>();
        try (InputStream in = ApiResources.class.getResourceAsStream("api-resources.tsv")) {
            if (in == null) {
                throw new IllegalStateException("api-resources.tsv is missing from the class path");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                list.add(new ApiResource("-".equals(f[0]) ? "" : f[0], f[1], f[2], f[3], "Namespaced".equals(f[4]),
                        true));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ApiResources(list);
    }
}
