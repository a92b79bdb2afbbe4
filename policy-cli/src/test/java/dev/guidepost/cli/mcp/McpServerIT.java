package dev.guidepost.cli.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The MCP server as an agent sees it: {@code guidepost.jar mcp} started as a subprocess and driven over stdio by
 * the SDK's client. Initialize, list the tools, call each one, bad input that must come back as a tool error
 * while the server keeps answering, malformed JSON-RPC lines answered with JSON-RPC errors, and an agent-style
 * session (search, write, check, fix) written to {@code target/mcp-transcript.md}.
 */
class McpServerIT {

    private static McpSubprocess server;
    private static McpSyncClient client;

    @BeforeAll
    static void start() {
        server = McpSubprocess.start();
        client = server.client();
        client.initialize();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void initializeNamesTheServerAndTellsTheAgentTheWorkflow() {
        assertThat(client.getServerInfo().name()).isEqualTo("guidepost");
        assertThat(client.getServerInstructions()).contains("search_policies", "check_manifest", "acme-platform");
        assertThat(client.getServerCapabilities().tools()).isNotNull();
    }

    @Test
    void listsFiveToolsWithInputAndOutputSchemas() {
        List<Tool> tools = client.listTools().tools();
        assertThat(tools).extracting(Tool::name).containsExactly("search_policies", "get_policy", "check_manifest",
                "list_policies", "policies_for_manifest");
        for (Tool tool : tools) {
            assertThat(tool.description()).isNotBlank();
            assertThat(tool.inputSchema()).containsEntry("type", "object").containsKey("properties");
            assertThat(tool.outputSchema()).containsEntry("type", "object").containsKey("properties")
                    .doesNotContainKey("required");
            assertThat(tool.annotations().readOnlyHint()).isTrue();
        }
    }

    @Test
    void searchPolicies() {
        CallToolResult result = call("search_policies", Map.of("query", "can my container run as root?",
                "limit", 3));
        assertThat(result.isError()).isFalse();
        assertThat(text(result)).contains("1. require-run-as-non-root");
        assertThat(structured(result).get("policies").get(0).get("remediation").asString()).isNotBlank();
    }

    @Test
    void getPolicy() {
        CallToolResult result = call("get_policy", Map.of("id", "require-resource-limits"));
        assertThat(result.isError()).isFalse();
        assertThat(text(result)).contains("Validations (CEL; each must be true)", "Compliant example");
        assertThat(structured(result).get("examples").get("pass").size()).isPositive();
    }

    @Test
    void checkManifestGivesLinesInTheGivenYaml() {
        CallToolResult result = call("check_manifest", Map.of("yaml", ExampleManifests.NON_COMPLIANT));
        assertThat(result.isError()).isFalse();
        assertThat(text(result)).contains("- line 1 Deployment/shop/checkout", "- line 15 Service/shop/checkout");
        assertThat(structured(result).get("compliant").asBoolean()).isFalse();
    }

    @Test
    void listPolicies() {
        CallToolResult result = call("list_policies", Map.of("kind", "Service"));
        assertThat(result.isError()).isFalse();
        assertThat(text(result)).contains("restrict-loadbalancer-services");
    }

    @Test
    void policiesForManifest() {
        CallToolResult result = call("policies_for_manifest", Map.of("yaml", ExampleManifests.NON_COMPLIANT));
        assertThat(result.isError()).isFalse();
        assertThat(text(result)).contains("Applies by rule", "Related by meaning");
    }

    @Test
    void badInputIsAToolErrorAndTheServerKeepsAnswering() {
        CallToolResult invalidYaml = call("check_manifest", Map.of("yaml", "kind: Pod\nmetadata: {name: x\n"));
        assertThat(invalidYaml.isError()).isTrue();
        assertThat(text(invalidYaml)).contains("line 2", "invalid YAML");

        CallToolResult unknownId = call("get_policy", Map.of("id", "no-such-policy"));
        assertThat(unknownId.isError()).isTrue();
        assertThat(text(unknownId)).contains("search_policies", "list_policies");

        CallToolResult missingArgument = call("search_policies", Map.of("limit", 2));
        assertThat(missingArgument.isError()).isTrue();
        assertThat(text(missingArgument)).startsWith("search_policies needs 'query' (a non-empty string of at most "
                + "1000 characters): what you are about to do or want to know, in plain words");

        CallToolResult wrongType = call("check_manifest", Map.of("yaml", List.of("not", "text")));
        assertThat(wrongType.isError()).isTrue();
        assertThat(text(wrongType)).startsWith("check_manifest needs 'yaml' (a non-empty string), not a list: ");

        CallToolResult outOfRange = call("search_policies", Map.of("query", "root", "limit", 500));
        assertThat(outOfRange.isError()).isTrue();
        assertThat(text(outOfRange)).contains("'limit' (a whole number from 1 to 50), not the number 500");

        assertThatThrownBy(() -> call("search", Map.of("query", "root"))).isInstanceOf(McpError.class)
                .hasMessageContaining("unknown tool 'search'. Available tools: search_policies, get_policy, "
                        + "check_manifest, list_policies, policies_for_manifest");

        CallToolResult notKubernetes = call("policies_for_manifest", Map.of("yaml", "hello: world\n"));
        assertThat(notKubernetes.isError()).isTrue();

        assertThat(call("list_policies", Map.of()).isError()).isFalse();
        client.ping();
        assertThat(server.stderr()).noneMatch(line -> line.contains("ToolInputValidator")
                || line.contains("McpServerSession"));
    }

    @Test
    void agentSessionSearchWriteCheckFix() throws Exception {
        Transcript transcript = new Transcript();
        CallToolResult found = transcript.call("search_policies",
                Map.of("query", "deploy a web app and expose it with a load balancer", "limit", 5));
        assertThat(text(found)).contains("restrict-loadbalancer-services");

        String draft = """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: storefront
                  namespace: shop
                spec:
                  replicas: 2
                  selector: {matchLabels: {app: storefront}}
                  template:
                    metadata: {labels: {app: storefront}}
                    spec:
                      containers:
                        - name: app
                          image: nginx:latest
                          ports: [{containerPort: 8080}]
                ---
                apiVersion: v1
                kind: Service
                metadata:
                  name: storefront
                  namespace: shop
                spec:
                  type: LoadBalancer
                  selector: {app: storefront}
                  ports: [{port: 80, targetPort: 8080}]
                """;
        CallToolResult firstCheck = transcript.call("check_manifest", Map.of("yaml", draft));
        assertThat(structured(firstCheck).get("compliant").asBoolean()).isFalse();

        transcript.call("get_policy", Map.of("id", "require-resource-limits"));

        String fixed = """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: storefront
                  namespace: shop
                  labels: {team: shop, app.kubernetes.io/name: storefront}
                spec:
                  replicas: 2
                  selector: {matchLabels: {app: storefront}}
                  template:
                    metadata: {labels: {app: storefront}}
                    spec:
                      securityContext: {runAsNonRoot: true}
                      containers:
                        - name: app
                          image: registry.acme.io/shop/storefront:2.3.1
                          ports: [{containerPort: 8080}]
                          securityContext: {allowPrivilegeEscalation: false}
                          resources:
                            requests: {cpu: 250m, memory: 256Mi}
                            limits: {memory: 512Mi}
                          readinessProbe:
                            httpGet: {path: /healthz, port: 8080}
                ---
                apiVersion: v1
                kind: Service
                metadata:
                  name: storefront
                  namespace: shop
                  labels: {team: shop, app.kubernetes.io/name: storefront}
                spec:
                  selector: {app: storefront}
                  ports: [{port: 80, targetPort: 8080}]
                """;
        CallToolResult secondCheck = transcript.call("check_manifest", Map.of("yaml", fixed));
        assertThat(text(secondCheck)).startsWith("Compliant: ");
        assertThat(structured(secondCheck).get("compliant").asBoolean()).isTrue();
        transcript.write();
    }

    @Test
    void stdoutCarriesProtocolMessagesOnly() throws Exception {
        Process process = startRaw(ProcessBuilder.Redirect.DISCARD);
        try (OutputStream in = process.getOutputStream();
                BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
            String messages = """
                    {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}
                    {"jsonrpc":"2.0","method":"notifications/initialized"}
                    {"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"search_policies","arguments":{"query":"root"}}}
                    {"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"check_manifest","arguments":{"yaml":"a: [b"}}}
                    """;
            in.write(messages.getBytes(StandardCharsets.UTF_8));
            in.flush();
            JsonMapper json = JsonMapper.builder().build();
            List<Integer> ids = new ArrayList<>();
            while (ids.size() < 3) {
                String line = out.readLine();
                assertThat(line).as("stdout ended early").isNotNull();
                JsonNode message = json.readTree(line);
                assertThat(message.get("jsonrpc").asString()).isEqualTo("2.0");
                ids.add(message.get("id").asInt());
            }
            assertThat(ids).containsExactlyInAnyOrder(1, 2, 3);
        }
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("the server exits when stdin closes").isTrue();
        assertThat(process.exitValue()).isZero();
    }

    @Test
    void aClientThatEndsTheSessionWithSigtermSeesTheServerExitWithZero() throws Exception {
        Process process = startRaw(ProcessBuilder.Redirect.DISCARD);
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            OutputStream in = process.getOutputStream();
            in.write("""
                    {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}
                    """.getBytes(StandardCharsets.UTF_8));
            in.flush();
            assertThat(out.readLine()).as("initialize answered").contains("\"id\":1");
            process.destroy(); // SIGTERM, as the MCP SDKs send when stdin stays open
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(process.exitValue()).isZero();
    }

    @Test
    void requestsWrittenJustBeforeStdinClosesAreAllAnsweredBeforeTheServerExits() throws Exception {
        Process process = startRaw(ProcessBuilder.Redirect.DISCARD);
        String messages = """
                {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}
                {"jsonrpc":"2.0","method":"notifications/initialized"}
                {"jsonrpc":"2.0","id":2,"method":"tools/list"}
                {"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"search_policies","arguments":{"query":"postgres"}}}
                {"jsonrpc":"2.0","id":4,"method":"tools/call","params":{"name":"list_policies","arguments":{}}}
                """;
        try (OutputStream in = process.getOutputStream()) {
            in.write(messages.getBytes(StandardCharsets.UTF_8));
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the server exits when stdin closes").isTrue();
        assertThat(process.exitValue()).isZero();

        JsonMapper json = JsonMapper.builder().build();
        List<Integer> ids = new ArrayList<>();
        String toolsList = "";
        for (String line : output.split("\n")) {
            ids.add(json.readTree(line).get("id").asInt());
            toolsList = json.readTree(line).get("id").asInt() == 2 ? line : toolsList;
        }
        assertThat(ids).containsExactlyInAnyOrder(1, 2, 3, 4);
        // written the same way in every run: map keys sorted, whatever order the server's maps iterate in
        assertThat(toolsList).containsSubsequence("\"query\":{\"description\":",
                "\"maxLength\":1000,\"minLength\":1,\"type\":\"string\"}");
    }

    @Test
    void aBurstOfConcurrentToolCallsGetsEveryAnswerAndTheServerStillExits() throws Exception {
        Path stderr = McpSubprocess.TARGET.resolve("mcp-burst-stderr.txt");
        Process process = startRaw(ProcessBuilder.Redirect.to(stderr.toFile()));
        JsonMapper json = JsonMapper.builder().build();
        String manifest = json.writeValueAsString(ExampleManifests.NON_COMPLIANT);
        StringBuilder messages = new StringBuilder("""
                {"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}
                {"jsonrpc":"2.0","method":"notifications/initialized"}
                """);
        int calls = 1000;
        for (int id = 1; id <= calls; id++) {
            messages.append(id % 2 == 0
                    ? "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":"
                            + "\"check_manifest\",\"arguments\":{\"yaml\":" + manifest + "}}}\n"
                    : "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":"
                            + "\"search_policies\",\"arguments\":{\"query\":\"postgres database\"}}}\n");
        }
        Thread writer = new Thread(() -> {
            try (OutputStream in = process.getOutputStream()) {
                in.write(messages.toString().getBytes(StandardCharsets.UTF_8));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        writer.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        writer.join();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the server exits when stdin closes").isTrue();
        assertThat(process.exitValue()).isZero();

        java.util.Set<Integer> ids = new java.util.TreeSet<>();
        for (String line : output.split("\n")) {
            ids.add(json.readTree(line).get("id").asInt());
        }
        assertThat(ids).hasSize(calls + 1);
        assertThat(Files.readAllLines(stderr)).noneMatch(line -> line.contains("Exception") || line.startsWith("\tat "));
    }

    @Test
    void malformedLinesGetJsonRpcErrorsWhileTheServerKeepsServingAndExitsWhenStdinCloses() throws Exception {
        Path stderr = McpSubprocess.TARGET.resolve("mcp-malformed-stderr.txt");
        Process process = startRaw(ProcessBuilder.Redirect.to(stderr.toFile()));
        JsonMapper json = JsonMapper.builder().build();
        Map<String, JsonNode> replies = new java.util.LinkedHashMap<>();
        try (OutputStream in = process.getOutputStream();
                BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
            String messages = """
                    {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}
                    {"jsonrpc":"2.0","method":"notifications/initialized"}
                    this is not json
                    {"id":10}
                    {"jsonrpc":"2.0","id":4,"method":"tools/list"}
                    {"jsonrpc":"2.0","id":5,"method":"tools/call","params":{"name":"search_policies","arguments":"oops"}}
                    {"jsonrpc":"2.0","id":6,"method":"tools/call","params":{"name":"get_policy","arguments":{}}}
                    {"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"list_policies","arguments":{"kind":"Ingress"}}}
                    """;
            in.write(messages.getBytes(StandardCharsets.UTF_8));
            in.flush();
            while (replies.size() < 7) {
                String line = out.readLine();
                assertThat(line).as("stdout ended early; replies so far: %s", replies.keySet()).isNotNull();
                JsonNode reply = json.readTree(line);
                replies.put(reply.get("id").toString(), reply);
            }
        }
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the server exits when stdin closes").isTrue();
        assertThat(process.exitValue()).isZero();

        assertThat(replies).containsOnlyKeys("1", "null", "10", "4", "5", "6", "7");
        assertThat(replies.get("null").get("error").get("code").asInt()).isEqualTo(-32700);
        assertThat(replies.get("10").get("error").get("code").asInt()).isEqualTo(-32600);
        assertThat(replies.get("4").get("result").get("tools").size()).isEqualTo(5);
        JsonNode notAnObject = replies.get("5").get("error");
        assertThat(notAnObject.get("code").asInt()).isEqualTo(-32602);
        assertThat(notAnObject.get("message").asString()).contains("search_policies", "must be a JSON object");
        JsonNode missing = replies.get("6").get("result");
        assertThat(missing.get("isError").asBoolean()).isTrue();
        assertThat(missing.get("content").get(0).get("text").asString()).startsWith("get_policy needs 'id'");
        assertThat(replies.get("7").get("result").get("content").get(0).get("text").asString())
                .contains("require-ingress-tls");

        List<String> log = Files.readAllLines(stderr);
        assertThat(log).filteredOn(line -> line.contains("JsonRpcLineFilter")).hasSize(3);
        assertThat(log).noneMatch(line -> line.startsWith("\tat ") || line.contains("Exception")
                || line.contains("[ERROR]"));
    }

    /** The server as a plain subprocess, for raw JSON-RPC lines; stderr goes where the test says. */
    private static Process startRaw(ProcessBuilder.Redirect stderr) throws java.io.IOException {
        ProcessBuilder builder = new ProcessBuilder(McpSubprocess.javaBinary(), "-jar",
                McpSubprocess.JAR.toString(), "mcp", "--pack", McpSubprocess.SAMPLES.resolve("pack").toString(),
                "--cache", McpSubprocess.TARGET.resolve("mcp-cache").toString());
        builder.redirectError(stderr);
        return builder.start();
    }

    private static CallToolResult call(String tool, Map<String, Object> arguments) {
        return client.callTool(new CallToolRequest(tool, arguments));
    }

    static String text(CallToolResult result) {
        return result.content().stream().filter(TextContent.class::isInstance).map(c -> ((TextContent) c).text())
                .reduce("", String::concat);
    }

    static JsonNode structured(CallToolResult result) {
        return JsonMapper.builder().build().valueToTree(result.structuredContent());
    }

    /** Records each call and answer as Markdown, for the README's agent session. */
    private static final class Transcript {

        private final StringBuilder markdown = new StringBuilder("# An agent session with guidepost mcp\n\n"
                + "Captured by McpServerIT.agentSessionSearchWriteCheckFix against the sample pack.\n");
        private int step = 1;

        CallToolResult call(String tool, Map<String, Object> arguments) {
            CallToolResult result = McpServerIT.call(tool, arguments);
            markdown.append("\n## ").append(step++).append(". ").append(tool).append("\n\n");
            arguments.forEach((name, value) -> {
                String shown = String.valueOf(value);
                if (shown.contains("\n")) {
                    markdown.append("`").append(name).append("`:\n\n```yaml\n").append(shown.stripTrailing())
                            .append("\n```\n\n");
                } else {
                    markdown.append("`").append(name).append("`: `").append(shown).append("`\n\n");
                }
            });
            markdown.append(Boolean.TRUE.equals(result.isError()) ? "Tool error:\n\n" : "Answer:\n\n")
                    .append("```text\n").append(text(result).stripTrailing()).append("\n```\n");
            return result;
        }

        void write() throws Exception {
            Files.writeString(McpSubprocess.TARGET.resolve("mcp-transcript.md"), markdown.toString());
        }
    }
}
