package dev.guidepost.cli.mcp;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;

/**
 * Latency harness (not a test): starts {@code guidepost.jar mcp} on the sample pack as a subprocess, measures the
 * time to the first answer, then calls every tool N times over stdio with the SDK client and prints the median,
 * p90 and max round trip per tool. Run after {@code ./mvnw -B install -DskipTests}, from the repository root:
 *
 * <pre>
 * java -cp policy-cli/target/test-classes:policy-cli/target/guidepost.jar dev.guidepost.cli.mcp.McpLatency 50
 * </pre>
 */
public final class McpLatency {

    private McpLatency() {
    }

    public static void main(String[] args) {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        Map<String, Map<String, Object>> requests = new LinkedHashMap<>();
        requests.put("search_policies", Map.of("query", "can my container run as root?", "limit", 5));
        requests.put("get_policy", Map.of("id", "require-run-as-non-root"));
        requests.put("check_manifest", Map.of("yaml", ExampleManifests.NON_COMPLIANT));
        requests.put("list_policies", Map.of("category", "Security"));
        requests.put("policies_for_manifest", Map.of("yaml", ExampleManifests.NON_COMPLIANT));

        long start = System.nanoTime();
        try (McpSubprocess server = McpSubprocess.start()) {
            McpSyncClient client = server.client();
            client.initialize();
            double initialized = millis(System.nanoTime() - start);
            call(client, "search_policies", requests.get("search_policies"));
            double firstAnswer = millis(System.nanoTime() - start);
            System.out.printf(Locale.ROOT, "start-up: initialize answered after %.0f ms, first search answered "
                    + "after %.0f ms (process start to answer)%n", initialized, firstAnswer);
            server.stderr().forEach(line -> System.out.println("server: " + line));
            System.out.printf(Locale.ROOT, "%-22s %6s %9s %9s %9s%n", "tool", "calls", "median", "p90", "max");
            for (Map.Entry<String, Map<String, Object>> request : requests.entrySet()) {
                List<Double> times = new ArrayList<>();
                for (int i = 0; i < calls; i++) {
                    long t0 = System.nanoTime();
                    CallToolResult result = call(client, request.getKey(), request.getValue());
                    times.add(millis(System.nanoTime() - t0));
                    if (Boolean.TRUE.equals(result.isError())) {
                        throw new IllegalStateException(request.getKey() + " failed: " + result.content());
                    }
                }
                Collections.sort(times);
                System.out.printf(Locale.ROOT, "%-22s %6d %7.1fms %7.1fms %7.1fms%n", request.getKey(), calls,
                        times.get(times.size() / 2), times.get((int) Math.ceil(times.size() * 0.9) - 1),
                        times.get(times.size() - 1));
            }
        }
    }

    private static CallToolResult call(McpSyncClient client, String tool, Map<String, Object> arguments) {
        return client.callTool(new CallToolRequest(tool, arguments));
    }

    private static double millis(long nanos) {
        return nanos / 1_000_000.0;
    }
}
