package dev.guidepost.core;

import java.util.Objects;

import dev.guidepost.core.internal.emit.PackEmission;

/**
 * Turns every enforceable policy of a pack into Kyverno YAML for the cluster, deterministically: the same pack
 * always gives byte-identical files. Guidepost policies become {@link EmitFormat ValidatingPolicies} (or
 * ClusterPolicies, or ValidatingAdmissionPolicies with bindings) that mean exactly what the pack's checks
 * evaluated, annotated with their plain-English text and the pack entry they come from; Kyverno policies imported
 * as they are pass through unchanged; advisory policies are left out. With tests, each policy's examples become a
 * Kyverno CLI test ({@code kyverno-test.yaml}) against the emitted file, for the real {@code kyverno test}.
 * Immutable; each setting returns a new emitter.
 *
 * <pre>{@code
 * KyvernoOutput out = KyvernoEmitter.forPack(pack).format(EmitFormat.CLUSTER_POLICY).withTests(true).emit();
 * out.writeTo(Path.of("deploy"));
 * out.summary().lines().forEach(System.out::println);
 * }</pre>
 */
public final class KyvernoEmitter {

    private final PolicyPack pack;
    private final EmitFormat format;
    private final boolean tests;
    private final boolean singleFile;

    private KyvernoEmitter(PolicyPack pack, EmitFormat format, boolean tests, boolean singleFile) {
        this.pack = Objects.requireNonNull(pack, "pack");
        this.format = Objects.requireNonNull(format, "format");
        this.tests = tests;
        this.singleFile = singleFile;
    }

    /** An emitter of ValidatingPolicies, one file per policy, without tests. */
    public static KyvernoEmitter forPack(PolicyPack pack) {
        return new KyvernoEmitter(pack, EmitFormat.VALIDATING_POLICY, false, false);
    }

    /** The kind of policies to write. */
    public KyvernoEmitter format(EmitFormat format) {
        return new KyvernoEmitter(pack, format, tests, singleFile);
    }

    /** Whether to write Kyverno CLI tests from the policies' examples (under {@code kyverno-tests/}). */
    public KyvernoEmitter withTests(boolean tests) {
        return new KyvernoEmitter(pack, format, tests, singleFile);
    }

    /**
     * Whether to write every policy into one multi-document file ({@code kyverno/policies.yaml}) instead of one
     * file per policy ({@code kyverno/<policy-id>.yaml}).
     */
    public KyvernoEmitter singleFile(boolean singleFile) {
        return new KyvernoEmitter(pack, format, tests, singleFile);
    }

    /**
     * Emits the files.
     *
     * @throws GuidepostException when a policy does not compile, or two emitted policies would have the same name
     */
    public KyvernoOutput emit() {
        return PackEmission.emit(pack, pack.exceptionDocuments(), format, tests, singleFile);
    }
}
