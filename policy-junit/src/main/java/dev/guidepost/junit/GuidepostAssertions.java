package dev.guidepost.junit;

import java.nio.file.Path;
import java.util.Arrays;

import dev.guidepost.core.KnowledgeBase;
import dev.guidepost.core.Manifests;

/**
 * The entry points of Guidepost's assertions; import them statically.
 *
 * <pre>{@code
 * assertThatManifests("src/main/k8s").satisfyAllApplicablePolicies();
 * assertThatManifests("src/test/k8s/public-db.yaml").violate("databases-in-us-east-1");
 * assertThatSearch(kb, "where can my database run?").finds("databases-in-us-east-1").withinTop(3);
 * }</pre>
 *
 * Failures are {@link AssertionError}s with readable, multi-line messages, so they work with any test library.
 */
public final class GuidepostAssertions {

    private GuidepostAssertions() {
    }

    /**
     * Assertions on the project's manifests: those in the conventional folders {@code src/main/k8s},
     * {@code src/main/kubernetes} and {@code k8s} that exist (the folders the Maven plugin checks by default).
     */
    public static ManifestsAssert assertThatManifests() {
        return ManifestsAssert.ofPaths(java.util.List.of());
    }

    /**
     * Assertions on the manifests in files and folders (folders are read recursively), relative to the project
     * folder (none: the conventional folders, as {@link #assertThatManifests()}). They check against the pack of the
     * running {@link GuidepostTest} class, unless one is passed with {@link ManifestsAssert#using}.
     */
    public static ManifestsAssert assertThatManifests(String... paths) {
        return ManifestsAssert.ofPaths(paths == null ? java.util.Collections.singletonList(null)
                : Arrays.asList(paths));
    }

    /** Assertions on the manifests in files and folders; relative paths resolve against the project folder. */
    public static ManifestsAssert assertThatManifests(Path... paths) {
        return ManifestsAssert.ofPaths(paths == null ? java.util.Collections.singletonList(null)
                : Arrays.stream(paths).map(p -> p == null ? null : p.toString()).toList());
    }

    /** Assertions on manifests already read (or built in code). */
    public static ManifestsAssert assertThatManifests(Manifests manifests) {
        return ManifestsAssert.of(manifests);
    }

    /** Discoverability assertions on a search of a knowledge base. */
    public static SearchAssert assertThatSearch(KnowledgeBase kb, String query) {
        return new SearchAssert(kb, query);
    }

    /** Discoverability assertions on a search of the running {@link GuidepostTest} class's knowledge base. */
    public static SearchAssert assertThatSearch(String query) {
        return new SearchAssert(TestScope.require("assertThatSearch(\"" + query + "\")").knowledgeBase(), query);
    }
}
