package dev.guidepost.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Makes a JUnit Jupiter test class check manifests against a policy pack. The pack, its compiled policies and its
 * search index are loaded once per test run and shared by every class that names the same pack; the knowledge base
 * (semantic search) loads only when a test needs it. Inside the class, {@link GuidepostAssertions} and
 * {@link Guidepost#dynamicTests(String...)} use this pack, and test methods may declare parameters of type
 * {@link dev.guidepost.core.PolicyPack}, {@link dev.guidepost.core.PolicyEngine},
 * {@link dev.guidepost.core.KnowledgeBase} and {@link dev.guidepost.core.Manifests} (with {@link ManifestsFrom}).
 *
 * <pre>{@code
 * @GuidepostTest(pack = "classpath:acme-pack")
 * class DeploymentPolicyTest {
 *     @Test
 *     void databaseManifestsFollowTheRules() {
 *         assertThatManifests("src/main/k8s/postgres.yaml")
 *             .satisfyPoliciesDiscoveredFor("deploying a PostgreSQL database");
 *     }
 * }
 * }</pre>
 *
 * <p>Usable as a meta-annotation, so a company can define its own {@code @AcmePolicyTest}.
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(GuidepostExtension.class)
public @interface GuidepostTest {

    /**
     * The minimum score discovery uses when {@link #minimumScore()} is not set: 1.5 standard deviations above the
     * pack's average for the question. On the project's 200 development questions over a 308-policy corpus it keeps
     * 97.5% of the policies a question must find and 91% of all the relevant ones (2.0 keeps 95% and 84%), since
     * leaving a relevant policy unchecked lets a bad manifest pass. In packs of fewer than 14 policies it is
     * lowered so that three policies sharing a topic can all clear it (see
     * {@link ManifestsAssert#satisfyPoliciesDiscoveredFor(String)}).
     */
    double DEFAULT_MINIMUM_SCORE = 1.5;

    /** The value of {@link #minimumScore()} when it is not set: {@link #DEFAULT_MINIMUM_SCORE}, scaled to the pack. */
    double UNSET_MINIMUM_SCORE = -1;

    /** The default {@link #cacheDirectory()}. */
    String DEFAULT_CACHE_DIRECTORY = "target/guidepost-cache";

    /**
     * The pack: a folder, file or pack jar path (relative paths resolve against {@link #baseDir()}), or
     * {@code classpath:NAME} for a pack jar on the test class path (its folder {@code META-INF/guidepost/NAME}, or
     * the pack there whose {@code pack.yaml} is named NAME). Several, separated by commas
     * ({@code "classpath:acme-platform,classpath:acme-security"}), are combined as the Maven plugin's
     * {@code <packs>} are.
     */
    String pack();

    /**
     * The folder relative paths resolve against (the pack, manifests, baselines, the cache); itself relative to
     * the working directory. Empty means the working directory, which Maven and Gradle set to the project folder.
     */
    String baseDir() default "";

    /**
     * How clearly a policy must match an intent for {@link ManifestsAssert#satisfyPoliciesDiscoveredFor(String)}
     * to check it: a {@link dev.guidepost.core.SearchHit#score() search score}, the number of standard deviations
     * the policy stands above the pack's average for the question. A value set here is used as it is; unset, it is
     * {@link #DEFAULT_MINIMUM_SCORE}, lowered in small packs.
     */
    double minimumScore() default UNSET_MINIMUM_SCORE;

    /** Where the knowledge base caches the pack's embeddings between runs (relative to {@link #baseDir()}). */
    String cacheDirectory() default DEFAULT_CACHE_DIRECTORY;

    /**
     * Search by words only, without loading the embedding model: faster, for packs whose tests do not depend on
     * meaning.
     */
    boolean lexicalOnly() default false;

    /**
     * Files to leave out of the folders the tests read (the conventional ones, or those they name), as Ant-style
     * patterns relative to each folder, as the Maven plugin's {@code <excludes>}: {@code "chart/**"} leaves out a
     * Helm chart kept beside the manifests. A file a test names itself is read all the same.
     */
    String[] excludes() default {};

    /**
     * The namespace the manifests are deployed to, for the objects that name none (Helm and Kustomize output often
     * leaves it to the deploy command): they are checked as if in it, as the CLI's {@code check --namespace} and the
     * Maven plugin's {@code <namespace>} check them. Empty: such objects are checked as the policies allow for any
     * namespace.
     */
    String namespace() default "";
}
