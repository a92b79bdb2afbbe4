package dev.guidepost.core.internal.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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

    ClusterPolicyProgram(String name, String namespace, List<ClassicRuleProgram> rules, boolean applyOne) {
        this.name = name;
        this.namespace = namespace;
        this.rules = List.copyOf(rules);
        this.applyOne = applyOne;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public PolicyResponse evaluate(PreparedRequest prepared, EvaluationContext context) {
        if (!namespace.isEmpty() && !namespace.equals(prepared.request().namespace())) {
            return new PolicyResponse(name, true, List.of());
        }
        ResourceFilters.Subject subject = subject(prepared.request(), context);
        List<RuleResponse> responses = new ArrayList<>();
        for (ClassicRuleProgram rule : rules) {
            if (!rule.selects(subject)) {
                continue;
            }
            String policyKey = namespace.isEmpty() ? name : namespace + "/" + name;
            RuleResponse response = ClassicExceptionProgram.apply(context.classicExceptions(), policyKey,
                    rule.name(), exceptionSubject(subject), rule.action()).orElseGet(() -> rule.evaluate(prepared,
                            context));
            if (response == null) {
                continue;
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
