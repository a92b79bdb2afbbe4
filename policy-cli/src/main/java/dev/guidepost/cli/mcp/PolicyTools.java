package dev.guidepost.cli.mcp;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import dev.guidepost.cli.render.FilterValues;
import dev.guidepost.cli.render.PolicyIds;
import dev.guidepost.cli.render.PolicyMaps;
import dev.guidepost.cli.render.PolicyText;
import dev.guidepost.cli.render.Style;
import dev.guidepost.core.Action;
import dev.guidepost.core.Exemption;
import dev.guidepost.core.GuidepostException;
import dev.guidepost.core.KnowledgeBase;
import dev.guidepost.core.Manifest;
import dev.guidepost.core.ManifestDiscovery;
import dev.guidepost.core.ManifestProblem;
import dev.guidepost.core.Manifests;
import dev.guidepost.core.Outcome;
import dev.guidepost.core.Policy;
import dev.guidepost.core.PolicyEngine;
import dev.guidepost.core.PolicyFormat;
import dev.guidepost.core.Report;
import dev.guidepost.core.Result;
import dev.guidepost.core.SearchHit;
import dev.guidepost.core.SearchRequest;
import dev.guidepost.core.UnknownExemption;

/**
 * The five things an agent can ask of a pack, over a knowledge base and an engine built once: search, get one
 * policy, check YAML, list, and the policies for a manifest. Every answer is text plus structured JSON; wrong
 * input is an error answer that says what to do, never an exception. Independent of the MCP SDK; thread-safe.
 */
public final class PolicyTools {

    /** The source name of YAML given in a call; lines in answers count from its first line. */
    static final String INPUT = "<input>";
    static final int DEFAULT_SEARCH_LIMIT = 5;
    static final int RELATED_LIMIT = 5;
    /** How many advisory policies related by meaning check_manifest names per manifest. */
    static final int RELATED_ADVISORY = 2;
    /** How many manifests of one check_manifest call get advisory guidance. */
    static final int ADVISORY_MANIFESTS = 20;
    /** The most advisory policies a check's answer names: those that select the objects come first. */
    static final int MAX_ADVISORY = 10;
    /** How many violations a check's text lists (the structured answer has more, see below). */
    static final int MAX_LISTED_VIOLATIONS = 50;
    /** How many violations the structured answer lists, blocking ones first ({@code violationsOmitted}: the rest). */
    static final int MAX_STRUCTURED_VIOLATIONS = 500;
    /** How many unchecked rules a check's text names, each once with its first objects. */
    static final int MAX_NOT_CHECKED_RULES = 20;
    /** How many objects a check's text names for one unchecked rule before "and N more". */
    static final int MAX_OBJECTS_PER_UNCHECKED_RULE = 3;
    /** How many unchecked results the structured answer lists ({@code notCheckedOmitted} counts the rest). */
    static final int MAX_STRUCTURED_NOT_CHECKED = 100;
    /** How many objects the structured answer lists ({@code manifestsOmitted}: the rest). */
    static final int MAX_STRUCTURED_MANIFESTS = 500;
    /** How many objects the text of policies_for_manifest describes (the structured answer lists more). */
    static final int MAX_DESCRIBED_MANIFESTS = 20;
    /** The text of policies_for_manifest stops describing objects past this many characters. */
    static final int MAX_TEXT_CHARS = 40_000;
    /**
     * The structured answer of policies_for_manifest stops listing objects past this many characters of JSON, far
     * below the 16 MiB line the MCP SDK's stdio clients read (a pack of many policies makes each object's entry
     * large).
     */
    static final int MAX_STRUCTURED_CHARS = 4_000_000;
    /** The most policies a filtered {@code list_policies} describes with their fixes. */
    static final int MAX_DETAILED_LIST = 40;

    private static final tools.jackson.databind.json.JsonMapper SIZE = tools.jackson.databind.json.JsonMapper
            .builder().build();

    private final KnowledgeBase kb;
    private final PolicyEngine engine;
    private final PolicyText text = new PolicyText(Style.PLAIN);

    /** Tools over a knowledge base; checks use its engine, so the pack is compiled once. */
    public PolicyTools(KnowledgeBase kb) {
        this.kb = kb;
        this.engine = kb.engine();
    }

    /**
     * Runs one search and checks the pack's own examples once, so the first real call does not pay for class
     * loading and CEL warm-up.
     */
    public void warmUp() {
        kb.search("can my container run as root?", 1);
        List<Manifest> examples = new ArrayList<>();
        kb.pack().policies().forEach(p -> {
            examples.addAll(p.examples().pass());
            examples.addAll(p.examples().fail());
        });
        engine.check(Manifests.of(examples));
        examples.stream().findFirst().ifPresent(kb::discover);
        Manifests.parse("apiVersion: v1\nkind: Pod\nmetadata: {name: warm-up}\n", INPUT);
    }

    /** The pack's coordinates and size, for the server's instructions. */
    public String packDescription() {
        return kb.pack().coordinates() + " (" + kb.pack().policies().size() + " policies)";
    }

    /** {@code search_policies {query, limit?, kinds?}}. */
    public ToolAnswer searchPolicies(Map<String, Object> arguments) {
        return guarded(arguments, args -> {
            String query = args.requiredString("query");
            int limit = args.optionalInt("limit", DEFAULT_SEARCH_LIMIT, 1, 50);
            List<String> kinds = args.optionalStrings("kinds");
            String category = args.optionalString("category").strip();
            List<SearchHit> hits = kb.search(SearchRequest.of(query).withLimit(limit)
                    .withKinds(new HashSet<>(kinds))
                    .withCategories(category.isEmpty() ? Set.of() : Set.of(category)));
            StringBuilder out = new StringBuilder();
            if (hits.isEmpty()) {
                out.append("No policy matches \"").append(query).append('"')
                        .append(kinds.isEmpty() ? "" : " for kinds " + kinds)
                        .append(category.isEmpty() ? "" : " in category " + category)
                        .append(". Try other words, drop 'kinds' or 'category', or call list_policies.\n");
                if (!kinds.isEmpty() || !category.isEmpty()) {
                    out.append(FilterValues.describe(kb.pack())).append(".\n");
                }
            } else if (hits.stream().allMatch(SearchHit::weakMatch)) {
                out.append("No policy matches \"").append(query).append("\" well; the closest ones follow, but they "
                        + "are probably unrelated. If this is a Kubernetes change, try naming the kind or field.\n");
            } else {
                out.append(hits.size()).append(hits.size() == 1 ? " policy" : " policies").append(" for \"")
                        .append(query).append("\", best first (get_policy gives the full rule and examples):\n");
            }
            int rank = 1;
            for (SearchHit hit : hits) {
                Policy p = hit.policy();
                out.append(rank++).append(". ").append(p.id()).append(String.format(java.util.Locale.ROOT,
                        " (score %.2f, %s, %s%s) — ", hit.score(), p.severity().label(), PolicyText.action(p),
                        hit.weakMatch() ? ", weak match" : "")).append(p.title()).append('\n');
                appendIndented(out, p.description());
                if (!p.remediation().isBlank()) {
                    appendIndented(out, "Fix: " + p.remediation());
                }
            }
            // search ranks by meaning: rules every object of a kind the query names must follow may be missing
            Map<String, Object> alsoApply = new LinkedHashMap<>();
            if (kinds.isEmpty()) {
                kb.policiesForKindsNamedIn(query, hits).forEach((kind, policies) -> {
                    List<String> more = policies.stream().map(Policy::id).toList();
                    alsoApply.put(kind, more);
                    out.append("Also apply to every ").append(kind).append(" (not above): ")
                            .append(String.join(", ", more)).append(" — list_policies {kind: ").append(kind)
                            .append("} lists every rule a ").append(kind).append(" must satisfy.\n");
                });
            }
            Map<String, Object> structured = new LinkedHashMap<>();
            structured.put("query", query);
            structured.put("policies", hits.stream().map(PolicyMaps::hit).toList());
            structured.put("alsoApplyToKinds", alsoApply);
            return ToolAnswer.ok(out.toString(), structured);
        });
    }

    /** {@code get_policy {id}}. */
    public ToolAnswer getPolicy(Map<String, Object> arguments) {
        return guarded(arguments, args -> {
            String id = args.requiredString("id").strip();
            Optional<Policy> policy = kb.pack().policy(id);
            if (policy.isEmpty()) {
                return ToolAnswer.error("Unknown policy id '" + id + "'" + PolicyIds.didYouMean(kb.pack(), id)
                        + ". Call search_policies with what you want to do, or list_policies to see every id.");
            }
            Policy p = policy.get();
            List<String> exceptions = kb.pack().exceptionsFor(p.id());
            return ToolAnswer.ok(text.explainInFull(p, exceptions), PolicyMaps.full(p, exceptions));
        });
    }

    /** {@code check_manifest {yaml}}. */
    public ToolAnswer checkManifest(Map<String, Object> arguments) {
        return guarded(arguments, args -> {
            Manifests manifests = Manifests.parse(args.requiredString("yaml"), INPUT);
            String namespace = args.optionalString("namespace").strip();
            if (!namespace.isEmpty()) {
                try {
                    manifests = manifests.inNamespace(namespace);
                } catch (GuidepostException e) {
                    throw new BadInput("'namespace': " + e.getMessage());
                }
            }
            Optional<ToolAnswer> nothing = nothingToCheck(manifests);
            if (nothing.isPresent()) {
                return nothing.get();
            }
            // as the cluster will see it: its Kyverno policies do not read Guidepost's exemption annotations
            Report report = engine.ignoringExemptions().check(manifests);
            List<Result> violations = report.violations();
            StringBuilder out = new StringBuilder();
            long uncheckedEnforce = report.results().stream().filter(this::uncheckedBlockingRule).count();
            out.append(headline(report, manifests, uncheckedEnforce)).append('\n');
            unreadable(manifests, out);
            if (!violations.isEmpty()) {
                out.append("Violations").append(report.enforcedViolations().isEmpty() ? "" : " (blocking first)")
                        .append(":\n");
                // blocking ones first, and no more than an agent can read; the structured answer has more
                List<Result> listed = violations.stream()
                        .sorted(Result.BLOCKING_FIRST)
                        .limit(MAX_LISTED_VIOLATIONS).toList();
                Set<String> described = new HashSet<>();
                Set<String> podFieldsShown = new HashSet<>();
                for (Result r : listed) {
                    boolean error = r.outcome() == Outcome.ERROR;
                    out.append("- line ").append(r.location().line()).append(' ').append(r.resource()).append(": ")
                            .append(r.policyId()).append(" [").append(r.severity().label()).append(", ")
                            .append(r.action().label()).append(r.isEnforcedViolation() ? ", blocking" : "")
                            .append(error ? ", error" : "").append("]\n");
                    appendIndented(out, (error ? "problem: the rule could not be evaluated on this object: "
                            : "problem: ") + r.message());
                    appendFix(r, described, podFieldsShown, out);
                }
                if (violations.size() > listed.size()) {
                    out.append("- and ").append(violations.size() - listed.size()).append(" more (the structured "
                            + "answer lists up to " + MAX_STRUCTURED_VIOLATIONS + "; check fewer manifests per call "
                            + "to read them all here)\n");
                }
                out.append(!report.enforcedViolations().isEmpty()
                        ? "Fix every blocking violation, then call check_manifest again"
                                + (report.enforcedViolations().size() < violations.size() ? "; Audit and Warn "
                                        + "findings do not stop a deploy (fix them where you can)." : ".")
                        : "Nothing found blocks a deploy; the findings above are Audit or Warn advice (fix them "
                                + "where you can)" + (uncheckedEnforce == 0 ? "." : ", but " + uncheckedEnforce
                                        + (uncheckedEnforce == 1 ? " rule" : " rules") + " of Enforce policies could "
                                        + "not be checked here (see below) and the cluster will check them."))
                        .append('\n');
            }
            List<Exemption> exceptions = report.exemptions().stream().filter(Exemption::byPolicyException).toList();
            if (!exceptions.isEmpty()) {
                out.append("Exempted by the pack's PolicyExceptions (the cluster applies them too, so these are "
                        + "admitted; the exception decides which objects, by kind, namespace and name):\n");
                for (Exemption e : exceptions) {
                    out.append("- line ").append(e.location().line()).append(' ').append(e.resource()).append(": ")
                            .append(e.policyId()).append(" (PolicyException ").append(e.exception()).append(")\n");
                }
            }
            if (!report.unknownExemptions().isEmpty()) {
                out.append("Exemption annotations that name no policy (they exempt nothing; here no annotation "
                        + "exempts anything, as in the cluster):\n");
                for (UnknownExemption unknown : report.unknownExemptions()) {
                    out.append("- line ").append(unknown.location().line()).append(' ').append(unknown.resource())
                            .append(": ").append(unknown.describe()).append('\n');
                }
            }
            if (!manifests.skipped().isEmpty()) {
                out.append("Skipped (not objects to check):\n");
                manifests.skipped().forEach(p -> out.append("- ").append(describe(p)).append('\n'));
            }
            // guidance first; policies that change or create objects in the cluster after it
            List<Advice> allAdvisory = advisoryFor(manifests).stream()
                    .sorted(java.util.Comparator.comparing((Advice a) -> changesObjects(a.policy()))).toList();
            List<Advice> advisory = allAdvisory.stream().limit(MAX_ADVISORY).toList();
            if (!advisory.isEmpty()) {
                out.append("Also read (advisory guidance that applies to or is related to these objects; never "
                        + "checked, so it does not decide compliance, and it is listed again on every check: follow "
                        + "it once where it fits, then move on):\n");
                for (Advice a : advisory) {
                    Policy p = a.policy();
                    out.append("- ").append(p.id()).append(": ").append(p.title())
                            .append(p.rules().stream().anyMatch(r -> r.type().equals("mutate"))
                                    || p.format() == PolicyFormat.MUTATING_POLICY
                                    ? " (the cluster changes objects with it; this check applied its changes "
                                            + "before validating)"
                                    : changesObjects(p) ? " (the cluster adds objects with it)" : "")
                            .append(a.relatedScore().isPresent() ? " (related by meaning, score "
                                    + String.format(java.util.Locale.ROOT, "%.2f", a.relatedScore().get()) + ")" : "")
                            .append('\n');
                    if (!p.remediation().isBlank()) {
                        appendIndented(out, "fix: " + p.remediation());
                    }
                }
                if (allAdvisory.size() > advisory.size()) {
                    out.append("- and ").append(allAdvisory.size() - advisory.size())
                            .append(" more (list_policies with a kind lists every policy for it)\n");
                }
            }
            List<Result> notChecked = report.results().stream().filter(Result::isNotChecked).toList();
            if (!notChecked.isEmpty()) {
                out.append("Not checked here (the cluster will check these):\n");
                notCheckedByRule(notChecked, out);
            }
            Map<String, Object> structured = new LinkedHashMap<>();
            // the rules that could block first, so a cap never drops them
            structured.put("notChecked", notChecked.stream()
                    .sorted(java.util.Comparator.comparing((Result r) -> !uncheckedBlockingRule(r)))
                    .limit(MAX_STRUCTURED_NOT_CHECKED).map(r -> {
                Map<String, Object> m = PolicyMaps.result(r);
                m.put("couldBlock", uncheckedBlockingRule(r)); // an Enforce rule that can reject (not a mutation)
                return m;
            }).toList());
            structured.put("notCheckedOmitted", Math.max(0, notChecked.size() - MAX_STRUCTURED_NOT_CHECKED));
            // compliant only when everything the cluster enforces was checked and passed
            structured.put("compliant", violations.isEmpty() && manifests.unreadable().isEmpty()
                    && uncheckedEnforce == 0);
            structured.put("nothingChecked", report.nothingChecked());
            structured.put("uncheckedEnforce", uncheckedEnforce);
            structured.put("blocking", report.failed());
            structured.put("summary", report.summary());
            structured.put("manifests", manifests.manifests().stream().limit(MAX_STRUCTURED_MANIFESTS)
                    .map(PolicyMaps::manifest).toList());
            structured.put("manifestsOmitted", Math.max(0, manifests.size() - MAX_STRUCTURED_MANIFESTS));
            structured.put("violations", violations.stream()
                    .sorted(Result.BLOCKING_FIRST)
                    .limit(MAX_STRUCTURED_VIOLATIONS).map(PolicyMaps::result).toList());
            structured.put("violationsOmitted", Math.max(0, violations.size() - MAX_STRUCTURED_VIOLATIONS));
            structured.put("advisory", advisory.stream().map(Advice::toMap).toList());
            structured.put("advisoryOmitted", allAdvisory.size() - advisory.size());
            structured.put("problems", manifests.problems().stream().map(PolicyMaps::problem).toList());
            structured.put("unknownExemptions", report.unknownExemptions().stream().map(PolicyMaps::unknownExemption)
                    .toList());
            structured.put("exemptions", exceptions.stream().map(PolicyMaps::exemption).toList());
            return new ToolAnswer(out.toString(), structured, !manifests.unreadable().isEmpty());
        });
    }

    /**
     * The rules left unchecked, one line per rule and reason however many objects it skipped (a rule reading the
     * cluster is unchecked on every workload), naming the first objects and then how many more, and no more than
     * {@link #MAX_NOT_CHECKED_RULES} rules, so a large check keeps a readable answer.
     */
    private void notCheckedByRule(List<Result> notChecked, StringBuilder out) {
        Map<List<String>, List<Result>> byRule = new LinkedHashMap<>();
        for (Result r : notChecked) {
            byRule.computeIfAbsent(List.of(r.policyId(), r.rule(), r.message()), k -> new ArrayList<>()).add(r);
        }
        byRule.values().stream().limit(MAX_NOT_CHECKED_RULES).forEach(results -> {
            Result first = results.get(0);
            out.append("- ").append(first.policyId()).append(first.rule().isEmpty() ? "" : "/" + first.rule())
                    .append(" [").append(canReject(first) ? first.action().label() : "changes the object, never "
                            + "rejects it").append("] on ");
            List<String> objects = results.stream().limit(MAX_OBJECTS_PER_UNCHECKED_RULE)
                    .map(r -> "line " + r.location().line() + " " + r.resource()).toList();
            out.append(String.join(", ", objects));
            if (results.size() > objects.size()) {
                out.append(" and ").append(results.size() - objects.size()).append(" more");
            }
            out.append(" — ").append(first.message().substring(Result.NOT_CHECKED.length())).append('\n');
        });
        if (byRule.size() > MAX_NOT_CHECKED_RULES) {
            out.append("- and ").append(byRule.size() - MAX_NOT_CHECKED_RULES).append(" more rules (check fewer "
                    + "manifests per call to read them all)\n");
        }
    }

    /** {@code list_policies {category?, kind?}}. */
    public ToolAnswer listPolicies(Map<String, Object> arguments) {
        return guarded(arguments, args -> {
            String category = args.optionalString("category").strip();
            String kind = args.optionalString("kind").strip();
            // one kind as the schema says, or several separated by commas as agents also write them
            Set<String> kinds = new LinkedHashSet<>();
            for (String k : kind.split(",")) {
                if (!k.isBlank()) {
                    kinds.add(k.strip());
                }
            }
            SearchRequest filter = SearchRequest.of("list")
                    .withCategories(category.isEmpty() ? Set.of() : Set.of(category)).withKinds(kinds);
            List<Policy> all = kb.pack().policies();
            List<Policy> selected = all.stream().filter(filter::accepts).toList();
            StringBuilder out = new StringBuilder();
            out.append(selected.size()).append(" of ").append(all.size()).append(" policies in ")
                    .append(kb.pack().coordinates());
            if (!category.isEmpty() || !kind.isEmpty()) {
                out.append(" (").append(category.isEmpty() ? "" : "category " + category)
                        .append(!category.isEmpty() && !kind.isEmpty() ? ", " : "")
                        .append(kind.isEmpty() ? "" : "kind " + kind).append(')');
            }
            // a filtered list is what an agent reads before writing an object: what each rule wants, unless long
            boolean detailed = (!category.isEmpty() || !kinds.isEmpty()) && selected.size() <= MAX_DETAILED_LIST;
            out.append(": id, severity, action, title [kinds]").append(detailed ? ", then its fix (or description)"
                    : "").append('\n');
            PolicyText lines = text.alignedTo(selected);
            for (Policy p : selected) {
                out.append("- ").append(lines.listLine(p)).append('\n');
                if (detailed) {
                    appendIndented(out, "  ", p.remediation().isBlank() ? p.description() : "fix: " + p.remediation());
                }
            }
            List<String> unselected = kb.pack().unselectedKinds(kinds);
            for (String kindAsked : unselected) {
                List<String> meant = kb.pack().similarKinds(kindAsked);
                if (!meant.isEmpty()) {
                    out.append("No policy is about kind ").append(kindAsked).append("; did you mean ")
                            .append(String.join(", ", meant)).append("? (kinds are names such as StatefulSet)\n");
                }
            }
            if (selected.isEmpty() || !unselected.isEmpty()) {
                out.append(!unselected.isEmpty() && !selected.isEmpty() ? "No policy selects "
                        + String.join(", ", unselected) + " by its kinds; for "
                        + (unselected.size() == 1 ? "it" : "them") + " the list has only the policies that select "
                        + "every kind or name it in their keywords. " : "")
                        .append(FilterValues.describe(kb.pack()))
                        .append(". Or call search_policies with a question.\n");
            }
            Map<String, Object> structured = new LinkedHashMap<>();
            structured.put("pack", kb.pack().coordinates());
            structured.put("count", selected.size());
            structured.put("policies", selected.stream().map(PolicyMaps::summary).toList());
            structured.put("unselectedKinds", unselected.stream().map(k -> Map.of("kind", k, "similarKinds",
                    kb.pack().similarKinds(k))).toList());
            return ToolAnswer.ok(out.toString(), structured);
        });
    }

    /** {@code policies_for_manifest {yaml}}. */
    public ToolAnswer policiesForManifest(Map<String, Object> arguments) {
        return guarded(arguments, args -> {
            Manifests manifests = Manifests.parse(args.requiredString("yaml"), INPUT);
            Optional<ToolAnswer> nothing = nothingToCheck(manifests);
            if (nothing.isPresent()) {
                return nothing.get();
            }
            StringBuilder out = new StringBuilder();
            unreadable(manifests, out);
            List<Object> discoveries = new ArrayList<>();
            int described = 0;
            int structuredChars = 0;
            Set<String> fixShown = new HashSet<>();
            for (Manifest manifest : manifests.manifests()) {
                if (discoveries.size() >= MAX_STRUCTURED_MANIFESTS) {
                    break;
                }
                ManifestDiscovery found = kb.discover(manifest);
                ManifestDiscovery d = new ManifestDiscovery(found.manifest(), found.query(), found.applicable(),
                        found.related().stream().limit(RELATED_LIMIT).toList());
                Map<String, Object> entry = PolicyMaps.discovery(d);
                // bounded by size too: a pack of many policies makes each entry large
                int size = SIZE.writeValueAsString(entry).length();
                if (!discoveries.isEmpty() && structuredChars + size > MAX_STRUCTURED_CHARS) {
                    break;
                }
                structuredChars += size;
                discoveries.add(entry);
                if (described >= MAX_DESCRIBED_MANIFESTS || out.length() > MAX_TEXT_CHARS) {
                    continue;
                }
                described++;
                out.append(manifest.resource()).append(" (line ").append(manifest.location().line()).append(")\n");
                out.append("  Applies by rule (check_manifest checks these; advisory ones are never checked):\n");
                if (d.applicable().isEmpty()) {
                    out.append("    none\n");
                }
                for (Policy p : d.applicable()) {
                    out.append("    - ").append(p.id()).append(" [").append(p.severity().label()).append(", ")
                            .append(PolicyText.action(p)).append("] ").append(p.title())
                            .append(p.namespaceSelection().map(labels -> " (only in namespaces labelled " + labels
                                    + ")").orElse("")).append('\n');
                    // each fix once: the objects of a stream share most of their policies
                    if (!p.remediation().isBlank() && fixShown.add(p.id())) {
                        appendIndented(out, "      ", "fix: " + p.remediation());
                    }
                }
                out.append("  Related by meaning (not checked against this manifest; read with get_policy):\n");
                if (d.related().isEmpty()) {
                    out.append("    none\n");
                }
                for (SearchHit hit : d.related()) {
                    Policy p = hit.policy();
                    out.append("    - ").append(p.id()).append(String.format(java.util.Locale.ROOT,
                            " (score %.2f, %s%s%s) ", hit.score(), p.severity().label(),
                            p.enforceable() ? "" : ", advisory", hit.weakMatch() ? ", weak match" : ""))
                            .append(p.title()).append('\n');
                }
            }
            int omitted = manifests.size() - discoveries.size();
            if (described < manifests.size()) {
                out.append("... and ").append(manifests.size() - described).append(" more manifests, ")
                        .append(discoveries.size() - described).append(" of them in the structured answer")
                        .append(omitted > 0 ? " (manifestsOmitted counts the rest)" : "")
                        .append("; call with fewer manifests, or list_policies {kind} for the rules of a kind.\n");
            }
            Map<String, Object> structured = new LinkedHashMap<>();
            structured.put("manifests", discoveries);
            structured.put("manifestsOmitted", omitted);
            structured.put("problems", manifests.problems().stream().map(PolicyMaps::problem).toList());
            return new ToolAnswer(out.toString(), structured, !manifests.unreadable().isEmpty());
        });
    }

    /**
     * The first line of a check's answer, most serious first: unreadable documents, then violations (blocking or
     * not), then nothing checked, then rules of Enforce policies left unchecked; "Compliant" only when none of these
     * holds.
     */
    private static String headline(Report report, Manifests manifests, long uncheckedEnforce) {
        List<Result> violations = report.violations();
        int unreadable = manifests.unreadable().size();
        if (unreadable > 0) {
            return "Not compliant: " + unreadable + (unreadable == 1 ? " document" : " documents")
                    + " could not be read, so " + (unreadable == 1 ? "it was" : "they were") + " not checked"
                    + (violations.isEmpty() ? "" : ", and " + violations(violations,
                            report.enforcedViolations().size()))
                    + " (" + report.summary() + ").";
        }
        if (!violations.isEmpty()) {
            return "Not compliant: " + violations(violations, report.enforcedViolations().size()) + " ("
                    + report.summary() + ").";
        }
        if (report.nothingChecked()) {
            return "Nothing checked: no policy of this pack selects " + kindsOf(manifests) + " (" + report.summary()
                    + "). Call policies_for_manifest for related advice.";
        }
        if (uncheckedEnforce > 0) {
            return "No violations found, but " + uncheckedEnforce + (uncheckedEnforce == 1
                    ? " rule of an Enforce policy was not checked (see below); the cluster will check it"
                    : " rules of Enforce policies were not checked (see below); the cluster will check them")
                    + " (" + report.summary() + ").";
        }
        return "Compliant: " + report.summary() + ".";
    }

    private static String violations(List<Result> violations, long blocking) {
        String count = violations.size() + (violations.size() == 1 ? " violation" : " violations");
        if (blocking == 0) {
            return count + ", none blocking (" + (violations.size() == 1 ? "it is an Audit or Warn finding"
                    : "all are Audit or Warn findings") + ")";
        }
        String others = blocking == violations.size() ? ""
                : "; the other " + (violations.size() - blocking == 1 ? "one is an Audit or Warn finding"
                        : violations.size() - blocking + " are Audit or Warn findings");
        return count + ", " + blocking + " blocking (the cluster would reject the object for "
                + (blocking == 1 ? "it" : "them") + others + ")";
    }

    /** A policy whose rules only change or create objects (mutate, generate), which a check never applies. */
    private static boolean changesObjects(Policy p) {
        return p.format() == PolicyFormat.MUTATING_POLICY || p.format() == PolicyFormat.GENERATING_POLICY
                || !p.rules().isEmpty() && p.rules().stream().noneMatch(Policy.Rule::canReject);
    }

    /** A rule of an Enforce policy that was not checked and could reject the object (not a mutate rule). */
    private boolean uncheckedBlockingRule(Result result) {
        return result.isNotChecked() && result.action() == Action.ENFORCE && canReject(result);
    }

    /** False when the result's rule only changes or creates objects (Kyverno mutate and generate rules). */
    private boolean canReject(Result result) {
        String rule = Policy.Rule.writtenName(result.rule());
        return kb.pack().policy(result.policyId()).map(p -> p.rules().stream()
                .filter(r -> r.name().equals(rule) || r.name().equals(result.rule()))
                .allMatch(Policy.Rule::canReject)).orElse(true);
    }

    /** An error answer when the YAML holds no Kubernetes object to look at. */
    private static Optional<ToolAnswer> nothingToCheck(Manifests manifests) {
        if (manifests.size() > 0) {
            return Optional.empty();
        }
        StringBuilder out = new StringBuilder();
        if (!manifests.unreadable().isEmpty()) {
            out.append("The YAML could not be read:\n");
            manifests.unreadable().forEach(p -> out.append("- ").append(describe(p)).append('\n'));
            out.append("Fix the YAML (line numbers count from the first line of 'yaml') and call again.\n");
        } else {
            out.append("No Kubernetes object in the YAML: every document needs apiVersion, kind and metadata.\n");
            manifests.problems().forEach(p -> out.append("- ").append(describe(p)).append('\n'));
        }
        Map<String, Object> structured = new LinkedHashMap<>();
        structured.put("error", out.toString().strip());
        structured.put("problems", manifests.problems().stream().map(PolicyMaps::problem).toList());
        return Optional.of(new ToolAnswer(out.toString(), structured, true));
    }

    /**
     * The advisory policies for the manifests: those whose match rules select one (in pack order), then those
     * related by meaning, the closest first (at most {@value #RELATED_ADVISORY} a manifest, none of them a weak
     * match), for the first {@value #ADVISORY_MANIFESTS} manifests.
     */
    private List<Advice> advisoryFor(Manifests manifests) {
        java.util.Set<String> applicable = new java.util.HashSet<>();
        Map<String, Double> related = new java.util.HashMap<>();
        // one search per manifest: the first ones of a large input are enough for guidance, and keep it fast
        for (Manifest manifest : manifests.manifests().stream().limit(ADVISORY_MANIFESTS).toList()) {
            ManifestDiscovery found = kb.discover(manifest);
            found.applicable().stream().filter(p -> !p.enforceable()).map(Policy::id).forEach(applicable::add);
            found.related().stream().filter(h -> !h.policy().enforceable() && !h.weakMatch())
                    .limit(RELATED_ADVISORY).forEach(h -> related.merge(h.policy().id(), h.score(), Math::max));
        }
        List<Advice> out = new ArrayList<>();
        kb.pack().policies().stream().filter(p -> applicable.contains(p.id()))
                .forEach(p -> out.add(new Advice(p, Optional.empty())));
        kb.pack().policies().stream().filter(p -> related.containsKey(p.id()) && !applicable.contains(p.id()))
                .sorted(java.util.Comparator.comparing((Policy p) -> -related.get(p.id())))
                .forEach(p -> out.add(new Advice(p, Optional.of(related.get(p.id())))));
        return out;
    }

    /** An advisory policy for a check: it applies by its match rules, or it is related by meaning (its score). */
    private record Advice(Policy policy, Optional<Double> relatedScore) {

        Map<String, Object> toMap() {
            Map<String, Object> m = PolicyMaps.summary(policy);
            m.put("applies", relatedScore.isEmpty());
            relatedScore.ifPresent(score -> m.put("score", Math.round(score * 100) / 100.0));
            return m;
        }
    }

    private static void unreadable(Manifests manifests, StringBuilder out) {
        if (!manifests.unreadable().isEmpty()) {
            out.append("Some documents could not be read (fix them and call again):\n");
            manifests.unreadable().forEach(p -> out.append("- ").append(describe(p)).append('\n'));
        }
    }

    private static String describe(ManifestProblem problem) {
        int line = problem.location().line();
        return (line > 0 ? "line " + line + ": " : "") + problem.message();
    }

    private static String kindsOf(Manifests manifests) {
        return String.join(", ", manifests.manifests().stream().map(Manifest::kind).distinct().toList());
    }

    /**
     * A violation's fix; for a policy without one (a Kyverno policy) what the policy requires, in its own words, once
     * per policy, and where a controller keeps the Pod's fields once per object, instead of the same note as the fix
     * of every violation.
     */
    private void appendFix(Result r, Set<String> described, Set<String> podFieldsShown, StringBuilder out) {
        Optional<Policy> policy = kb.pack().policy(r.policyId());
        if (policy.isEmpty() || !policy.get().remediation().isBlank()) {
            if (!r.remediation().isBlank()) {
                appendIndented(out, "fix: " + r.remediation());
            }
            return;
        }
        if (described.add(r.policyId()) && !policy.get().description().isBlank()) {
            appendIndented(out, "rule (no fix given): " + policy.get().description());
        }
        if (!r.remediation().isBlank() && podFieldsShown.add(r.resource().toString())) {
            appendIndented(out, r.remediation());
        }
    }

    private static void appendIndented(StringBuilder out, String text) {
        appendIndented(out, "   ", text);
    }

    /** The text on one line under a list item, indented to the item's text. */
    private static void appendIndented(StringBuilder out, String indent, String text) {
        if (!text.isBlank()) {
            out.append(indent).append(text.strip().replaceAll("\\s*\\R\\s*", " ")).append('\n');
        }
    }

    private static ToolAnswer guarded(Map<String, Object> arguments, Function<Arguments, ToolAnswer> tool) {
        try {
            return tool.apply(new Arguments(arguments));
        } catch (BadInput | GuidepostException e) {
            return ToolAnswer.error("Invalid input: " + e.getMessage());
        }
    }
}
