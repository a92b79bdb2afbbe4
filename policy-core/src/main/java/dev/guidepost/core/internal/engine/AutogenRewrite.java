package dev.guidepost.core.internal.engine;

import java.util.List;

import dev.guidepost.core.internal.json.Json;
import dev.guidepost.core.internal.yaml.PlainValues;
import dev.guidepost.core.internal.yaml.YamlDocument;
import dev.guidepost.core.internal.yaml.YamlDocuments;

/**
 * Kyverno's autogen text rewrite: a policy written for Pods is turned into one for pod controllers by replacing
 * {@code object.spec} with {@code object.spec.template.spec} (and {@code metadata} likewise) in the serialized
 * policy, exactly as plain text, so messages and any text containing those paths change too.
 */
final class AutogenRewrite {

    /** A textual replacement of a path under {@code object.} and {@code oldObject.}. */
    record Replacement(String from, String to) {
    }

    /** For Deployments, StatefulSets, DaemonSets, ReplicaSets, Jobs (and ReplicationControllers). */
    static final List<Replacement> POD_TEMPLATE = List.of(
            new Replacement("spec", "spec.template.spec"),
            new Replacement("metadata", "spec.template.metadata"));

    /** For CronJobs. */
    static final List<Replacement> CRONJOB_TEMPLATE = List.of(
            new Replacement("spec", "spec.jobTemplate.spec.template.spec"),
            new Replacement("metadata", "spec.jobTemplate.spec.template.metadata"));

    /**
     * Paths that ValidatingPolicy autogen leaves alone: the workload's own namespace and name are kept, since a pod
     * template usually has neither (as current Kyverno does; earlier releases moved the name to the template too,
     * so a message naming the object fell back to its static text).
     */
    private static final List<String> PROTECTED_SUFFIXES = List.of(".namespace", ".name");

    /** Where an occurrence of a path is left as written. */
    @FunctionalInterface
    interface Keep {
        /** True to keep the occurrence at {@code start} (its path ends at {@code end}) of {@code text}. */
        boolean at(String text, int start, int end);
    }

    private AutogenRewrite() {
    }

    /** The replacements of a CEL policy's autogen variant, {@code defaults} or {@code cronjobs}. */
    static List<Replacement> template(String variant) {
        return variant.equals(ValidatingPolicyAutogen.CRONJOBS) ? CRONJOB_TEMPLATE : POD_TEMPLATE;
    }

    /** ValidatingPolicy autogen: rewrites {@code object.} and {@code oldObject.} paths, keeping protected ones. */
    static Object validatingPolicy(Object spec, List<Replacement> replacements) {
        String json = Json.pretty(spec); // keeps the key order of the policy as written
        for (Replacement r : replacements) {
            json = replace(json, "object." + r.from(), "object." + r.to(), AutogenRewrite::isProtected);
            json = replace(json, "oldObject." + r.from(), "oldObject." + r.to(), AutogenRewrite::isProtected);
        }
        return parse(json);
    }

    /**
     * ClusterPolicy autogen: plain replacement in the whole rule. A {@code validate.cel} rule has its
     * {@code object.} and {@code oldObject.} paths replaced (which covers {@code request.object.} too); any other
     * rule only {@code request.object.} and {@code request.oldObject.} ones, so a JMESPath variable such as
     * {@code rawobject.spec} keeps reading the workload, as in Kyverno.
     */
    static Object clusterPolicy(Object rule, List<Replacement> replacements) {
        boolean cel = PlainValues.at(rule, "validate", "cel") != null;
        String prefix = cel ? "" : "request.";
        String json = Json.pretty(rule);
        for (Replacement r : replacements) {
            json = json.replace(prefix + "object." + r.from(), prefix + "object." + r.to());
            json = json.replace(prefix + "oldObject." + r.from(), prefix + "oldObject." + r.to());
        }
        return parse(json);
    }

    /** {@code text} with every occurrence of {@code from} replaced by {@code to}, except those {@code keep} keeps. */
    static String replace(String text, String from, String to, Keep keep) {
        StringBuilder out = new StringBuilder(text.length() + 64);
        int start = 0;
        int index = text.indexOf(from);
        while (index >= 0) {
            out.append(text, start, index);
            int after = index + from.length();
            out.append(keep.at(text, index, after) ? from : to);
            start = after;
            index = text.indexOf(from, after);
        }
        out.append(text, start, text.length());
        return out.toString();
    }

    private static boolean isProtected(String text, int start, int at) {
        for (String suffix : PROTECTED_SUFFIXES) {
            if (text.startsWith(suffix, at)) {
                int next = at + suffix.length();
                if (next >= text.length() || !isIdentifierChar(text.charAt(next))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isIdentifierChar(char c) {
        return c == '_' || Character.isLetterOrDigit(c) && c < 128;
    }

    private static Object parse(String json) {
        List<YamlDocument> docs = YamlDocuments.parse(json, "<autogen>");
        if (docs.size() != 1 || docs.get(0).problem() != null) {
            throw new IllegalStateException("autogen produced unreadable JSON: "
                    + (docs.isEmpty() ? "nothing" : docs.get(0).problem()));
        }
        return docs.get(0).value();
    }
}
