package dev.guidepost.core.internal.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.guidepost.core.Manifest;
import dev.guidepost.core.internal.yaml.PlainValues;

/**
 * Kyverno PolicyExceptions among the manifests a check reads, rather than in the pack: the check does not apply them
 * (the cluster applies an exception once it exists, where its Kyverno allows exceptions), so a violation of a policy
 * one names says so, instead of leaving the reader to wonder why the exception written beside it did nothing.
 */
public final class ManifestExceptions {

    private ManifestExceptions() {
    }

    /** The policies the manifests' PolicyExceptions name ({@code *} for all), each with the exceptions naming it. */
    public static Map<String, List<String>> namedPolicies(List<Manifest> manifests) {
        Map<String, List<String>> named = new TreeMap<>();
        for (Manifest manifest : manifests) {
            if (!manifest.kind().equals("PolicyException")) {
                continue;
            }
            String group = manifest.apiVersion().contains("/")
                    ? manifest.apiVersion().substring(0, manifest.apiVersion().indexOf('/')) : "";
            List<String> policies = new ArrayList<>();
            if (group.equals("kyverno.io")) {
                for (Object entry : PlainValues.list(manifest.object(), "spec", "exceptions")) {
                    String name = PlainValues.string(entry, "policyName");
                    // a namespaced Policy is named namespace/name
                    policies.add(name.substring(name.indexOf('/') + 1));
                }
            } else if (group.equals("policies.kyverno.io")) {
                for (Object ref : PlainValues.list(manifest.object(), "spec", "policyRefs")) {
                    policies.add(PlainValues.string(ref, "name"));
                }
            }
            String exception = manifest.resource().toString();
            policies.stream().filter(p -> !p.isBlank()).forEach(p -> named.computeIfAbsent(p, k -> new ArrayList<>())
                    .add(exception));
        }
        return named;
    }

    /** The exceptions among the manifests that name the policy, or none. */
    public static List<String> naming(Map<String, List<String>> named, String policyId) {
        List<String> out = new ArrayList<>(named.getOrDefault(policyId, List.of()));
        out.addAll(named.getOrDefault("*", List.of()));
        return out;
    }

    /** What a violation of a policy such exceptions name adds to its message. */
    public static String note(List<String> exceptions) {
        return " [" + String.join(", ", exceptions) + " among the manifests checked "
                + (exceptions.size() == 1 ? "names" : "name") + " this policy, but a check applies only the pack's "
                + "PolicyExceptions (the cluster applies one once it exists, where its Kyverno allows exceptions): "
                + "to have the check exempt this resource, add the exception to the pack]";
    }
}
