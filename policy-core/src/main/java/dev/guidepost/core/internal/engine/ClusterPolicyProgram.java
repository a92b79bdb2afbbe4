package dev.guidepost.core.internal.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.guidepost.core.internal.yaml.PlainValues;
import dev.guidepost.core.Outcome;
import dev.guidepost.core.internal.match.ResourceFilters;
import dev.guidepost.core.internal.match.UserInfo;

/**
 * A compiled ClusterPolicy (or namespaced Policy): its rules after autogen, each selected by its match and
 * exclude blocks. A namespaced Policy only sees resources in its own namespace.
 */
final class ClusterPolicyProgram implements PolicyProgram {

    private final String name;
    private final String namespace;
    private final List<ClassicRuleProgram> rules;
    private final boolean applyOne;
    private final FailureActions failureActions;
    /** The rules whose match names users: the only ones a request's user can leave out. */
    private final List<ClassicRuleProgram> rulesMatchingUsers;

    ClusterPolicyProgram(String name, String namespace, List<ClassicRuleProgram> rules, boolean applyOne,
            FailureActions failureActions) {
        this.name = name;
        this.namespace = namespace;
        this.rules = List.copyOf(rules);
        this.applyOne = applyOne;
        this.failureActions = failureActions;
        this.rulesMatchingUsers = this.rules.stream().filter(ClassicRuleProgram::matchNamesUsers).toList();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public PolicyResponse evaluate(PreparedRequest prepared, EvaluationContext context) {
        return evaluate(prepared, context, true, List.of());
    }

    @Override
    public PolicyResponse evaluateAfterMutation(PreparedRequest prepared, EvaluationContext context,
            PolicyMutation mutation) {
        return evaluate(prepared, context, false, mutation.rules());
    }

    @Override
    public Optional<PolicyMutation> mutate(PreparedRequest prepared, EvaluationContext context) {
        Map<String, Object> object = prepared.request().object();
        if (object == null || rules.stream().noneMatch(ClassicRuleProgram::mutates)) {
            return Optional.empty();
        }
        if (object.isEmpty() || !namespace.isEmpty() && !namespace.equals(prepared.request().namespace())) {
            return Optional.of(new PolicyMutation(List.of(), object));
        }
        List<RuleResponse> responses = new ArrayList<>();
        PreparedRequest current = prepared;
        for (ClassicRuleProgram rule : rules) {
            if (!rule.mutates()) {
                continue;
            }
            if (current.request().object().isEmpty()) {
                break; // an earlier rule's patch erred and left nothing to match
            }
            ResourceFilters.Subject subject = subject(current.request(), context);
            if (!rule.selects(subject)) {
                continue;
            }
            RuleResponse exception = ClassicExceptionProgram.apply(context.classicExceptions(), policyKey(),
                    rule.name(), exceptionSubject(subject), rule.action()).orElse(null);
            RuleResponse response;
            if (exception != null) {
                response = exception;
            } else {
                RuleMutation.Result result = rule.mutate(current, context);
                response = result.response();
                if (result.patched() != current.request().object()) {
                    current = withObject(current, result.patched());
                }
            }
            responses.add(response);
            if (applyOne && response.evaluated()
                    && (response.outcome() == Outcome.PASS || response.outcome() == Outcome.FAIL)) {
                break;
            }
        }
        return Optional.of(new PolicyMutation(responses, current.request().object()));
    }

    @Override
    public Optional<PolicyGeneration> generate(PreparedRequest prepared, EvaluationContext context,
            List<Map<String, Object>> cloneSources) {
        if (prepared.request().object() == null || rules.stream().noneMatch(ClassicRuleProgram::generates)) {
            return Optional.empty();
        }
        if (!namespace.isEmpty() && !namespace.equals(prepared.request().namespace())) {
            return Optional.of(new PolicyGeneration(List.of()));
        }
        ResourceFilters.Subject subject = subject(prepared.request(), context);
        List<PolicyGeneration.Rule> responses = new ArrayList<>();
        for (ClassicRuleProgram rule : rules) {
            if (!rule.generates() || !rule.selects(subject)) {
                continue;
            }
            RuleResponse exception = ClassicExceptionProgram.apply(context.classicExceptions(), policyKey(),
                    rule.name(), exceptionSubject(subject), rule.action()).orElse(null);
            if (exception != null) {
                responses.add(new PolicyGeneration.Rule(exception, List.of()));
                continue;
            }
            RuleGeneration.Result result = rule.generate(prepared, context, cloneSources);
            responses.add(new PolicyGeneration.Rule(result.response(), result.generated()));
        }
        return Optional.of(new PolicyGeneration(responses));
    }

    /** The request with another object, as the next mutate rule sees it. */
    private static PreparedRequest withObject(PreparedRequest prepared, Map<String, Object> object) {
        AdmissionRequest r = prepared.request();
        return new PreparedRequest(new AdmissionRequest(r.operation(), object, r.oldObject(), r.resource(),
                r.namespace(), r.name(), r.user()), prepared.numbers());
    }

    private String policyKey() {
        return namespace.isEmpty() ? name : namespace + "/" + name;
    }

    private PolicyResponse evaluate(PreparedRequest prepared, EvaluationContext context, boolean withMutateRules,
            List<RuleResponse> mutations) {
        Map<String, Object> object = prepared.request().object();
        if (object != null && object.isEmpty()
                || !namespace.isEmpty() && !namespace.equals(prepared.request().namespace())) {
            // an empty object is what an erring mutation left: it matches no rule
            return new PolicyResponse(name, true, mutations);
        }
        ResourceFilters.Subject subject = subject(prepared.request(), context);
        List<RuleResponse> responses = new ArrayList<>(mutations);
        for (ClassicRuleProgram rule : rules) {
            if (!withMutateRules && rule.mutates()) {
                continue;
            }
            if (!rule.selects(subject)) {
                continue;
            }
            RuleResponse response = ClassicExceptionProgram.apply(context.classicExceptions(), policyKey(),
                    rule.name(), exceptionSubject(subject), rule.action()).orElseGet(() -> rule.evaluate(prepared,
                            context));
            if (response == null) {
                continue;
            }
            if (!failureActions.none() && !rule.mutates()) {
                response = response.withAction(failureActions.of(rule.name(), subject.namespace(),
                        subject.namespaceLabels()));
            }
            responses.add(response);
            if (applyOne && response.evaluated()
                    && (response.outcome() == Outcome.PASS || response.outcome() == Outcome.FAIL)) {
                break;
            }
        }
        return new PolicyResponse(name, true, responses);
    }

    @Override
    public boolean selectsOnlyForSomeUsers(String rule, PreparedRequest prepared, EvaluationContext context) {
        if (rulesMatchingUsers.isEmpty()) {
            return false; // most policies: no match block names users
        }
        ResourceFilters.Subject subject = subject(prepared.request(), context);
        return rulesMatchingUsers.stream().filter(r -> r.name().equals(rule))
                .anyMatch(r -> r.selectsOnlyForSomeUsers(subject));
    }

    @Override
    public boolean selects(PreparedRequest prepared, EvaluationContext context) {
        if (!namespace.isEmpty() && !namespace.equals(prepared.request().namespace())) {
            return false;
        }
        ResourceFilters.Subject subject = subject(prepared.request(), context);
        return rules.stream().anyMatch(r -> r.selects(subject));
    }

    static ResourceFilters.Subject subject(AdmissionRequest request, EvaluationContext context) {
        Map<String, String> namespaceLabels = context.namespaces().selectorLabels(request.namespace())
                .orElseGet(() -> context.namespaceObjectDefault()
                        ? context.namespaces().object(request.namespace())
                                .map(n -> PlainValues.stringMap(n, "metadata", "labels"))
                                .orElse(Map.of())
                        : Map.of());
        return new ResourceFilters.Subject(request.resource().group(), request.resource().version(),
                request.resource().kind(), request.resource().subresource(), request.name(), request.namespace(),
                request.labels(), request.annotations(), request.operation(), namespaceLabels, request.user(),
                !request.user().equals(UserInfo.NONE));
    }

    /** Exceptions test their user criteria against the request's user, given or not. */
    private static ResourceFilters.Subject exceptionSubject(ResourceFilters.Subject s) {
        return new ResourceFilters.Subject(s.group(), s.version(), s.kind(), s.subresource(), s.name(),
                s.namespace(), s.labels(), s.annotations(), s.operation(), s.namespaceLabels(), s.user(), true);
    }

}
