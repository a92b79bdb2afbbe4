package dev.guidepost.cli.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

class InFlightRequestsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void aRequestIsAnsweredOnlyByAReplyWithItsIdEvenWhenTheReplyIsWrittenInPieces() throws Exception {
        InFlightRequests inFlight = new InFlightRequests();
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        OutputStream out = inFlight.watch(sink);
        inFlight.forwarded(JSON.readTree("7"));
        inFlight.forwarded(JSON.readTree("\"seven\""));

        write(out, "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"roots/list\"}\n");
        assertThat(inFlight.awaitAnswered(Duration.ofMillis(10))).isFalse();
        String reply = "{\"jsonrpc\":\"2.0\",\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"a\\nb\"}]},\"id\":7}\n";
        out.write(reply.substring(0, 20).getBytes(StandardCharsets.UTF_8));
        out.write(reply.substring(20).getBytes(StandardCharsets.UTF_8));
        write(out, "{\"jsonrpc\":\"2.0\",\"id\":\"seven\",\"error\":{\"code\":-32602,\"message\":\"x\"}}\n");

        assertThat(inFlight.awaitAnswered(Duration.ofSeconds(1))).isTrue();
        assertThat(sink.toString(StandardCharsets.UTF_8)).endsWith("\"message\":\"x\"}}\n");
    }

    @Test
    void theReplyToACancelledRequestIsNotSentButCountsAsAnswered() throws Exception {
        InFlightRequests inFlight = new InFlightRequests();
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        OutputStream out = inFlight.watch(sink);
        inFlight.forwarded(JSON.readTree("7"));
        inFlight.forwarded(JSON.readTree("8"));
        inFlight.cancelled(JSON.readTree("7"));

        write(out, "{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":{}}\n");
        write(out, "{\"jsonrpc\":\"2.0\",\"id\":8,\"result\":{}}\n");

        assertThat(inFlight.awaitAnswered(Duration.ofSeconds(1))).isTrue();
        assertThat(sink.toString(StandardCharsets.UTF_8)).isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":8,\"result\":{}}\n");
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
    }
}
