package dev.guidepost.maven;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.project.MavenProjectHelper;

import dev.guidepost.core.EmitFormat;
import dev.guidepost.core.KyvernoEmitter;
import dev.guidepost.core.KyvernoOutput;
import dev.guidepost.core.PolicyPack;

/**
 * Writes the packs' enforceable policies as Kyverno policy YAML for the cluster ({@code kyverno/POLICY-ID.yaml}
 * and {@code kyverno/kustomization.yaml}), and the policies' examples as Kyverno CLI tests
 * ({@code kyverno-tests/POLICY-ID/kyverno-test.yaml}) for {@code kyverno test}, as {@code guidepost kyverno} does.
 * Optionally attaches a zip of them to the project (classifier {@code kyverno}) so that {@code mvn deploy}
 * publishes them. A policy that cannot be written in the chosen format fails the build, after the others are
 * written.
 */
@Mojo(name = "kyverno", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class KyvernoMojo extends AbstractPolicyMojo {

    /**
     * The kind of policies to write: {@code validating-policy} (Kyverno 1.17+), {@code cluster-policy} (older
     * Kyverno) or {@code vap} (Kubernetes ValidatingAdmissionPolicy with a binding, no Kyverno needed).
     */
    @Parameter(property = "policy.kyverno.format", defaultValue = "validating-policy")
    private String format;

    /** Also write Kyverno CLI tests from the policies' examples. */
    @Parameter(property = "policy.kyverno.tests", defaultValue = "true")
    private boolean tests;

    /**
     * Where {@code kyverno/} (the policies) and {@code kyverno-tests/} (the CLI tests, which refer to the policies
     * as {@code ../../kyverno/POLICY-ID.yaml}) are written, as {@code guidepost kyverno --out} does. Files
     * Guidepost wrote in those two folders from this pack before and no longer emits are removed; other files are
     * left alone, and a file to write that Guidepost did not generate stops the goal.
     */
    @Parameter(property = "policy.kyverno.outputDirectory", defaultValue = "${project.build.directory}/guidepost")
    private File outputDirectory;

    /** Attach a zip of the written files to the project, so that it is installed and deployed with it. */
    @Parameter(property = "policy.kyverno.attach", defaultValue = "false")
    private boolean attach;

    /** The classifier of the attached zip. */
    @Parameter(property = "policy.kyverno.classifier", defaultValue = "kyverno")
    private String classifier;

    /** The time stamp of the zip's entries (as for reproducible jars); without one a fixed time is used. */
    @Parameter(defaultValue = "${project.build.outputTimestamp}")
    private String outputTimestamp;

    /** Skips this goal only. */
    @Parameter(property = "policy.kyverno.skip", defaultValue = "false")
    private boolean skipKyverno;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    @Component
    private MavenProjectHelper projectHelper;

    @Override
    protected String goal() {
        return "kyverno";
    }

    @Override
    protected boolean skipGoal() {
        return skipKyverno;
    }

    @Override
    protected String goalSkipProperty() {
        return "policy.kyverno.skip";
    }

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        EmitFormat emitFormat = EmitFormat.parse(format == null ? "" : format).orElseThrow(
                () -> new MojoExecutionException("Unknown Kyverno format '" + format + "' in <format> "
                        + "(-Dpolicy.kyverno.format); use one of " + EmitFormat.labels()));
        PolicyPack pack = loadPacks();
        KyvernoOutput output = KyvernoEmitter.forPack(pack).format(emitFormat).withTests(tests).emit();
        Path folder = outputDirectory.toPath();
        try {
            output.writeTo(folder);
        } catch (UncheckedIOException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
        KyvernoOutput.Summary summary = output.summary();
        for (String line : summary.lines()) {
            if (line.startsWith("NOT EMITTED")) {
                getLog().error(line);
            } else {
                getLog().info(line);
            }
        }
        getLog().info("Wrote " + output.files().size() + (output.files().size() == 1 ? " file" : " files")
                + " to " + display(folder));
        if (!summary.complete()) {
            Map<String, String> missing = summary.notEmitted();
            throw new MojoFailureException("Guidepost cannot write " + missing.size()
                    + (missing.size() == 1 ? " policy" : " policies") + " as " + emitFormat.label() + ": "
                    + String.join(", ", missing.keySet()) + " (the reasons are logged as NOT EMITTED above). "
                    + "Choose another <format> (" + EmitFormat.labels() + ") or change the policies");
        }
        if (attach) {
            attachZip(output, folder);
        }
    }

    private void attachZip(KyvernoOutput output, Path folder) throws MojoExecutionException {
        String name = project.getBuild().getFinalName() + "-" + classifier + ".zip";
        Path zip = Path.of(project.getBuild().getDirectory()).resolve(name);
        try {
            DeterministicZip.write(zip, folder, output.files().keySet(), DeterministicZip.entryTime(outputTimestamp));
        } catch (IOException e) {
            throw new MojoExecutionException("Cannot write " + zip + ": " + e.getMessage(), e);
        }
        projectHelper.attachArtifact(project, "zip", classifier, zip.toFile());
        getLog().info("Attached " + display(zip) + " (classifier " + classifier + ")");
    }
}
