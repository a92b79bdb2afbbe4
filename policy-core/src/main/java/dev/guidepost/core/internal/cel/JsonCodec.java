package dev.guidepost.core.internal.cel;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.cel.common.values.CelByteString;
import dev.cel.common.values.NullValue;
import dev.guidepost.core.internal.golang.GoValues;

/**
 * JSON as Go's {@code encoding/json} reads into {@code any} (every number a float64) and writes (sorted keys, no
 * spaces, HTML characters escaped, Go's float format), for Kyverno's {@code json.unmarshal} and
 * {@code json.marshal}.
 */
public final class JsonCodec {

    private final String text;
    private int pos;

    private JsonCodec(String text) {
        this.text = text;
    }

    /** Parses a JSON document into CEL values; the exception message says what is wrong. */
    public static Object parse(String text) {
        JsonCodec parser = new JsonCodec(text);
        parser.skipSpace();
        Object value = parser.value();
        parser.skipSpace();
        if (parser.pos != text.length()) {
            throw parser.fail("invalid character '" + text.charAt(parser.pos) + "' after top-level value");
        }
        return value;
    }

    private Object value() {
        if (pos >= text.length()) {
            throw new IllegalArgumentException("unexpected end of JSON input");
        }
        char c = text.charAt(pos);
        switch (c) {
            case '{':
                return object();
            case '[':
                return array();
            case '"':
                return string();
            case 't':
                return literal("true", Boolean.TRUE);
            case 'f':
                return literal("false", Boolean.FALSE);
            case 'n':
                return literal("null", NullValue.NULL_VALUE);
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return number();
                }
                throw fail("invalid character '" + c + "' looking for beginning of value");
        }
    }

    private Map<String, Object> object() {
        Map<String, Object> map = new LinkedHashMap<>();
        pos++;
        skipSpace();
        if (peek() == '}') {
            pos++;
            return map;
        }
        while (true) {
            skipSpace();
            if (peek() != '"') {
                throw fail("invalid character looking for beginning of object key string");
            }
            String key = string();
            skipSpace();
            expect(':');
            skipSpace();
            map.put(key, value());
            skipSpace();
            char c = next();
            if (c == '}') {
                return map;
            }
            if (c != ',') {
                throw fail("invalid character '" + c + "' after object key:value pair");
            }
        }
    }

    private List<Object> array() {
        List<Object> list = new ArrayList<>();
        pos++;
        skipSpace();
        if (peek() == ']') {
            pos++;
            return list;
        }
        while (true) {
            skipSpace();
            list.add(value());
            skipSpace();
            char c = next();
            if (c == ']') {
                return list;
            }
            if (c != ',') {
                throw fail("invalid character '" + c + "' after array element");
            }
        }
    }

    private String string() {
        StringBuilder out = new StringBuilder();
        pos++;
        while (true) {
            char c = next();
            if (c == '"') {
                return out.toString();
            }
            if (c < 0x20) {
                throw fail("invalid character in string literal");
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char e = next();
            switch (e) {
                case '"', '\\', '/' -> out.append(e);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    if (pos + 4 > text.length()) {
                        throw fail("invalid escape in string literal");
                    }
                    try {
                        out.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                    } catch (NumberFormatException ex) {
                        throw fail("invalid character in \\u hexadecimal character escape");
                    }
                    pos += 4;
                }
                default -> throw fail("invalid character '" + e + "' in string escape code");
            }
        }
    }

    private Object number() {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        while (pos < text.length() && "0123456789.eE+-".indexOf(text.charAt(pos)) >= 0) {
            pos++;
        }
        String number = text.substring(start, pos);
        if (!number.matches("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?")) {
            throw fail("invalid number literal " + number);
        }
        return Double.parseDouble(number);
    }

    private Object literal(String word, Object value) {
        if (!text.startsWith(word, pos)) {
            throw fail("invalid literal");
        }
        pos += word.length();
        return value;
    }

    private char peek() {
        if (pos >= text.length()) {
            throw new IllegalArgumentException("unexpected end of JSON input");
        }
        return text.charAt(pos);
    }

    private char next() {
        char c = peek();
        pos++;
        return c;
    }

    private void expect(char c) {
        if (next() != c) {
            throw fail("invalid character after object key");
        }
    }

    private void skipSpace() {
        while (pos < text.length() && " \t\r\n".indexOf(text.charAt(pos)) >= 0) {
            pos++;
        }
    }

    private IllegalArgumentException fail(String message) {
        return new IllegalArgumentException(message);
    }

    /** Writes a CEL value as Go's {@code json.Marshal} would write its native form. */
    static String write(Object value) {
        return GoValues.marshal(value, JsonCodec::nativeForm);
    }

    /** The Go value cel-go converts a CEL value to for {@code json.Marshal}. */
    private static Object nativeForm(Object value) {
        if (value instanceof NullValue) {
            return null;
        }
        if (value instanceof Optional<?> optional) {
            return nativeForm(optional.orElse(null));
        }
        if (value instanceof CelByteString bytes) {
            return Base64.getEncoder().encodeToString(bytes.toByteArray());
        }
        if (value instanceof Instant t) {
            return CelGoText.formatTimestamp(t);
        }
        if (value instanceof Duration d) {
            return d.toNanos();
        }
        return value;
    }
}
