package dev.guidepost.cli.mcp;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ServerCapabilities;
import io.modelcontextprotocol.spec.McpSchema.ToolAnnotations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Guidepost MCP server over stdio (the official Java SDK): newline-delimited JSON-RPC on the given streams,
 * the tools of {@link ToolCatalog}. Lines the SDK cannot read are answered by a {@link JsonRpcLineFilter} in front
 * of it, and tool arguments are checked by {@link ArgumentCheck}, so bad input gets an answer that says what to
 * send and the server keeps serving. Answers are sent one at a time ({@link SerialSends}), so concurrent tool calls
 * all get theirs. {@link #serve} returns when the client has closed the input stream and every request read before
 * has its answer.
 */
public final class GuidepostMcpServer {

    private static final Logger LOG = LoggerFactory.getLogger(GuidepostMcpServer.class);
    /** How long requests read before the input closed may take to be answered before the server stops. */
    private static final Duration LAST_ANSWERS = Duration.ofMinutes(2);

    private GuidepostMcpServer() {
    }

    /** Serves the tools over {@code in}/{@code out} until {@code in} ends; nothing else is written to {@code out}. */
    public static void serve(PolicyTools tools, String version, InputStream in, OutputStream out)
            throws InterruptedException {
        CountDownLatch closed = new CountDownLatch(1);
        List<ToolCatalog.Entry> catalog = ToolCatalog.of(tools);
        InFlightRequests inFlight = new InFlightRequests();
        OutputStream replies = inFlight.watch(out);
        JsonRpcLineFilter.RequestCheck initialize = new InitializeCheck();
        JsonRpcLineFilter.RequestCheck toolCall = new ToolCallCheck(catalog);
        JsonRpcLineFilter.RequestCheck loggingLevel = new LoggingLevelCheck();
        JsonRpcLineFilter.RequestCheck listCursor = new ListCursorCheck();
        JsonRpcLineFilter.RequestCheck shape = new ParamsShapeCheck();
        InputStream checked = new JsonRpcLineFilter(in, replies, (method, params) -> initialize
                .invalidParams(method, params).or(() -> toolCall.invalidParams(method, params))
                .or(() -> loggingLevel.invalidParams(method, params))
                .or(() -> listCursor.invalidParams(method, params))
                .or(() -> shape.invalidParams(method, params)), inFlight);
        // maps are written with sorted keys: Map.of and HashMap iterate in another order in every JVM, and the same
        // answer should be the same text in every run
        McpJsonMapper json = new JacksonMcpJsonMapper(JsonMapper.builder()
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build());
        StdioServerTransportProvider transport = new StdioServerTransportProvider(json,
                new EndSignallingInput(checked, closed, inFlight), replies);
        McpSyncServer server = McpServer.sync(new SerialSends(transport))
                .serverInfo("guidepost", version)
                .instructions(instructions(tools))
                .capabilities(ServerCapabilities.builder().tools(false).build())
                .validateToolInputs(false) // ArgumentCheck validates against the same schemas, with clearer errors
                .tools(specifications(catalog))
                .build();
        closed.await();
        server.closeGracefully();
    }

    private static List<SyncToolSpecification> specifications(List<ToolCatalog.Entry> catalog) {
        return catalog.stream().map(entry -> SyncToolSpecification.builder()
                .tool(McpSchema.Tool.builder()
                        .name(entry.name())
                        .title(entry.title())
                        .description(entry.description())
                        .inputSchema(entry.inputSchema())
                        .outputSchema(entry.outputSchema())
                        .annotations(new ToolAnnotations(entry.title(), true, false, true, false, null))
                        .build())
                .callHandler((exchange, request) -> call(entry, request.arguments()))
                .build()).toList();
    }

    private static CallToolResult call(ToolCatalog.Entry entry, Map<String, Object> arguments) {
        ToolAnswer answer;
        try {
            Optional<String> problems = ArgumentCheck.problems(entry, arguments);
            answer = problems.isPresent() ? ToolAnswer.error(problems.get())
                    : entry.handler().apply(arguments);
        } catch (RuntimeException e) {
            LOG.error("tool {} failed", entry.name(), e);
            answer = ToolAnswer.error("Guidepost failed on this input (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + "). The server is still running; try other input.");
        }
        return CallToolResult.builder()
                .addTextContent(answer.text())
                .structuredContent(answer.structured())
                .isError(answer.error())
                .build();
    }

    private static String instructions(PolicyTools tools) {
        return "Guidepost knows the company's Kubernetes policies: " + tools.packDescription() + ". Before "
                + "writing or changing a Kubernetes manifest, call search_policies with what you are about to do "
                + "and list_policies with the kind you are writing (every rule that applies to it), and follow "
                + "the remediation of the relevant policies (get_policy shows the full rule and examples). Then "
                + "call check_manifest on the YAML and fix every blocking violation (and the Audit and Warn "
                + "findings you can) before proposing it.";
    }

    /**
     * Counts down a latch when the client closes the stream (end of input or a read error). At the end of input it
     * first waits for the answers to the requests already passed on: the SDK stops its session when its reader
     * sees the end, and would drop them.
     */
    private static final class EndSignallingInput extends FilterInputStream {

        private final CountDownLatch closed;
        private final InFlightRequests inFlight;

        EndSignallingInput(InputStream in, CountDownLatch closed, InFlightRequests inFlight) {
            super(in);
            this.closed = closed;
            this.inFlight = inFlight;
        }

        @Override
        public int read() throws IOException {
            try {
                return signal(super.read());
            } catch (IOException e) {
                closed.countDown();
                throw e;
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return signal(super.read(b, off, len));
            } catch (IOException e) {
                closed.countDown();
                throw e;
            }
        }

        private int signal(int n) throws IOException {
            if (n < 0) {
                try {
                    if (!inFlight.awaitAnswered(LAST_ANSWERS)) {
                        LOG.warn("input closed; stopping with requests unanswered after {} s",
                                LAST_ANSWERS.toSeconds());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while finishing the last requests");
                } finally {
                    closed.countDown();
                }
            }
            return n;
        }
    }
}
