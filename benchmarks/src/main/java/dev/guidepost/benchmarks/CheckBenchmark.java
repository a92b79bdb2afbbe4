package dev.guidepost.benchmarks;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import dev.guidepost.core.Manifests;
import dev.guidepost.core.PolicyEngine;
import dev.guidepost.core.PolicyPack;
import dev.guidepost.core.Report;

/**
 * Checking N manifests against the sample pack, compared in the same run with only parsing the same YAML.
 * {@code check} = parse + evaluate; {@code evaluate} = evaluate already parsed manifests; {@code parse} = parse only.
 *
 * <p>Run: {@code ./mvnw -B -q -pl benchmarks -am package -DskipTests && java -cp
 * "benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar:benchmarks/target/lib/*" org.openjdk.jmh.Main -p pack=samples/pack}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CheckBenchmark {

    /** How many manifests. */
    @Param({"1000", "10000"})
    public int manifests;

    /** The pack folder (relative to the working directory). */
    @Param("samples/pack")
    public String pack;

    private String yaml;
    private PolicyEngine engine;
    private Manifests parsed;

    @Setup
    public void setUp() {
        yaml = ManifestGenerator.yaml(manifests);
        engine = PolicyEngine.of(PolicyPack.load(Path.of(pack)));
        parsed = Manifests.parse(yaml, "bench.yaml");
        if (parsed.size() != manifests) {
            throw new IllegalStateException("generated " + parsed.size() + " manifests, expected " + manifests);
        }
    }

    @Benchmark
    public Manifests parse() {
        return Manifests.parse(yaml, "bench.yaml");
    }

    @Benchmark
    public Report evaluate() {
        return engine.check(parsed);
    }

    @Benchmark
    public Report check() {
        return engine.check(Manifests.parse(yaml, "bench.yaml"));
    }
}
