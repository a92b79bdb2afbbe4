package dev.guidepost.cli.mcp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON schemas of the tools' structured answers ({@code outputSchema}), so that clients can discover the fields
 * an agent should read ({@code blocking}, {@code violations}, ...) and check what they get. They name and type the
 * fields but require none and allow more, so that a later field or an absent optional one never turns an answer
 * into a validation error. An error answer ({@code isError}) has {@code error} (and for unreadable YAML
 * {@code problems}), which every schema declares.
 */
final class OutputSchemas {

    private OutputSchemas() {
    }

    static Map<String, Object> searchPolicies() {
        return answer(Map.of(
                "query", string("The question as asked."),
                "policies", array(hit(), "The best policies, best first."),
                "alsoApplyToKinds", typed("object", "For each Kubernetes kind the query names (StatefulSet, "
                        + "cronjob, pvc), the ids of the other enforceable policies every object of that kind must "
                        + "satisfy, which are not among the hits.")));
    }

    static Map<String, Object> getPolicy() {
        Map<String, Object> fields = new LinkedHashMap<>(summaryFields());
        fields.put("rationale", string("Why the policy exists."));
        fields.put("subject", string("What the policy is about, as its author wrote it."));
        fields.put("owner", string("Who to ask about it."));
        fields.put("keywords", strings("The pack's keywords for it."));
        fields.put("questions", strings("Example questions it answers."));
        fields.put("namespaceLabels", string("The namespace labels its match rules require, when any (env=prod)."));
        fields.put("objectLabels", string("The object labels its match rules require, when any."));
        fields.put("scope", string("What it leaves out beyond its kinds (namespaces, resources, controllers)."));
        fields.put("exceptions", strings("The pack's PolicyExceptions in force that exempt from it."));
        fields.put("rules", array(object(Map.of(
                "name", string("The rule's name."),
                "type", string("validate, mutate, generate, verifyImages, ..."),
                "expressions", strings("Its CEL or pattern expressions."),
                "messages", strings("Its failure messages."),
                "messageExpressions", strings("Its CEL message expressions."))), "The policy's rules."));
        fields.put("variables", array(typed("object", "name and expression"), "CEL variables."));
        fields.put("matchConditions", array(typed("object", "name and expression"), "CEL match conditions."));
        fields.put("validations", array(typed("object", "expression, message and messageExpression"),
                "CEL validations."));
        fields.put("notes", strings("What Guidepost does not check of it."));
        fields.put("advisoryReason", string("Why it is not checked, for an advisory policy."));
        fields.put("examples", object(Map.of(
                "pass", strings("Example manifests as YAML that satisfy this policy (not necessarily the pack's "
                        + "others)."),
                "fail", strings("Non-compliant example manifests as YAML."))));
        fields.put("format", string("guidepost, cluster_policy, validating_policy, ..."));
        fields.put("source", string("The file and line it was read from."));
        fields.put("definition", string("The policy's definition as YAML, without its examples."));
        return answer(fields);
    }

    static Map<String, Object> checkManifest() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("compliant", bool("True only when no policy is violated, every document was read and every rule of "
                + "an Enforce policy was checked."));
        fields.put("blocking", bool("True when an Enforce policy is violated: the cluster would reject the YAML (or, "
                + "for a controller whose message starts 'the Pods this ... creates', the Pods it makes, so the "
                + "rollout stalls). Stop at false."));
        fields.put("nothingChecked", bool("True when no policy selects these kinds."));
        fields.put("uncheckedEnforce", typed("integer", "Rules of Enforce policies that could not be checked here."));
        fields.put("summary", string("Counts of the results."));
        fields.put("manifests", array(manifest(), "The objects read, with their lines (the first "
                + PolicyTools.MAX_STRUCTURED_MANIFESTS + ")."));
        fields.put("manifestsOmitted", typed("integer", "Objects read but left out of manifests."));
        fields.put("violations", array(result(), "The failed results, blocking ones first (the first "
                + PolicyTools.MAX_STRUCTURED_VIOLATIONS + ")."));
        fields.put("violationsOmitted", typed("integer", "Failed results left out of violations."));
        fields.put("notChecked", array(notChecked(), "Rules the cluster checks that could not be checked here, one "
                + "entry per object, those that could block first (the first " + PolicyTools.MAX_STRUCTURED_NOT_CHECKED
                + ")."));
        fields.put("notCheckedOmitted", typed("integer", "Unchecked results left out of notChecked."));
        Map<String, Object> advice = new LinkedHashMap<>(summaryFields());
        advice.put("applies", bool("True when the policy's match rules select one of the objects; false when it is "
                + "only related by meaning."));
        advice.put("score", typed("number", "For guidance related by meaning: how clearly (3+ is strong)."));
        fields.put("advisory", array(object(advice), "Advisory guidance for these objects (never checked): what "
                + "applies first, then what is related by meaning."));
        fields.put("advisoryOmitted", typed("integer", "Advisory policies left out of the list."));
        fields.put("problems", array(problem(), "Documents that were not checked and why."));
        fields.put("unknownExemptions", array(object(Map.of(
                "policy", string("The policy id the annotation names, which the pack does not have."),
                "resource", string("Kind/namespace/name of the annotated object."),
                "line", typed("integer", "The object's line in the given YAML."),
                "similarIds", array(Map.of("type", "string"), "Policy ids it may have meant."),
                "message", string("What is wrong and what to do."))),
                "Exemption annotations (guidepost.dev/ignore-<id>) naming no policy of the pack."));
        fields.put("exemptions", array(object(Map.of(
                "policy", string("The policy the object is exempted from."),
                "resource", string("Kind/namespace/name of the object."),
                "line", typed("integer", "The object's line in the given YAML."),
                "exception", string("The pack's PolicyException that exempts it (the cluster applies it too)."),
                "reason", string("Why, in words."))),
                "Objects the pack's PolicyExceptions exempt from a policy: admitted by the cluster too."));
        return answer(fields);
    }

    static Map<String, Object> listPolicies() {
        return answer(Map.of(
                "pack", string("The pack as name@version."),
                "count", typed("integer", "How many policies are listed."),
                "policies", array(object(summaryFields()), "The policies, in pack order."),
                "unselectedKinds", array(object(Map.of(
                        "kind", string("A kind asked for that no policy selects by its kinds (a typo, or no rules)."),
                        "similarKinds", strings("Kinds of the pack it may mean."))),
                        "Kinds of the filter no policy is about; empty when every kind asked for is.")));
    }

    static Map<String, Object> policiesForManifest() {
        Map<String, Object> fields = new LinkedHashMap<>(manifestFields());
        fields.put("applicable", array(object(summaryFields()), "Policies whose match rules select the object."));
        fields.put("related", array(hit(), "Other policies related by meaning."));
        return answer(Map.of(
                "manifests", array(object(fields), "Each object read (the first 500), with what applies to it."),
                "manifestsOmitted", typed("integer", "Objects read but left out of manifests."),
                "problems", array(problem(), "Documents that were not read and why.")));
    }

    private static Map<String, Object> summaryFields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("id", string("The policy id."));
        fields.put("title", string("Its title."));
        fields.put("severity", string("low, medium, high or critical."));
        fields.put("action", string("Enforce, Audit or Warn (with overrides by namespace, when any)."));
        fields.put("advisory", bool("True for guidance that is never checked."));
        fields.put("category", string("Its category."));
        fields.put("kinds", strings("The Kubernetes kinds it is about."));
        fields.put("checked", bool("True when check_manifest checks it."));
        fields.put("description", string("What it requires."));
        fields.put("remediation", string("How to comply."));
        return fields;
    }

    private static Map<String, Object> hit() {
        Map<String, Object> fields = new LinkedHashMap<>(summaryFields());
        fields.put("score", typed("number", "How clearly it matches (standard deviations above the pack's average; "
                + "3+ is strong)."));
        fields.put("weakMatch", bool("True when it answers the question poorly: its meaning is far from the question "
                + "and it holds at most half of the question's words."));
        fields.put("why", object(Map.of(
                "matchedWords", strings("Words of the question found in the policy."),
                "matchedFields", strings("Where they were found."),
                "similarity", typed("number", "Cosine similarity of meaning."),
                "semanticShare", typed("number", "The share of the score that comes from meaning."))));
        return object(fields);
    }

    private static Map<String, Object> result() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("policy", string("The policy id."));
        fields.put("title", string("The policy's title."));
        fields.put("rule", string("The rule, when the policy has several."));
        fields.put("outcome", string("pass, fail, error, skip or not checked."));
        fields.put("severity", string("The policy's severity."));
        fields.put("action", string("Enforce, Audit or Warn, for this object's namespace."));
        fields.put("blocking", bool("True when the cluster would reject the object for it (or the Pods a controller "
                + "creates, when the message starts 'the Pods this ... creates')."));
        fields.put("message", string("What is wrong."));
        fields.put("remediation", string("How to fix it."));
        fields.put("resource", string("Kind/namespace/name of the object."));
        fields.put("line", typed("integer", "The object's first line in the given YAML."));
        fields.put("fieldLine", typed("integer", "The line of the field the message names (the object's line when "
                + "none is known): where to make the fix."));
        return object(fields);
    }

    private static Map<String, Object> notChecked() {
        Map<String, Object> schema = result();
        @SuppressWarnings("unchecked")
        Map<String, Object> fields = new LinkedHashMap<>((Map<String, Object>) schema.get("properties"));
        fields.put("couldBlock", bool("True for a rule of an Enforce policy that can reject the object."));
        return object(fields);
    }

    private static Map<String, Object> manifestFields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("apiVersion", string("The object's apiVersion."));
        fields.put("kind", string("Its kind."));
        fields.put("namespace", string("Its namespace, empty for cluster-scoped or unset."));
        fields.put("name", string("Its name."));
        fields.put("resource", string("Kind/namespace/name."));
        fields.put("line", typed("integer", "Its first line in the given YAML."));
        return fields;
    }

    private static Map<String, Object> manifest() {
        return object(manifestFields());
    }

    private static Map<String, Object> problem() {
        return object(Map.of(
                "line", typed("integer", "Where the document starts or the problem is."),
                "type", string("What kind of problem."),
                "unreadable", bool("True when the document could not be read at all."),
                "message", string("What is wrong and what to do.")));
    }

    /** A tool's answer: its fields, or on a failed call ({@code isError}) only {@code error}. */
    private static Map<String, Object> answer(Map<String, Object> fields) {
        Map<String, Object> properties = new LinkedHashMap<>(fields);
        properties.put("error", string("Set, instead of the other fields, when the call failed (isError): what was "
                + "wrong and what to send instead."));
        return object(properties);
    }

    private static Map<String, Object> object(Map<String, Object> properties) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", new java.util.TreeMap<>(properties));
        return schema;
    }

    private static Map<String, Object> array(Map<String, Object> items, String description) {
        return Map.of("type", "array", "items", items, "description", description);
    }

    private static Map<String, Object> strings(String description) {
        return array(Map.of("type", "string"), description);
    }

    private static Map<String, Object> string(String description) {
        return typed("string", description);
    }

    private static Map<String, Object> bool(String description) {
        return typed("boolean", description);
    }

    private static Map<String, Object> typed(String type, String description) {
        return Map.of("type", type, "description", description);
    }
}
