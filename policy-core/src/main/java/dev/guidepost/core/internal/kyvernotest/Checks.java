package dev.guidepost.core.internal.kyvernotest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.guidepost.core.ExpectationResult;
import dev.guidepost.core.ExpectationResult.Status;
import dev.guidepost.core.internal.cel.CelCompileException;
import dev.guidepost.core.internal.cel.CelDialect;
import dev.guidepost.core.internal.cel.CelEnvironment;
import dev.guidepost.core.internal.cel.CelValues;
import dev.guidepost.core.internal.engine.PolicyResponse;
import dev.guidepost.core.internal.engine.RuleResponse;
import dev.guidepost.core.internal.yaml.PlainValues;

/**
 * A test's {@code checks}, scored as the Kyverno CLI scores them (cmd/cli/kubectl-kyverno/commands/test/output.go,
 * printCheckResult): the engine responses are narrowed by the {@code match.resource} assertion (on the resource)
 * and the {@code match.policy} assertion (on the policy document); every rule response of those (narrowed by
 * {@code match.rule} on its name) is a row for {@code assert} (passed when the assertion holds on
 * {@code {name, ruleType, message, status}}) and a row for {@code error} (passed when that assertion does not
 * hold). A check that no response matches gives no row.
 *
 * <p>Assertion trees are kyverno-json's: a map asserts each of its fields, a list its items in order, a scalar
 * equality; a {@code (expression)} key projects the value with a CEL expression over {@code object} (the value
 * asserted on). Other kyverno-json syntax ({@code ~} iteration, {@code @} bindings, JMESPath projections that are
 * not CEL) makes the check skipped, naming the feature; so does {@code match.rule} on a rule-less policy, whose rule
 * names Kyverno does not document.
 */
final class Checks {

    private static final String FEATURE = "checks (kyverno-json assertions beyond fields, lists and CEL projections)";

    /** One evaluated policy on one resource. */
    record Answer(LoadedPolicy policy, LoadedResource resource, PolicyResponse response) {
    }

    private final String displayFile;
    private final String testName;

    Checks(String displayFile, String testName) {
        this.displayFile = displayFile;
        this.testName = testName;
    }

    List<ExpectationResult> score(List<Object> checks, List<Answer> answers) {
        List<ExpectationResult> out = new ArrayList<>();
        for (Object check : checks) {
            out.addAll(score(check, answers));
        }
        return out;
    }

    private List<ExpectationResult> score(Object check, List<Answer> answers) {
        Object resourceMatch = PlainValues.at(check, "match", "resource");
        Object policyMatch = PlainValues.at(check, "match", "policy");
        Object ruleMatch = PlainValues.at(check, "match", "rule");
        Object assertion = PlainValues.at(check, "assert");
        Object error = PlainValues.at(check, "error");
        String policyLabel = PlainValues.string(check, "match", "policy", "metadata", "name");
        String resourceLabel = PlainValues.string(check, "match", "resource", "metadata", "name");
        List<ExpectationResult> out = new ArrayList<>();
        try {
            for (Answer answer : answers) {
                if (resourceMatch != null && !holds(resourceMatch, answer.resource().object())) {
                    continue;
                }
                if (policyMatch != null && !holds(policyMatch, answer.policy().policy().definition())) {
                    continue;
                }
                for (RuleResponse rule : answer.response().rules()) {
                    if (ruleMatch != null) {
                        if (!answer.policy().classic()) {
                            throw new Unsupported();
                        }
                        if (!holds(ruleMatch, Map.of("name", rule.rule()))) {
                            continue;
                        }
                    }
                    if (!rule.evaluated()) {
                        out.add(row(answer, "check", "", Status.SKIPPED, rule.unsupported()));
                        continue;
                    }
                    Map<String, Object> data = new LinkedHashMap<>();
                    data.put("name", rule.rule());
                    data.put("ruleType", "Validation");
                    data.put("message", rule.message());
                    data.put("status", rule.outcome().label());
                    data.put("podSecurityChecks", null);
                    data.put("exception ", null);
                    if (assertion != null) {
                        boolean ok = holds(assertion, data);
                        out.add(row(answer, "assert", rule.outcome().label(), ok ? Status.PASSED : Status.FAILED,
                                ok ? "" : "the assertion does not hold on the " + rule.outcome().label()
                                        + " response" + (rule.message().isEmpty() ? "" : " (" + rule.message() + ")")));
                    }
                    if (error != null) {
                        boolean held = holds(error, data);
                        out.add(row(answer, "error", rule.outcome().label(), held ? Status.FAILED : Status.PASSED,
                                held ? "The assertion succeeded but was expected to fail" : ""));
                    }
                }
            }
        } catch (Unsupported e) {
            return List.of(new ExpectationResult(displayFile, testName, policyLabel, "", PlainValues.string(check,
                    "match", "resource", "kind"), resourceLabel, "check", "", Status.SKIPPED, FEATURE, "unknown"));
        }
        return out;
    }

    private ExpectationResult row(Answer answer, String expected, String actual, Status status, String reason) {
        return new ExpectationResult(displayFile, testName, answer.policy().name(), "", answer.resource().kind(),
                answer.resource().name(), "check " + expected, actual, status, reason, answer.policy().kindLabel());
    }

    /** Whether a kyverno-json assertion tree holds on a value. */
    static boolean holds(Object assertion, Object value) {
        if (assertion instanceof Map<?, ?> map) {
            if (!(value instanceof Map<?, ?> actual)) {
                return false;
            }
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String key = String.valueOf(e.getKey());
                Object projected;
                if (key.startsWith("~") || key.contains("@")) {
                    throw new Unsupported();
                }
                if (key.startsWith("(") && key.endsWith(")")) {
                    projected = project(key.substring(1, key.length() - 1), value);
                } else {
                    if (!actual.containsKey(key)) {
                        return false;
                    }
                    projected = actual.get(key);
                }
                if (!holds(e.getValue(), projected)) {
                    return false;
                }
            }
            return true;
        }
        if (assertion instanceof List<?> list) {
            if (!(value instanceof List<?> actual) || actual.size() != list.size()) {
                return false;
            }
            for (int i = 0; i < list.size(); i++) {
                if (!holds(list.get(i), actual.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (assertion instanceof Number a && value instanceof Number b) {
            return a.doubleValue() == b.doubleValue();
        }
        return Objects.equals(assertion, value);
    }

    private static Object project(String expression, Object value) {
        try {
            Object result = CelEnvironment.of(CelDialect.VALIDATING_POLICY).compile(expression)
                    .evaluate(Map.of("object", CelValues.toCel(value)), dev.guidepost.core.internal.cel.ClusterData.NONE);
            return CelValues.fromCel(result);
        } catch (CelCompileException e) {
            throw new Unsupported();
        } catch (Exception e) {
            return null;
        }
    }

    /** The check uses kyverno-json syntax Guidepost does not evaluate. */
    private static final class Unsupported extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unsupported() {
            super(null, null, false, false);
        }
    }
}
