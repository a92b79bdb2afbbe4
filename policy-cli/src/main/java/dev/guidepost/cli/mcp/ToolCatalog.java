package dev.guidepost.cli.mcp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The tools the MCP server offers: name, a description written for an AI agent (when to call it and what comes
 * back), the JSON schema of its input, and the {@link PolicyTools} method that answers it.
 */
public final class ToolCatalog {

    /** The longest search query: a question, not a manifest (the model reads only its first 128 word pieces). */
    static final int MAX_QUERY_CHARS = 1000;

    /** One tool. */
    public record Entry(String name, String title, String description, Map<String, Object> inputSchema,
            Map<String, Object> outputSchema, Function<Map<String, Object>, ToolAnswer> handler) {
    }

    private ToolCatalog() {
    }

    /** Every tool, in the order an agent uses them: find, read, check, list, discover. */
    public static List<Entry> of(PolicyTools tools) {
        return List.of(
                new Entry("search_policies", "Search the company's Kubernetes policies",
                        "Find the company's Kubernetes policies that apply to what you are about to do, by meaning "
                                + "(\"can my container run as root?\", \"expose a service to the internet\", "
                                + "\"postgres database\"). Call this BEFORE writing or changing a Kubernetes "
                                + "manifest, then follow the remediation of every relevant hit, and call "
                                + "check_manifest before proposing the YAML. Returns the best policies with id, "
                                + "title, severity, score (higher is a clearer match; 3+ is strong), description "
                                + "and remediation. Search ranks by meaning and returns only the best few: for "
                                + "EVERY policy that applies to a kind (everything a StatefulSet must satisfy), "
                                + "call list_policies with that kind.",
                        schema(Map.of(
                                "query", Map.of("type", "string", "minLength", 1, "maxLength", MAX_QUERY_CHARS,
                                        "description", "What you are about to do or want to know, in plain words, "
                                                + "e.g. \"deploy a Postgres database\" (a sentence or two; for YAML "
                                                + "call policies_for_manifest)."),
                                "limit", Map.of("type", "integer", "minimum", 1, "maximum", 50,
                                        "description", "How many policies to return (default 5)."),
                                "kinds", Map.of("type", "array", "items", Map.of("type", "string"),
                                        "description", "Only policies about these Kubernetes kinds, e.g. "
                                                + "[\"Deployment\", \"Service\"]."),
                                "category", property("string", "Only policies in this category (list_policies "
                                        + "names the categories).")),
                                List.of("query")),
                        OutputSchemas.searchPolicies(),
                        arguments -> tools.searchPolicies(arguments)),
                new Entry("get_policy", "Read one policy in full",
                        "Read one policy in full by its id (from search_policies or list_policies): the rule in "
                                + "plain English, why it exists, how to comply, its CEL rule, and compliant "
                                + "(pass) and non-compliant (fail) example manifests. Use it when a hit's "
                                + "remediation is not enough to write compliant YAML; the pass examples show how to "
                                + "satisfy this policy (they need not satisfy the pack's others: check_manifest what "
                                + "you write).",
                        schema(Map.of("id", text("The policy id, e.g. require-run-as-non-root.")),
                                List.of("id")),
                        OutputSchemas.getPolicy(),
                        arguments -> tools.getPolicy(arguments)),
                new Entry("check_manifest", "Check Kubernetes YAML against the policies",
                        "Check Kubernetes manifest YAML (one or more documents separated by ---) against every "
                                + "policy, as the cluster's Kyverno admission would (include the Namespace manifest "
                                + "when policies select namespaces by label). Call it on every "
                                + "manifest you write or change BEFORE proposing it, and again after each fix "
                                + "until nothing is blocking. The first line says: 'Not compliant' (each violation "
                                + "with policy id, message, remediation, the line in the given YAML, and whether it "
                                + "is blocking: an Enforce policy the cluster would reject it for; Audit and Warn "
                                + "findings do not block a deploy), 'Nothing checked' (no policy selects these "
                                + "kinds), 'No violations found, but' rules the cluster checks were not checked "
                                + "here (listed under 'Not checked here', e.g. the Namespace manifest is missing), "
                                + "or 'Compliant'. Unreadable YAML is an error naming the line. Exemption "
                                + "annotations (guidepost.dev/ignore-<policy-id>) are not honoured here, because "
                                + "the cluster does not honour them: fix the YAML instead.",
                        schema(Map.of("yaml", text("The manifest YAML text (or JSON) to check."),
                                "namespace", property("string", "The namespace the objects are deployed to "
                                        + "(kubectl apply -n, helm install --namespace): objects that name none are "
                                        + "checked in it rather than in default.")),
                                List.of("yaml")),
                        OutputSchemas.checkManifest(),
                        arguments -> tools.checkManifest(arguments)),
                new Entry("list_policies", "List the policies",
                        "List every policy of the pack (id, severity, action, title, kinds), optionally only one "
                                + "category (e.g. Security) or one Kubernetes kind (e.g. Ingress), then with each "
                                + "policy's fix (up to " + PolicyTools.MAX_DETAILED_LIST + "). With a kind it "
                                + "is the complete list of the rules a manifest of that kind must satisfy (pod "
                                + "rules included for Deployments, StatefulSets, Jobs and other pod controllers): "
                                + "call it before writing a new kind of object. search_policies finds the rules for "
                                + "a task by meaning.",
                        schema(Map.of(
                                "category", property("string", "Only policies in this category."),
                                "kind", property("string", "Only policies about this Kubernetes kind (several: "
                                        + "separate them with commas, e.g. \"Deployment,Service\").")),
                                List.of()),
                        OutputSchemas.listPolicies(),
                        arguments -> tools.listPolicies(arguments)),
                new Entry("policies_for_manifest", "Policies that apply to a manifest",
                        "Given manifest YAML, list the policies that apply to each object by their match rules "
                                + "(check_manifest enforces these; advisory ones among them are guidance, never "
                                + "checked) and other policies related by meaning (worth reading: they do not "
                                + "select the object). "
                                + "Use it on existing YAML to learn which rules matter before editing it.",
                        schema(Map.of("yaml", text("The manifest YAML text.")), List.of("yaml")),
                        OutputSchemas.policiesForManifest(),
                        arguments -> tools.policiesForManifest(arguments)));
    }

    /** A required text argument: a string that must not be empty. */
    private static Map<String, Object> text(String description) {
        return Map.of("type", "string", "minLength", 1, "description", description);
    }

    private static Map<String, Object> property(String type, String description) {
        return Map.of("type", type, "description", description);
    }

    private static Map<String, Object> schema(Map<String, Object> properties, List<String> required) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", new java.util.TreeMap<>(properties));
        schema.put("required", required);
        schema.put("additionalProperties", false);
        return schema;
    }
}
