package dev.guidepost.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.guidepost.core.internal.examples.ExampleVerdict;

/**
 * The sample pack survives the trip to Kyverno YAML and back: the emitted policies load with Guidepost's own
 * loader and judge every example as the pack's policies do, and the emitted {@code kyverno-test.yaml} files,
 * run by Guidepost's Kyverno test runner (scored as {@code kyverno test} scores them, strictly), give every
 * example the verdict the pack's policy gives it.
 */
class KyvernoEmitterRoundTripTest {

    private static PolicyPack pack;
    private static PolicyEngine engine;
    /** policy id + example kind/name + expected → the pack policy's own verdict. */
    private static Map<String, String> originalVerdicts;

    @TempDir
    Path out;

    @BeforeAll
    static void checkSamplePack() {
        pack = SamplePack.load();
        engine = PolicyEngine.of(pack);
        originalVerdicts = new LinkedHashMap<>();
        for (Policy policy : engine.enforceablePolicies()) {
            record(policy, ExampleVerdict.of(engine, policy, policy.examples().pass(), Outcome.PASS));
            record(policy, ExampleVerdict.of(engine, policy, policy.examples().fail(), Outcome.FAIL));
        }
        assertThat(originalVerdicts).hasSize(32);
    }

    private static void record(Policy policy, List<ExampleVerdict> verdicts) {
        for (ExampleVerdict v : verdicts) {
            if (v.selected()) {
                originalVerdicts.put(key(policy.id(), v.manifest().kind(), v.manifest().name(),
                        v.expected().label()), v.actual().orElseThrow().label());
            }
        }
    }

    private static String key(String policy, String kind, String name, String expected) {
        return policy + " " + kind + "/" + name + " (" + expected + ")";
    }

    @ParameterizedTest
    @EnumSource(EmitFormat.class)
    void emittedTestsGiveEveryExampleTheVerdictOfThePackPolicy(EmitFormat format) {
        KyvernoOutput output = KyvernoEmitter.forPack(pack).format(format).withTests(true).emit();
        output.writeTo(out);

        KyvernoTestReport report = KyvernoTests.run(List.of(out.resolve("kyverno-tests")), true);

        assertThat(report.problems()).isEmpty();
        Map<String, String> emittedVerdicts = new LinkedHashMap<>();
        for (ExpectationResult r : report.results()) {
            String policyId = Path.of(r.file()).getParent().getFileName().toString();
            String name = r.resource().substring(r.resource().indexOf('/') + 1);
            emittedVerdicts.put(key(policyId, r.kind(), name, r.expected()), r.actual());
        }
        Map<String, String> expected = new LinkedHashMap<>(originalVerdicts);
        if (format == EmitFormat.CLUSTER_POLICY) {
            // kyverno test gives ClusterPolicy CEL only namespaceObject.metadata.name: the summary says so
            expected.keySet().removeIf(k -> k.startsWith("production-replicas "));
            assertThat(output.summary().notes()).filteredOn(n -> n.contains("production-replicas")
                    && n.contains("not in the test")).hasSize(2);
        }
        assertThat(emittedVerdicts).isEqualTo(expected);
        assertThat(report.count(ExpectationResult.Status.FAILED)).isZero();
        assertThat(report.count(ExpectationResult.Status.SKIPPED)).isZero();
    }

    @ParameterizedTest
    @EnumSource(value = EmitFormat.class, names = {"VALIDATING_POLICY", "CLUSTER_POLICY"})
    void emittedPoliciesLoadBackAndJudgeEveryExampleAsThePackDoes(EmitFormat format) {
        KyvernoEmitter.forPack(pack).format(format).emit().writeTo(out);

        PolicyPack loaded = PolicyPack.load(out.resolve("kyverno"));
        PolicyEngine loadedEngine = PolicyEngine.of(loaded);

        assertThat(loadedEngine.enforceablePolicies()).extracting(Policy::id)
                .containsExactlyInAnyOrderElementsOf(engine.enforceablePolicies().stream().map(Policy::id).toList());
        Map<String, String> verdicts = new LinkedHashMap<>();
        for (Policy original : engine.enforceablePolicies()) {
            Policy emitted = loaded.policy(original.id()).orElseThrow();
            assertThat(emitted.format().kind()).isEqualTo(format == EmitFormat.CLUSTER_POLICY ? "ClusterPolicy"
                    : "ValidatingPolicy");
            for (ExampleVerdict v : ExampleVerdict.of(loadedEngine, emitted, original.examples().pass(),
                    Outcome.PASS)) {
                v.actual().ifPresent(a -> verdicts.put(key(original.id(), v.manifest().kind(),
                        v.manifest().name(), "pass"), a.label()));
            }
            for (ExampleVerdict v : ExampleVerdict.of(loadedEngine, emitted, original.examples().fail(),
                    Outcome.FAIL)) {
                v.actual().ifPresent(a -> verdicts.put(key(original.id(), v.manifest().kind(),
                        v.manifest().name(), "fail"), a.label()));
            }
        }
        assertThat(verdicts).isEqualTo(originalVerdicts);
    }
}
