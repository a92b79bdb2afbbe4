package dev.guidepost.cli.render;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.guidepost.core.PolicyPack;

class FilterValuesTest {

    @Test
    void aCategoryListingSeveralCountsEachOnceAsTheFiltersReadThem() {
        PolicyPack pack = PolicyPack.parse("""
                apiVersion: kyverno.io/v1
                kind: ClusterPolicy
                metadata:
                  name: a
                  annotations:
                    policies.kyverno.io/category: Best Practices, EKS Best Practices
                spec:
                  rules:
                    - name: r
                      match: {any: [{resources: {kinds: [Pod]}}]}
                      validate: {message: m, pattern: {metadata: {name: "?*"}}}
                ---
                apiVersion: kyverno.io/v1
                kind: ClusterPolicy
                metadata:
                  name: b
                  annotations:
                    policies.kyverno.io/category: Best Practices
                spec:
                  rules:
                    - name: r
                      match: {any: [{resources: {kinds: [Service]}}]}
                      validate: {message: m, pattern: {metadata: {name: "?*"}}}
                """, "two.yaml");

        assertThat(pack.categories()).containsExactly("Best Practices", "EKS Best Practices");
        // a Pod rule selects the pod controllers too (autogen)
        assertThat(FilterValues.describe(pack)).isEqualTo("Categories in this pack: Best Practices, EKS"
                + " Best Practices. Kinds its policies select: CronJob, DaemonSet, Deployment, Job, Pod, ReplicaSet,"
                + " ReplicationController, Service, StatefulSet");
    }
}
