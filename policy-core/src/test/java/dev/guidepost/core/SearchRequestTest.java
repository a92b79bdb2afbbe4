package dev.guidepost.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class SearchRequestTest {

    private static final PolicyPack PACK = PolicyPack.load(Path.of("src/test/resources/search/kind-filter"));

    @Test
    void aKindFilterKeepsPoliciesForEveryKindAndGuidanceWhoseKeywordsNameTheKind() {
        // pods-only: a pod policy applies to the pods of a StatefulSet (autogen); prefer-operators names no kind;
        // tune-statefulsets selects Deployments, so its keywords do not count
        assertThat(accepted("StatefulSet")).containsExactly("order-stores", "pods-only", "stamp-creator");
        assertThat(accepted("Service")).containsExactly("stamp-creator");
    }

    @Test
    void aPodControllerKindKeepsEveryPodPolicyForThePodsItCreates() {
        // pods-only selects Pods; a CronJob's Pods are checked by it whether or not autogen makes rules for CronJobs
        assertThat(accepted("CronJob")).contains("pods-only");
        assertThat(accepted("cronjobs")).contains("pods-only");
        assertThat(accepted("Service")).doesNotContain("pods-only");
    }

    @Test
    void guidanceIsAlsoAboutTheKindsItsKeywordsNameBesideTheOnesItSelects() {
        // disruption-advice selects Deployments and is about their PodDisruptionBudget
        assertThat(accepted("PodDisruptionBudget")).containsExactly("disruption-advice", "stamp-creator");
        assertThat(accepted("pdb")).containsExactly("disruption-advice", "stamp-creator");
        assertThat(accepted("Deployment")).contains("disruption-advice", "tune-statefulsets");
    }

    @Test
    void aKindFilterMatchesAPolicysKindsWrittenWithTheirVersion() {
        assertThat(accepted("pod")).contains("pods-only");
        assertThat(accepted("v1/Pod")).contains("pods-only");
    }

    @Test
    void thePackNamesTheKindsOfAFilterThatNoPolicyIsAboutReadingThemAsTheFilterDoes() {
        assertThat(PACK.unselectedKinds(List.of("deployments", "v1/Pod", "Gateway", "Deploymnt")))
                .containsExactly("Gateway", "Deploymnt");
    }

    @Test
    void aCapitalisedPluralNamesTheKindAsTheLowerCaseOneDoes() {
        assertThat(accepted("StatefulSets")).isEqualTo(accepted("StatefulSet")).isEqualTo(accepted("statefulsets"));
        assertThat(PACK.unselectedKinds(List.of("StatefulSets"))).isEmpty();
    }

    @Test
    void aMisspeltKindGetsTheKindsOfThePackItLooksLike() {
        assertThat(PACK.similarKinds("Deploymnt")).containsExactly("Deployment");
        assertThat(PACK.similarKinds("StatefulSet")).as("a kind the pack has").isEmpty();
        assertThat(PACK.similarKinds("Gateway")).isEmpty();
    }

    private static List<String> accepted(String kind) {
        SearchRequest request = SearchRequest.of("anything").withKinds(Set.of(kind));
        return PACK.policies().stream().filter(request::accepts).map(Policy::id).sorted().toList();
    }
}
