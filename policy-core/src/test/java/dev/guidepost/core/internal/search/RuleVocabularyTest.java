package dev.guidepost.core.internal.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import dev.guidepost.core.Policy;
import dev.guidepost.core.PolicyPack;

class RuleVocabularyTest {

    @Test
    void readsFieldNamesFromPatternsWithoutKyvernoAnchorsOrSchemaWords() {
        Policy policy = PolicyPack.load(Path.of("src/test/resources/search/pack/disallow-host-path.yaml"))
                .policies().get(0);

        assertThat(RuleVocabulary.of(policy)).contains("volumes", "hostPath")
                .doesNotContain("pattern", "validate", "=(volumes)", "X(hostPath)", "Pod");
    }

    @Test
    void readsFieldNamesFromCelExpressionsAndShortWordValues() {
        Policy policy = PolicyPack.parse("""
                apiVersion: kyverno.io/v1
                kind: ClusterPolicy
                metadata:
                  name: no-privilege-escalation
                spec:
                  rules:
                    - name: check
                      match: {any: [{resources: {kinds: [Pod]}}]}
                      validate:
                        cel:
                          expressions:
                            - expression: >-
                                object.spec.containers.all(c, has(c.securityContext) &&
                                c.securityContext.allowPrivilegeEscalation == false)
                    - name: proc
                      match: {any: [{resources: {kinds: [Pod]}}]}
                      validate:
                        pattern:
                          spec:
                            containers:
                              - =(securityContext):
                                  =(procMount): Default
                """, "inline.yaml").policies().get(0);

        assertThat(RuleVocabulary.of(policy))
                .contains("containers", "securityContext", "allowPrivilegeEscalation", "procMount", "Default")
                .doesNotContain("object", "spec", "all", "has");
    }
}
