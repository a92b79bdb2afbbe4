package dev.guidepost.cli;

import java.io.PrintWriter;
import java.util.List;

import dev.guidepost.core.BuildInfo;
import dev.guidepost.core.GuidepostException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code guidepost} command: check manifests, run Kyverno tests, search the pack, emit Kyverno policies and
 * serve AI agents over MCP. Every command only translates arguments and output to policy-core calls.
 */
@Command(name = "guidepost", mixinStandardHelpOptions = true, versionProvider = GuidepostCli.Version.class,
        description = "Find, check and enforce your company's Kubernetes rules.",
        subcommands = {CheckCommand.class, SearchCommand.class, ListCommand.class, DiscoverCommand.class,
            ExplainCommand.class,
            TestCommand.class, KyvernoCommand.class, SearchEvalCommand.class, McpCommand.class,
            CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success (Audit/Warn findings only)",
            "1:an Enforce policy is violated, a manifest is unreadable, a test failed, or a policy could not be emitted",
            "2:usage or configuration error",
            "3:check --fail-if-nothing-checked found nothing to check"})
public final class GuidepostCli {

    /** The version shown by {@code --version} and to MCP clients: policy-core's, as reports show it too. */
    public static final String VERSION = BuildInfo.version();

    private GuidepostCli() {
    }

    /** {@code --version}: the one version of the build, as SARIF reports and MCP clients see it. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"guidepost " + VERSION};
        }
    }

    /**
     * Core's search logger, silenced: the commands print the knowledge base's warnings themselves, as {@code
     * warning: ...}, and the JDK's logging would print each a second time. Held here, since the JDK keeps loggers
     * weakly.
     */
    private static final java.util.logging.Logger SEARCH_LOG = java.util.logging.Logger.getLogger(
            "dev.guidepost.search");

    /** Runs the command and exits with its exit code. */
    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("mcp")) {
            McpCommand.exitZeroOnSigterm(); // before the command line is even parsed: a client may end it any time
        }
        SEARCH_LOG.setLevel(java.util.logging.Level.OFF);
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** The arguments that look like options (a dash and a name) but are none of the command's or the tool's. */
    static List<String> unknownOptions(CommandLine command, String... arguments) {
        java.util.Set<String> known = new java.util.HashSet<>(command.getCommandSpec().optionsMap().keySet());
        for (CommandLine c = command.getParent(); c != null; c = c.getParent()) {
            known.addAll(c.getCommandSpec().optionsMap().keySet());
        }
        List<String> unknown = new java.util.ArrayList<>();
        for (String argument : arguments) {
            String name = argument.contains("=") ? argument.substring(0, argument.indexOf('=')) : argument;
            if (name.matches("--?[A-Za-z][A-Za-z0-9-]*") && !known.contains(name)) {
                unknown.add(name);
            }
        }
        return unknown;
    }

    /** Runs the command with the given output streams; returns the exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = new CommandLine(GuidepostCli.class);
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setParameterExceptionHandler((e, arguments) -> {
            List<String> unknown = unknownOptions(e.getCommandLine(), arguments);
            if (!unknown.isEmpty() && !(e instanceof CommandLine.UnmatchedArgumentException)) {
                // a mistyped option is read as a value, and the complaint would be about what it left missing
                err.println("error: unknown option" + (unknown.size() == 1 ? " " : "s ") + String.join(", ", unknown));
                CommandLine.UnmatchedArgumentException.printSuggestions(
                        new CommandLine.UnmatchedArgumentException(e.getCommandLine(), unknown), err);
            }
            err.println("error: " + e.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
            err.println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help' for the options.");
            err.flush();
            return ExitCode.USAGE;
        });
        commandLine.setExecutionExceptionHandler((e, cmd, parseResult) -> {
            Throwable cause = e instanceof java.io.UncheckedIOException u ? u.getCause() : e;
            if (e instanceof GuidepostException) {
                err.println("error: " + e.getMessage());
            } else if (cause instanceof java.nio.file.FileSystemException f) {
                err.println("error: " + f.getFile() + ": " + (f.getReason() != null ? f.getReason()
                        : f instanceof java.nio.file.AccessDeniedException ? "permission denied"
                        : f instanceof java.nio.file.NoSuchFileException ? "no such file or folder"
                        : f instanceof java.nio.file.FileAlreadyExistsException ? "exists, and is not a folder"
                        : f instanceof java.nio.file.NotDirectoryException ? "not a folder"
                        : "cannot be read or written") + "; check the path");
            } else if (outOfMemory(e)) {
                err.println(OUT_OF_MEMORY);
                err.flush();
                return ExitCode.OUT_OF_MEMORY;
            } else {
                err.println("error: unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage());
                if (System.getenv("GUIDEPOST_DEBUG") != null) {
                    e.printStackTrace(err);
                }
            }
            err.flush();
            return ExitCode.USAGE;
        });
        int code;
        try {
            code = commandLine.execute(args);
        } catch (OutOfMemoryError e) {
            err.println(OUT_OF_MEMORY);
            code = ExitCode.OUT_OF_MEMORY;
        }
        out.flush();
        err.flush();
        return code;
    }

    /** What to do when the JVM's heap is too small for the manifests read (they are all held at once). */
    static final String OUT_OF_MEMORY = "error: Java ran out of memory (its heap is "
            + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB); give it more, for example "
            + "JAVA_TOOL_OPTIONS=-Xmx2g or java -Xmx2g -jar guidepost.jar ..., or check fewer files per run "
            + "(10,000 manifests need about 400 MB for a text report, 768 MB for SARIF or JSON)";

    /** True when an out-of-memory error is the failure or its cause (a worker thread's, for example). */
    static boolean outOfMemory(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof OutOfMemoryError) {
                return true;
            }
        }
        return false;
    }
}
