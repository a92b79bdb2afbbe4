package dev.guidepost.core.internal.podsecurity;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import dev.guidepost.core.internal.yaml.PlainValues;

/**
 * Kyverno's {@code validate.podSecurity}: the Pod Security Standards checks of a level and version, minus the
 * rule's exclusions, on the pod of a Pod, a pod controller or a CronJob.
 */
public final class PodSecurity {

    private static final Set<String> TEMPLATE_KINDS = Set.of("DaemonSet", "Deployment", "Job", "StatefulSet",
            "ReplicaSet", "ReplicationController");

    /** What the evaluation concluded. */
    public enum Status { PASS, FAIL, ERROR }

    /**
     * The verdict: on FAIL the failed checks as Kyverno prints them; on ERROR the reason.
     *
     * @param status  pass, fail or error
     * @param details the failed checks ({@code (Forbidden reason: ..., field error list: [...])}) or the error
     */
    public record Verdict(Status status, String details) {
    }

    private PodSecurity() {
    }

    /**
     * Evaluates a rule's {@code podSecurity} block on a resource.
     *
     * @param podSecurity the block: level, version, exclude
     * @param resource    the Pod, pod controller or CronJob
     */
    public static Verdict evaluate(Map<String, Object> podSecurity, Map<String, Object> resource) {
        PodView pod = PodView.of(resource);
        if (pod == null) {
            return new Verdict(Status.ERROR, "Error while getting new resource: could not find correct resource type");
        }
        String versionText = PlainValues.string(podSecurity, "version");
        PodSecurityVersion version = PodSecurityVersion.parse(versionText);
        if (version == null) {
            return new Verdict(Status.ERROR, "failed to parse pod security api version: invalid version \""
                    + versionText + "\"");
        }
        PodSecurityLevel level = PodSecurityLevel.parse(PlainValues.string(podSecurity, "level"));
        List<CheckResult> failures = PodSecurityChecks.evaluate(level, version, pod);
        for (Object entry : PlainValues.list(podSecurity, "exclude")) {
            failures = Exclusion.of(entry).apply(failures, level, version, pod);
        }
        if (failures.isEmpty()) {
            return new Verdict(Status.PASS, "");
        }
        String kind = PlainValues.string(resource, "kind");
        return new Verdict(Status.FAIL, failures.stream().map(CheckResult::text).map(t -> fieldsFor(kind, t))
                .collect(Collectors.joining()));
    }

    /** Kyverno's convertChecks: field paths as seen from a controller's pod template. */
    private static String fieldsFor(String kind, String text) {
        String out = text;
        if (TEMPLATE_KINDS.contains(kind)) {
            out = out.replace("spec", "spec.template.spec");
        } else if (kind.equals("CronJob")) {
            out = out.replace("spec", "spec.jobTemplate.spec.template.spec");
        }
        return out.replace("metadata", "spec.template.metadata");
    }
}
