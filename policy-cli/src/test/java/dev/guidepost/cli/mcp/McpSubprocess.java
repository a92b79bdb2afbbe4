package dev.guidepost.cli.mcp;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;

/**
 * Starts {@code java -jar guidepost.jar mcp --pack ...} as a real subprocess and connects the MCP SDK's own
 * client to it over stdio, as an agent would. Keeps the server's stderr lines.
 */
final class McpSubprocess implements AutoCloseable {

    /** policy-cli's folder: the working directory under Maven, {@code policy-cli} when run from the root. */
    private static final Path MODULE = java.nio.file.Files.isDirectory(Path.of("policy-cli", "target"))
            ? Path.of("policy-cli") : Path.of("");
    static final Path TARGET = Path.of(System.getProperty("guidepost.target",
            MODULE.resolve("target").toString()));
    static final Path JAR = Path.of(System.getProperty("guidepost.jar", TARGET.resolve("guidepost.jar").toString()));
    static final Path SAMPLES = Path.of(System.getProperty("guidepost.samples",
            MODULE.toAbsolutePath().resolve("../samples").toString())).toAbsolutePath().normalize();

    private final McpSyncClient client;
    private final List<String> stderr = new CopyOnWriteArrayList<>();

    private McpSubprocess(McpSyncClient client) {
        this.client = client;
    }

    /** Starts the server on the sample pack and initializes a client; the caller closes it. */
    static McpSubprocess start() {
        return start(List.of("mcp", "--pack", SAMPLES.resolve("pack").toString(), "--cache",
                TARGET.resolve("mcp-cache").toString()));
    }

    static McpSubprocess start(List<String> guidepostArgs) {
        ServerParameters parameters = ServerParameters.builder(javaBinary())
                .args(java.util.stream.Stream.concat(java.util.stream.Stream.of("-jar", JAR.toString()),
                        guidepostArgs.stream()).toList())
                .build();
        StdioClientTransport transport = new StdioClientTransport(parameters, McpJsonDefaults.getMapper());
        McpSubprocess process = new McpSubprocess(McpClient.sync(transport)
                .requestTimeout(Duration.ofSeconds(60))
                .initializationTimeout(Duration.ofSeconds(120))
                .enableCallToolSchemaCaching(true) // check every structured answer against its output schema
                .build());
        transport.setStdErrorHandler(process.stderr::add);
        return process;
    }

    McpSyncClient client() {
        return client;
    }

    List<String> stderr() {
        return stderr;
    }

    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    @Override
    public void close() {
        client.closeGracefully();
    }
}
