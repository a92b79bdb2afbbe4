package dev.guidepost.core.internal.emit;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import dev.guidepost.core.EmitFormat;
import dev.guidepost.core.GuidepostException;
import dev.guidepost.core.KyvernoOutput;
import dev.guidepost.core.Policy;
import dev.guidepost.core.PolicyEngine;
import dev.guidepost.core.PolicyFormat;
import dev.guidepost.core.PolicyPack;
import dev.guidepost.core.internal.pack.ExceptionDocument;
import dev.guidepost.core.internal.report.Plural;
import dev.guidepost.core.internal.yaml.PlainValues;

/**
 * One emission of a pack: compiles it (a pack that does not compile is not emitted), writes each enforceable
 * Guidepost policy in the format, passes imported Kyverno policies through, lists advisory policies, and writes
 * the tests and a {@code kustomization.yaml}.
 *
 * <p>A policy the format cannot express (for example a ClusterPolicy whose CEL uses a Kyverno library function)
 * is skipped and reported in the summary rather than failing the whole emission, so that the rest of the pack
 * still reaches the cluster; {@link KyvernoOutput.Summary#complete()} is false then, and the command line exits
 * with an error so that a pipeline notices.
 */
public final class PackEmission {

    private static final String POLICY_FOLDER = "kyverno/";
    private static final String TEST_FOLDER = "kyverno-tests/";
    private static final String SINGLE_FILE = "policies.yaml";
    private static final String KUSTOMIZATION = "kustomization.yaml";

    /** Kinds of {@code policies.kyverno.io}, which a Kyverno that only knows ClusterPolicy cannot load. */
    private static final Set<PolicyFormat> NEWER_KYVERNO_KINDS = EnumSet.of(PolicyFormat.VALIDATING_POLICY,
            PolicyFormat.NAMESPACED_VALIDATING_POLICY, PolicyFormat.MUTATING_POLICY, PolicyFormat.GENERATING_POLICY,
            PolicyFormat.IMAGE_VALIDATING_POLICY, PolicyFormat.DELETING_POLICY);

    private PackEmission() {
    }

    /** Emits the pack and its PolicyExceptions. */
    public static KyvernoOutput emit(PolicyPack pack, List<ExceptionDocument> exceptions, EmitFormat format,
            boolean tests, boolean singleFile) {
        PolicyEngine engine = PolicyEngine.of(pack);
        List<String> header = List.of(KyvernoOutput.GENERATED_MARK.substring(2) + " from pack " + pack.coordinates()
                + "; do not edit: change the pack and emit again.");
        Map<String, List<Map<String, Object>>> policyFiles = new LinkedHashMap<>();
        Map<String, String> files = new TreeMap<>();
        Map<String, Integer> kinds = new TreeMap<>();
        List<String> emitted = new ArrayList<>();
        List<String> passedThrough = new ArrayList<>();
        List<String> advisory = new ArrayList<>();
        Map<String, String> notEmitted = new TreeMap<>();
        List<String> notes = new ArrayList<>();
        Map<String, String> names = new LinkedHashMap<>();
        int testFiles = 0;
        int expectations = 0;

        for (Policy policy : pack.policies()) {
            if (!policy.enforceable() && policy.format() == PolicyFormat.GUIDEPOST) {
                advisory.add(policy.id());
                continue;
            }
            String policyFile = POLICY_FOLDER + (singleFile ? SINGLE_FILE : policy.id() + ".yaml");
            // an imported Kyverno policy goes to the cluster as it is, even when Guidepost cannot check it
            if (policy.format() != PolicyFormat.GUIDEPOST) {
                if (format == EmitFormat.VALIDATING_ADMISSION_POLICY) {
                    notEmitted.put(policy.id(), "a Kyverno " + policy.format().kind() + " imported into the pack "
                            + "needs Kyverno, and the vap format is for clusters without it");
                    continue;
                }
                add(policyFiles, policyFile, List.of(PolicyAnnotations.passedThrough(policy, pack)), names, kinds,
                        policy);
                passedThrough.add(policy.id());
                for (String note : policy.notes()) {
                    notes.add("'" + policy.id() + "' is passed through with what Guidepost does not check: " + note);
                }
                if (policy.notes().isEmpty()) {
                    policy.advisoryReason().ifPresent(reason -> notes.add("'" + policy.id()
                            + "' is passed through although Guidepost does not check it: " + reason));
                }
                continue;
            }
            EmittedPolicy result;
            try {
                result = switch (format) {
                    case VALIDATING_POLICY -> ValidatingPolicyTarget.emit(policy, pack);
                    case CLUSTER_POLICY -> ClusterPolicyTarget.emit(policy, pack);
                    case VALIDATING_ADMISSION_POLICY -> AdmissionPolicyTarget.emit(policy, pack);
                };
            } catch (NotExpressibleException e) {
                notEmitted.put(policy.id(), "cannot be written as " + format.label() + ": " + e.getMessage());
                continue;
            }
            add(policyFiles, policyFile, result.documents(), names, kinds, policy);
            emitted.add(policy.id());
            result.notes().forEach(note -> notes.add("'" + policy.id() + "': " + note));
            if (tests && !policy.examples().isEmpty()) {
                String folder = TEST_FOLDER + policy.id() + "/";
                KyvernoTestFiles.Output output = KyvernoTestFiles.build(result, engine, "../../" + policyFile,
                        header);
                output.files().forEach((name, content) -> files.put(folder + name, content));
                testFiles += output.tests() > 0 ? 1 : 0;
                expectations += output.expectations();
                notes.addAll(output.notes());
            }
        }
        // the pack's exceptions go to the cluster with its policies, so that it admits what the checks let through
        for (ExceptionDocument exception : exceptions) {
            if (format == EmitFormat.VALIDATING_ADMISSION_POLICY) {
                notes.add("PolicyException '" + exception.name() + "' is not emitted: the vap format is for "
                        + "clusters without Kyverno, which have no exceptions");
                continue;
            }
            Map<String, Object> document = exception.document();
            String name = PlainValues.string(document, "metadata", "namespace") + "/" + exception.name();
            if (names.putIfAbsent("PolicyException " + name, "exception " + exception.name()) != null) {
                throw new GuidepostException(exception.location(), "two PolicyExceptions are named '"
                        + exception.name() + "' in one namespace; rename one of them");
            }
            kinds.merge("PolicyException", 1, Integer::sum);
            String file = POLICY_FOLDER + (singleFile ? SINGLE_FILE : "exception-" + exception.name() + ".yaml");
            policyFiles.computeIfAbsent(file, f -> new ArrayList<>()).add(document);
        }
        if (format == EmitFormat.CLUSTER_POLICY) {
            List<String> newer = pack.policies().stream().filter(p -> passedThrough.contains(p.id())
                    && NEWER_KYVERNO_KINDS.contains(p.format())).map(p -> p.id() + " (" + p.format().kind() + ")")
                    .toList();
            if (!newer.isEmpty()) {
                notes.add("the cluster-policy format is for Kyverno without policies.kyverno.io, but "
                        + String.join(", ", newer) + (newer.size() == 1 ? " is" : " are") + " passed through as "
                        + "written, which a Kyverno without policies.kyverno.io cannot load (that API group came "
                        + "with 1.14, some of its kinds and its v1 version later); leave them out of the pack for "
                        + "an older cluster");
            }
        }
        if (tests && !passedThrough.isEmpty()) {
            notes.add("no Kyverno CLI tests for the " + Plural.count(passedThrough.size(), "Kyverno policy",
                    "Kyverno policies") + " passed through: tests come from a pack policy's examples, and imported "
                    + "policies have none (keep their own kyverno-test.yaml beside them)");
        }
        if (format == EmitFormat.VALIDATING_ADMISSION_POLICY && kinds.getOrDefault(AdmissionPolicyTarget.KIND, 0)
                > emitted.size()) {
            notes.add("Kubernetes has no autogen: Pod policies come with extra policies autogen-<id> (DaemonSets, "
                    + "Deployments, ReplicaSets, StatefulSets, Jobs) and autogen-cronjob-<id> (CronJobs), as "
                    + "Kyverno's autogen would check them");
        }
        List<String> resources = new ArrayList<>();
        policyFiles.forEach((path, documents) -> {
            files.put(path, YamlWriter.write(header, documents));
            resources.add(path.substring(POLICY_FOLDER.length()));
        });
        Map<String, Object> kustomization = new LinkedHashMap<>();
        kustomization.put("apiVersion", "kustomize.config.k8s.io/v1beta1");
        kustomization.put("kind", "Kustomization");
        kustomization.put("resources", resources);
        files.put(POLICY_FOLDER + KUSTOMIZATION, YamlWriter.write(header, List.of(kustomization)));
        return new KyvernoOutput(new TreeMap<>(files), new KyvernoOutput.Summary(pack.coordinates(), format,
                new TreeMap<>(kinds), emitted, passedThrough, advisory, new TreeMap<>(notEmitted), testFiles,
                expectations,
                notes));
    }

    private static void add(Map<String, List<Map<String, Object>>> policyFiles, String path,
            List<Map<String, Object>> documents, Map<String, String> names, Map<String, Integer> kinds,
            Policy policy) {
        for (Map<String, Object> document : documents) {
            String kind = PlainValues.string(document, "kind");
            String name = PlainValues.string(document, "metadata", "namespace") + "/"
                    + PlainValues.string(document, "metadata", "name");
            String earlier = names.putIfAbsent(kind + " " + name, policy.id());
            if (earlier != null) {
                throw new GuidepostException(policy.source(), "policy '" + policy.id() + "' would emit a " + kind
                        + " named '" + PlainValues.string(document, "metadata", "name") + "', and so does policy '"
                        + earlier + "'; rename one of them");
            }
            kinds.merge(kind, 1, Integer::sum);
            policyFiles.computeIfAbsent(path, p -> new ArrayList<>()).add(document);
        }
    }
}
