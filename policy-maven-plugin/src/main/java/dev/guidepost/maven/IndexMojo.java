package dev.guidepost.maven;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import dev.guidepost.core.KnowledgeBase;
import dev.guidepost.core.PolicyEngine;
import dev.guidepost.core.PolicyPack;

/**
 * For pack authors: writes the pack's precomputed search index ({@code index.json}, the embeddings of every
 * policy) into {@code target/classes/META-INF/guidepost/}, so the published pack jar ships its embeddings and the
 * projects and agents that search it never embed it again. Bound to {@code process-classes}: after the resources
 * (the pack's policy files) are copied to {@code target/classes}, before tests (which then see the index on their
 * class path) and before {@code package}. Without {@code packs}, every pack in
 * {@code target/classes/META-INF/guidepost/NAME/} (or the one right in that folder) is indexed, combined into one
 * index.
 */
@Mojo(name = "index", defaultPhase = LifecyclePhase.PROCESS_CLASSES, threadSafe = true)
public class IndexMojo extends AbstractKnowledgeMojo {

    /** Where {@code index.json} is written. */
    @Parameter(property = "policy.index.outputDirectory",
            defaultValue = "${project.build.outputDirectory}/META-INF/guidepost")
    private File outputDirectory;

    /** Where embeddings are cached between builds, so an unchanged pack is not embedded again. */
    @Parameter(property = "policy.index.cacheDirectory", defaultValue = "${project.build.directory}/guidepost-cache")
    private File cacheDirectory;

    /** Skips this goal only. */
    @Parameter(property = "policy.index.skip", defaultValue = "false")
    private boolean skipIndex;

    @Override
    protected String goal() {
        return "index";
    }

    @Override
    protected boolean skipGoal() {
        return skipIndex;
    }

    @Override
    protected String goalSkipProperty() {
        return "policy.index.skip";
    }

    @Override
    protected void run() throws MojoExecutionException {
        PolicyPack pack = configuredPacks().isEmpty() ? projectPacks() : loadPacks();
        // a pack whose rules do not compile must not be published, even when its tests are skipped
        PolicyEngine.of(pack);
        KnowledgeBase kb = knowledgeBase(pack, cacheDirectory.toPath(), false);
        if (!kb.semantic()) {
            throw new MojoExecutionException("Cannot write the search index of " + pack.coordinates()
                    + ": the embedding model did not load (see the warning above)");
        }
        Path written = kb.writeIndex(outputDirectory.toPath());
        getLog().info("Wrote the search index of " + pack.coordinates() + " (" + policies(pack.policies().size())
                + ") to " + display(written));
    }

    /** The project's own packs ({@link #projectPackFolders()}), combined. */
    private PolicyPack projectPacks() throws MojoExecutionException {
        List<Path> folders = projectPackFolders();
        if (folders.isEmpty()) {
            throw new MojoExecutionException("No pack to index: no " + display(projectPacksRoot())
                    + "/<name>/pack.yaml (put the pack under src/main/resources/META-INF/guidepost/<name>/), and no "
                    + "<packs> configured");
        }
        List<PolicyPack> loaded = new ArrayList<>();
        for (Path folder : folders) {
            loaded.add(loadPack(folder.toString()));
        }
        return PolicyPack.combine(loaded);
    }
}
