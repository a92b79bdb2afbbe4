package dev.guidepost.cli.mcp;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Stands between stdin and the MCP SDK's stdio transport, which stops reading for good at the first line it cannot
 * read. Passes on each newline-delimited JSON-RPC 2.0 message the SDK can read and answers every other line itself:
 * a parse error (-32700, id null) for text that is not JSON, an invalid request (-32600, with the id when there is
 * one) for JSON that is not a JSON-RPC message, and invalid params (-32602) for a request its {@link RequestCheck}
 * rejects; each with one short warning on the log (stderr). It answers {@code ping} itself, at any time (the SDK
 * would hold it until the session is initialized), and takes {@code notifications/cancelled} itself (the
 * cancelled request's reply is then dropped, see {@link InFlightRequests}). A request other than {@code ping} sent
 * before {@code initialize} is answered here as an invalid request (the SDK would hold it unanswered); one sent after
 * {@code initialize} but before {@code notifications/initialized} is served, the notification passed on for the
 * client first (the SDK would hold the request until it came, and for good if it never does). Blank lines are
 * skipped, a line that is not UTF-8 is a parse error (decoding it with replacement characters would serve other
 * text than the client sent), a notification is never answered (one it cannot pass on is dropped with a warning),
 * and a line longer than the SDK reads ({@link #MAX_MESSAGE_CHARS}) is answered here as an invalid request.
 *
 * <p>Replies are written under the output stream's monitor, the lock the SDK's stdio transport holds while it
 * writes a message, so a reply and an SDK message never interleave within a line. Read by one thread at a time
 * (the SDK's reader).
 */
final class JsonRpcLineFilter extends InputStream {

    static final int PARSE_ERROR = -32700;
    static final int INVALID_REQUEST = -32600;
    static final int INVALID_PARAMS = -32602;

    private static final Logger LOG = LoggerFactory.getLogger(JsonRpcLineFilter.class);
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final McpJsonMapper SDK_JSON = McpJsonDefaults.getMapper();
    private static final int SHOWN = 200;
    /**
     * The longest message passed on, in characters: the SDK's stdio transport stops reading for good at a line
     * over 16 MiB (16,777,216 characters), so a longer one is answered here.
     */
    static final int MAX_MESSAGE_CHARS = 16_000_000;
    /** Whether an {@code initialize} request has been passed on; until then other requests are answered here. */
    private boolean initializeSeen;
    /**
     * Whether {@code notifications/initialized} has reached the SDK: the client's, or one sent on its behalf before
     * its first request after {@code initialize} (the SDK would hold that request until the notification came).
     */
    private boolean initializedSent;
    /** The notification the SDK waits for before it serves requests. */
    private static final String INITIALIZED = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}";
    /** Jackson's "[Source: REDACTED ...]" parts, which say nothing to a client. */
    private static final Pattern SOURCE_NOISE = Pattern.compile(
            "\\s*\\(start marker at \\[Source:[^]]*]\\)|\\s*\\[Source:[^]]*]");

    /** Checks a request's params before the SDK sees them. */
    @FunctionalInterface
    interface RequestCheck {

        /** What is wrong with the params of a request (params may be null), or empty when they are fine. */
        Optional<String> invalidParams(String method, JsonNode params);
    }

    /** A line answered with an error instead of being passed on. */
    private record Rejection(int code, JsonNode id, String message) {
    }

    /**
     * What to do with a line: answer it with a rejection, answer it here ({@code reply}: a {@code ping}), drop it
     * ({@code consumed}: a cancellation, which nothing here can act on), or pass it on (noting a request's id).
     */
    private record Inspection(Rejection rejection, JsonNode requestId, ObjectNode reply, boolean consumed,
            boolean startSession) {

        static Inspection reject(Rejection rejection) {
            return new Inspection(rejection, null, null, true, false);
        }

        static Inspection passOn(JsonNode requestId) {
            return new Inspection(null, requestId, null, false, false);
        }
    }

    private final InputStream lines;
    private final OutputStream out;
    private final RequestCheck check;
    private final InFlightRequests inFlight;
    private byte[] pending = new byte[0];
    private int position;
    private long lineNumber;

    /**
     * A filter over {@code in} (UTF-8, one message a line) that answers bad lines on {@code out}, the stream the
     * SDK writes its messages to; the requests it passes on are noted in {@code inFlight}.
     */
    JsonRpcLineFilter(InputStream in, OutputStream out, RequestCheck check, InFlightRequests inFlight) {
        this.lines = new BufferedInputStream(in);
        this.out = Objects.requireNonNull(out, "out");
        this.check = Objects.requireNonNull(check, "check");
        this.inFlight = Objects.requireNonNull(inFlight, "inFlight");
    }

    @Override
    public int read() throws IOException {
        return fill() ? pending[position++] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(len, pending.length - position);
        System.arraycopy(pending, position, b, off, n);
        position += n;
        return n;
    }

    @Override
    public int available() {
        return pending.length - position;
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }

    /** Makes sure there are bytes of a valid message to hand out; false at the end of the input. */
    private boolean fill() throws IOException {
        while (position == pending.length) {
            byte[] bytes = readLine();
            if (bytes == null) {
                return false;
            }
            lineNumber++;
            String line;
            try {
                line = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            } catch (CharacterCodingException e) {
                // decoding with replacement characters would serve other text than the client sent
                answer(new Rejection(PARSE_ERROR, null, "Parse error: the line is not valid UTF-8 ("
                        + firstInvalidByte(bytes) + "). MCP messages are UTF-8 JSON, one per line."));
                continue;
            }
            if (line.isBlank()) {
                continue;
            }
            Inspection inspection = line.length() > MAX_MESSAGE_CHARS ? oversized(line) : inspect(line);
            if (inspection.rejection() != null) {
                answer(inspection.rejection());
            } else if (inspection.reply() != null) {
                write(inspection.reply());
            } else if (!inspection.consumed()) {
                if (inspection.requestId() != null) {
                    inFlight.forwarded(inspection.requestId());
                }
                pending = ((inspection.startSession() ? INITIALIZED + "\n" : "") + line + "\n")
                        .getBytes(StandardCharsets.UTF_8);
                position = 0;
            }
        }
        return true;
    }

    /** The next line's bytes without its line break ({@code \n} or {@code \r\n}); null at the end of the input. */
    private byte[] readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = lines.read()) != -1 && b != '\n') {
            line.write(b);
        }
        if (b == -1 && line.size() == 0) {
            return null;
        }
        byte[] bytes = line.toByteArray();
        return bytes.length > 0 && bytes[bytes.length - 1] == '\r'
                ? java.util.Arrays.copyOf(bytes, bytes.length - 1) : bytes;
    }

    /** Where a line stops being UTF-8, for the error message. */
    private static String firstInvalidByte(byte[] bytes) {
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        var result = decoder.decode(in, java.nio.CharBuffer.allocate(bytes.length + 1), true);
        return result.isError() ? String.format(java.util.Locale.ROOT, "byte 0x%02X at byte offset %d",
                bytes[in.position()] & 0xff, in.position()) : "an incomplete character at its end";
    }

    private Inspection inspect(String line) {
        JsonNode message;
        try {
            message = JSON.readTree(line);
        } catch (JacksonException e) {
            return Inspection.reject(new Rejection(PARSE_ERROR, null, "Parse error: the line is not JSON ("
                    + describe(e) + "). Send one JSON-RPC 2.0 message per line."));
        }
        if (!message.isObject()) {
            return invalid(null, message.isArray() ? "batches (JSON arrays) are not supported"
                    : "a JSON-RPC message is a JSON object, not " + kind(message));
        }
        JsonNode id = message.get("id");
        JsonNode replyId = id != null && (id.isString() || id.isIntegralNumber()) ? id : null;
        if (id != null && replyId == null) {
            return invalid(null, id.isNumber()
                    ? "'id' must be a string or an integer written without a fraction or an exponent, not " + id
                    : "'id' must be a string or a whole number, not " + kind(id));
        }
        if (replyId != null && replyId.isIntegralNumber() && !replyId.canConvertToLong()) {
            return invalid(replyId, "'id' is a number larger than this server reads; use a string, or a number "
                    + "from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE);
        }
        JsonNode method = message.get("method");
        if (method == null && (id == null || message.has("result") == message.has("error"))) {
            return invalid(replyId, "a request needs 'method' and 'id', a notification 'method', and a response "
                    + "'id' with 'result' or 'error'");
        }
        JsonNode version = message.get("jsonrpc");
        if (version == null || !version.isString() || !version.asString().equals("2.0")) {
            return invalid(replyId, "'jsonrpc' must be \"2.0\"");
        }
        if (method != null) {
            if (!method.isString() || method.asString().isBlank()) {
                return invalid(replyId, "'method' must be a non-empty string");
            }
            JsonNode params = message.get("params");
            if (params != null && params.isArray() && replyId != null) {
                // by-position params are valid JSON-RPC, but MCP names every parameter
                return Inspection.reject(new Rejection(INVALID_PARAMS, replyId, "Invalid params: MCP takes "
                        + "'params' as a JSON object of named parameters, not an array"));
            }
            if (params != null && !params.isObject() && !params.isNull()) {
                if (id == null) {
                    // a notification is never answered, not even with an error
                    LOG.warn("stdin line {}: notification {} ignored: 'params' must be a JSON object, not {}",
                            lineNumber, method.asString(), kind(params));
                    return new Inspection(null, null, null, true, false);
                }
                return invalid(replyId, "'params' must be a JSON object, not " + kind(params));
            }
            if (replyId != null) {
                Optional<String> problem = check.invalidParams(method.asString(), params);
                if (problem.isPresent()) {
                    return Inspection.reject(new Rejection(INVALID_PARAMS, replyId, "Invalid params: "
                            + problem.get()));
                }
            }
        }
        try {
            McpSchema.deserializeJsonRpcMessage(SDK_JSON, line);
        } catch (Exception e) {
            return invalid(replyId, "the server cannot read it (" + describe(e) + ")");
        }
        if (method != null && method.asString().equals("ping") && replyId != null) {
            // answered here, at any time: the SDK holds requests until the session is initialized
            ObjectNode pong = JSON.createObjectNode();
            pong.put("jsonrpc", "2.0");
            pong.set("id", replyId);
            pong.putObject("result");
            return new Inspection(null, null, pong, true, false);
        }
        if (method != null && replyId != null && initializeSeen && method.asString().equals("initialize")) {
            // the SDK would renegotiate silently; a session is initialized once
            return invalid(replyId, "the session is already initialized; start a new server process for a new "
                    + "session");
        }
        if (method != null && replyId != null && !initializeSeen) {
            if (!method.asString().equals("initialize")) {
                // the SDK would hold the request, unanswered, until a session exists
                return invalid(replyId, "the session is not initialized; send initialize first, then "
                        + "notifications/initialized, then '" + method.asString() + "'");
            }
            initializeSeen = true;
        }
        if (method != null && method.asString().equals("notifications/cancelled") && id == null) {
            // a tool call here runs to its end, but its reply is not sent, as the protocol asks
            JsonNode requestId = message.path("params").get("requestId");
            if (requestId != null && (requestId.isString() || requestId.isIntegralNumber())) {
                inFlight.cancelled(requestId);
            }
            return new Inspection(null, null, null, true, false);
        }
        if (method != null && method.asString().equals("notifications/initialized") && id == null) {
            // sent on the client's behalf already: the SDK must not see it twice
            boolean duplicate = initializedSent;
            initializedSent = true;
            return duplicate ? new Inspection(null, null, null, true, false) : Inspection.passOn(null);
        }
        if (method != null && replyId != null && initializeSeen && !initializedSent
                && !method.asString().equals("initialize")) {
            // a request after initialize but before the client's notification is served, not held unanswered
            initializedSent = true;
            return new Inspection(null, replyId, null, false, true);
        }
        return Inspection.passOn(method != null ? replyId : null);
    }

    /** A message too long to pass on, answered with its id when it can be read. */
    private static Inspection oversized(String line) {
        JsonNode id = null;
        try {
            JsonNode message = JSON.readTree(line);
            JsonNode candidate = message.isObject() ? message.get("id") : null;
            id = candidate != null && (candidate.isString() || candidate.isIntegralNumber()) ? candidate : null;
        } catch (JacksonException e) {
            // no id to answer with
        }
        return invalid(id, "the message has " + line.length() + " characters, more than the "
                + MAX_MESSAGE_CHARS + " this server reads; send less in one call (for check_manifest, split the manifests over several calls)");
    }

    private static Inspection invalid(JsonNode id, String why) {
        return Inspection.reject(new Rejection(INVALID_REQUEST, id, "Invalid request: " + why
                + ". Send one JSON-RPC 2.0 message per line."));
    }

    private void answer(Rejection rejection) throws IOException {
        ObjectNode reply = JSON.createObjectNode();
        reply.put("jsonrpc", "2.0");
        if (rejection.id() == null) {
            reply.putNull("id");
        } else {
            reply.set("id", rejection.id());
        }
        ObjectNode error = reply.putObject("error");
        error.put("code", rejection.code());
        error.put("message", rejection.message());
        write(reply);
        LOG.warn("stdin line {}: answered with error {}: {}", lineNumber, rejection.code(), rejection.message());
    }

    /** Writes one message under the output stream's monitor, the lock the SDK takes for each of its messages. */
    private void write(ObjectNode message) throws IOException {
        byte[] bytes = (JSON.writeValueAsString(message) + "\n").getBytes(StandardCharsets.UTF_8);
        synchronized (out) {
            out.write(bytes);
            out.flush();
        }
    }

    /** Jackson's own words without the source and location noise, and the column when it is known. */
    private static String describe(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JacksonException jackson) {
                TokenStreamLocation at = jackson.getLocation();
                String where = at != null && at.getColumnNr() > 0 ? " at column " + at.getColumnNr() : "";
                return shorten(SOURCE_NOISE.matcher(jackson.getOriginalMessage()).replaceAll("")) + where;
            }
        }
        return shorten(String.valueOf(e.getMessage()));
    }

    private static String shorten(String text) {
        String flat = text.replaceAll("\\s+", " ").strip();
        return flat.length() > SHOWN ? flat.substring(0, SHOWN - 1) + "…" : flat;
    }

    /** What a JSON value is, for messages: "a string", "a number", "an array", ... */
    static String kind(JsonNode value) {
        if (value.isString()) {
            return "a string";
        } else if (value.isNumber()) {
            return "a number";
        } else if (value.isBoolean()) {
            return "a boolean";
        } else if (value.isArray()) {
            return "an array";
        } else if (value.isObject()) {
            return "an object";
        }
        return "null";
    }
}
