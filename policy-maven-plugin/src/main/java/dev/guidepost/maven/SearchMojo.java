package dev.guidepost.maven;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

import dev.guidepost.core.KnowledgeBase;
import dev.guidepost.core.Policy;
import dev.guidepost.core.SearchHit;
import dev.guidepost.core.SearchRequest;

/**
 * Finds the policies for a question in plain words, from the command line:
 * {@code mvn policy:search -Dquery="I'm adding a Postgres database"}. Prints the best policies, one block each:
 * id, score, severity, title, a one-line description and why it matched. Runs without a project too, with the
 * packs given by path ({@code -Dpolicy.packs=path/to/pack}).
 */
@Mojo(name = "search", requiresProject = false, threadSafe = true)
public class SearchMojo extends AbstractKnowledgeMojo {

    private static final int DESCRIPTION_WIDTH = 110;

    /** The question, in plain words. */
    @Parameter(property = "query")
    private String query;

    /** How many policies to show. */
    @Parameter(property = "limit", defaultValue = "5")
    private int limit;

    /** Only policies about these kinds (any case), e.g. {@code -Dkinds=Deployment,Pod}. */
    @Parameter(property = "kinds")
    private List<String> kinds = new ArrayList<>();

    /**
     * Where the pack's embeddings are cached between runs. Default: {@code target/guidepost-cache} in a project,
     * {@code $XDG_CACHE_HOME/guidepost} or {@code ~/.cache/guidepost} without one.
     */
    @Parameter(property = "policy.search.cacheDirectory")
    private File cacheDirectory;

    /** Rank by words alone (BM25F), without loading the embedding model. */
    @Parameter(property = "policy.search.wordsOnly", defaultValue = "false")
    private boolean wordsOnly;

    /** Skips this goal only. */
    @Parameter(property = "policy.search.skip", defaultValue = "false")
    private boolean skipSearch;

    @Parameter(defaultValue = "${project}", readonly = true)
    private MavenProject project;

    /** The projects of the build, to name the modules a search run in a parent could be run in instead. */
    @Parameter(defaultValue = "${session.projects}", readonly = true)
    private List<MavenProject> reactorProjects = new ArrayList<>();

    @Override
    protected String goal() {
        return "search";
    }

    @Override
    protected boolean skipGoal() {
        return skipSearch;
    }

    @Override
    protected String goalSkipProperty() {
        return "policy.search.skip";
    }

    /**
     * Maven runs a goal that needs no project once, in the project it starts in, and not in its modules: a search
     * from a parent without {@code packs} would answer nothing, so it says where to run it instead.
     */
    @Override
    protected void pomProjectWithoutPacks() throws MojoExecutionException {
        List<String> modules = new ArrayList<>();
        for (MavenProject module : reactorProjects == null ? List.<MavenProject>of() : reactorProjects) {
            if (module != project && usesGuidepost(module)) {
                modules.add(module.getArtifactId());
            }
        }
        String example = modules.isEmpty() ? "MODULE" : modules.get(modules.size() - 1);
        throw new MojoExecutionException("policy:search runs once, in the project Maven starts in, and "
                + artifactId() + " is a pom project without <packs>, so it has no pack to search. Run it in a "
                + "module that has one: mvn policy:search -pl :" + example + " -Dquery=\"...\""
                + (modules.isEmpty() ? "" : " (modules with the Guidepost plugin: " + String.join(", ", modules)
                        + ")") + ", or name the pack here: -Dpolicy.packs=PATH");
    }

    /** True when a project configures the Guidepost plugin or builds a pack of its own. */
    private static boolean usesGuidepost(MavenProject module) {
        boolean plugin = module.getBuildPlugins().stream().anyMatch(p -> "dev.guidepost".equals(p.getGroupId())
                && "policy-maven-plugin".equals(p.getArtifactId()));
        boolean pack = module.getResources().stream().anyMatch(r -> r.getDirectory() != null
                && Files.isDirectory(Path.of(r.getDirectory(), "META-INF", "guidepost")));
        return plugin || pack;
    }

    @Override
    protected void run() throws MojoExecutionException {
        if (query == null || query.isBlank()) {
            throw new MojoExecutionException("No question to search for: add -Dquery=\"can my container run as "
                    + "root?\"");
        }
        if (limit < 1) {
            throw new MojoExecutionException("-Dlimit must be at least 1, was " + limit);
        }
        KnowledgeBase kb = knowledgeBase(loadPacks(), cacheFolder(), wordsOnly);
        Set<String> kindFilter = new HashSet<>();
        for (String kind : kinds == null ? List.<String>of() : kinds) {
            if (kind != null && !kind.isBlank()) {
                kindFilter.add(kind.strip());
            }
        }
        List<SearchHit> hits = kb.search(SearchRequest.of(query.strip()).withLimit(limit).withKinds(kindFilter));
        List<String> unknownKinds = kb.pack().unselectedKinds(kindFilter.stream().sorted().toList());
        if (hits.isEmpty() && !unknownKinds.isEmpty()) {
            getLog().warn("No policy of " + kb.pack().coordinates() + " is about " + String.join(", ", unknownKinds)
                    + "; the kinds its policies are about: " + String.join(", ", kb.pack().kinds()));
            return;
        }
        if (hits.isEmpty()) {
            getLog().warn("No policy matches \"" + query.strip() + "\"; try other words"
                    + (kindFilter.isEmpty() ? "" : ", or drop -Dkinds"));
            return;
        }
        if (hits.stream().allMatch(SearchHit::weakMatch)) {
            getLog().warn("No policy matches \"" + query.strip() + "\" well; the closest ones follow, but they are "
                    + "probably unrelated. Try naming the kind or field you are changing.");
        }
        getLog().info("Policies for \"" + query.strip() + "\", best first:");
        int rank = 0;
        for (SearchHit hit : hits) {
            rank++;
            for (String line : block(rank, hit)) {
                getLog().info(line);
            }
        }
    }

    /** One hit as lines: rank, id, score, severity; title; description; why. */
    static List<String> block(int rank, SearchHit hit) {
        Policy p = hit.policy();
        List<String> lines = new ArrayList<>();
        lines.add("");
        lines.add(String.format(Locale.ROOT, "%d. %s  score %.2f  [%s, %s%s]", rank, p.id(), hit.score(),
                p.severity().label(), p.enforceable() ? p.action().label() : "advisory",
                hit.weakMatch() ? ", weak match" : ""));
        lines.add("   " + p.title());
        String description = oneLine(p.description());
        if (!description.isEmpty()) {
            lines.add("   " + description);
        }
        lines.add("   why: " + hit.why().explain());
        return lines;
    }

    private static String oneLine(String text) {
        String flat = text == null ? "" : text.replaceAll("\\s+", " ").strip();
        return flat.length() > DESCRIPTION_WIDTH ? flat.substring(0, DESCRIPTION_WIDTH - 1) + "…" : flat;
    }

    private Path cacheFolder() {
        if (cacheDirectory != null) {
            return cacheDirectory.toPath();
        }
        if (project != null && project.getFile() != null) {
            return Path.of(project.getBuild().getDirectory(), "guidepost-cache");
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("guidepost");
    }
}
