package dev.guidepost.core.internal.pack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.guidepost.core.Action;
import dev.guidepost.core.GuidepostException;
import dev.guidepost.core.Manifest;
import dev.guidepost.core.ManifestProblem;
import dev.guidepost.core.Manifests;
import dev.guidepost.core.Policy;
import dev.guidepost.core.PolicyFormat;
import dev.guidepost.core.Severity;
import dev.guidepost.core.SourceLocation;
import dev.guidepost.core.internal.yaml.PlainValues;

/**
 * Reads a policy in Guidepost's format ({@code guidepost.dev/v1alpha1}, kind {@code Policy}) and checks it
 * strictly: unknown fields, missing text, bad names and malformed rules are errors that name the file and line.
 */
final class GuidepostPolicyReader {

    static final String API_GROUP = "guidepost.dev";
    /** The apiVersion of Guidepost policies. */
    static final String API_VERSION = API_GROUP + "/v1alpha1";

    private static final Set<String> SPEC_FIELDS = Set.of("title", "description", "rationale", "keywords",
            "questions", "category", "subject", "severity", "owner", "remediation", "action", "match",
            "matchConditions", "variables", "validations", "auditAnnotations", "autogen", "examples", "failurePolicy");
    /** Fields that hold one piece of text; a list or mapping there is a mistake, never read as a default. */
    private static final List<String> TEXT_FIELDS = List.of("title", "description", "rationale", "category",
            "subject", "severity", "owner", "remediation", "action", "failurePolicy");
    /** Fields that hold a mapping. */
    private static final List<String> MAP_FIELDS = List.of("match", "examples");
    private static final Set<String> SHORT_MATCH_FIELDS = Set.of("kinds", "namespaces", "excludeNamespaces",
            "labels", "operations");
    /** Short-form match fields that hold a list of names. */
    private static final List<String> SHORT_MATCH_LISTS = List.of("kinds", "namespaces", "excludeNamespaces",
            "operations");
    private static final Set<String> LONG_MATCH_FIELDS = Set.of("resourceRules", "excludeResourceRules",
            "namespaceSelector", "objectSelector", "matchPolicy");

    private GuidepostPolicyReader() {
    }

    /** The fields of a policy document. */
    private static final Set<String> TOP_FIELDS = Set.of("apiVersion", "kind", "metadata", "spec");

    static Policy read(PolicyDocument doc) {
        Map<String, Object> root = doc.root();
        for (String key : root.keySet()) {
            if (!TOP_FIELDS.contains(key)) {
                List<String> similar = IdSimilarity.similar(TOP_FIELDS, key);
                throw doc.error("unknown field '" + key + "' in the policy document; "
                        + (similar.isEmpty() ? "" : "did you mean " + similar.get(0) + "? ")
                        + "it has apiVersion, kind, metadata and spec (the policy's fields go under spec)", key);
            }
        }
        String id = PlainValues.string(root, "metadata", "name");
        if (id.isEmpty()) {
            throw doc.error("the policy has no metadata.name; give it an id such as 'require-resource-limits'",
                    "metadata");
        }
        if (!Texts.isDnsSubdomain(id)) {
            throw doc.error("the policy id '" + id + "' is not a valid name: use lower-case letters, digits and "
                    + "'-' (DNS-1123), for example 'databases-in-us-east-1'", "metadata", "name");
        }
        if (!(root.get("spec") instanceof Map<?, ?>)) {
            throw doc.error("policy '" + id + "' has no spec; add spec.title, spec.description and its rules",
                    "spec");
        }
        Map<String, Object> spec = PlainValues.map(root, "spec");
        for (String key : spec.keySet()) {
            if (!SPEC_FIELDS.contains(key)) {
                List<String> similar = IdSimilarity.similar(SPEC_FIELDS, key);
                throw doc.error("unknown field 'spec." + key + "' in policy '" + id + "'; "
                        + (similar.isEmpty() ? "" : "did you mean spec." + similar.get(0) + "? ") + "known fields: "
                        + String.join(", ", new java.util.TreeSet<>(SPEC_FIELDS)), "spec", key);
            }
        }
        checkShapes(doc, id, spec);
        String description = Texts.oneLine(PlainValues.string(spec, "description"));
        if (description.isEmpty()) {
            throw doc.error("policy '" + id + "' has no spec.description; describe the rule the way people say it",
                    "spec");
        }
        Severity severity = optionalEnum(doc, spec, "severity", Severity::parse, Severity.MEDIUM,
                "low, medium, high or critical");
        Action action = optionalEnum(doc, spec, "action", Action::parse, Action.AUDIT, "Enforce, Audit or Warn");

        List<Map<String, Object>> validations = objects(doc, spec, "validations");
        List<Map<String, Object>> conditions = objects(doc, spec, "matchConditions");
        List<Map<String, Object>> variables = objects(doc, spec, "variables");
        checkExpressions(doc, validations, "validations", true);
        checkExpressions(doc, conditions, "matchConditions", false);
        checkExpressions(doc, variables, "variables", false);

        Map<String, Object> match = PlainValues.map(spec, "match");
        checkMatch(doc, id, match, !validations.isEmpty());
        try {
            ValidatingPolicyTranslator.matchConstraints(match);
        } catch (IllegalArgumentException e) {
            throw doc.error("spec.match.kinds: " + e.getMessage(), "spec", "match", "kinds");
        }
        try {
            ValidatingPolicyTranslator.autogen(spec.get("autogen"));
        } catch (IllegalArgumentException e) {
            throw doc.error("spec.autogen: " + e.getMessage(), "spec", "autogen");
        }

        List<String> expressions = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        for (Map<String, Object> v : validations) {
            expressions.add(PlainValues.string(v, "expression"));
            String message = PlainValues.string(v, "message");
            if (!message.isEmpty()) {
                messages.add(message);
            }
        }
        for (Map<String, Object> c : conditions) {
            expressions.add(PlainValues.string(c, "expression"));
        }
        List<String> messageExpressions = validations.stream().map(v -> PlainValues.string(v, "messageExpression"))
                .filter(m -> !m.isEmpty()).toList();
        List<Policy.Rule> rules = validations.isEmpty() ? List.of()
                : List.of(new Policy.Rule("", "cel", expressions, messages, messageExpressions));
        Optional<String> advisory = validations.isEmpty()
                ? Optional.of("the policy has no validations")
                : Optional.empty();
        Policy.Examples examples = examples(doc, id, PlainValues.map(spec, "examples"));
        if (advisory.isPresent() && !examples.isEmpty()) {
            throw doc.error("advisory policy '" + id + "' has examples but no validations to test them with",
                    "spec", "examples");
        }
        String title = Texts.oneLine(PlainValues.string(spec, "title"));
        return new Policy(id,
                title.isEmpty() ? Texts.humanize(id) : title,
                description,
                Texts.oneLine(PlainValues.string(spec, "rationale")),
                strings(doc, spec, "keywords"),
                strings(doc, spec, "questions"),
                PlainValues.string(spec, "category"),
                PlainValues.string(spec, "subject"),
                severity,
                PlainValues.string(spec, "owner"),
                Texts.oneLine(PlainValues.string(spec, "remediation")),
                action,
                MatchKinds.ofGuidepost(match, spec.get("autogen")),
                PolicyFormat.GUIDEPOST,
                rules,
                List.of(),
                advisory,
                examples,
                doc.location(),
                root);
    }

    /**
     * Text fields must hold text and mapping fields a mapping: {@code action: [Deny]} would otherwise read as no
     * action at all and quietly make an Enforce policy Audit.
     */
    private static void checkShapes(PolicyDocument doc, String id, Map<String, Object> spec) {
        for (String key : TEXT_FIELDS) {
            Object value = spec.get(key);
            if (value instanceof Map || value instanceof List) {
                String shape = value instanceof Map ? "a mapping" : "a list";
                String hint = switch (key) {
                    case "action" -> "; write one action: Enforce, Audit or Warn (Kyverno's validationActions "
                            + "[Deny] is action: Enforce)";
                    case "severity" -> "; write one of low, medium, high or critical";
                    default -> "; write it as text (use '>-' for several lines)";
                };
                throw doc.error("spec." + key + " of policy '" + id + "' is " + shape + ", not text" + hint,
                        "spec", key);
            }
        }
        for (String key : MAP_FIELDS) {
            Object value = spec.get(key);
            if (value != null && !(value instanceof Map)) {
                throw doc.error("spec." + key + " of policy '" + id + "' must be a mapping"
                        + (key.equals("match") ? ", for example 'match: {kinds: [Deployment]}'"
                                : ", for example 'examples: {pass: [...], fail: [...]}'"), "spec", key);
            }
        }
        Map<String, Object> match = PlainValues.map(spec, "match");
        for (String key : SHORT_MATCH_LISTS) {
            Object value = match.get(key);
            if (value != null && !(value instanceof List)) {
                throw doc.error("spec.match." + key + " must be a list, for example '" + key + ": ["
                        + (value instanceof Map ? "..." : value) + "]'", "spec", "match", key);
            }
        }
        if (match.get("labels") != null && !(match.get("labels") instanceof Map)) {
            throw doc.error("spec.match.labels must be a mapping of label to value, for example "
                    + "'labels: {app.kubernetes.io/part-of: shop}'", "spec", "match", "labels");
        }
    }

    private static <T> T optionalEnum(PolicyDocument doc, Map<String, Object> spec, String key,
            java.util.function.Function<String, Optional<T>> parser, T fallback, String allowed) {
        String text = PlainValues.string(spec, key);
        if (text.isEmpty()) {
            return fallback;
        }
        return parser.apply(text).orElseThrow(() -> doc.error(
                "spec." + key + " is '" + text + "'; use " + allowed, "spec", key));
    }

    private static List<String> strings(PolicyDocument doc, Map<String, Object> spec, String key) {
        Object value = spec.get(key);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw doc.error("spec." + key + " must be a list of words or phrases", "spec", key);
        }
        List<String> out = new ArrayList<>();
        for (Object item : list) {
            if (item instanceof Map || item instanceof List || item == null) {
                throw doc.error("spec." + key + " must hold plain text items", "spec", key);
            }
            out.add(String.valueOf(item).strip());
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> objects(PolicyDocument doc, Map<String, Object> spec, String key) {
        Object value = spec.get(key);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw doc.error("spec." + key + " must be a list", "spec", key);
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map<?, ?> map)) {
                throw doc.error("spec." + key + "[" + i + "] must be a mapping", "spec", key, i);
            }
            out.add((Map<String, Object>) map);
        }
        return out;
    }

    /** {@code quantity('...')} with a string literal, whose value is known when the policy loads. */
    private static final java.util.regex.Pattern QUANTITY_LITERAL = java.util.regex.Pattern.compile(
            "(?<![.\\w])quantity\\(\\s*(?:'([^'\\\\]*)'|\"([^\"\\\\]*)\")\\s*\\)");

    /**
     * Refuses a quantity literal that is no quantity ({@code quantity('8GB')}) in a Guidepost policy: it could only
     * fail each time the expression runs, so the author hears of it where it is written. (Kyverno loads such a
     * policy and fails when it evaluates it; imported Kyverno policies are left to do the same.)
     */
    private static void checkQuantityLiterals(PolicyDocument doc, String expression, Object... path) {
        java.util.regex.Matcher literal = QUANTITY_LITERAL.matcher(expression);
        while (literal.find()) {
            String value = literal.group(1) != null ? literal.group(1) : literal.group(2);
            try {
                dev.guidepost.core.internal.cel.Quantity.parse(value);
            } catch (IllegalArgumentException e) {
                throw doc.error("spec." + path[1] + "[" + path[2] + "]." + path[3] + " has " + literal.group()
                        + ", which is no quantity; write it as Kubernetes does (8Gi, 500m, 2)", path);
            }
        }
    }

    private static void checkExpressions(PolicyDocument doc, List<Map<String, Object>> items, String key,
            boolean validation) {
        Set<String> names = new LinkedHashSet<>();
        List<String> fields = validation ? List.of("expression", "message", "messageExpression", "reason")
                : List.of("name", "expression");
        for (int i = 0; i < items.size(); i++) {
            Map<String, Object> item = items.get(i);
            for (String field : item.keySet()) {
                if (!fields.contains(field)) {
                    String meant = IdSimilarity.didYouMean(IdSimilarity.similar(fields, field));
                    throw doc.error("unknown field '" + field + "' in spec." + key + "[" + i + "]" + meant
                            + (meant.isEmpty() ? "; the" : " The") + " fields there are " + String.join(", ", fields),
                            "spec", key, i, field);
                }
                if (item.get(field) instanceof Map || item.get(field) instanceof List) {
                    throw doc.error("spec." + key + "[" + i + "]." + field + " must be text, not "
                            + (item.get(field) instanceof Map ? "a mapping" : "a list"), "spec", key, i, field);
                }
            }
            if (PlainValues.string(item, "expression").isBlank()) {
                throw doc.error("spec." + key + "[" + i + "] has no expression; write it in CEL, for example "
                        + (validation ? "\"object.spec.replicas >= 2\"" : "\"object.spec.?replicas.orValue(1)\""),
                        "spec", key, i);
            }
            for (String field : List.of("expression", "messageExpression")) {
                checkQuantityLiterals(doc, PlainValues.string(item, field), "spec", key, i, field);
            }
            if (!validation) {
                String name = PlainValues.string(item, "name");
                if (name.isEmpty()) {
                    throw doc.error("spec." + key + "[" + i + "] has no name", "spec", key, i);
                }
                if (!names.add(name)) {
                    throw doc.error("spec." + key + " has two entries named '" + name + "'", "spec", key, i);
                }
                if (key.equals("variables") && !name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                    // read as variables.<name> in CEL, which Kubernetes and Kyverno check when the policy is applied
                    throw doc.error("variable name '" + name + "' is not a CEL identifier; use letters, digits and _ "
                            + "(for example " + name.replaceAll("[^A-Za-z0-9_]", "_") + ")", "spec", key, i, "name");
                }
            }
        }
    }

    private static void checkMatch(PolicyDocument doc, String id, Map<String, Object> match, boolean required) {
        if (match.isEmpty()) {
            if (required) {
                throw doc.error("policy '" + id + "' has validations but no spec.match; say which kinds it checks, "
                        + "for example 'match: {kinds: [Deployment, StatefulSet]}'", "spec");
            }
            return;
        }
        boolean shortForm = false;
        boolean longForm = false;
        for (String key : match.keySet()) {
            if (SHORT_MATCH_FIELDS.contains(key)) {
                shortForm = true;
            } else if (LONG_MATCH_FIELDS.contains(key)) {
                longForm = true;
            } else {
                throw doc.error("unknown field 'spec.match." + key + "'; use kinds (with namespaces, "
                        + "excludeNamespaces, labels, operations) or ValidatingPolicy's matchConstraints fields "
                        + "(resourceRules, excludeResourceRules, namespaceSelector, objectSelector)",
                        "spec", "match", key);
            }
        }
        if (shortForm && longForm) {
            throw doc.error("spec.match mixes the short form (kinds, ...) with matchConstraints fields "
                    + "(resourceRules, ...); use one of them", "spec", "match");
        }
        if (shortForm && PlainValues.strings(match, "kinds").isEmpty()) {
            throw doc.error("spec.match.kinds must list at least one kind", "spec", "match");
        }
        for (String kind : PlainValues.strings(match, "kinds")) {
            if (!MatchKinds.isValidKindReference(kind)) {
                throw doc.error("spec.match.kinds has '" + kind + "'; write Kind, version/Kind or "
                        + "group/version/Kind (for example apps/v1/Deployment)", "spec", "match", "kinds");
            }
        }
        for (String key : List.of("namespaces", "excludeNamespaces")) {
            List<String> names = PlainValues.strings(match, key);
            for (int i = 0; i < names.size(); i++) {
                checkNamespaceName(doc, key, names.get(i), i);
            }
        }
    }

    /**
     * A namespace of {@code match.namespaces}: the policy selects it by its {@code kubernetes.io/metadata.name}
     * label, which holds the whole name, so a pattern would match nothing in the cluster (and an API server refuses
     * a selector value with {@code *}).
     */
    private static void checkNamespaceName(PolicyDocument doc, String key, String name, int index) {
        if (name.contains("*") || name.contains("?")) {
            throw doc.error("spec.match." + key + " has the pattern '" + name + "'; list whole namespace names: "
                    + "the policy selects namespaces by their kubernetes.io/metadata.name label, which matches whole "
                    + "names only. To select a family of namespaces, label them and use namespaceSelector",
                    "spec", "match", key, index);
        }
        if (!name.matches("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?")) {
            throw doc.error("spec.match." + key + " has '" + name + "', which is no namespace name (lower-case "
                    + "letters, digits and '-', at most 63, starting and ending with a letter or digit)",
                    "spec", "match", key, index);
        }
    }

    private static Policy.Examples examples(PolicyDocument doc, String id, Map<String, Object> examples) {
        for (String key : examples.keySet()) {
            if (!key.equals("pass") && !key.equals("fail")) {
                throw doc.error("unknown field 'spec.examples." + key + "'; use pass and fail", "spec", "examples",
                        key);
            }
        }
        return new Policy.Examples(exampleList(doc, id, examples, "pass"), exampleList(doc, id, examples, "fail"));
    }

    private static List<Manifest> exampleList(PolicyDocument doc, String id, Map<String, Object> examples,
            String key) {
        List<Manifest> out = new ArrayList<>();
        Object value = examples.get(key);
        if (value == null) {
            return out;
        }
        if (!(value instanceof List<?> list)) {
            throw doc.error("spec.examples." + key + " must be a list of manifests or {file: path} entries",
                    "spec", "examples", key);
        }
        for (int i = 0; i < list.size(); i++) {
            Object item = list.get(i);
            SourceLocation at = doc.locationOf("spec", "examples", key, i);
            if (item instanceof Map<?, ?> map && map.containsKey("file") && !map.containsKey("apiVersion")) {
                out.addAll(exampleFile(doc, String.valueOf(map.get("file")), at, id));
            } else if (item instanceof Map<?, ?> map && map.containsKey("apiVersion") && map.containsKey("kind")) {
                @SuppressWarnings("unchecked")
                Map<String, Object> object = (Map<String, Object>) map;
                out.add(Manifest.of(object, at));
            } else {
                throw new GuidepostException(at, "spec.examples." + key + "[" + i + "] of policy '"
                        + id + "' is neither a manifest (with apiVersion and kind) nor {file: path}");
            }
        }
        return out;
    }

    private static List<Manifest> exampleFile(PolicyDocument doc, String file, SourceLocation at, String id) {
        if (doc.folder() == null) {
            throw new GuidepostException(at, "example file '" + file
                    + "' cannot be resolved: the policy was not read from a folder; inline the manifest instead");
        }
        Path path = doc.folder().resolve(file).normalize();
        if (!Files.isRegularFile(path)) {
            throw new GuidepostException(at, "example file '" + file + "' does not exist (looked at "
                    + path + ")");
        }
        Manifests manifests = Manifests.load(path);
        List<ManifestProblem> problems = manifests.problems();
        if (!problems.isEmpty()) {
            throw new GuidepostException(problems.get(0).location(), "example file '" + file + "' of policy '" + id
                    + "' (named at " + at + ") cannot be used: " + problems.get(0).message()
                    .replaceFirst(";? skipped\\b.*$", ""));
        }
        if (manifests.manifests().isEmpty()) {
            throw new GuidepostException(at, "example file '" + file + "' holds no manifest");
        }
        return manifests.manifests();
    }
}
