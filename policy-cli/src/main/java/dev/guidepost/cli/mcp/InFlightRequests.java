package dev.guidepost.cli.mcp;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The requests passed on to the SDK that it has not answered yet, so that the server can answer everything it
 * has read before it exits when the client closes its input (a client may write its requests and close stdin
 * at once). Requests are counted by id as {@link JsonRpcLineFilter} passes them on; replies are seen on the way
 * out through {@link #watch(OutputStream)}, which also drops the replies to requests the client cancelled.
 */
final class InFlightRequests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Ids (as JSON text) of the requests passed on and not answered yet, with how many are pending per id. */
    private final Map<String, Integer> pending = new HashMap<>();
    /** Ids of pending requests the client cancelled: their replies are not sent. */
    private final java.util.Set<String> cancelled = new java.util.HashSet<>();

    /** Notes a request passed on to the SDK. */
    synchronized void forwarded(JsonNode id) {
        pending.merge(id.toString(), 1, Integer::sum);
    }

    /**
     * Notes that the client cancelled a request (MCP {@code notifications/cancelled}): the receiver should not
     * answer it, so its reply, when the tool finishes, is dropped. Unknown or answered ids are ignored.
     */
    synchronized void cancelled(JsonNode id) {
        if (pending.containsKey(id.toString())) {
            cancelled.add(id.toString());
        }
    }

    /** True (once) when the reply with this id answers a cancelled request and is to be dropped. */
    private synchronized boolean dropReply(JsonNode id) {
        return cancelled.remove(id.toString());
    }

    /** Notes a reply written for the request with this id. */
    synchronized void answered(JsonNode id) {
        if (pending.computeIfPresent(id.toString(), (k, n) -> n > 1 ? n - 1 : null) == null) {
            notifyAll();
        }
    }

    /** Waits until every request passed on has its reply, or the time is up; true when none is pending. */
    synchronized boolean awaitAnswered(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!pending.isEmpty()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    /** The stream to write messages to: writes through to {@code out} and notes each reply it carries. */
    OutputStream watch(OutputStream out) {
        return new ReplyWatcher(out);
    }

    /**
     * Passes whole lines on, noting the ids of the replies among them and dropping the replies to cancelled
     * requests. A line reaches {@code out} when its newline is written (every message ends with one).
     */
    private final class ReplyWatcher extends FilterOutputStream {

        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        ReplyWatcher(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            if (b == '\n') {
                endOfLine();
            } else {
                line.write(b);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            int start = off;
            for (int i = off; i < off + len; i++) {
                if (b[i] == '\n') {
                    line.write(b, start, i - start);
                    endOfLine();
                    start = i + 1;
                }
            }
            line.write(b, start, off + len - start);
        }

        private void endOfLine() throws IOException {
            byte[] message = line.toByteArray();
            line.reset();
            JsonNode id = replyId(message);
            if (id == null || !dropReply(id)) {
                out.write(message);
                out.write('\n');
            }
            if (id != null) {
                answered(id);
            }
        }
    }

    /**
     * The id of a reply (a message with an id and no method), read from its top-level fields only: a reply can
     * hold a large result, which need not be built into a tree again. Null for anything else.
     */
    private static JsonNode replyId(byte[] message) {
        JsonNode id = null;
        try (JsonParser parser = JSON.createParser(message)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                if (name.equals("method")) {
                    return null;
                }
                if (name.equals("id")) {
                    id = parser.readValueAsTree();
                } else {
                    parser.skipChildren();
                }
            }
        } catch (JacksonException e) {
            return null; // not a message of ours to count
        }
        return id == null || id.isNull() ? null : id;
    }
}
