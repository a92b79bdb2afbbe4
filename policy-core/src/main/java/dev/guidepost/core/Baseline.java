package dev.guidepost.core;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import dev.guidepost.core.internal.json.Json;
import dev.guidepost.core.internal.pack.IdSimilarity;
import dev.guidepost.core.internal.report.Plural;
import dev.guidepost.core.internal.yaml.YamlDocument;
import dev.guidepost.core.internal.yaml.YamlDocuments;

/**
 * Violations that were known when a team adopted a policy, committed as a file so that only <em>new</em>
 * violations fail the check (like ArchUnit's freezing). An entry is keyed by policy id, rule and the resource's
 * kind, namespace and name, never by file or line, which shift; so a new violation of another rule of the same
 * policy on the same resource is new. An entry without a rule covers every rule of its policy. Fixed violations show up as {@link Split#fixed() fixed}
 * entries, so the file can shrink over time. Immutable.
 *
 * <p>The file is YAML (or JSON when its name ends in {@code .json}):
 *
 * <pre>{@code
 * apiVersion: guidepost.dev/v1alpha1
 * kind: Baseline
 * violations:
 *   - policy: require-resource-limits
 *     rule: autogen-limits
 *     kind: Deployment
 *     namespace: shop
 *     name: legacy-worker
 * }</pre>
 */
public final class Baseline {

    /** The {@code apiVersion} of a baseline file. */
    public static final String API_VERSION = "guidepost.dev/v1alpha1";
    /** The {@code kind} of a baseline file. */
    public static final String KIND = "Baseline";

    private static final Baseline EMPTY = new Baseline(Set.of());
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z][A-Za-z0-9._/-]*");
    /** The fields of a baseline entry. */
    private static final List<String> ENTRY_FIELDS = List.of("policy", "rule", "kind", "namespace", "name");
    private static final Set<String> YAML_WORDS = Set.of("true", "false", "yes", "no", "on", "off", "null", "y",
            "n");

    /**
     * One known violation: a rule of a policy on a resource.
     *
     * @param policyId  the policy's id
     * @param rule      the rule's name; {@code ""} for every rule of the policy (a ValidatingPolicy has one, and a
     *                  file written before rules were recorded lists none)
     * @param kind      the resource's kind
     * @param namespace the resource's namespace ({@code ""} when it has none)
     * @param name      the resource's name
     */
    public record Entry(String policyId, String rule, String kind, String namespace, String name)
            implements Comparable<Entry> {

        private static final Comparator<Entry> ORDER = Comparator.comparing(Entry::policyId)
                .thenComparing(Entry::kind).thenComparing(Entry::namespace).thenComparing(Entry::name)
                .thenComparing(Entry::rule);

        public Entry {
            policyId = policyId == null ? "" : policyId;
            rule = rule == null ? "" : rule;
            kind = kind == null ? "" : kind;
            namespace = namespace == null ? "" : namespace;
            name = name == null ? "" : name;
        }

        /** An entry for every rule of the policy on the resource. */
        public Entry(String policyId, String kind, String namespace, String name) {
            this(policyId, "", kind, namespace, name);
        }

        /** The entry a result would match. */
        public static Entry of(Result result) {
            ResourceRef r = result.resource();
            return new Entry(result.policyId(), result.rule(), r.kind(), r.namespace(), r.name());
        }

        /** This entry for every rule of its policy. */
        Entry anyRule() {
            return rule.isEmpty() ? this : new Entry(policyId, "", kind, namespace, name);
        }

        /** The resource as {@code Kind/namespace/name}. */
        public String resource() {
            return namespace.isEmpty() ? kind + "/" + name : kind + "/" + namespace + "/" + name;
        }

        @Override
        public int compareTo(Entry other) {
            return ORDER.compare(this, other);
        }

        @Override
        public String toString() {
            return (rule.isEmpty() ? policyId : policyId + "/" + rule) + " on " + resource();
        }
    }

    /**
     * A report's violations split by a baseline.
     *
     * @param newViolations violations the baseline does not list; they count
     * @param known         violations the baseline lists; they are reported but do not fail
     * @param fixed         baseline entries whose policy and resource were checked without a violation; they can
     *                      be removed
     * @param unchecked     baseline entries whose resource or policy the report did not check (a resource removed
     *                      since, or outside the manifests checked): neither known nor fixed
     */
    public record Split(List<Result> newViolations, List<Result> known, List<Entry> fixed, List<Entry> unchecked) {
        public Split {
            newViolations = List.copyOf(newViolations);
            known = List.copyOf(known);
            fixed = List.copyOf(fixed);
            unchecked = List.copyOf(unchecked);
        }
    }

    private final Set<Entry> entries;

    private Baseline(Set<Entry> entries) {
        this.entries = entries;
    }

    /** A baseline without entries: every violation is new. */
    public static Baseline empty() {
        return EMPTY;
    }

    /** A baseline of these entries. */
    public static Baseline of(Collection<Entry> entries) {
        return entries.isEmpty() ? EMPTY : new Baseline(java.util.Collections.unmodifiableSet(new TreeSet<>(entries)));
    }

    /** A baseline of every violation (failure or error, of any action) in the report. */
    public static Baseline of(Report report) {
        return of(report.violations().stream().map(Entry::of).toList());
    }

    /**
     * Reads a baseline file (YAML, or JSON which is YAML too).
     *
     * @throws GuidepostException when the file does not exist or is not a baseline, naming the file and line
     */
    public static Baseline load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new GuidepostException(SourceLocation.of(file.toString()),
                    "no baseline file; write one from the current violations first");
        }
        List<YamlDocument> documents = YamlDocuments.read(file);
        if (documents.isEmpty()) {
            return EMPTY;
        }
        if (documents.size() > 1) {
            throw new GuidepostException(SourceLocation.of(file.toString(), documents.get(1).line()),
                    "a baseline file holds one document");
        }
        YamlDocument document = documents.get(0);
        if (document.problem() != null) {
            throw new GuidepostException(new SourceLocation(file.toString(), document.problem().line(),
                    document.problem().column()), "invalid baseline: " + document.problem().message());
        }
        if (document.value() == null) {
            return EMPTY;
        }
        if (!(document.value() instanceof Map<?, ?> root)) {
            throw new GuidepostException(SourceLocation.of(file.toString(), document.line()),
                    "invalid baseline: expected a mapping with kind: " + KIND + " and a violations list");
        }
        Object kind = root.get("kind");
        if (kind != null && !KIND.equals(kind)) {
            throw new GuidepostException(SourceLocation.of(file.toString(), document.lineOf(List.of("kind"))),
                    "invalid baseline: kind is '" + kind + "', expected " + KIND);
        }
        for (Object key : root.keySet()) {
            if (!List.of("apiVersion", "kind", "violations").contains(String.valueOf(key))) {
                throw new GuidepostException(SourceLocation.of(file.toString(), document.lineOf(List.of(key))),
                        "invalid baseline: unknown field '" + key + "'; a baseline has apiVersion, kind and "
                                + "violations");
            }
        }
        Object violations = root.get("violations");
        if (violations == null) {
            return EMPTY;
        }
        if (!(violations instanceof List<?> list)) {
            throw new GuidepostException(SourceLocation.of(file.toString(), document.lineOf(List.of("violations"))),
                    "invalid baseline: violations must be a list");
        }
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            SourceLocation at = SourceLocation.of(file.toString(), document.lineOf(List.of("violations", i)));
            if (!(list.get(i) instanceof Map<?, ?> item)) {
                throw new GuidepostException(at, "invalid baseline: each violation is a mapping with policy, kind, "
                        + "namespace and name");
            }
            for (Object key : item.keySet()) {
                if (!ENTRY_FIELDS.contains(String.valueOf(key))) {
                    throw new GuidepostException(SourceLocation.of(file.toString(), document.lineOf(List.of(
                            "violations", i, key))), "invalid baseline: unknown field '" + key + "' in a violation; "
                                    + "its fields are " + String.join(", ", ENTRY_FIELDS) + " (entries match by kind, "
                                    + "not by apiVersion)");
                }
            }
            String policy = text(item, "policy");
            String resourceKind = text(item, "kind");
            String name = text(item, "name");
            if (policy.isEmpty() || resourceKind.isEmpty() || name.isEmpty()) {
                throw new GuidepostException(at, "invalid baseline: a violation needs policy, kind and name");
            }
            entries.add(new Entry(policy, text(item, "rule"), resourceKind, text(item, "namespace"), name));
        }
        return of(entries);
    }

    private static String text(Map<?, ?> map, String key) {
        Object value = map.get(key);
        return value == null ? "" : String.valueOf(value).strip();
    }

    /** The entries, sorted by policy, kind, namespace and name. */
    public Set<Entry> entries() {
        return entries;
    }

    /** True when there are no entries. */
    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The number of entries. */
    public int size() {
        return entries.size();
    }

    /**
     * How many entries this baseline (written from {@code report}) holds and how many of the report's violations
     * they cover, for logs: {@code 2 entries (one per policy, rule and resource) for 3 violations}, and how many
     * of them the report did not check (kept by {@link #updatedBy(Report)}).
     */
    public String describeFor(Report report) {
        long covered = report.violations().stream().filter(this::contains).count();
        Set<Entry> unchecked = new TreeSet<>(split(report).unchecked());
        return Plural.count(entries.size(), "entry", "entries")
                + " (one per policy, rule and resource) for " + Plural.count(covered, "violation")
                + (unchecked.isEmpty() ? "" : ", " + unchecked.size() + " of them kept for resources or policies "
                        + "this run did not check (delete them when those resources are gone)");
    }

    /** True when the result is a violation that this baseline lists. */
    public boolean contains(Result result) {
        return result.isViolation() && entry(result) != null;
    }

    /** The entry that lists the result: the one for its rule, else the one for every rule of its policy. */
    private Entry entry(Result result) {
        Entry exact = Entry.of(result);
        if (entries.contains(exact)) {
            return exact;
        }
        return entries.contains(exact.anyRule()) ? exact.anyRule() : null;
    }

    /**
     * Splits the report's violations into new and known ones, and lists the entries that were fixed (checked
     * without a violation) and those the report did not check.
     */
    public Split split(Report report) {
        List<Result> fresh = new ArrayList<>();
        List<Result> known = new ArrayList<>();
        Set<Entry> seen = new TreeSet<>();
        for (Result result : report.violations()) {
            Entry entry = entry(result);
            if (entry != null) {
                known.add(result);
                seen.add(entry);
            } else {
                fresh.add(result);
            }
        }
        Set<Entry> checked = new TreeSet<>();
        report.results().forEach(result -> {
            checked.add(Entry.of(result));
            checked.add(Entry.of(result).anyRule());
        });
        List<Entry> fixed = entries.stream().filter(e -> checked.contains(e) && !seen.contains(e)).toList();
        List<Entry> unchecked = entries.stream().filter(e -> !checked.contains(e)).toList();
        return new Split(fresh, known, fixed, unchecked);
    }

    /**
     * One message per entry whose policy the pack does not have (a typo, or a policy renamed or removed), with the
     * ids it probably meant; such an entry can never match a violation. Each reads on from the baseline's name:
     * {@code lists no-latest on Pod/web, but acme@1.0 has no policy 'no-latest'; did you mean disallow-latest?
     * Fix the id, or remove the entry if the policy is gone}.
     */
    public List<String> unknownPolicies(PolicyPack pack) {
        List<String> messages = new ArrayList<>();
        for (Entry entry : entries) {
            if (pack.policy(entry.policyId()).isEmpty()) {
                messages.add("lists " + entry + ", but " + pack.coordinates() + " has no policy "
                        + unknownPolicyAdvice(entry.policyId(), pack.similarIds(entry.policyId()), ""));
            }
        }
        return messages;
    }

    /**
     * What follows "has no policy" for an entry naming an unknown policy: the id, the ids it probably meant, and what
     * to do ({@code where}: in which file, or empty).
     */
    static String unknownPolicyAdvice(String policyId, List<String> similar, String where) {
        String meant = IdSimilarity.didYouMean(similar);
        return "'" + policyId + "'" + (meant.isEmpty() ? ";" : meant) + " Fix the id" + where
                + ", or remove the entry if the policy is gone";
    }

    /**
     * The baseline to write after a run: every violation of the report, plus this baseline's entries that the
     * report did not check (resources or policies outside this run), so that updating from some of the manifests
     * keeps the entries of the others. Entries the report checked without a violation are fixed and dropped.
     */
    public Baseline updatedBy(Report report) {
        Set<Entry> kept = new TreeSet<>(split(report).unchecked());
        report.violations().forEach(result -> kept.add(Entry.of(result)));
        return of(kept);
    }

    /** Writes the baseline as YAML, or as JSON when the file name ends in {@code .json}; creates the folders. */
    public void write(Path file) {
        boolean json = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, json ? toJson() : toYaml(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new GuidepostException(SourceLocation.of(file.toString()),
                    "cannot write the baseline: " + e.getMessage(), e);
        }
    }

    /** The baseline as YAML, sorted, so that rewriting it gives small diffs. */
    public String toYaml() {
        StringBuilder out = new StringBuilder();
        out.append("# Known violations: reported, but they do not fail the check (new violations still do).\n")
                .append("# Fix them and delete their entries; keyed by policy, rule and resource, not by file or line.\n")
                .append("apiVersion: ").append(API_VERSION).append('\n')
                .append("kind: ").append(KIND).append('\n');
        if (entries.isEmpty()) {
            return out.append("violations: []\n").toString();
        }
        out.append("violations:\n");
        for (Entry e : entries) {
            out.append("  - policy: ").append(scalar(e.policyId())).append('\n');
            if (!e.rule().isEmpty()) {
                out.append("    rule: ").append(scalar(e.rule())).append('\n');
            }
            out.append("    kind: ").append(scalar(e.kind())).append('\n');
            if (!e.namespace().isEmpty()) {
                out.append("    namespace: ").append(scalar(e.namespace())).append('\n');
            }
            out.append("    name: ").append(scalar(e.name())).append('\n');
        }
        return out.toString();
    }

    /** The baseline as indented JSON, sorted. */
    public String toJson() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("apiVersion", API_VERSION);
        root.put("kind", KIND);
        List<Object> list = new ArrayList<>();
        for (Entry e : entries) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("policy", e.policyId());
            if (!e.rule().isEmpty()) {
                m.put("rule", e.rule());
            }
            m.put("kind", e.kind());
            if (!e.namespace().isEmpty()) {
                m.put("namespace", e.namespace());
            }
            m.put("name", e.name());
            list.add(m);
        }
        root.put("violations", list);
        return Json.pretty(root);
    }

    private static String scalar(String value) {
        if (PLAIN.matcher(value).matches() && !YAML_WORDS.contains(value.toLowerCase(Locale.ROOT))) {
            return value;
        }
        StringBuilder out = new StringBuilder();
        Json.string(value, out);
        return out.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Baseline other && entries.equals(other.entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }

    @Override
    public String toString() {
        return "Baseline[" + entries.size() + " entries]";
    }
}
