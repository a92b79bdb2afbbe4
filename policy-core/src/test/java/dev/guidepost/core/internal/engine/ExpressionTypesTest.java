package dev.guidepost.core.internal.engine;

import static dev.guidepost.core.internal.engine.ApiServerDefaultsTest.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.guidepost.core.Policy;
import dev.guidepost.core.PolicyPack;

/** A ValidatingPolicy's expressions are typed as Kyverno's compiler types them, and refused where it refuses them. */
class ExpressionTypesTest {

    private static final String POLICY = """
            apiVersion: policies.kyverno.io/v1
            kind: ValidatingPolicy
            metadata: {name: typed}
            spec:
              matchConstraints:
                resourceRules:
                  - {apiGroups: [""], apiVersions: [v1], operations: [CREATE], resources: [pods]}
              variables:
                - {name: labels, expression: "object.metadata.?labels.orValue({})"}
                - {name: isWeb, expression: "variables.labels.?app.orValue('') == 'web'"}
                - {name: team, expression: "string(variables.labels.?team.orValue(''))"}
                - {name: count, expression: "size(object.spec.containers)"}
              %s
            """;

    private static void compiles(String fields) throws PolicyCompileException {
        PolicyCompiler.validatingPolicy(yaml(POLICY.formatted(fields)));
    }

    private static void refused(String fields, List<Object> path, String... messages) {
        assertThatThrownBy(() -> compiles(fields)).isInstanceOfSatisfying(PolicyCompileException.class, e -> {
            assertThat(e.path()).isEqualTo(path);
            assertThat(e.getMessage()).contains(messages);
        });
    }

    @Test
    void aVariableHasTheTypeOfItsOwnExpression() throws PolicyCompileException {
        compiles("validations: [{expression: variables.isWeb, messageExpression: \"'team ' + variables.team\"}]");
        compiles("validations: [{expression: '!variables.isWeb'}]");
    }

    @Test
    void aValidationOrMessageThatKyvernoTypesAsDynIsRefused() {
        refused("validations: [{expression: \"object.spec.?hostNetwork.orValue(false)\"}]",
                List.of("spec", "validations", 0, "expression"), "gives a value of type dyn", "must give a bool");
        refused("validations: [{expression: \"variables.labels.?app.orValue('') == 'web'\", "
                + "messageExpression: object.metadata.name}]", List.of("spec", "validations", 0, "messageExpression"),
                "must give a string");
        refused("validations: [{expression: variables.labels}]", List.of("spec", "validations", 0, "expression"),
                "gives a value of type dyn");
        refused("validations: [{expression: 'size(variables.team)'}]",
                List.of("spec", "validations", 0, "expression"), "gives a value of type int");
    }

    @Test
    void aVariablesTypeAppliesWhereverItIsReadNotOnlyWhereTheResultIsDyn() {
        refused("validations: [{expression: 'variables.count < 5', messageExpression: \"'containers: ' + "
                + "variables.count\"}]", List.of("spec", "validations", 0, "messageExpression"),
                "does not compile", "'_+_' applied to '(string, int)'");
    }

    @Test
    void comprehensionAndBindVariablesAreTypedAsKyvernoTypesThem() {
        refused("validations: [{expression: \"object.spec.containers.exists(c, c.name == 'a') ? object.spec.x : "
                + "false\"}]", List.of("spec", "validations", 0, "expression"), "gives a value of type dyn");
        refused("validations: [{expression: 'cel.bind(s, object.spec, s.hostNetwork)'}]",
                List.of("spec", "validations", 0, "expression"), "gives a value of type dyn");
    }

    @Test
    void anAuditAnnotationMustGiveTextOrNull() throws PolicyCompileException {
        compiles("validations: [{expression: 'true'}]\n  auditAnnotations: [{key: team, valueExpression: "
                + "variables.team}, {key: none, valueExpression: 'null'}]");
        refused("validations: [{expression: 'true'}]\n  auditAnnotations: [{key: name, valueExpression: "
                + "object.metadata.name}]", List.of("spec", "auditAnnotations", 0, "valueExpression"),
                "must be a string or null");
    }

    @Test
    void aValidatingPolicysMatchConditionsCannotReadItsVariables() {
        refused("matchConditions: [{name: web, expression: variables.isWeb}]\n  validations: [{expression: 'true'}]",
                List.of("spec", "matchConditions", 0, "expression"), "uses variables.isWeb",
                "compiled before its variables");
    }

    @Test
    void whatAnExpressionReadsOfVariablesIsReadFromItsSyntaxNotFromItsText() throws PolicyCompileException {
        compiles("matchConditions: [{name: text, expression: \"object.metadata.name != 'variables.isWeb'\"}]\n"
                + "  validations: [{expression: \"variables.team != 'see variables.nope'\"}]");
        refused("validations: [{expression: \"variables.?tean.orValue('') != ''\"}]",
                List.of("spec", "validations", 0, "expression"), "uses variables.tean, which the policy does not "
                        + "declare", "did you mean variables.team?");
        refused("validations: [{expression: \"variables['nope'] == 'x'\"}]",
                List.of("spec", "validations", 0, "expression"), "uses variables.nope");
    }

    @Test
    void aGeneratingPolicysMatchConditionsCannotReadItsVariablesAndItsGenerationsGiveBools() {
        String policy = """
                apiVersion: policies.kyverno.io/v1
                kind: GeneratingPolicy
                metadata: {name: quota}
                spec:
                  matchConstraints:
                    resourceRules:
                      - {apiGroups: [""], apiVersions: [v1], operations: [CREATE], resources: [namespaces]}
                  variables:
                    - {name: isProd, expression: "object.metadata.?labels.?env.orValue('') == 'prod'"}
                  %s
                """;
        assertThat(problems(policy.formatted("matchConditions: [{name: prod, expression: variables.isProd}]\n"
                + "  generate: [{expression: 'true'}]"))).singleElement().asString()
                .contains("spec.matchConditions[0].expression uses variables.isProd", "compiled before its variables");
        assertThat(problems(policy.formatted("generate: [{expression: \"'not a bool'\"}]"))).singleElement()
                .asString().contains("spec.generate[0].expression gives a value of type string");
        assertThat(problems(policy.formatted("generate: [{expression: 'variables.isProd'}]"))).isEmpty();
    }

    @Test
    void anOptionalVariableIsDynWhereKubernetesComposesTheVariablesSoItsOrValueIsTheDefaultsType() {
        String policy = """
                apiVersion: kyverno.io/v1
                kind: ClusterPolicy
                metadata: {name: host-network}
                spec:
                  rules:
                    - name: explicit
                      match:
                        any:
                          - resources: {kinds: [Pod]}
                      validate:
                        cel:
                          variables:
                            - {name: hostNetwork, expression: "object.spec.?hostNetwork"}
                          expressions:
                            - expression: "variables.hostNetwork.orValue(true)"
                """;
        assertThat(problems(policy)).isEmpty();
        assertThat(problems(policy.replace("variables.hostNetwork.orValue(true)", "object.spec.?hostNetwork"
                + ".orValue(true)"))).singleElement().asString().contains("gives a value of type dyn");
    }

    @Test
    void aPolicyExceptionsMatchConditionsCannotReadVariables() {
        assertThatThrownBy(() -> PolicyExceptionProgram.compile(yaml("""
                apiVersion: policies.kyverno.io/v1
                kind: PolicyException
                metadata: {name: agents, namespace: ops}
                spec:
                  policyRefs: [{name: typed, kind: ValidatingPolicy}]
                  matchConditions:
                    - {name: web, expression: variables.isWeb}
                """))).isInstanceOf(PolicyCompileException.class)
                .hasMessageContaining("uses variables.isWeb, but a PolicyException's match conditions cannot read "
                        + "variables");
    }

    private static List<String> problems(String yaml) {
        Policy policy = PolicyPack.parse(yaml, "quota.yaml").policies().get(0);
        return PolicyCompiler.compileForTests(policy).errors().stream().map(Throwable::getMessage).toList();
    }

    @Test
    void aDynValueFromWhatKyvernoTypesMorePreciselyIsLeftToEvaluation() throws PolicyCompileException {
        compiles("validations: [{expression: \"request.?dryRun.orValue(false)\"}]");
        compiles("validations: [{expression: \"namespaceObject.metadata.?labels.?env.orValue('') == 'prod'\", "
                + "messageExpression: \"namespaceObject.metadata.name\"}]");
    }
}
