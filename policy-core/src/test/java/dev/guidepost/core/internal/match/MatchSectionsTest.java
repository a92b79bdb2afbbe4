package dev.guidepost.core.internal.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.guidepost.core.internal.yaml.YamlDocuments;

class MatchSectionsTest {

    private static final Object CLUSTER_POLICY = YamlDocuments.parse("""
            apiVersion: kyverno.io/v1
            kind: ClusterPolicy
            metadata: {name: prod-only}
            spec:
              rules:
                - name: prod
                  match:
                    any:
                      - resources:
                          kinds: [Pod]
                          operations: [UPDATE]
                          namespaceSelector: {matchLabels: {env: prod}}
                  exclude:
                    any:
                      - resources:
                          namespaceSelector: {matchLabels: {env: dev}}
                  validate:
                    namespaceSelector: not-a-match-section
            """, "policy.yaml").get(0).value();

    @Test
    void valuesUnderMatchAreFoundInDocumentOrder() {
        assertThat(MatchSections.valuesOf(CLUSTER_POLICY, "operations")).containsExactly(List.of("UPDATE"));
    }

    @Test
    void exclusionsAndOtherSectionsAreLeftOut() {
        assertThat(MatchSections.valuesOf(CLUSTER_POLICY, "namespaceSelector")).hasSize(1).first()
                .satisfies(selector -> assertThat(LabelSelector.of(selector).describe()).isEqualTo("env=prod"));
    }

    @Test
    void matchConstraintsOfCelPoliciesCountAsMatchSections() {
        Object validatingPolicy = YamlDocuments.parse("""
                apiVersion: policies.kyverno.io/v1
                kind: ValidatingPolicy
                metadata: {name: replicas}
                spec:
                  matchConstraints:
                    namespaceSelector:
                      matchExpressions: [{key: team, operator: NotIn, values: [ops, sre]}, {key: tier, operator: Exists}]
                    excludeResourceRules:
                      - {apiGroups: [apps], apiVersions: [v1], operations: [CREATE], resources: [deployments]}
                """, "policy.yaml").get(0).value();

        assertThat(MatchSections.valuesOf(validatingPolicy, "operations")).isEmpty();
        assertThat(MatchSections.valuesOf(validatingPolicy, "namespaceSelector")).singleElement()
                .satisfies(selector -> assertThat(LabelSelector.of(selector).describe())
                        .isEqualTo("team not in (ops, sre), has tier"));
    }
}
