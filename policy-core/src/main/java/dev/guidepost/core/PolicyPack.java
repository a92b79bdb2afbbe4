package dev.guidepost.core;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import dev.guidepost.core.internal.pack.ExceptionDocument;
import dev.guidepost.core.internal.pack.PackContents;
import dev.guidepost.core.internal.pack.PackReader;
import dev.guidepost.core.internal.pack.PolicySourceText;
import dev.guidepost.core.internal.json.Json;

/**
 * A company's Kubernetes rules: a named, versioned set of {@link Policy policies} read from a folder of YAML files
 * (with a {@code pack.yaml} naming it), a single file, a folder of plain Kyverno policies, a pack jar file, or a
 * pack jar on the class path ({@code classpath:NAME}: the folder {@code META-INF/guidepost/NAME/}, or the pack whose
 * {@code pack.yaml} there is named NAME). Immutable and thread-safe.
 *
 * <pre>{@code
 * PolicyPack pack = PolicyPack.load(Path.of("policies"));
 * Report report = PolicyEngine.of(pack).check(Manifests.load(Path.of("k8s")));
 * }</pre>
 */
public final class PolicyPack {

    /** The prefix of a class path pack location. */
    public static final String CLASSPATH_PREFIX = "classpath:";

    private final String name;
    private final String version;
    private final String description;
    private final List<Policy> policies;
    private final Map<String, Policy> byId;
    private final String source;
    private final List<String> warnings;
    /** The warnings of reading the pack, without those judged on its contents as a whole. */
    private final List<String> loadWarnings;
    private final String contentHash;
    /** The text each policy was read from, by id; none for packs made of policy objects. */
    private final Map<String, PolicySourceText> texts;
    private final List<ExceptionDocument> exceptions;
    /** For a combined pack, the coordinates of the pack each policy came from, by id; empty otherwise. */
    private final Map<String, String> origins;
    /** For a combined pack, its parts' coordinates ({@code a@1.0+b@2.0}); empty otherwise. */
    private final String partCoordinates;

    private PolicyPack(String name, String version, String description, List<Policy> policies, String source,
            List<String> warnings, Map<String, PolicySourceText> texts, List<ExceptionDocument> exceptions) {
        this(name, version, description, policies, source, warnings, texts, exceptions, Map.of(), "");
    }

    private PolicyPack(String name, String version, String description, List<Policy> policies, String source,
            List<String> warnings, Map<String, PolicySourceText> texts, List<ExceptionDocument> exceptions,
            Map<String, String> origins, String partCoordinates) {
        this.origins = Map.copyOf(origins);
        this.partCoordinates = partCoordinates;
        this.name = name;
        this.version = version;
        this.description = description;
        this.policies = List.copyOf(policies);
        Map<String, Policy> index = new LinkedHashMap<>();
        for (Policy p : this.policies) {
            index.put(p.id(), p);
        }
        this.byId = index;
        this.source = source;
        List<String> all = new ArrayList<>(warnings);
        // judged on the whole pack: a combined pack may hold the policy another part's exception names
        ExceptionDocument.unknownPolicyWarnings(exceptions, this.byId.keySet()).stream()
                .filter(w -> !all.contains(w)).forEach(all::add);
        this.warnings = List.copyOf(all);
        this.loadWarnings = List.copyOf(warnings);
        this.contentHash = hash(this.policies);
        this.texts = Map.copyOf(texts);
        this.exceptions = List.copyOf(exceptions);
    }

    /**
     * Reads a pack from a folder, a single policy file or a pack jar file (its pack under
     * {@code META-INF/guidepost/}).
     *
     * @throws GuidepostException when the path does not exist or a policy is invalid (with file and line)
     */
    public static PolicyPack load(Path path) {
        return of(PackReader.read(Objects.requireNonNull(path, "path"), PolicyEngine::compileProblems));
    }

    /**
     * Reads a pack from a location: {@code classpath:NAME} for a pack jar on the class path (using the thread's
     * context class loader), otherwise a folder or file path.
     */
    public static PolicyPack load(String location) {
        if (Objects.requireNonNull(location, "location").isBlank()) {
            throw new GuidepostException("the pack location is empty; give a pack folder, a policy file or "
                    + CLASSPATH_PREFIX + "NAME");
        }
        if (location.startsWith(CLASSPATH_PREFIX)) {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            return fromClasspath(location.substring(CLASSPATH_PREFIX.length()),
                    loader != null ? loader : PolicyPack.class.getClassLoader());
        }
        return load(Path.of(location));
    }

    /** Reads the pack {@code name} from a class loader's {@code META-INF/guidepost/}. */
    public static PolicyPack fromClasspath(String name, ClassLoader loader) {
        return of(PackReader.readClasspath(Objects.requireNonNull(name, "name"), Objects.requireNonNull(loader,
                "loader"), PolicyEngine::compileProblems));
    }

    /**
     * Reads the policies of a YAML text (Guidepost or Kyverno documents) as a pack.
     *
     * @param yaml       the policy documents
     * @param sourceName what locations call the text; also the pack's name
     */
    public static PolicyPack parse(String yaml, String sourceName) {
        Objects.requireNonNull(yaml, "yaml");
        Objects.requireNonNull(sourceName, "sourceName");
        dev.guidepost.core.internal.yaml.SourceName.check(yaml, sourceName, "PolicyPack.parse(yaml, sourceName)");
        return of(PackReader.readPack(yaml, sourceName));
    }

    /** A pack of the given policies. */
    public static PolicyPack of(String name, String version, String description, Collection<Policy> policies) {
        Objects.requireNonNull(name, "name");
        List<Policy> list = List.copyOf(Objects.requireNonNull(policies, "policies"));
        PackReader.checkUniqueIds(list);
        return new PolicyPack(name, version, description, list, name, List.of(), Map.of(), List.of());
    }

    /**
     * Combines packs into one (at least one). Policy ids must be unique across them.
     *
     * @throws GuidepostException naming both places when two packs define the same policy id
     */
    public static PolicyPack combine(List<PolicyPack> packs) {
        if (Objects.requireNonNull(packs, "packs").isEmpty()) {
            throw new IllegalArgumentException("combine needs at least one pack");
        }
        // the same pack given twice (same source, policies and exceptions) counts once; two packs defining one id
        // stay an error
        List<PolicyPack> distinct = new ArrayList<>();
        for (PolicyPack pack : packs) {
            if (distinct.stream().noneMatch(seen -> seen.sameAs(pack))) {
                distinct.add(pack);
            }
        }
        packs = List.copyOf(distinct);
        if (packs.size() == 1) {
            return packs.get(0);
        }
        List<Policy> all = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<String> coordinates = new ArrayList<>();
        Map<String, String> origins = new HashMap<>();
        List<String> warnings = new ArrayList<>();
        Map<String, PolicySourceText> texts = new HashMap<>();
        List<ExceptionDocument> exceptions = new ArrayList<>();
        List<Policy> seen = new ArrayList<>();
        for (PolicyPack pack : packs) {
            pack.texts.forEach(texts::putIfAbsent);
            // an exception read twice (its file given alone and inside a folder given too) is one exception
            pack.exceptions.stream().filter(e -> exceptions.stream().noneMatch(kept -> sameRead(kept, e)))
                    .forEach(exceptions::add);
            // a file given on its own and inside a folder given too is one policy, not two with the same id
            pack.policies().stream().filter(p -> seen.stream().noneMatch(s -> sameRead(s, p))).forEach(p -> {
                seen.add(p);
                all.add(p);
            });
            names.add(pack.name());
            coordinates.add(pack.coordinates());
            pack.policies().forEach(p -> origins.putIfAbsent(p.id(), pack.coordinatesOf(p.id())));
            pack.loadWarnings.stream().filter(w -> !warnings.contains(w)).forEach(warnings::add);
        }
        PackReader.checkUniqueIds(all);
        return new PolicyPack(String.join("+", names), "", "combined packs " + names, all,
                String.join(", ", packs.stream().map(PolicyPack::source).toList()), warnings, texts, exceptions,
                origins, String.join("+", coordinates));
    }

    /** Every category of the pack's policies, each once, sorted: the values a category filter can take. */
    public List<String> categories() {
        return policies().stream().flatMap(p -> p.categories().stream()).distinct().sorted().toList();
    }

    /**
     * Those of {@code kinds}, in their order, that none of the pack's policies is about ({@link #kinds()}), taken as a
     * {@link SearchRequest}'s kind filter takes them ({@code Kind}, {@code group/version/Kind}, a plural or a short
     * name, any case): a kind filter with one of them finds only policies for every kind, or none.
     */
    public List<String> unselectedKinds(Collection<String> kinds) {
        Set<String> about = new HashSet<>();
        kinds().forEach(k -> about.add(SearchRequest.kindName(k).toLowerCase(Locale.ROOT)));
        return kinds.stream().filter(k -> !about.contains(SearchRequest.kindName(k).toLowerCase(Locale.ROOT)))
                .toList();
    }

    /** Every kind the pack's policies are about ({@link Policy#aboutKinds()}), each once, sorted. */
    public List<String> kinds() {
        return policies().stream().flatMap(p -> p.aboutKinds().stream()).distinct().sorted().toList();
    }

    /**
     * Up to three kinds of the pack's policies that look like {@code kind} (a misspelling such as
     * {@code Deploymnet}), closest first; none when the pack has that kind. For "did you mean".
     */
    public List<String> similarKinds(String kind) {
        List<String> names = kinds().stream().map(SearchRequest::kindName).distinct().toList();
        String wanted = SearchRequest.kindName(kind);
        if (names.stream().anyMatch(n -> n.equalsIgnoreCase(wanted))) {
            return List.of();
        }
        return dev.guidepost.core.internal.pack.IdSimilarity.similar(names, wanted).stream()
                .filter(n -> dev.guidepost.core.internal.pack.IdSimilarity.distance(n.toLowerCase(Locale.ROOT),
                        wanted.toLowerCase(Locale.ROOT)) <= Math.max(2, wanted.length() / 4))
                .toList();
    }

    /** Up to three ids of the pack that look like {@code id} (a misspelling), closest first; for "did you mean". */
    public List<String> similarIds(String id) {
        return dev.guidepost.core.internal.pack.IdSimilarity.similar(policies.stream().map(Policy::id).toList(), id);
    }

    /** The same pack read twice: one source (a folder reached through a link too) with equal contents. */
    private boolean sameAs(PolicyPack other) {
        if (!sameSource(source).equals(sameSource(other.source)) || policies.size() != other.policies.size()
                || exceptions.size() != other.exceptions.size()) {
            return false;
        }
        for (int i = 0; i < policies.size(); i++) {
            if (!sameRead(policies.get(i), other.policies.get(i))) {
                return false;
            }
        }
        for (int i = 0; i < exceptions.size(); i++) {
            if (!sameRead(exceptions.get(i), other.exceptions.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** One policy read twice: from one place of one file (however the path was written), equal but for that. */
    private static boolean sameRead(Policy a, Policy b) {
        return a.id().equals(b.id()) && samePlace(a.source(), b.source()) && a.sameContent(b);
    }

    private static boolean sameRead(ExceptionDocument a, ExceptionDocument b) {
        return a.document().equals(b.document()) && samePlace(a.location(), b.location());
    }

    private static boolean samePlace(SourceLocation a, SourceLocation b) {
        return a.line() == b.line() && sameSource(a.file()).equals(sameSource(b.file()));
    }

    /**
     * A pack's source as a key: a file system path normalised, its links resolved when it exists, anything else (a
     * class path name) as it is.
     */
    private static String sameSource(String source) {
        try {
            Path path = Path.of(source).toAbsolutePath().normalize();
            return (Files.exists(path) ? path.toRealPath() : path).toString();
        } catch (java.nio.file.InvalidPathException | IOException e) {
            return source;
        }
    }

    private static PolicyPack of(PackContents contents) {
        return new PolicyPack(contents.name(), contents.version(), contents.description(), contents.policies(),
                contents.source(), contents.warnings(), contents.texts(), contents.exceptions());
    }

    /**
     * The names of the Kyverno PolicyExceptions the pack holds, in the order read: checks apply them as the cluster
     * does (the rules they exempt are skipped for the resources they match), and emission passes them through.
     */
    public List<String> exceptions() {
        return exceptions.stream().map(ExceptionDocument::name).toList();
    }

    /**
     * The names of the pack's PolicyExceptions in force that exempt some of a policy's rules (their
     * {@code policyRefs} or {@code exceptions} name it, and their {@code expiresAt}, if any, has not passed), in the
     * order read.
     */
    public List<String> exceptionsFor(String policyId) {
        Objects.requireNonNull(policyId, "policyId");
        java.time.Instant now = java.time.Instant.now();
        return exceptions.stream().filter(e -> e.names(policyId) && !e.expiredAt(now))
                .map(ExceptionDocument::name).toList();
    }

    /** The PolicyExceptions the pack holds, as written. */
    List<ExceptionDocument> exceptionDocuments() {
        return exceptions;
    }

    /** The text a policy of the pack was read from, if it was read from text. */
    Optional<PolicySourceText> sourceText(Policy policy) {
        PolicySourceText text = texts.get(policy.id());
        return text != null && byId.get(policy.id()) == policy ? Optional.of(text) : Optional.empty();
    }

    /** The pack's name. */
    public String name() {
        return name;
    }

    /** The pack's version (empty when not given). */
    public String version() {
        return version;
    }

    /**
     * {@code name@version}, or the name alone when there is no version; for packs {@link #combine combined}, each
     * part's ({@code acme-platform@1.1.0+acme-security@2.0.0}), while {@link #name()} joins their names.
     */
    public String coordinates() {
        if (!partCoordinates.isEmpty()) {
            return partCoordinates;
        }
        return version.isEmpty() ? name : name + "@" + version;
    }

    /**
     * The coordinates of the pack a policy came from: this pack's, or for packs {@link #combine combined} the
     * coordinates of the one that holds it ({@code acme-security@2.0.0}), so that emitted policies and reports
     * name their own release.
     */
    public String coordinatesOf(String policyId) {
        return origins.getOrDefault(Objects.requireNonNull(policyId, "policyId"), coordinates());
    }

    /** The pack's description (may be empty). */
    public String description() {
        return description;
    }

    /** Every policy, in file order. */
    public List<Policy> policies() {
        return policies;
    }

    /** The policy with this id. */
    public Optional<Policy> policy(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** Where the pack was read from. */
    public String source() {
        return source;
    }

    /** Things worth telling the user that did not stop loading (for example a duplicate Kyverno name). */
    public List<String> warnings() {
        return warnings;
    }

    /** A SHA-256 over the policies' content; the same policies always give the same hash. */
    public String contentHash() {
        return contentHash;
    }

    private static String hash(List<Policy> policies) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            policies.stream().sorted(Comparator.comparing(Policy::id)).forEach(p -> {
                digest.update(p.id().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(Json.canonical(p.definition()).getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            });
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    @Override
    public String toString() {
        return "PolicyPack[" + coordinates() + ", " + policies.size() + " policies]";
    }
}
