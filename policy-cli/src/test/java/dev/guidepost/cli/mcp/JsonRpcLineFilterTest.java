package dev.guidepost.cli.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What reaches the SDK and what the filter answers itself, line by line. */
class JsonRpcLineFilterTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
            + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}";
    private static final String INITIALIZED = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}";
    private static final String LIST = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}";
    private static final String RESPONSE = "{\"jsonrpc\":\"2.0\",\"id\":\"s-1\",\"result\":{}}";
    private static final String PING = "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"ping\",\"params\":null}";

    private final ByteArrayOutputStream replies = new ByteArrayOutputStream();

    @Test
    void passesValidRequestsNotificationsAndResponsesOnUnchanged() throws IOException {
        String input = String.join("\n", INITIALIZE, INITIALIZED, LIST, RESPONSE) + "\n";
        assertThat(passedOn(input)).isEqualTo(input);
        assertThat(replies()).isEmpty();
    }

    @Test
    void answersPingItselfAtAnyTimeAndDropsCancellations() throws IOException {
        String cancelled = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":3}}";
        assertThat(passedOn(PING + "\n" + cancelled + "\n" + INITIALIZE + "\n")).isEqualTo(INITIALIZE + "\n");
        JsonNode pong = single(replies());
        assertThat(pong.get("id").asInt()).isEqualTo(JSON.readTree(PING).get("id").asInt());
        assertThat(pong.get("result").isObject()).isTrue();
        assertThat(pong.has("error")).isFalse();
    }

    @Test
    void answersAMessageLongerThanTheSdkReadsWithItsIdAndKeepsReading() throws IOException {
        String huge = "{\"jsonrpc\":\"2.0\",\"id\":\"big\",\"method\":\"tools/call\",\"params\":{\"name\":"
                + "\"check_manifest\",\"arguments\":{\"yaml\":\"a: " + "x".repeat(JsonRpcLineFilter.MAX_MESSAGE_CHARS)
                + "\"}}}";

        assertThat(passedOn(INITIALIZE + "\n" + INITIALIZED + "\n" + huge + "\n" + LIST + "\n"))
                .isEqualTo(INITIALIZE + "\n" + INITIALIZED + "\n" + LIST + "\n");
        JsonNode reply = single(replies());
        assertThat(reply.get("id").asString()).isEqualTo("big");
        assertThat(reply.get("error").get("code").asInt()).isEqualTo(-32600);
        assertThat(reply.get("error").get("message").asString()).contains("more than the 16000000",
                "send less in one call");
    }

    @Test
    void answersTextThatIsNotJsonWithAParseErrorAndKeepsReading() throws IOException {
        assertThat(passedOn(INITIALIZE + "\n" + INITIALIZED + "\nthis is not json\n" + LIST + "\n"))
                .isEqualTo(INITIALIZE + "\n" + INITIALIZED + "\n" + LIST + "\n");
        JsonNode reply = single(replies());
        assertThat(reply.get("jsonrpc").asString()).isEqualTo("2.0");
        assertThat(reply.get("id").isNull()).isTrue();
        assertThat(reply.get("error").get("code").asInt()).isEqualTo(-32700);
        assertThat(reply.get("error").get("message").asString()).startsWith("Parse error: the line is not JSON")
                .contains("column").endsWith("Send one JSON-RPC 2.0 message per line.");
    }

    @Test
    void cutOffJsonAndTrailingTextAreParseErrorsEvenWithAnId() throws IOException {
        passedOn("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/list\"\n" + LIST + " x\n");
        assertThat(replies()).hasSize(2).allSatisfy(reply -> {
            assertThat(reply.get("id").isNull()).isTrue();
            assertThat(reply.get("error").get("code").asInt()).isEqualTo(-32700);
        });
    }

    @Test
    void answersJsonThatIsNotAJsonRpcMessageWithInvalidRequestAndItsId() throws IOException {
        String input = """
                {"id":10}
                {"jsonrpc":"2.0","id":"abc","method":5}
                {"jsonrpc":"1.0","id":3,"method":"tools/list"}
                {"jsonrpc":"2.0","id":4,"method":"tools/list","params":"oops"}
                {"jsonrpc":"2.0","id":5,"result":{},"error":{"code":1,"message":"m"}}
                {"jsonrpc":"2.0","id":6,"error":{"code":"not a number","message":"m"}}
                """;
        assertThat(passedOn(input)).isEmpty();
        List<JsonNode> replies = replies();
        assertThat(replies).extracting(r -> r.get("error").get("code").asInt()).containsOnly(-32600);
        assertThat(replies).extracting(r -> r.get("id").toString())
                .containsExactly("10", "\"abc\"", "3", "4", "5", "6");
        assertThat(replies.get(0).get("error").get("message").asString()).startsWith("Invalid request: ")
                .contains("'method'");
        assertThat(replies.get(1).get("error").get("message").asString()).contains("'method' must be");
        assertThat(replies.get(2).get("error").get("message").asString()).contains("'jsonrpc' must be \"2.0\"");
        assertThat(replies.get(3).get("error").get("message").asString()).contains("'params' must be a JSON object");
    }

    @Test
    void paramsByPositionAreValidJsonRpcButInvalidParamsForMcp() throws IOException {
        assertThat(passedOn("""
                {"jsonrpc":"2.0","id":7,"method":"tools/list","params":[]}
                """)).isEmpty();
        assertThat(replies()).singleElement().satisfies(reply -> {
            assertThat(reply.get("id").asInt()).isEqualTo(7);
            assertThat(reply.get("error").get("code").asInt()).isEqualTo(-32602);
            assertThat(reply.get("error").get("message").asString()).contains("named parameters, not an array");
        });
    }

    @Test
    void anIdThatIsNeitherAStringNorAWholeNumberIsAnsweredWithIdNull() throws IOException {
        passedOn("{\"jsonrpc\":\"2.0\",\"id\":{\"a\":1},\"method\":\"ping\"}\n[" + LIST + "]\n\"hello\"\n");
        List<JsonNode> replies = replies();
        assertThat(replies).hasSize(3).allSatisfy(reply -> {
            assertThat(reply.get("id").isNull()).isTrue();
            assertThat(reply.get("error").get("code").asInt()).isEqualTo(-32600);
        });
        assertThat(replies.get(0).get("error").get("message").asString()).contains("'id' must be");
        assertThat(replies.get(1).get("error").get("message").asString()).contains("batches");
        assertThat(replies.get(2).get("error").get("message").asString()).contains("not a string");
    }

    @Test
    void aNotificationIsNeverAnsweredEvenWhenItCannotBePassedOn() throws IOException {
        assertThat(passedOn("""
                {"jsonrpc":"2.0","method":"notifications/cancelled","params":[1,"why"]}
                {"jsonrpc":"2.0","method":"notifications/progress","params":"oops"}
                """)).isEmpty();
        assertThat(replies()).isEmpty();
    }

    @Test
    void aLineThatIsNotUtf8IsAParseErrorNotTextWithReplacementCharacters() throws IOException {
        byte[] latin1 = "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/list\",\"params\":{\"x\":\"caf\u00e9\"}}\n"
                .getBytes(StandardCharsets.ISO_8859_1);
        byte[] next = (INITIALIZE + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] input = new byte[latin1.length + next.length];
        System.arraycopy(latin1, 0, input, 0, latin1.length);
        System.arraycopy(next, 0, input, latin1.length, next.length);
        try (InputStream filter = new JsonRpcLineFilter(new ByteArrayInputStream(input), replies,
                (method, params) -> Optional.empty(), new InFlightRequests())) {
            assertThat(new String(filter.readAllBytes(), StandardCharsets.UTF_8))
                    .as("the next line is still read").isEqualTo(INITIALIZE + "\n");
        }
        JsonNode reply = single(replies());
        assertThat(reply.get("id").isNull()).isTrue();
        assertThat(reply.get("error").get("code").asInt()).isEqualTo(-32700);
        assertThat(reply.get("error").get("message").asString())
                .startsWith("Parse error: the line is not valid UTF-8 (byte 0xE9 at byte offset ");
    }

    @Test
    void aWholeNumberIdWrittenWithAFractionSaysHowToWriteIt() throws IOException {
        passedOn("{\"jsonrpc\":\"2.0\",\"id\":7.0,\"method\":\"ping\"}\n");
        assertThat(single(replies()).get("error").get("message").asString())
                .contains("'id' must be a string or an integer written without a fraction or an exponent, not 7.0");
    }

    @Test
    void aRequestItsCheckRejectsIsAnsweredWithInvalidParamsButNotificationsAreNotChecked() throws IOException {
        JsonRpcLineFilter.RequestCheck noTools = (method, params) -> method.equals("tools/call")
                ? Optional.of("no tools here") : Optional.empty();
        String call = "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"tools/call\",\"params\":{\"name\":\"x\"}}";
        String notification = "{\"jsonrpc\":\"2.0\",\"method\":\"tools/call\",\"params\":{\"name\":\"x\"}}";
        assertThat(passedOn(INITIALIZE + "\n" + INITIALIZED + "\n" + call + "\n" + notification + "\n" + LIST + "\n",
                noTools)).isEqualTo(INITIALIZE + "\n" + INITIALIZED + "\n" + notification + "\n" + LIST + "\n");
        JsonNode reply = single(replies());
        assertThat(reply.get("id").asInt()).isEqualTo(9);
        assertThat(reply.get("error").get("code").asInt()).isEqualTo(-32602);
        assertThat(reply.get("error").get("message").asString()).isEqualTo("Invalid params: no tools here");
    }

    @Test
    void aRequestBeforeInitializeIsAnsweredSayingWhatToSendFirstWhilePingStillWorks() throws IOException {
        assertThat(passedOn(LIST + "\n" + PING + "\n" + INITIALIZE + "\n" + INITIALIZED + "\n" + LIST + "\n"))
                .isEqualTo(INITIALIZE + "\n" + INITIALIZED + "\n" + LIST + "\n");
        List<JsonNode> replies = replies();
        assertThat(replies).hasSize(2);
        assertThat(replies.get(0).get("id").asInt()).isEqualTo(2);
        assertThat(replies.get(0).get("error").get("code").asInt()).isEqualTo(-32600);
        assertThat(replies.get(0).get("error").get("message").asString()).contains("the session is not initialized;"
                + " send initialize first, then notifications/initialized, then 'tools/list'");
        assertThat(replies.get(1).has("result")).isTrue();
    }

    @Test
    void aRequestAfterInitializeButBeforeTheNotificationIsServedWithTheNotificationSentFirstOnce() throws IOException {
        assertThat(passedOn(INITIALIZE + "\n" + LIST + "\n" + INITIALIZED + "\n" + LIST + "\n"))
                .isEqualTo(INITIALIZE + "\n" + INITIALIZED + "\n" + LIST + "\n" + LIST + "\n");
        assertThat(replies()).isEmpty();
    }

    @Test
    void aSecondInitializeIsAnInvalidRequest() throws IOException {
        assertThat(passedOn(INITIALIZE + "\n" + INITIALIZED + "\n" + INITIALIZE + "\n"))
                .isEqualTo(INITIALIZE + "\n" + INITIALIZED + "\n");
        JsonNode reply = single(replies());
        assertThat(reply.get("error").get("code").asInt()).isEqualTo(-32600);
        assertThat(reply.get("error").get("message").asString()).contains("the session is already initialized");
    }

    @Test
    void anIdTooLargeForTheSdkIsAnsweredSayingSoWithTheIdItself() throws IOException {
        String huge = "{\"jsonrpc\":\"2.0\",\"id\":12345678901234567890,\"method\":\"tools/list\"}";
        assertThat(passedOn(INITIALIZE + "\n" + INITIALIZED + "\n" + huge + "\n"))
                .isEqualTo(INITIALIZE + "\n" + INITIALIZED + "\n");
        JsonNode reply = single(replies());
        assertThat(reply.get("id").toString()).isEqualTo("12345678901234567890");
        assertThat(reply.get("error").get("message").asString()).contains("'id' is a number larger than this "
                + "server reads").doesNotContain("McpSchema");
    }

    @Test
    void skipsBlankLinesAndAcceptsCarriageReturns() throws IOException {
        assertThat(passedOn(INITIALIZE + "\n" + INITIALIZED + "\n\n   \r\n" + LIST + "\r\n\n"))
                .isEqualTo(INITIALIZE + "\n" + INITIALIZED + "\n" + LIST + "\n");
        assertThat(replies()).isEmpty();
    }

    @Test
    void endsWhenTheInputEnds() throws IOException {
        try (InputStream filter = filter("")) {
            assertThat(filter.read()).isEqualTo(-1);
            assertThat(filter.read(new byte[8], 0, 8)).isEqualTo(-1);
        }
        try (InputStream filter = filter("not json")) {
            assertThat(filter.read()).isEqualTo(-1);
        }
        assertThat(single(replies()).get("error").get("code").asInt()).isEqualTo(-32700);
    }

    @Test
    void keepsMultiByteCharactersWholeWhenReadInSmallPieces() throws IOException {
        String message = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"search_policies\","
                + "\"arguments\":{\"query\":\"Größe ☸ 日本\"}}}";
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        try (InputStream filter = filter(INITIALIZE + "\n" + INITIALIZED + "\n" + message + "\n")) {
            byte[] piece = new byte[3];
            for (int n; (n = filter.read(piece, 0, piece.length)) >= 0;) {
                read.write(piece, 0, n);
            }
        }
        assertThat(read.toString(StandardCharsets.UTF_8)).isEqualTo(INITIALIZE + "\n" + INITIALIZED + "\n" + message
                + "\n");
    }

    @Test
    void writesEachReplyAsOneLineWhileHoldingTheOutputStreamsLock() throws IOException {
        List<Boolean> lockedWrites = new ArrayList<>();
        OutputStream sdkOutput = new OutputStream() {
            @Override
            public void write(int b) {
                lockedWrites.add(Thread.holdsLock(this));
            }

            @Override
            public void write(byte[] b, int off, int len) {
                lockedWrites.add(Thread.holdsLock(this));
                replies.write(b, off, len);
            }
        };
        try (InputStream filter = new JsonRpcLineFilter(input("oops\n{\"id\":1}\n"), sdkOutput,
                (method, params) -> Optional.empty(), new InFlightRequests())) {
            assertThat(filter.readAllBytes()).isEmpty();
        }
        assertThat(lockedWrites).isNotEmpty().containsOnly(true);
        assertThat(replies.toString(StandardCharsets.UTF_8)).hasLineCount(2).endsWith("\n");
    }

    private String passedOn(String input) throws IOException {
        return passedOn(input, (method, params) -> Optional.empty());
    }

    private String passedOn(String input, JsonRpcLineFilter.RequestCheck check) throws IOException {
        try (InputStream filter = new JsonRpcLineFilter(input(input), replies, check, new InFlightRequests())) {
            return new String(filter.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private InputStream filter(String input) {
        return new JsonRpcLineFilter(input(input), replies, (method, params) -> Optional.empty(),
                new InFlightRequests());
    }

    private static InputStream input(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private List<JsonNode> replies() {
        return replies.toString(StandardCharsets.UTF_8).lines().map(JSON::readTree).toList();
    }

    private static JsonNode single(List<JsonNode> replies) {
        assertThat(replies).hasSize(1);
        return replies.get(0);
    }
}
