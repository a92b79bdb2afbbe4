package dev.guidepost.core.internal.kyvernotest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.guidepost.core.GuidepostException;
import dev.guidepost.core.Policy;
import dev.guidepost.core.PolicyFormat;
import dev.guidepost.core.internal.cel.CelDialect;
import dev.guidepost.core.internal.engine.ClassicExceptionProgram;
import dev.guidepost.core.internal.engine.CompiledPolicy;
import dev.guidepost.core.internal.engine.PolicyCompileException;
import dev.guidepost.core.internal.engine.PolicyCompiler;
import dev.guidepost.core.internal.engine.PolicyExceptionProgram;
import dev.guidepost.core.internal.match.ApiResource;
import dev.guidepost.core.internal.match.ApiResources;
import dev.guidepost.core.internal.match.UserInfo;
import dev.guidepost.core.internal.pack.PackReader;
import dev.guidepost.core.internal.pack.PolicyLocator;
import dev.guidepost.core.internal.yaml.PlainValues;
import dev.guidepost.core.internal.yaml.YamlDocument;
import dev.guidepost.core.internal.yaml.YamlDocuments;

/**
 * Reads the files one Kyverno CLI test names, relative to the test's folder, as the CLI loads them: policies (with
 * VAP bindings and parameter resources), resources (namespaced into {@code default}, with their old objects), JSON
 * payloads and check requests, values, user info, exceptions, target resources and the mocked cluster. What cannot
 * be loaded is a {@link GuidepostException} naming the file; policies the CLI leaves out are noted in problems.
 */
final class TestInputReader {

    /** The feature a MutatingPolicy in JSON mode needs: Guidepost does not patch JSON payloads. */
    static final String JSON_MODE_MUTATION = "MutatingPolicy in JSON mode (evaluation.mode: JSON)";

    private final Map<String, Object> test;
    private final Path dir;
    private final String displayFile;
    private final List<String> problems;
    private boolean hasClusterResources;
    /** Global context entries whose JMESPath Guidepost does not evaluate: name → the feature. */
    private Map<String, String> globalContextUnsupported = Map.of();

    TestInputReader(Map<String, Object> test, Path dir, String displayFile, List<String> problems) {
        this.test = test;
        this.dir = dir;
        this.displayFile = displayFile;
        this.problems = problems;
    }

    /** Everything the test names, or a {@link GuidepostException} for the first file that cannot be read. */
    TestInputs read() {
        TestValues values = loadValues();
        UserInfo user = loadUserInfo();
        List<Object> clusterObjects = new ArrayList<>();
        ApiResources types = loadClusterResources(clusterObjects);
        List<Map<String, Object>> params = loadObjects("paramResources");
        List<LoadedPolicy> policies = loadPolicies(params);
        List<LoadedResource> resources = loadResources(types);
        resources = withOldResources(resources, types);
        resources.addAll(loadPayloads());
        List<Map<String, Object>> targets = loadObjects("targetResources");
        List<ClassicExceptionProgram> classicExceptions = new ArrayList<>();
        List<PolicyExceptionProgram> exceptions = loadExceptions(classicExceptions);
        if (!classicExceptions.isEmpty() && policies.stream().anyMatch(LoadedPolicy::admissionPolicy)) {
            throw new GuidepostException("use of exceptions with ValidatingAdmissionPolicies is not supported");
        }
        MockCluster cluster = loadContext(types, clusterObjects, resources, params);
        return new TestInputs(values, user, List.copyOf(policies), List.copyOf(resources), List.copyOf(targets),
                List.copyOf(exceptions), List.copyOf(classicExceptions), cluster, globalContextUnsupported);
    }

    private List<LoadedPolicy> loadPolicies(List<Map<String, Object>> params) {
        List<Policy> read = new ArrayList<>();
        List<Map<String, Object>> bindings = new ArrayList<>();
        for (String path : PlainValues.strings(test, "policies")) {
            Path policyPath = dir.resolve(path).normalize();
            if (!Files.exists(policyPath)) {
                throw new GuidepostException("policy file '" + path + "' does not exist");
            }
            List<Path> policyFiles = Files.isDirectory(policyPath) ? yamlFiles(policyPath) : List.of(policyPath);
            for (Path policyFile : policyFiles) {
                read.addAll(PackReader.readTestPolicies(policyFile,
                        why -> problems.add(displayFile + ": the Kyverno CLI leaves this policy out: " + why)));
                for (YamlDocument doc : YamlDocuments.read(policyFile)) {
                    if (doc.value() instanceof Map<?, ?> && "ValidatingAdmissionPolicyBinding".equals(
                            PlainValues.string(doc.value(), "kind"))
                            && PlainValues.string(doc.value(), "apiVersion").startsWith("admissionregistration.k8s.io/")) {
                        bindings.add(PlainValues.map(PlainValues.immutableCopy(doc.value())));
                    }
                }
            }
        }
        List<LoadedPolicy> out = new ArrayList<>();
        for (Policy policy : read) {
            if (policy.format() == PolicyFormat.VALIDATING_ADMISSION_POLICY) {
                List<Map<String, Object>> own = bindings.stream()
                        .filter(b -> PlainValues.string(b, "spec", "policyName").equals(policy.id())).toList();
                out.add(new LoadedPolicy(policy, Optional.of(PolicyCompiler.validatingAdmissionPolicy(
                        policy.definition(), own, params)), null));
            } else {
                out.add(load(policy));
            }
        }
        return out;
    }

    private static LoadedPolicy load(Policy policy) {
        if (policy.format() == PolicyFormat.MUTATING_POLICY
                && "JSON".equals(PlainValues.string(policy.definition(), "spec", "evaluation", "mode"))) {
            // the CLI patches JSON payloads with it and compares them with the expected documents
            return new LoadedPolicy(policy, Optional.empty(), JSON_MODE_MUTATION);
        }
        CompiledPolicy compiled = PolicyCompiler.compileForTests(policy);
        if (compiled.program().isEmpty()) {
            if (!compiled.errors().isEmpty()) {
                PolicyCompileException e = compiled.errors().get(0);
                throw new GuidepostException(PolicyLocator.locate(policy, e.path(), Optional.empty()), "policy '"
                        + policy.id() + "' does not compile: " + e.getMessage());
            }
            return new LoadedPolicy(policy, Optional.empty(), policy.format().validating()
                    ? policy.advisoryReason().orElse(policy.format().kind()) : policy.format().kind() + " policies");
        }
        return new LoadedPolicy(policy, compiled.program(), null);
    }

    /** The objects of the files a test field lists (missing files are skipped, as the CLI skips them). */
    private List<Map<String, Object>> loadObjects(String field) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String path : PlainValues.strings(test, field)) {
            Path target = dir.resolve(path).normalize();
            if (!Files.exists(target)) {
                continue;
            }
            for (Path f : Files.isDirectory(target) ? yamlFiles(target) : List.of(target)) {
                for (YamlDocument doc : YamlDocuments.read(f)) {
                    if (doc.problem() != null) {
                        throw new GuidepostException(dev.guidepost.core.SourceLocation.of(doc.source(), doc.line()),
                                doc.problem().message());
                    }
                    if (doc.value() instanceof Map<?, ?> m && !m.isEmpty()) {
                        out.add(PlainValues.map(PlainValues.immutableCopy(doc.value())));
                    }
                }
            }
        }
        return out;
    }

    /** The test's {@code oldResources}: each becomes the old object of the resource with its kind and name. */
    private List<LoadedResource> withOldResources(List<LoadedResource> resources, ApiResources types) {
        List<Map<String, Object>> olds = loadObjects("oldResources");
        List<LoadedResource> out = new ArrayList<>();
        for (LoadedResource resource : resources) {
            Map<String, Object> match = null;
            for (Map<String, Object> old : olds) {
                ApiResource type = types.resolve(PlainValues.string(old, "apiVersion"), PlainValues.string(old,
                        "kind"));
                String namespace = PlainValues.string(old, "metadata", "namespace");
                if (namespace.isEmpty() && !ApiResources.builtIn().isClusterScopedKind(type.kind())) {
                    namespace = "default";
                }
                if (type.group().equals(resource.type().group()) && type.kind().equals(resource.kind())
                        && namespace.equals(resource.namespace())
                        && PlainValues.string(old, "metadata", "name").equals(resource.name())) {
                    match = old;
                    break;
                }
            }
            out.add(match == null ? resource : resource.withOldObject(match));
        }
        return out;
    }

    /** The test's JSON payloads ({@code jsonPayloads}, or {@code jsonPayload}), named by their path. */
    private List<LoadedResource> loadPayloads() {
        List<String> paths = new ArrayList<>(PlainValues.strings(test, "jsonPayloads"));
        if (!PlainValues.string(test, "jsonPayload").isEmpty()) {
            paths.add(PlainValues.string(test, "jsonPayload"));
        }
        List<LoadedResource> out = new ArrayList<>();
        ApiResource none = new ApiResource("", "", "", "", false, false);
        for (String path : paths) {
            Path target = dir.resolve(path).normalize();
            if (!Files.isRegularFile(target)) {
                throw new GuidepostException("the JSON payload '" + path + "' does not exist");
            }
            for (YamlDocument doc : YamlDocuments.read(target)) {
                if (doc.problem() != null) {
                    throw new GuidepostException(dev.guidepost.core.SourceLocation.of(doc.source(), doc.line()),
                            doc.problem().message());
                }
                if (doc.value() instanceof Map<?, ?>) {
                    out.add(new LoadedResource(PlainValues.map(PlainValues.immutableCopy(doc.value())), none, "",
                            path, null, true, null));
                }
            }
        }
        out.addAll(loadCheckRequests("envoyPayloads", CelDialect.ENVOY_AUTHZ));
        out.addAll(loadCheckRequests("httpPayloads", CelDialect.HTTP_AUTHZ));
        return out;
    }

    /**
     * The test's authorization check requests ({@code envoyPayloads}, {@code httpPayloads}): one JSON document per
     * file, named by its path as the test writes it; only authorization policies of the matching mode answer them.
     */
    private List<LoadedResource> loadCheckRequests(String field, CelDialect dialect) {
        List<LoadedResource> out = new ArrayList<>();
        ApiResource none = new ApiResource("", "", "", "", false, false);
        for (String path : PlainValues.strings(test, field)) {
            Path target = dir.resolve(path).normalize();
            if (!Files.isRegularFile(target)) {
                throw new GuidepostException("the " + field + " file '" + path + "' does not exist");
            }
            Object document = firstDocument(target);
            if (!(document instanceof Map<?, ?>)) {
                throw new GuidepostException("the " + field + " file '" + path + "' is not a JSON object");
            }
            out.add(new LoadedResource(PlainValues.map(document), none, "", path, null, true, dialect));
        }
        return out;
    }

    /**
     * The test's {@code clusterResources}: their CRDs join the known kinds and their objects the mocked cluster.
     */
    private ApiResources loadClusterResources(List<Object> objects) {
        List<ApiResource> crds = new ArrayList<>();
        for (String path : PlainValues.strings(test, "clusterResources")) {
            Map<String, Object> doc = single(path, "clusterResources");
            for (String crdPath : PlainValues.strings(doc, "spec", "crds")) {
                Map<String, Object> crd = single(crdPath, "CRD");
                String group = PlainValues.string(crd, "spec", "group");
                String kind = PlainValues.string(crd, "spec", "names", "kind");
                String plural = PlainValues.string(crd, "spec", "names", "plural");
                boolean namespaced = !"Cluster".equals(PlainValues.string(crd, "spec", "scope"));
                for (Object version : PlainValues.list(crd, "spec", "versions")) {
                    crds.add(new ApiResource(group, PlainValues.string(version, "name"), kind, plural, namespaced,
                            true));
                }
            }
            objects.addAll(PlainValues.list(doc, "spec", "resources"));
        }
        hasClusterResources = !PlainValues.strings(test, "clusterResources").isEmpty();
        return crds.isEmpty() ? ApiResources.builtIn() : ApiResources.builtIn().with(crds);
    }

    private List<LoadedResource> loadResources(ApiResources types) {
        List<LoadedResource> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (String path : PlainValues.strings(test, "resources")) {
            Path resourcePath = dir.resolve(path).normalize();
            if (!Files.exists(resourcePath)) {
                continue; // the Kyverno CLI skips missing resource files
            }
            List<Path> resourceFiles = Files.isDirectory(resourcePath) ? yamlFiles(resourcePath)
                    : List.of(resourcePath);
            for (Path resourceFile : resourceFiles) {
                for (YamlDocument doc : YamlDocuments.read(resourceFile)) {
                    if (doc.problem() != null) {
                        throw new GuidepostException(dev.guidepost.core.SourceLocation.of(doc.source(), doc.line()),
                                doc.problem().message());
                    }
                    if (!(doc.value() instanceof Map<?, ?>)) {
                        continue;
                    }
                    Map<String, Object> object = PlainValues.map(PlainValues.immutableCopy(doc.value()));
                    String apiVersion = PlainValues.string(object, "apiVersion");
                    String kind = PlainValues.string(object, "kind");
                    if (kind.isEmpty()) {
                        continue;
                    }
                    ApiResource type = types.resolve(apiVersion, kind);
                    String name = PlainValues.string(object, "metadata", "name");
                    if (name.isEmpty()) {
                        name = PlainValues.string(object, "metadata", "generateName");
                    }
                    String namespace = PlainValues.string(object, "metadata", "namespace");
                    if (namespace.isEmpty() && !ApiResources.builtIn().isClusterScopedKind(kind)) {
                        // the CLI sets the namespace on the object itself (resource.SetNamespace)
                        namespace = "default";
                        object = withNamespace(object, namespace);
                    }
                    String identity = type.group() + "/" + kind + "/" + namespace + "/" + name;
                    if (seen.add(identity)) {
                        out.add(new LoadedResource(object, type, namespace, name));
                    }
                }
            }
        }
        return out;
    }

    private static Map<String, Object> withNamespace(Map<String, Object> object, String namespace) {
        Map<String, Object> copy = new LinkedHashMap<>(object);
        Map<String, Object> metadata = new LinkedHashMap<>(PlainValues.map(object, "metadata"));
        metadata.put("namespace", namespace);
        copy.put("metadata", java.util.Collections.unmodifiableMap(metadata));
        return java.util.Collections.unmodifiableMap(copy);
    }

    private TestValues loadValues() {
        Map<String, Object> inline = PlainValues.map(test, "values");
        if (!inline.isEmpty()) {
            return new TestValues(inline);
        }
        String path = PlainValues.string(test, "variables");
        if (path.isEmpty()) {
            return TestValues.NONE;
        }
        return new TestValues(single(path, "values"));
    }

    private UserInfo loadUserInfo() {
        String path = PlainValues.string(test, "userinfo");
        if (path.isEmpty()) {
            return UserInfo.NONE;
        }
        Map<String, Object> doc = single(path, "userinfo");
        Map<String, List<String>> extra = new LinkedHashMap<>();
        PlainValues.map(doc, "userInfo", "extra").forEach((k, v) -> extra.put(k, PlainValues.strings(
                Map.of("v", v == null ? List.of() : v), "v")));
        return new UserInfo(PlainValues.string(doc, "userInfo", "username"),
                PlainValues.string(doc, "userInfo", "uid"), PlainValues.strings(doc, "userInfo", "groups"), extra,
                PlainValues.strings(doc, "roles"), PlainValues.strings(doc, "clusterRoles"));
    }

    /**
     * The mocked cluster: the context file's resources and images, or, when the test declares
     * {@code clusterResources}, a fake cluster of the test's resources, parameter resources and cluster resources
     * (the CLI then ignores the context file's resources); global context entries and HTTP responses.
     */
    private MockCluster loadContext(ApiResources types, List<Object> clusterObjects,
            List<LoadedResource> resources, List<Map<String, Object>> params) {
        String path = PlainValues.string(test, "context");
        Map<String, Object> context = path.isEmpty() ? Map.of() : single(path, "context");
        GlobalContextEntries globalContext = new GlobalContextEntries(PlainValues.list(test, "globalContextEntries"),
                dir);
        globalContextUnsupported = globalContext.unsupported();
        List<Object> objects = new ArrayList<>();
        if (hasClusterResources) {
            resources.stream().filter(r -> !r.payload()).forEach(r -> objects.add(r.object()));
            objects.addAll(params);
            objects.addAll(clusterObjects);
        } else {
            objects.addAll(PlainValues.list(context, "spec", "resources"));
        }
        List<Object> http = new ArrayList<>(PlainValues.list(test, "apiCallResponses"));
        Path contextDir = path.isEmpty() ? dir : dir.resolve(path).normalize().getParent();
        for (Object entry : PlainValues.list(context, "spec", "http")) {
            Map<String, Object> mock = new LinkedHashMap<>(PlainValues.map(entry));
            String bodyFile = PlainValues.string(entry, "bodyFile");
            if (!bodyFile.isEmpty()) {
                Path body = contextDir.resolve(bodyFile).normalize();
                if (!Files.isRegularFile(body)) {
                    throw new GuidepostException("the HTTP body file '" + bodyFile + "' does not exist");
                }
                mock.put("body", firstDocument(body));
            }
            http.add(mock);
        }
        return new MockCluster(objects, PlainValues.list(context, "spec", "images"), globalContext.values(),
                contextGlobalContext(context, contextDir), http, types);
    }

    /**
     * The context file's {@code globalContext} fixtures ({@code name}, {@code projection}, {@code value} or
     * {@code valueFile}, the file winning), by name and projection. Values pass through JSON as in the CLI, so
     * numbers become doubles.
     */
    private static Map<String, Map<String, Object>> contextGlobalContext(Map<String, Object> context,
            Path contextDir) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        for (Object entry : PlainValues.list(context, "spec", "globalContext")) {
            Object value = PlainValues.at(entry, "value");
            String valueFile = PlainValues.string(entry, "valueFile");
            if (!valueFile.isEmpty()) {
                Path file = contextDir.resolve(valueFile).normalize();
                if (!Files.isRegularFile(file)) {
                    throw new GuidepostException("the global context value file '" + valueFile
                            + "' does not exist");
                }
                value = firstDocument(file);
            }
            out.computeIfAbsent(PlainValues.string(entry, "name"), k -> new LinkedHashMap<>())
                    .put(PlainValues.string(entry, "projection"), MockCluster.jsonNumbers(value));
        }
        return out;
    }

    private List<PolicyExceptionProgram> loadExceptions(List<ClassicExceptionProgram> classic) {
        List<PolicyExceptionProgram> out = new ArrayList<>();
        for (String path : PlainValues.strings(test, "exceptions")) {
            Path exceptionFile = dir.resolve(path).normalize();
            for (YamlDocument doc : YamlDocuments.read(exceptionFile)) {
                if (doc.problem() != null) {
                    throw new GuidepostException(dev.guidepost.core.SourceLocation.of(doc.source(), doc.line()),
                            doc.problem().message());
                }
                Map<String, Object> object = PlainValues.map(doc.value());
                if (PlainValues.string(object, "apiVersion").startsWith("kyverno.io/")
                        && PlainValues.string(object, "kind").equals("PolicyException")) {
                    classic.add(ClassicExceptionProgram.of(object));
                }
                if (PlainValues.string(object, "apiVersion").startsWith("policies.kyverno.io/")
                        && PlainValues.string(object, "kind").equals("PolicyException")) {
                    try {
                        out.add(PolicyExceptionProgram.compile(object));
                    } catch (PolicyCompileException e) {
                        throw new GuidepostException(dev.guidepost.core.SourceLocation.of(doc.source(), doc.line()),
                                "policy exception does not compile: " + e.getMessage());
                    }
                }
            }
        }
        return out;
    }

    /** The first document of a file, whatever its shape (an HTTP body may be any JSON value). */
    private static Object firstDocument(Path file) {
        for (YamlDocument doc : YamlDocuments.read(file)) {
            if (doc.problem() != null) {
                throw new GuidepostException(dev.guidepost.core.SourceLocation.of(doc.source(), doc.line()),
                        doc.problem().message());
            }
            if (doc.value() != null) {
                return PlainValues.immutableCopy(doc.value());
            }
        }
        return null;
    }

    private Map<String, Object> single(String path, String what) {
        Path target = dir.resolve(path).normalize();
        if (!Files.isRegularFile(target)) {
            throw new GuidepostException("the " + what + " file '" + path + "' does not exist");
        }
        for (YamlDocument doc : YamlDocuments.read(target)) {
            if (doc.problem() != null) {
                throw new GuidepostException(dev.guidepost.core.SourceLocation.of(doc.source(), doc.line()),
                        doc.problem().message());
            }
            if (doc.value() instanceof Map<?, ?>) {
                return PlainValues.map(doc.value());
            }
        }
        return Map.of();
    }

    private static List<Path> yamlFiles(Path folder) {
        try (var walk = Files.walk(folder, 1)) {
            return walk.filter(Files::isRegularFile).filter(p -> {
                String n = p.getFileName().toString();
                return n.endsWith(".yaml") || n.endsWith(".yml") || n.endsWith(".json");
            }).sorted().toList();
        } catch (java.io.IOException e) {
            throw new GuidepostException("cannot list " + folder + ": " + e.getMessage());
        }
    }
}
