package dev.guidepost.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import dev.guidepost.core.internal.json.Json;
import dev.guidepost.core.internal.yaml.PlainValues;
import dev.guidepost.core.internal.yaml.YamlDocument;
import dev.guidepost.core.internal.yaml.YamlDocuments;

/**
 * Every document emitted for the sample pack satisfies the {@code openAPIV3Schema} of its Kyverno CRD
 * (ValidatingPolicy and ClusterPolicy) or of the Kyverno CLI's own file kinds (Test, Values), read from
 * {@code ../shared/kyverno-crds} beside the repository. Checked strictly: as the Kyverno CLI and the API server
 * decode strictly, a field the schema does not declare is an error (the schemas leave it to pruning). Skipped,
 * with a message, where that folder is absent (a fresh clone).
 */
class KyvernoEmitterSchemaTest {

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4);

    private static Path crds;

    @BeforeAll
    static void findCrds() {
        crds = SamplePack.kyvernoCrds();
        assumeTrue(Files.isDirectory(crds), "skipped: the Kyverno CRD schemas are not at " + crds
                + " (they come with the shared reference material beside the repository, not with a clone)");
    }

    @Test
    void validatingPoliciesAndTheirTestsMatchTheKyvernoSchemas() {
        Map<String, List<Map<String, Object>>> byKind = documentsByKind(EmitFormat.VALIDATING_POLICY);

        assertThat(byKind.get("ValidatingPolicy")).hasSize(12);
        assertValid(byKind.get("ValidatingPolicy"), crdSchema("policies.kyverno.io_validatingpolicies.yaml", "v1"));
        assertValid(byKind.get("Test"), crdSchema("cli/cli.kyverno.io_tests.yaml", "v1alpha1"));
        assertValid(byKind.get("Values"), crdSchema("cli/cli.kyverno.io_values.yaml", "v1alpha1"));
    }

    @Test
    void clusterPoliciesAndTheirTestsMatchTheKyvernoSchemas() {
        Map<String, List<Map<String, Object>>> byKind = documentsByKind(EmitFormat.CLUSTER_POLICY);

        assertThat(byKind.get("ClusterPolicy")).hasSize(12);
        assertValid(byKind.get("ClusterPolicy"), crdSchema("kyverno.io_clusterpolicies.yaml", "v1"));
        assertValid(byKind.get("Test"), crdSchema("cli/cli.kyverno.io_tests.yaml", "v1alpha1"));
    }

    @Test
    void admissionPolicyTestsMatchTheKyvernoTestSchema() {
        Map<String, List<Map<String, Object>>> byKind = documentsByKind(EmitFormat.VALIDATING_ADMISSION_POLICY);

        // the Kubernetes ValidatingAdmissionPolicy types are not CRDs: their schema is not in ../shared
        assertThat(byKind.get("ValidatingAdmissionPolicy")).hasSize(24);
        assertValid(byKind.get("Test"), crdSchema("cli/cli.kyverno.io_tests.yaml", "v1alpha1"));
        assertValid(byKind.get("Values"), crdSchema("cli/cli.kyverno.io_values.yaml", "v1alpha1"));
    }

    @Test
    void aFieldTheSchemaDoesNotDeclareIsReported() {
        Map<String, Object> policy = new LinkedHashMap<>(documentsByKind(EmitFormat.VALIDATING_POLICY)
                .get("ValidatingPolicy").get(0));
        Map<String, Object> spec = new LinkedHashMap<>(PlainValues.map(policy, "spec"));
        spec.put("validationAction", List.of("Deny"));
        policy.put("spec", spec);

        List<String> errors = errors(policy, crdSchema("policies.kyverno.io_validatingpolicies.yaml", "v1"));

        assertThat(errors).anyMatch(e -> e.contains("validationAction"));
    }

    private static Map<String, List<Map<String, Object>>> documentsByKind(EmitFormat format) {
        KyvernoOutput output = KyvernoEmitter.forPack(SamplePack.load()).format(format).withTests(true).emit();
        Map<String, List<Map<String, Object>>> byKind = new LinkedHashMap<>();
        output.files().forEach((path, text) -> {
            for (YamlDocument doc : YamlDocuments.parse(text, path)) {
                assertThat(doc.problem()).as(path).isNull();
                Map<String, Object> document = PlainValues.map(doc.value());
                byKind.computeIfAbsent(PlainValues.string(document, "kind"), k -> new ArrayList<>()).add(document);
            }
        });
        return byKind;
    }

    private static void assertValid(List<Map<String, Object>> documents, Schema schema) {
        assertThat(documents).isNotEmpty();
        for (Map<String, Object> document : documents) {
            assertThat(errors(document, schema)).as(PlainValues.string(document, "kind") + " "
                    + PlainValues.string(document, "metadata", "name")).isEmpty();
        }
    }

    private static List<String> errors(Map<String, Object> document, Schema schema) {
        return schema.validate(Json.canonical(document), InputFormat.JSON).stream().map(Object::toString).toList();
    }

    /** The {@code openAPIV3Schema} of a CRD version, made strict about undeclared fields. */
    private static Schema crdSchema(String file, String version) {
        List<YamlDocument> docs = YamlDocuments.read(crds.resolve(file));
        Map<String, Object> crd = PlainValues.map(docs.get(0).value());
        for (Object v : PlainValues.list(crd, "spec", "versions")) {
            if (PlainValues.string(v, "name").equals(version)) {
                Object schema = strict(PlainValues.at(v, "schema", "openAPIV3Schema"));
                return REGISTRY.getSchema(Json.canonical(schema), InputFormat.JSON);
            }
        }
        throw new IllegalArgumentException(file + " has no version " + version);
    }

    /** A copy where every object schema with declared properties forbids others (unless it keeps unknown fields). */
    private static Object strict(Object schema) {
        if (schema instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), strict(v)));
            if (out.containsKey("properties") && !out.containsKey("additionalProperties")
                    && !Boolean.TRUE.equals(out.get("x-kubernetes-preserve-unknown-fields"))) {
                out.put("additionalProperties", false);
            }
            return out;
        }
        if (schema instanceof List<?> list) {
            return list.stream().map(KyvernoEmitterSchemaTest::strict).toList();
        }
        return schema;
    }
}
