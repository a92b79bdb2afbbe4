package dev.guidepost.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;

import dev.guidepost.core.internal.cel.ClusterData;
import dev.guidepost.core.internal.engine.AdmissionChain;
import dev.guidepost.core.internal.engine.ClassicExceptionProgram;
import dev.guidepost.core.internal.engine.CompiledPolicy;
import dev.guidepost.core.internal.engine.DefaultedValueNote;
import dev.guidepost.core.internal.engine.EvaluationContext;
import dev.guidepost.core.internal.engine.ManifestExceptions;
import dev.guidepost.core.internal.engine.Parallel;
import dev.guidepost.core.internal.engine.PolicyCompileException;
import dev.guidepost.core.internal.engine.PolicyCompiler;
import dev.guidepost.core.internal.engine.PolicyExceptionProgram;
import dev.guidepost.core.internal.engine.PolicyProgram;
import dev.guidepost.core.internal.engine.PolicyResponse;
import dev.guidepost.core.internal.engine.PreparedRequest;
import dev.guidepost.core.internal.engine.RuleResponse;
import dev.guidepost.core.internal.engine.UnselectedManifests;
import dev.guidepost.core.internal.engine.ViolationLocation;
import dev.guidepost.core.internal.match.NamespaceSelection;
import dev.guidepost.core.internal.match.OperationSelection;
import dev.guidepost.core.internal.match.PodControllers;
import dev.guidepost.core.internal.match.UserDependence;
import dev.guidepost.core.internal.pack.ExceptionDocument;
import dev.guidepost.core.internal.pack.IdSimilarity;
import dev.guidepost.core.internal.pack.PackProblems;
import dev.guidepost.core.internal.pack.PolicyLocator;
import dev.guidepost.core.internal.pack.PolicySourceText;
import dev.guidepost.core.internal.yaml.PlainValues;

/**
 * Checks manifests against a pack with Kyverno's semantics: each manifest is evaluated as an admission request
 * (CREATE) by every enforceable policy whose match rules select it, including Kyverno's autogen for pod
 * controllers. Compiled once; immutable and safe to share between threads. Never needs embeddings.
 *
 * <pre>{@code
 * PolicyEngine engine = PolicyEngine.of(PolicyPack.load(Path.of("policies")));
 * Report report = engine.check(Manifests.load(Path.of("k8s")));
 * report.violations().forEach(System.out::println);
 * }</pre>
 */
public final class PolicyEngine {

    /** Manifests times policies from which a check spreads over threads. */
    static final int PARALLEL_WORK = 16;

    /** A field of a Pod named in a fix: {@code spec.securityContext}, {@code metadata.labels}. */
    private static final java.util.regex.Pattern POD_FIELD = java.util.regex.Pattern.compile(
            "(?<![\\w.])(spec|metadata)\\.[A-Za-z]");

    private final PolicyPack pack;
    private final Map<String, Compiled> compiled;
    private final AdmissionChain admission;
    private final boolean honourExemptions;

    /**
     * A compiled policy; whether its verdict depends on what only the cluster knows of a namespace (the labels its
     * namespace selector tests, or the Namespace object its CEL reads) or of the request (the requesting user); whether it leaves out creation, which is
     * how a check sees every manifest; and whether the cluster admits what it cannot evaluate
     * ({@code failurePolicy: Ignore}).
     */
    private record Compiled(Policy policy, PolicyProgram program, boolean selectsByNamespaceLabels,
            Set<String> namespaceLabelRules, Set<String> namespaceObjectRules,
            boolean namespaceObjectOnlyInMatchConditions, Set<String> requestUserRules, boolean excludesCreate,
            boolean failurePolicyIgnore) {

        Compiled(Policy policy, PolicyProgram program) {
            this(policy, program, NamespaceSelection.byLabels(policy.definition()),
                    rulesWhere(policy, NamespaceSelection::byLabels),
                    rulesWhere(policy, NamespaceSelection::readsNamespaceObject),
                    namespaceObjectOnlyInMatchConditions(policy.definition()),
                    rulesWhere(policy, UserDependence::readsRequestUser),
                    OperationSelection.excludesCreate(policy.definition()),
                    "Ignore".equals(PlainValues.string(policy.definition(), "spec", "failurePolicy")));
        }

        /**
         * True when only the policy's match conditions read the Namespace object: its validations then give the
         * same verdict in every namespace the conditions let through.
         */
        private static boolean namespaceObjectOnlyInMatchConditions(Map<String, Object> definition) {
            Map<String, Object> spec = PlainValues.map(definition, "spec");
            if (!NamespaceSelection.readsNamespaceObject(PlainValues.list(spec, "matchConditions"))) {
                return false;
            }
            // the CEL besides the conditions; prose (a description naming namespaceObject) reads nothing
            Map<String, Object> rest = new LinkedHashMap<>();
            for (String cel : List.of("variables", "validations", "auditAnnotations")) {
                rest.put(cel, spec.get(cel));
            }
            return !NamespaceSelection.readsNamespaceObject(rest);
        }

        boolean readsNamespaceObject(RuleResponse rule) {
            return names(namespaceObjectRules, rule.rule());
        }

        /** Whether this rule (not only a sibling of it) selects namespaces by labels a check may not know. */
        boolean selectsByNamespaceLabels(RuleResponse rule) {
            return names(namespaceLabelRules, rule.rule());
        }

        boolean readsRequestUser(RuleResponse rule) {
            return names(requestUserRules, rule.rule());
        }

        private static boolean names(Set<String> rules, String rule) {
            if (rules.isEmpty()) {
                return false; // most policies: no rule reads the user or the Namespace object
            }
            return rules.contains(rule) || rules.contains(Policy.Rule.writtenName(rule));
        }

        /**
         * The names of the rules whose own text passes the test: each rule of a ClusterPolicy apart (a mutate
         * rule reading the user says nothing of its validate sibling), or {@code ""} for the one nameless rule of
         * other policies.
         */
        private static Set<String> rulesWhere(Policy policy, java.util.function.Predicate<Object> test) {
            Set<String> out = new java.util.HashSet<>();
            if (policy.format() == PolicyFormat.CLUSTER_POLICY || policy.format() == PolicyFormat.KYVERNO_POLICY) {
                for (Object rule : PlainValues.list(policy.definition(), "spec", "rules")) {
                    if (test.test(rule)) {
                        out.add(PlainValues.string(rule, "name"));
                    }
                }
            } else if (test.test(policy.definition())) {
                out.add("");
            }
            return Set.copyOf(out);
        }
    }

    private PolicyEngine(PolicyPack pack, Map<String, Compiled> compiled, AdmissionChain admission,
            boolean honourExemptions) {
        this.pack = pack;
        this.compiled = compiled;
        this.admission = admission;
        this.honourExemptions = honourExemptions;
    }

    /**
     * True when whether or how the policy's mutations apply may depend on the namespace's labels: a mutate rule
     * that selects or excludes by a {@code namespaceSelector} testing labels, or a MutatingPolicy that selects so or
     * reads the Namespace object.
     */
    private static boolean mutationReadsNamespace(Policy policy) {
        if (policy.format() == PolicyFormat.MUTATING_POLICY) {
            // its match, variables and patches may all read the Namespace object
            return NamespaceSelection.byLabels(policy.definition())
                    || NamespaceSelection.readsNamespaceObject(policy.definition());
        }
        // a selector of the name label alone is known without the Namespace manifest; an exclude counts as a match
        return PlainValues.list(policy.definition(), "spec", "rules").stream()
                .filter(rule -> PlainValues.at(rule, "mutate") != null)
                .anyMatch(rule -> NamespaceSelection.byLabels(Map.of("match", PlainValues.map(rule, "match")))
                        || NamespaceSelection.byLabels(Map.of("match", PlainValues.map(rule, "exclude"))));
    }

    /** The pack's mutations and exceptions, compiled (an exception that does not compile is a problem). */
    private static AdmissionChain admission(PolicyPack pack, List<GuidepostException> problems) {
        List<ClassicExceptionProgram> classic = new ArrayList<>();
        List<PolicyExceptionProgram> cel = new ArrayList<>();
        for (ExceptionDocument exception : pack.exceptionDocuments()) {
            if (exception.classic()) {
                classic.add(ClassicExceptionProgram.of(exception.document()));
                continue;
            }
            try {
                cel.add(PolicyExceptionProgram.compile(exception.document()));
            } catch (PolicyCompileException e) {
                problems.add(new GuidepostException(exception.location(), "policy exception '" + exception.name()
                        + "' does not compile: " + e.getMessage()));
            }
        }
        List<PolicyProgram> classicMutators = new ArrayList<>();
        List<PolicyProgram> mutatingPolicies = new ArrayList<>();
        Map<String, Set<String>> mutatingByNamespace = new java.util.HashMap<>();
        for (Policy policy : pack.policies()) {
            boolean mutatingPolicy = policy.format() == PolicyFormat.MUTATING_POLICY;
            boolean classicMutator = (policy.format() == PolicyFormat.CLUSTER_POLICY
                    || policy.format() == PolicyFormat.KYVERNO_POLICY)
                    && policy.rules().stream().anyMatch(r -> r.type().equals("mutate"));
            if (mutatingPolicy || classicMutator) {
                // a mutation that does not compile is left out: it is advisory here, and its own tests show it
                PolicyCompiler.compileForTests(policy).program().ifPresent(program -> {
                    (mutatingPolicy ? mutatingPolicies : classicMutators).add(program);
                    if (mutationReadsNamespace(policy)) {
                        mutatingByNamespace.put(program.name(), Set.copyOf(policy.kinds()));
                    }
                });
            }
        }
        classicMutators.addAll(mutatingPolicies);
        return new AdmissionChain(classic, cel, classicMutators, mutatingByNamespace);
    }

    /**
     * Compiles every enforceable policy of the pack (on up to four threads when the machine has the cores; the
     * result does not depend on it).
     *
     * @throws GuidepostException naming the file and line of the first expression that does not compile (of the
     *                            first policy, in pack order, that has one), then every other one
     */
    public static PolicyEngine of(PolicyPack pack) {
        List<Policy> policies = Objects.requireNonNull(pack, "pack").policies();
        List<CompiledPolicy> results = Parallel.map(policies, PolicyCompiler::compile);
        Map<String, Compiled> compiled = new LinkedHashMap<>();
        List<GuidepostException> problems = new ArrayList<>();
        for (int i = 0; i < policies.size(); i++) {
            Policy policy = policies.get(i);
            CompiledPolicy result = results.get(i);
            problems.addAll(compileProblems(policy, result, pack.sourceText(policy)));
            result.program().ifPresent(program -> compiled.put(policy.id(), new Compiled(policy, program)));
        }
        AdmissionChain admission = admission(pack, problems);
        if (!problems.isEmpty()) {
            throw PackProblems.of(problems);
        }
        return new PolicyEngine(pack, compiled, admission, true);
    }

    /**
     * The compile errors of policies read from a pack some of whose files are broken, so that they are reported
     * with the broken files' problems rather than once those are mended.
     */
    static List<GuidepostException> compileProblems(List<Policy> policies, Map<Policy, PolicySourceText> texts) {
        List<CompiledPolicy> results = Parallel.map(policies, PolicyCompiler::compile);
        List<GuidepostException> problems = new ArrayList<>();
        for (int i = 0; i < policies.size(); i++) {
            problems.addAll(compileProblems(policies.get(i), results.get(i),
                    Optional.ofNullable(texts.get(policies.get(i)))));
        }
        return problems;
    }

    /** A policy's compile errors, each located in the text it was read from. */
    private static List<GuidepostException> compileProblems(Policy policy, CompiledPolicy result,
            Optional<PolicySourceText> text) {
        return result.errors().stream().map(e -> new GuidepostException(PolicyLocator.locate(policy, e.path(), text),
                "policy '" + policy.id() + "': " + e.getMessage())).toList();
    }

    /**
     * This engine, checking as the cluster will: exemption annotations ({@code guidepost.dev/ignore-<id>}) are not
     * honoured, because the emitted Kyverno policies do not read them; a violation on an annotated resource says
     * so. For answers about what the cluster will admit, such as an agent's check before it deploys. Shares the
     * compiled policies.
     */
    public PolicyEngine ignoringExemptions() {
        return honourExemptions ? new PolicyEngine(pack, compiled, admission, false) : this;
    }

    /**
     * Starts loading the CEL compiler on a background thread and returns at once: an adapter that will check
     * calls this first, so that the loading overlaps with reading the pack and the manifests and the
     * {@link #of(PolicyPack)} that follows is faster. Optional; does nothing after the first call in a JVM.
     */
    public static void warmUp() {
        Parallel.warmUpCel();
    }

    /** The pack. */
    public PolicyPack pack() {
        return pack;
    }

    /** The policies this engine checks (advisory policies are not among them). */
    public List<Policy> enforceablePolicies() {
        return compiled.values().stream().map(Compiled::policy).toList();
    }

    /** Checks manifests against every enforceable policy. */
    public Report check(Manifests manifests) {
        return check(manifests, policy -> true);
    }

    /**
     * Checks manifests against the enforceable policies that {@code which} accepts. A batch (manifests times
     * policies of at least {@value #PARALLEL_WORK}) is evaluated on up to four threads, a smaller check on the
     * caller's thread alone (an autogen variant compiles on first use); results come in manifest order, then pack
     * order, either way.
     */
    public Report check(Manifests manifests, Predicate<Policy> which) {
        Objects.requireNonNull(manifests, "manifests");
        Objects.requireNonNull(which, "which");
        List<Compiled> selected = compiled.values().stream().filter(c -> which.test(c.policy())).toList();
        EvaluationContext context = admission.context(manifests.manifests());
        List<Manifest> list = manifests.manifests();
        List<PreparedRequest> requests = list.stream().map(m -> admission.request(m, context)).toList();
        // threads pay off for a build's batch (and its cold start), not for a service checking one manifest
        boolean threads = (long) list.size() * selected.size() >= PARALLEL_WORK;
        ManifestExceptions exceptionsAmongManifests = ManifestExceptions.of(list);
        List<List<Evaluated>> byPolicy = Parallel.map(selected, threads, c -> {
            List<Evaluated> out = new ArrayList<>(list.size());
            for (int m = 0; m < list.size(); m++) {
                Evaluated evaluated = new Evaluated(new ArrayList<>(), new ArrayList<>());
                Manifest manifest = list.get(m);
                evaluate(c, manifest, requests.get(m), context, evaluated, honourExemptions,
                        path -> manifests.lineOf(manifest, path));
                if (!exceptionsAmongManifests.isEmpty() && evaluated.results().stream().anyMatch(Result::isViolation)) {
                    noteExceptionsAmongManifests(c, manifest, requests.get(m), context, evaluated,
                            exceptionsAmongManifests, path -> manifests.lineOf(manifest, path));
                }
                out.add(evaluated);
            }
            return out;
        });
        List<Result> results = new ArrayList<>();
        List<Exemption> exemptions = new ArrayList<>();
        for (int m = 0; m < list.size(); m++) {
            for (List<Evaluated> policy : byPolicy) {
                results.addAll(policy.get(m).results());
                exemptions.addAll(policy.get(m).exemptions());
            }
        }
        return new Report(results, exemptions, unknownExemptions(list), manifests.problems(), manifests.size(),
                selected.size());
    }

    /** The exemption annotations of the manifests that name no policy of the pack. */
    private List<UnknownExemption> unknownExemptions(List<Manifest> manifests) {
        List<UnknownExemption> out = new ArrayList<>();
        for (Manifest manifest : manifests) {
            for (String key : new java.util.TreeSet<>(manifest.annotations().keySet())) {
                if (!key.startsWith(Exemption.ANNOTATION_PREFIX)) {
                    continue;
                }
                String id = key.substring(Exemption.ANNOTATION_PREFIX.length());
                if (pack.policy(id).isEmpty()) {
                    out.add(new UnknownExemption(id, manifest.resource(), manifest.location(), pack.similarIds(id)));
                }
            }
        }
        return out;
    }

    /** What one policy said about one manifest. */
    private record Evaluated(List<Result> results, List<Exemption> exemptions) {
    }

    /**
     * Notes on each violation that a PolicyException among the manifests would exempt: the check, evaluated again
     * with those exceptions in force as well, no longer fails that rule.
     */
    private void noteExceptionsAmongManifests(Compiled c, Manifest manifest, PreparedRequest request,
            EvaluationContext context, Evaluated evaluated, ManifestExceptions exceptions,
            ToIntFunction<List<Object>> lineOf) {
        Evaluated with = new Evaluated(new ArrayList<>(), new ArrayList<>());
        evaluate(c, manifest, request, exceptions.addTo(context), with, honourExemptions, lineOf);
        List<String> exempting = exceptions.shown(with.exemptions().stream().map(Exemption::exception).toList());
        if (exempting.isEmpty()) {
            return;
        }
        Set<String> stillFailing = with.results().stream().filter(Result::isViolation).map(Result::rule)
                .collect(java.util.stream.Collectors.toSet());
        evaluated.results().replaceAll(r -> !r.isViolation() || stillFailing.contains(r.rule()) ? r
                : new Result(r.policyId(), r.policyTitle(), r.rule(), r.severity(), r.action(), r.outcome(),
                        r.message() + ManifestExceptions.note(exempting), r.remediation(), r.resource(),
                        r.location(), r.fieldLine()));
    }

    /**
     * Checks manifests against the named policies. An unknown id is an error. Advisory policies among them are
     * passed over (they have nothing to check), so the hits of a search can be checked as they come; naming only
     * advisory policies, or none, is an error, since such a check would pass without looking.
     */
    public Report check(Manifests manifests, Collection<String> policyIds) {
        Objects.requireNonNull(manifests, "manifests");
        if (Objects.requireNonNull(policyIds, "policyIds").isEmpty()) {
            throw new GuidepostException("no policy ids given; name the policies to check, or check them all with "
                    + "check(manifests)");
        }
        Set<String> advisory = new LinkedHashSet<>();
        for (String id : new LinkedHashSet<>(policyIds)) {
            Optional<Policy> policy = pack.policy(Objects.requireNonNull(id, "a policy id is null"));
            if (policy.isEmpty()) {
                throw new GuidepostException("no policy '" + id + "' in pack " + pack.coordinates()
                        + IdSimilarity.didYouMean(pack.similarIds(id)));
            }
            if (!policy.get().enforceable()) {
                advisory.add(id + " (" + policy.get().advisoryReason().orElse("no rules to check") + ")");
            }
        }
        if (advisory.size() == new HashSet<>(policyIds).size()) {
            // only advisory ones: a check would pass without looking at anything
            throw new GuidepostException("the policies named are advisory, so there is nothing to check them with: "
                    + String.join(", ", advisory) + "; read them, or name enforceable policies to check");
        }
        return check(manifests, policy -> policyIds.contains(policy.id()));
    }

    /** Checks one manifest against every enforceable policy. */
    public List<Result> check(Manifest manifest) {
        return check(Manifests.of(List.of(Objects.requireNonNull(manifest, "manifest")))).results();
    }

    /**
     * The enforceable policies whose match rules select the manifest (by kind, namespace, labels, ...). A policy that
     * selects namespaces by label counts too when the manifest is namespaced: its namespace's labels are not known
     * from the manifest alone, and in the cluster the policy applies if they match.
     */
    public List<Policy> applicablePolicies(Manifest manifest) {
        Objects.requireNonNull(manifest, "manifest");
        EvaluationContext context = admission.context(List.of(manifest));
        PreparedRequest request = admission.request(manifest, context);
        return compiled.values().stream().filter(c -> c.program().selects(request, context)
                || mayApplyByNamespaceLabels(c, manifest, request, context)
                || UnselectedManifests.selectsPodsOf(c.policy(), c.program(), manifest, request, context))
                .map(Compiled::policy).toList();
    }

    /** The policy selects namespaces by label, the manifest's namespace is unknown here, and its kind matches. */
    private static boolean mayApplyByNamespaceLabels(Compiled c, Manifest manifest, PreparedRequest request,
            EvaluationContext context) {
        return c.selectsByNamespaceLabels() && unknownNamespace(request, context)
                && c.policy().kinds().contains(manifest.kind());
    }

    /** The manifest is namespaced and its Namespace is not among the manifests checked. */
    private static boolean unknownNamespace(PreparedRequest request, EvaluationContext context) {
        String namespace = request.request().namespace();
        return !namespace.isEmpty() && context.namespaces().object(namespace).isEmpty();
    }

    /**
     * Why a rule's verdict cannot be trusted without the manifest's Namespace, or empty: CEL that reads the
     * Namespace object decides on data only the cluster has, and a failure under a namespace selector holds only
     * if the namespace's labels match it.
     */
    private static Optional<String> dependsOnUnknownNamespace(Compiled c, RuleResponse rule, String namespace,
            boolean namespaceWritten) {
        String unknown = namespaceWritten ? "namespace '" + namespace + "' is not among the manifests checked: check "
                + "its Namespace manifest together with this one"
                : "the manifest names no namespace, so it was checked as in '" + namespace + "', whose labels are "
                        + "unknown: " + UnselectedManifests.NAME_THE_NAMESPACE;
        String failure = checkedWithout(rule);
        if (rule.outcome() == Outcome.PASS && c.namespaceObjectOnlyInMatchConditions()) {
            // the validations passed and do not read the namespace: where the conditions skip, nothing fails either
            return Optional.empty();
        }
        if (c.readsNamespaceObject(rule)) {
            return Optional.of("the policy reads the Namespace object (namespaceObject) and " + unknown + failure);
        }
        // a pass or a skip holds whatever the labels: if the selector does not match, the policy does not apply
        if (c.selectsByNamespaceLabels(rule) && (rule.outcome() == Outcome.FAIL || rule.outcome() == Outcome.ERROR)) {
            return Optional.of("the policy selects namespaces by their labels and " + unknown + "; in the cluster "
                    + "it applies only if they match" + failure);
        }
        return Optional.empty();
    }

    private static void evaluate(Compiled c, Manifest manifest, PreparedRequest request, EvaluationContext context,
            Evaluated evaluated, boolean honourExemptions, ToIntFunction<List<Object>> lineOf) {
        List<Result> results = evaluated.results();
        Policy policy = c.policy();
        PolicyResponse controllerResponse = c.program().evaluate(request, context);
        PolicyResponse response = controllerResponse;
        if (response.rules().isEmpty()) {
            // a pod controller Kyverno makes no rules for: the cluster checks the Pods it creates
            Optional<PolicyResponse> pods = UnselectedManifests.podsOf(policy, c.program(), manifest, request,
                    context);
            if (pods.isEmpty() || pods.get().rules().isEmpty()) {
                // never a silent pass where the policy may apply in the cluster
                whyUnselected(c, manifest, request, context).ifPresent(why -> results.add(
                        notChecked(policy, "", policy.action(), why, manifest)));
                return;
            }
            response = pods.get();
        } else if (response.rules().stream().noneMatch(r -> r.outcome() == Outcome.FAIL
                || r.outcome() == Outcome.ERROR)) {
            // the Pods the controller creates get what its template leaves out, and the cluster checks them too
            response = UnselectedManifests.podsFailingWhatTheTemplatePasses(policy, c.program(), manifest, request,
                    context).orElse(response);
        }
        // a Pod policy that autogen applied to a pod controller names the Pod's fields
        boolean podPolicyOnController = policy.kinds().contains("Pod") && !policy.kinds().contains(manifest.kind());
        // the verdict on the Pods the controller creates: its paths are the Pod's, kept in the pod template
        List<List<String>> templates = PodControllers.templatePaths(manifest.kind());
        List<String> podTemplate = response != controllerResponse && !templates.isEmpty()
                ? templates.get(templates.size() - 1) : List.of();
        Optional<String> exemption = exemptionReason(manifest, policy.id());
        boolean exempted = honourExemptions && exemption.isPresent() && !exemption.get().isBlank();
        for (RuleResponse rule : response.rules()) {
            if (RuleResponse.MUTATION.equals(rule.unsupported())) {
                continue; // applied before validation (AdmissionChain); it rejects nothing itself
            }
            rule = holdsInAnyNamespace(c, rule, request, context).orElse(rule);
            Optional<String> notChecked = whyNotChecked(c, rule, request, context, !manifest.namespace().isEmpty());
            if (notChecked.isPresent() && !(exempted && rule.evaluated())) {
                results.add(notChecked(policy, rule.rule(), rule.action(), notChecked.get(), manifest));
                continue;
            }
            Outcome outcome = rule.outcome();
            boolean violation = outcome == Outcome.FAIL || outcome == Outcome.ERROR;
            // an error's message speaks of the policy (spec.validations[1]), not of a field of the manifest
            ViolationLocation located = ViolationLocation.of(rule, manifest, request, policy.kinds().contains("Pod"),
                    podPolicyOnController, podTemplate, lineOf);
            int fieldLine = located.line();
            // a fix that names the Pod's fields (spec.securityContext) would be applied to the controller's own;
            // without a fix (a Kyverno policy), where the Pod's fields are is the fix's half a reader lacks
            Optional<List<String>> podSpec = policy.kinds().contains("Pod") && !manifest.kind().equals("Pod")
                    ? PodControllers.podSpecPath(manifest.kind()) : Optional.empty();
            String remediation = policy.remediation();
            if (violation && podSpec.isPresent() && remediation.isBlank()) {
                // the rule may be about the controller's own name, which autogen leaves as it is
                remediation = "Where the rule reads the Pod's fields: "
                        + PodControllers.whereThePodIs(manifest.kind()).replaceFirst("^In ", "in ");
            } else if (violation && podSpec.isPresent() && POD_FIELD.matcher(remediation).find()
                    && !remediation.contains("template.")) {
                remediation = remediation + " (" + PodControllers.whereThePodIs(manifest.kind()) + ")";
            }
            String message = violation
                    ? withAlsoFailing(rule.message() + (fieldLine > 0 ? " (line " + fieldLine + ")" : "")
                    + located.note()
                    + DefaultedValueNote.of(rule.message(), rule.element(), manifest.object(), manifest.apiVersion(),
                    manifest.kind()),
                    rule) : rule.message();
            if (exempted) {
                outcome = Outcome.SKIP;
                message = "exempted (" + Exemption.ANNOTATION_PREFIX + policy.id() + "): " + exemption.get();
            } else if (exemption.isPresent() && rule.outcome() != Outcome.PASS) {
                message = message + " [the annotation " + Exemption.ANNOTATION_PREFIX + policy.id() + (honourExemptions
                        ? " is ignored: it needs a reason as its value]"
                        : " does not exempt in the cluster: its Kyverno policies do not read it; a Kyverno "
                                + "PolicyException can admit the resource]");
            } else if (honourExemptions && rule.outcome() != Outcome.PASS
                    && podTemplateExemption(manifest, policy.id())) {
                message = message + " [the annotation " + Exemption.ANNOTATION_PREFIX + policy.id() + " is on the "
                        + "pod template, where exemptions are not read; move it to the " + manifest.kind()
                        + "'s own metadata.annotations]";
            }
            results.add(new Result(policy.id(), policy.title(), rule.rule(), policy.severity(), rule.action(),
                    outcome, message, remediation, manifest.resource(), manifest.location(),
                    exempted ? 0 : fieldLine));
            String exception = rule.exception();
            if (!exempted && !exception.isEmpty() && evaluated.exemptions().stream().noneMatch(e ->
                    e.policyId().equals(policy.id()) && e.exception().equals(exception))) {
                evaluated.exemptions().add(new Exemption(policy.id(), manifest.resource(), manifest.location(),
                        "PolicyException " + exception, exception));
            }
        }
        boolean unknownLabels = !c.namespaceLabelRules().isEmpty() && unknownNamespace(request, context);
        UnselectedManifests.unansweredRules(policy, unknownLabels ? c.namespaceLabelRules() : Set.of(), manifest,
                request, response).forEach((rule, why) -> results.add(
                notChecked(policy, rule, policy.action(), why, manifest)));
        if (exempted) {
            evaluated.exemptions().add(new Exemption(policy.id(), manifest.resource(), manifest.location(),
                    exemption.get()));
        }
    }

    /** Why a policy that did not select a manifest may still apply to it in the cluster, or empty. */
    private static Optional<String> whyUnselected(Compiled c, Manifest manifest, PreparedRequest request,
            EvaluationContext context) {
        if (c.excludesCreate() && c.policy().kinds().contains(manifest.kind())) {
            return Optional.of("the policy applies only to operations other than creation (its match rules list "
                    + "no CREATE), and a check sees each manifest as created; Kyverno evaluates it in the cluster "
                    + "when the object changes");
        }
        if (mayApplyByNamespaceLabels(c, manifest, request, context)) {
            return Optional.of("the policy selects namespaces by their labels and the labels of namespace '"
                    + request.request().namespace() + "' are unknown: check its Namespace manifest together with "
                    + "this one; in the cluster the policy applies if they match");
        }
        return UnselectedManifests.appliesInANamedNamespace(c.policy(), c.program(), manifest, request, context);
    }

    /**
     * For a rule that skipped because its match conditions, the only part reading the Namespace object, are false
     * with the namespace unknown here: a pass when its validations pass anyway, since then the manifest passes or
     * is skipped whatever the namespace's labels are; empty otherwise.
     */
    private static Optional<RuleResponse> holdsInAnyNamespace(Compiled c, RuleResponse rule, PreparedRequest request,
            EvaluationContext context) {
        if (rule.outcome() != Outcome.SKIP || !rule.exception().isEmpty() || !rule.evaluated()
                || !c.namespaceObjectOnlyInMatchConditions() || !unknownNamespace(request, context)) {
            return Optional.empty();
        }
        return c.program().evaluate(request, context.assumingMatchConditions()).rules().stream()
                .filter(r -> r.rule().equals(rule.rule()) && r.outcome() == Outcome.PASS).findFirst()
                .map(r -> r.withMessage("passes whatever the labels of namespace '" + request.request().namespace()
                        + "': its validations hold, and only its match conditions read the namespace"));
    }

    /** Why a rule's outcome is no verdict on the manifest, or empty when it is one. */
    private static Optional<String> whyNotChecked(Compiled c, RuleResponse rule, PreparedRequest request,
            EvaluationContext context, boolean namespaceWritten) {
        if (!rule.evaluated()) {
            // a limitation is said either as the thing not evaluated or as a sentence of its own
            String what = rule.unsupported().startsWith("Guidepost ") ? rule.unsupported()
                    : "Guidepost cannot evaluate " + rule.unsupported() + " yet";
            return Optional.of(what + "; Kyverno evaluates this rule in the cluster");
        }
        if (c.readsRequestUser(rule) || c.program().selectsOnlyForSomeUsers(rule.rule(), request, context)) {
            return Optional.of("the rule reads or selects who sends the request (request.userInfo, its roles, match "
                    + "subjects), which a check of manifests does not know; the cluster decides with the real user"
                    + checkedWithout(rule));
        }
        if (unknownNamespace(request, context)) {
            Optional<String> uncertain = dependsOnUnknownNamespace(c, rule, request.request().namespace(),
                    namespaceWritten);
            if (uncertain.isPresent()) {
                return uncertain;
            }
        }
        if ((rule.outcome() == Outcome.ERROR || rule.outcome() == Outcome.FAIL)
                && context.cluster() == ClusterData.NONE && rule.message().contains(ClusterData.UNAVAILABLE)) {
            // a CEL rule calling resource.Get/List, globalContext.Get, http.* or image.GetMetadata
            return Optional.of("the rule reads the cluster (" + rule.message() + "), which a check of manifests does "
                    + "not have; Kyverno evaluates this rule in the cluster");
        }
        if (rule.outcome() == Outcome.ERROR && c.failurePolicyIgnore()) {
            return Optional.of("the rule could not be evaluated (" + rule.message() + "), and with failurePolicy: "
                    + "Ignore the cluster admits the object when that happens");
        }
        return Optional.empty();
    }

    /** What the rule said without the data it needs: "; checked without it, the rule fails: message". */
    private static String checkedWithout(RuleResponse rule) {
        String verb = switch (rule.outcome()) {
            case PASS -> "passes";
            case FAIL -> "fails";
            case ERROR -> "errors";
            case SKIP -> "skips";
        };
        return "; checked without it, the rule " + verb + (rule.message().isBlank() ? "" : ": " + rule.message());
    }

    /**
     * The message followed by the rule's later failing validations (Kyverno reports the first), so that one round
     * shows every fix: "first message. Also failing: second; third."
     */
    private static String withAlsoFailing(String message, RuleResponse rule) {
        if (rule.alsoFailing().isEmpty()) {
            return message;
        }
        List<String> others = rule.alsoFailing().stream().map(m -> m.strip().replaceAll("[.;]+$", "")).toList();
        String first = message.strip();
        return first + (first.matches(".*[.!?]$") ? "" : ".") + " Also failing: " + String.join("; ", others) + ".";
    }

    private static Result notChecked(Policy policy, String rule, Action action, String why, Manifest manifest) {
        return new Result(policy.id(), policy.title(), rule, policy.severity(), action, Outcome.SKIP,
                Result.NOT_CHECKED + why, policy.remediation(), manifest.resource(), manifest.location());
    }

    /** True when a pod controller's pod template carries the exemption, which is read on the controller only. */
    private static boolean podTemplateExemption(Manifest manifest, String policyId) {
        String key = Exemption.ANNOTATION_PREFIX + policyId;
        return PodControllers.TEMPLATE_PATHS.stream().anyMatch(template ->
                PlainValues.stringMap(PlainValues.at(manifest.object(), template.toArray(String[]::new)), "metadata",
                        "annotations").containsKey(key));
    }

    private static Optional<String> exemptionReason(Manifest manifest, String policyId) {
        String value = manifest.annotations().get(Exemption.ANNOTATION_PREFIX + policyId);
        return Optional.ofNullable(value).map(String::strip);
    }
}
