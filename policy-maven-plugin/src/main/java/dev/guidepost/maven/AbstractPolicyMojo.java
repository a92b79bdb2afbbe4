package dev.guidepost.maven;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Resource;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

import dev.guidepost.core.GuidepostException;
import dev.guidepost.core.PolicyPack;

/**
 * What every Guidepost goal shares: the packs (configured, or a pack project's own), the project folder, and the
 * skip switches. Goals only translate Maven configuration into policy-core calls and core results into log lines
 * and exceptions.
 */
abstract class AbstractPolicyMojo extends AbstractMojo {

    /** The warnings logged in each build (a weak key: a long-lived Maven process forgets finished builds). */
    private static final Map<Object, Set<String>> WARNED = Collections.synchronizedMap(new WeakHashMap<>());

    /**
     * The policy packs: each a folder, a policy file (relative to the project) or {@code classpath:NAME} for a
     * pack jar added as a dependency of the plugin (read from {@code META-INF/guidepost/}). Several packs
     * are combined; the same policy id in two packs is a configuration error.
     */
    @Parameter(property = "policy.packs")
    protected List<String> packs = new ArrayList<>();

    /** Skips every Guidepost goal. */
    @Parameter(property = "policy.skip", defaultValue = "false")
    protected boolean skip;

    /**
     * The project's folder; relative paths are resolved against it. Without a project (a goal that needs none run
     * outside one), the folder Maven was started in.
     */
    @Parameter(defaultValue = "${project.basedir}", readonly = true)
    protected File basedir;

    /**
     * The project's classes folder, where a pack project's own pack ends up (from
     * {@code src/main/resources/META-INF/guidepost/NAME/}); see {@link #projectPackFolders()}.
     */
    @Parameter(defaultValue = "${project.build.outputDirectory}", readonly = true)
    protected File classesDirectory;

    /** The project's resource folders, where a pack in the classes folder was copied from. */
    @Parameter(defaultValue = "${project.resources}", readonly = true)
    List<Resource> resources = new ArrayList<>();

    /** The project's packaging: a {@code pom} project without packs (a parent, an aggregator) is skipped. */
    @Parameter(defaultValue = "${project.packaging}", readonly = true)
    private String packaging;

    /** The project's artifactId; Maven names the project of a goal run outside any {@code standalone-pom}. */
    @Parameter(defaultValue = "${project.artifactId}", readonly = true)
    private String artifactId;

    /** The build, so that a warning several goals and modules would repeat is logged once in it. */
    @Parameter(defaultValue = "${session}", readonly = true)
    MavenSession session;

    /** The folder Maven was started in, for goals run without a project. */
    @Parameter(defaultValue = "${session.executionRootDirectory}", readonly = true)
    private File executionRoot;

    /** The project's modules: an aggregator's modules have its manifests. */
    @Parameter(defaultValue = "${project.modules}", readonly = true)
    private List<String> modules = new ArrayList<>();

    /** True for a {@code pom} project: a parent or an aggregator, whose modules have the manifests. */
    protected boolean pomProject() {
        return "pom".equals(packaging) && !"standalone-pom".equals(artifactId);
    }

    /** True for a {@code pom} project with modules of its own (a deploy module of packaging pom has none). */
    protected boolean aggregator() {
        return pomProject() && modules != null && !modules.isEmpty();
    }

    /** This goal's execution: its id, and its switches as they were written ({@link BooleanSettings}). */
    @Parameter(defaultValue = "${mojoExecution}", readonly = true)
    protected MojoExecution mojoExecution;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        Optional<String> unreadSwitch = mojoExecution == null ? Optional.empty() : BooleanSettings.problem(
                mojoExecution.getMojoDescriptor().getParameters(), mojoExecution.getConfiguration(), this::property);
        if (unreadSwitch.isPresent()) {
            throw new MojoExecutionException(unreadSwitch.get());
        }
        if (skip) {
            getLog().info("Skipping Guidepost " + goal() + " (policy.skip=true)");
            return;
        }
        if (skipGoal()) {
            getLog().info("Skipping Guidepost " + goal() + " (" + goalSkipProperty() + "=true)");
            return;
        }
        if (pomProject() && configuredPacks().isEmpty()) {
            pomProjectWithoutPacks();
            return;
        }
        if (basedir == null) {
            basedir = executionRoot != null ? executionRoot : new File(System.getProperty("user.dir"));
        }
        try {
            run();
        } catch (GuidepostException e) {
            String message = withSourceFiles(e.getMessage());
            // Maven appends a cause's message it does not find in the message: the copy in target/classes
            throw message.equals(e.getMessage()) ? new MojoExecutionException(message, e)
                    : new MojoExecutionException(message);
        }
    }

    /** A property as the build sees it: the command line's, then the system's, then the project's; or null. */
    private String property(String name) {
        if (session == null) {
            return System.getProperty(name);
        }
        String value = session.getUserProperties().getProperty(name);
        if (value == null) {
            value = session.getSystemProperties().getProperty(name);
        }
        if (value == null && session.getCurrentProject() != null) {
            value = session.getCurrentProject().getProperties().getProperty(name);
        }
        return value;
    }

    /**
     * What a goal does in a {@code pom} project (a parent, an aggregator) without {@code packs}: by default it is
     * skipped, since the goal runs in each module of the build on its own.
     */
    protected void pomProjectWithoutPacks() throws MojoExecutionException {
        getLog().info("Skipping Guidepost " + goal() + ": a pom project (parent or aggregator) without <packs>;"
                + " its modules run the goal on their own");
    }

    /** The project's artifactId. */
    protected String artifactId() {
        return artifactId;
    }

    /** The goal's work, called when it is not skipped; {@link GuidepostException}s become configuration errors. */
    protected abstract void run() throws MojoExecutionException, MojoFailureException;

    /** The goal's name, for log lines. */
    protected abstract String goal();

    /** True when the goal's own skip switch is on. */
    protected abstract boolean skipGoal();

    /** The user property of the goal's own skip switch. */
    protected abstract String goalSkipProperty();

    /** The configured pack locations (blank entries dropped); empty when none is configured. */
    protected List<String> configuredPacks() {
        return packs == null ? List.of()
                : packs.stream().filter(p -> p != null && !p.isBlank()).map(String::strip).toList();
    }

    /**
     * The configured pack locations; without {@code packs}, the packs the project builds itself
     * ({@link #projectPackFolders()}); else an error saying how to configure one.
     */
    protected List<String> packLocations() throws MojoExecutionException {
        List<String> locations = configuredPacks();
        if (locations.isEmpty()) {
            locations = ownPackFolders().stream().map(Path::toString).toList();
        }
        if (locations.isEmpty()) {
            throw new MojoExecutionException("No policy pack configured. Add <configuration><packs><pack>"
                    + "src/main/policies</pack></packs></configuration> (a folder, a file, or classpath:NAME for a "
                    + "pack jar given as a plugin <dependency>), or set -Dpolicy.packs=...; a pack project's own "
                    + "pack is found without configuration under src/main/resources/META-INF/guidepost/<name>/ "
                    + "once it is compiled");
        }
        return locations;
    }

    /**
     * The packs the project builds itself ({@link #projectPackFolders()}), read by a goal: each one whose copy in
     * the classes folder is older than its source is warned about.
     */
    protected List<Path> ownPackFolders() throws MojoExecutionException {
        List<Path> own = projectPackFolders();
        own.forEach(this::warnIfStale);
        return own;
    }

    /** Warns when a pack of the classes folder is older than its source (see {@link StalePackCopy}). */
    private void warnIfStale(Path copy) {
        StalePackCopy.differences(copy, classesDirectory.toPath(), resources == null ? List.of() : resources,
                basedir.toPath()).ifPresent(d -> warnOnce("The " + goal() + " goal reads the pack's copy in "
                        + display(copy) + ", which is older than its source (" + d + "): run it after the "
                        + "resources are copied (mvn process-resources policy:" + goal() + "), and after mvn clean "
                        + "when a file was removed"));
    }

    /** Loads one pack: a {@code classpath:NAME} from the plugin's class path, otherwise a project path. */
    protected PolicyPack loadPack(String location) {
        PolicyPack pack;
        if (location.startsWith(PolicyPack.CLASSPATH_PREFIX)) {
            pack = PolicyPack.fromClasspath(location.substring(PolicyPack.CLASSPATH_PREFIX.length()),
                    AbstractPolicyMojo.class.getClassLoader());
        } else {
            Path path = resolve(location);
            if (!Files.exists(path)) {
                throw new GuidepostException(display(path) + ": no such pack folder or file; check <packs> "
                        + "(-Dpolicy.packs): a path relative to the project, or classpath:NAME for a pack jar added as "
                        + "a dependency of the plugin");
            }
            pack = PolicyPack.load(path);
        }
        // the source file rather than its copy in target/classes, and once per build however many goals read it
        pack.warnings().forEach(w -> warnOnce(pack.coordinates() + ": " + withSourceFiles(w)));
        getLog().debug("Loaded pack " + pack.coordinates() + " from " + pack.source());
        return pack;
    }

    /** Logs a warning unless this build has logged it already. */
    protected void warnOnce(String warning) {
        Set<String> warned = WARNED.computeIfAbsent(session == null ? this : session,
                k -> ConcurrentHashMap.newKeySet());
        if (warned.add(warning)) {
            getLog().warn(warning);
        }
    }

    /** Loads and combines every configured pack. */
    protected PolicyPack loadPacks() throws MojoExecutionException {
        List<PolicyPack> loaded = new ArrayList<>();
        for (String location : packLocations()) {
            loaded.add(loadPack(location));
        }
        return PolicyPack.combine(loaded);
    }

    /** Where a pack project's own packs are looked for: {@code META-INF/guidepost/} of the classes folder. */
    protected Path projectPacksRoot() {
        return classesDirectory.toPath().resolve("META-INF").resolve("guidepost");
    }

    /**
     * The packs the project builds itself, as folders sorted by name: every folder of {@link #projectPacksRoot()}
     * with a {@code pack.yaml}, or that folder itself when its {@code pack.yaml} is right in it. Empty when there
     * is none (or the goal runs without a project).
     */
    protected List<Path> projectPackFolders() throws MojoExecutionException {
        if (classesDirectory == null) {
            return List.of();
        }
        Path root = projectPacksRoot();
        if (Files.isRegularFile(root.resolve("pack.yaml"))) {
            return List.of(root); // one pack right in META-INF/guidepost/
        }
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(root)) {
            return children.filter(p -> Files.isRegularFile(p.resolve("pack.yaml"))).sorted().toList();
        } catch (IOException e) {
            throw new MojoExecutionException("Cannot list " + display(root) + ": " + e.getMessage(), e);
        }
    }

    /** A path relative to the project folder (absolute paths stay as they are). */
    protected Path resolve(String path) {
        return basedir.toPath().resolve(path).normalize();
    }

    /**
     * The folder the log names files relative to: the project's, or in a build of several projects the top
     * project's, so that the lines of modules built side by side ({@code -T}) say which module they are about.
     */
    protected Path logBase() {
        Path own = basedir.toPath().toAbsolutePath().normalize();
        if (session == null || session.getProjects() == null || session.getProjects().size() < 2
                || session.getTopLevelProject() == null || session.getTopLevelProject().getBasedir() == null) {
            return own;
        }
        Path top = session.getTopLevelProject().getBasedir().toPath().toAbsolutePath().normalize();
        return own.startsWith(top) ? top : own;
    }

    /** A path as shown in logs: relative to {@link #logBase()} when it is below it. */
    protected String display(Path path) {
        Path base = logBase();
        Path absolute = path.toAbsolutePath().normalize();
        if (!absolute.startsWith(base)) {
            return absolute.toString();
        }
        String relative = base.relativize(absolute).toString().replace('\\', '/');
        return relative.isEmpty() ? "." : relative;
    }

    /**
     * A pack file as the project sees it: the source under a resource folder for a pack in the classes folder (the
     * file to edit), else the file relative to the project; a file inside a jar stays as it is.
     */
    protected String shown(String file) {
        try {
            Path path = Path.of(file).toAbsolutePath().normalize();
            if (!Files.exists(path)) {
                return file;
            }
            if (classesDirectory != null) {
                Path classes = classesDirectory.toPath().toAbsolutePath().normalize();
                if (path.startsWith(classes)) {
                    Path relative = classes.relativize(path);
                    for (Resource resource : resources == null ? List.<Resource>of() : resources) {
                        Path source = resolve(resource.getDirectory()).resolve(relative);
                        if (resource.getTargetPath() == null && Files.isRegularFile(source)) {
                            return display(source);
                        }
                    }
                }
            }
            return display(path);
        } catch (InvalidPathException e) {
            return file;
        }
    }

    /**
     * A message with every file of the classes folder it names shown as the resource it was copied from, so that
     * a pack project's error opens the file to edit rather than the copy the next build overwrites.
     */
    String withSourceFiles(String message) {
        if (classesDirectory == null || basedir == null || message == null) {
            return message;
        }
        Path classes = classesDirectory.toPath().toAbsolutePath().normalize();
        Pattern files = Pattern.compile("(?<![\\w/.-])(?:" + Pattern.quote(classes.toString()) + "|"
                + Pattern.quote(basedir.toPath().toAbsolutePath().normalize().relativize(classes).toString())
                + ")[/\\\\][^\\s:'\"]+");
        Matcher m = files.matcher(message);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(shown(resolve(m.group()).toString())));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** "1 policy", "3 policies". */
    static String policies(int count) {
        return count + (count == 1 ? " policy" : " policies");
    }
}
