package dev.guidepost.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import dev.guidepost.core.internal.search.HashingEmbeddingModel;

class KnowledgeBaseTest {

    static final Path FIXTURE_PACK = Path.of("src/test/resources/search/pack");

    private final KnowledgeBase kb = KnowledgeBase.builder(PolicyPack.load(FIXTURE_PACK))
            .embeddingModel(new HashingEmbeddingModel(), "hashing").classLoader(null).build();

    @Test
    void findsThePolicyForAPlainQuestion() {
        List<SearchHit> hits = kb.search("can my container run as root?", 3);

        assertThat(hits).first().extracting(h -> h.policy().id()).isEqualTo("require-non-root");
        assertThat(kb.semantic()).isTrue();
    }

    @Test
    void explainsWhyAPolicyMatched() {
        SearchHit hit = kb.search("runAsNonRoot in the securityContext", 1).get(0);

        assertThat(hit.policy().id()).isEqualTo("require-non-root");
        assertThat(hit.why().matchedWords()).contains("run", "non", "root", "security", "context");
        assertThat(hit.why().matchedFields()).contains("description", "rule messages", "constrained fields");
        assertThat(hit.why().view()).isEqualTo("summary");
        assertThat(hit.why().semanticShare()).isBetween(0.0, 1.0);
        assertThat(hit.score()).isGreaterThan(0);
    }

    @Test
    void mutateAndGeneratePoliciesAreSearchable() {
        assertThat(kb.search("credentials for pulling images from the private registry", 1).get(0).policy().id())
                .isEqualTo("add-image-pull-secrets");
        assertThat(kb.search("default deny network traffic for new namespaces", 1).get(0).policy().id())
                .isEqualTo("add-default-deny-network-policy");
    }

    @Test
    void filtersByKindCategoryAndSeverityWithoutChangingScores() {
        SearchRequest request = SearchRequest.of("policy").withLimit(10);
        Map<String, Double> unfiltered = new java.util.HashMap<>();
        kb.search(request).forEach(h -> unfiltered.put(h.policy().id(), h.score()));

        assertThat(kb.search(request.withKinds(Set.of("networkpolicy"))))
                .extracting(h -> h.policy().id()).containsExactly("add-default-deny-network-policy");
        assertThat(kb.search(request.withKinds(Set.of("networking.k8s.io/v1/NetworkPolicy"))))
                .extracting(h -> h.policy().id()).containsExactly("add-default-deny-network-policy");
        assertThat(kb.search(request.withCategories(Set.of("Best Practices"))))
                .extracting(h -> h.policy().id())
                .containsExactlyInAnyOrder("require-resource-limits", "disallow-latest-tag");
        List<SearchHit> severe = kb.search(request.withMinimumSeverity(Severity.HIGH));
        assertThat(severe).extracting(h -> h.policy().id()).containsExactly("require-non-root");
        assertThat(severe.get(0).score()).isEqualTo(unfiltered.get("require-non-root"));
    }

    @Test
    void aMinimumScoreDropsWeakHits() {
        List<SearchHit> all = kb.search(SearchRequest.of("hostPath volumes").withLimit(6));
        double cut = all.get(0).score() - 1e-9;

        assertThat(kb.search(SearchRequest.of("hostPath volumes").withLimit(6).withMinimumScore(cut)))
                .extracting(h -> h.policy().id()).containsExactly("disallow-host-path");
    }

    @Test
    void ranksTheWholePackDeterministically() {
        List<String> first = kb.rankAll("zzz unknown words");
        assertThat(first).hasSize(6).isEqualTo(kb.rankAll("zzz unknown words"));
        assertThat(kb.search("   ", 5)).isEmpty();
    }

    @Test
    void discoverFindsPoliciesForAnIntent() {
        assertThat(kb.discover("I want to pin my image version instead of latest").get(0).policy().id())
                .isEqualTo("disallow-latest-tag");
    }

    @Test
    void discoverForAManifestSeparatesApplicableFromRelated() {
        Manifest pod = Manifests.parse("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: web
                  labels: {app: web}
                spec:
                  containers:
                    - name: web
                      image: ghcr.io/acme/web:latest
                      securityContext: {runAsNonRoot: false}
                  volumes:
                    - name: data
                      hostPath: {path: /data}
                """, "pod.yaml").manifests().get(0);

        ManifestDiscovery discovery = kb.discover(pod);

        assertThat(discovery.query()).contains("Pod", "image acme/web", "host path", "run as non root");
        assertThat(discovery.applicable()).extracting(Policy::id).contains("disallow-host-path",
                "require-non-root");
        assertThat(discovery.related()).extracting(h -> h.policy().id()).doesNotContain("disallow-host-path",
                "require-non-root");
        assertThat(discovery.related()).allSatisfy(h -> assertThat(h.score()).isNotNegative());
        assertThat(discovery.toString()).startsWith("ManifestDiscovery[Pod/").contains("applicable [")
                .contains("disallow-host-path").hasSizeLessThan(1000);
    }

    @Test
    void aDatabaseWorkloadFindsTheAdvisoryDatabaseGuidanceAmongRelatedPolicies() {
        KnowledgeBase sample = KnowledgeBase.builder(PolicyPack.load(Path.of("../samples/pack")))
                .cacheDirectory(Path.of("target/test-cache")).build();
        Manifest database = Manifests.load(Path.of("../samples/manifests/good/orders-db.yaml")).manifests()
                .get(0);

        ManifestDiscovery discovery = sample.discover(database);

        assertThat(discovery.related()).extracting(h -> h.policy().id())
                .contains("use-managed-postgres", "database-backups");
        assertThat(discovery.related()).extracting(SearchHit::score).isSortedAccordingTo(
                java.util.Comparator.reverseOrder());
    }

    @Test
    void aSearchRequestRefusesANaNScoreAndNamesTheNullArgument() {
        assertThatThrownBy(() -> SearchRequest.of("root").withMinimumScore(Double.NaN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("minimumScore must be a number");
        assertThatThrownBy(() -> SearchRequest.of("root").withKinds(null)).hasMessage("kinds");
        assertThatThrownBy(() -> SearchRequest.of("root").withMinimumSeverity(null)).hasMessage("severity");
    }

    @Test
    void byWordsAloneAQuestionSharingNoWordWithThePackFindsNothing() {
        KnowledgeBase words = KnowledgeBase.builder(PolicyPack.load(FIXTURE_PACK)).lexicalOnly().build();

        assertThat(words.search("bake a chocolate cake", 3)).isEmpty();
        assertThat(words.search("can my container run as root?", 1)).first().extracting(SearchHit::weakMatch)
                .isEqualTo(false);
    }

    @Test
    void anAdvisoryPolicyMatchingTheKindAppliesInsteadOfBeingMerelyRelated() {
        Manifest pod = Manifests.parse("""
                apiVersion: v1
                kind: Pod
                metadata: {name: web}
                spec:
                  containers: [{name: web, image: registry.corp.example/web:1.0}]
                """, "pod.yaml").manifests().get(0);
        Manifest configMap = Manifests.parse("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: settings}
                data: {a: b}
                """, "cm.yaml").manifests().get(0);

        ManifestDiscovery forPod = kb.discover(pod);
        ManifestDiscovery forConfigMap = kb.discover(configMap);

        assertThat(kb.pack().policy("add-image-pull-secrets")).get().extracting(Policy::enforceable)
                .isEqualTo(false);
        assertThat(forPod.applicable()).extracting(Policy::id).contains("add-image-pull-secrets", "require-non-root");
        assertThat(forPod.related()).extracting(h -> h.policy().id()).doesNotContain("add-image-pull-secrets");
        assertThat(forConfigMap.applicable()).extracting(Policy::id).doesNotContain("add-image-pull-secrets");
    }

    @Test
    void concurrentSearchesGiveTheSameAnswers() throws Exception {
        List<String> questions = List.of("run as root", "hostPath", "memory limits", "latest tag", "network policy",
                "image pull secret");
        Map<String, List<String>> expected = new java.util.HashMap<>();
        for (String q : questions) {
            expected.put(q, ids(kb.search(q, 6)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                String q = questions.get(i % questions.size());
                results.add(pool.submit(() -> ids(kb.search(q, 6)).equals(expected.get(q))));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<String> ids(List<SearchHit> hits) {
        return hits.stream().map(h -> h.policy().id()).toList();
    }

    @Test
    void theKindsAQuestionNamesComeWithTheirOtherEnforceablePoliciesBesidesTheHitsShown() {
        KnowledgeBase words = KnowledgeBase.builder(PolicyPack.load(Path.of("../samples/pack"))).lexicalOnly().build();
        List<SearchHit> hits = words.search("adding a statefulset for postgres", 2);

        Map<String, List<Policy>> rest = words.policiesForKindsNamedIn("adding a statefulset for postgres", hits);

        assertThat(rest).containsOnlyKeys("StatefulSet");
        assertThat(rest.get("StatefulSet")).extracting(Policy::id).contains("require-run-as-non-root")
                .doesNotContainAnyElementsOf(hits.stream().map(h -> h.policy().id()).toList());
        assertThat(rest.get("StatefulSet")).allMatch(Policy::enforceable);
        assertThat(words.policiesForKindsNamedIn("can my container run as root?", List.of())).isEmpty();
    }
}
