package dev.guidepost.core.internal.cel;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.guidepost.core.internal.golang.GoValues;

/**
 * A URL parsed the way the Kubernetes URL library does (k8s.io/apiserver/pkg/cel/library/urls.go): it must pass
 * Go's {@code net/url.ParseRequestURI} (absolute URL or absolute path, no fragment handling), and its parts are
 * those {@code url.Parse} gives. Only what the library exposes is kept: scheme, host, raw path, raw query.
 */
final class KubernetesUrl {

    private final String scheme;
    private final String host;
    private final String path;
    private final String rawPath;
    private final String rawQuery;

    private KubernetesUrl(String scheme, String host, String path, String rawPath, String rawQuery) {
        this.scheme = scheme;
        this.host = host;
        this.path = path;
        this.rawPath = rawPath;
        this.rawQuery = rawQuery;
    }

    /** Parses like {@code url.ParseRequestURI} then {@code url.Parse}; the exception message is Go's. */
    static KubernetesUrl parse(String raw) {
        parse(raw, true);
        int hash = raw.indexOf('#');
        return parse(hash >= 0 ? raw.substring(0, hash) : raw, false);
    }

    static boolean isUrl(String raw) {
        try {
            parse(raw, true);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static KubernetesUrl parse(String raw, boolean viaRequest) {
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw fail(raw, "net/url: invalid control character in URL");
            }
        }
        if (raw.isEmpty() && viaRequest) {
            throw fail(raw, "empty url");
        }
        if (raw.equals("*")) {
            return new KubernetesUrl("", "", "*", "", "");
        }
        String scheme = "";
        String rest = raw;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
                continue;
            }
            if ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.') {
                if (i == 0) {
                    break;
                }
                continue;
            }
            if (c == ':') {
                if (i == 0) {
                    throw fail(raw, "missing protocol scheme");
                }
                scheme = raw.substring(0, i).toLowerCase(Locale.ROOT);
                rest = raw.substring(i + 1);
            }
            break;
        }
        String rawQuery = "";
        if (rest.endsWith("?") && rest.indexOf('?') == rest.length() - 1) {
            rest = rest.substring(0, rest.length() - 1);
        } else {
            int q = rest.indexOf('?');
            if (q >= 0) {
                rawQuery = rest.substring(q + 1);
                rest = rest.substring(0, q);
            }
        }
        if (!rest.startsWith("/")) {
            if (!scheme.isEmpty()) {
                return new KubernetesUrl(scheme, "", "", "", rawQuery);
            }
            if (viaRequest) {
                throw fail(raw, "invalid URI for request");
            }
        }
        String host = "";
        if ((!scheme.isEmpty() || !viaRequest && !rest.startsWith("///")) && rest.startsWith("//")) {
            String authority = rest.substring(2);
            int slash = authority.indexOf('/');
            if (slash >= 0) {
                rest = authority.substring(slash);
                authority = authority.substring(0, slash);
            } else {
                rest = "";
            }
            host = parseAuthority(raw, authority);
        }
        String path = unescape(raw, rest, false);
        String escaped = escapePath(path);
        return new KubernetesUrl(scheme, host, path, escaped.equals(rest) ? "" : rest, rawQuery);
    }

    private static String parseAuthority(String raw, String authority) {
        int at = authority.lastIndexOf('@');
        String host = parseHost(raw, at < 0 ? authority : authority.substring(at + 1));
        if (at >= 0) {
            String userinfo = authority.substring(0, at);
            for (char c : userinfo.toCharArray()) {
                boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                        || "-._:~!$&'()*+,;=%@".indexOf(c) >= 0;
                if (!ok) {
                    throw fail(raw, "net/url: invalid userinfo");
                }
            }
            unescape(raw, userinfo, false);
        }
        return host;
    }

    private static String parseHost(String raw, String host) {
        if (host.startsWith("[")) {
            int close = host.lastIndexOf(']');
            if (close < 0) {
                throw fail(raw, "missing ']' in host");
            }
            String colonPort = host.substring(close + 1);
            if (!validOptionalPort(colonPort)) {
                throw fail(raw, "invalid port \"" + colonPort + "\" after host");
            }
        } else {
            int colon = host.lastIndexOf(':');
            if (colon >= 0 && !validOptionalPort(host.substring(colon))) {
                throw fail(raw, "invalid port \"" + host.substring(colon) + "\" after host");
            }
        }
        return unescape(raw, host, true);
    }

    private static boolean validOptionalPort(String port) {
        if (port.isEmpty()) {
            return true;
        }
        if (port.charAt(0) != ':') {
            return false;
        }
        for (int i = 1; i < port.length(); i++) {
            if (port.charAt(i) < '0' || port.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** Go's {@code unescape} for paths and hosts: validates %XX escapes and, for hosts, the characters. */
    private static String unescape(String raw, String s, boolean host) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            if (b == '%') {
                if (i + 2 >= bytes.length || hex(bytes[i + 1]) < 0 || hex(bytes[i + 2]) < 0) {
                    String bad = new String(bytes, i, Math.min(3, bytes.length - i), StandardCharsets.UTF_8);
                    throw fail(raw, "invalid URL escape \"" + bad + "\"");
                }
                out.write(hex(bytes[i + 1]) * 16 + hex(bytes[i + 2]));
                i += 2;
                continue;
            }
            if (host && b < 0x80 && shouldEscapeHost((char) b)) {
                throw fail(raw, "invalid character \"" + (char) b + "\" in host name");
            }
            out.write(b);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static boolean shouldEscapeHost(char c) {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
            return false;
        }
        return "!$&'()*+,;=:[]<>\"-._~".indexOf(c) < 0;
    }

    private static int hex(byte b) {
        return Character.digit((char) b, 16);
    }

    private static boolean shouldEscapePath(int c) {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
            return false;
        }
        if ("-_.~".indexOf(c) >= 0) {
            return false;
        }
        if ("$&+,/:;=@".indexOf(c) >= 0) {
            return false;
        }
        return true;
    }

    private static String escapePath(String path) {
        StringBuilder out = new StringBuilder();
        for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c < 0x80 && !shouldEscapePath(c)) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    private static IllegalArgumentException fail(String raw, String message) {
        return new IllegalArgumentException("parse " + GoValues.quote(raw) + ": " + message);
    }

    String scheme() {
        return scheme;
    }

    String host() {
        return host;
    }

    /** {@code URL.Hostname()}: the host without port and IPv6 brackets. */
    String hostname() {
        return splitHostPort()[0];
    }

    /** {@code URL.Port()}. */
    String port() {
        return splitHostPort()[1];
    }

    private String[] splitHostPort() {
        String h = host;
        String port = "";
        int colon = h.lastIndexOf(':');
        if (colon >= 0 && validOptionalPort(h.substring(colon))) {
            port = h.substring(colon + 1);
            h = h.substring(0, colon);
        }
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return new String[] {h, port};
    }

    /** {@code URL.EscapedPath()}. */
    String escapedPath() {
        if (!rawPath.isEmpty() && validEncoded(rawPath)) {
            return rawPath;
        }
        if (path.equals("*")) {
            return "*";
        }
        return escapePath(path);
    }

    private static boolean validEncoded(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ("!$&'()*+,;=:@[]%".indexOf(c) >= 0) {
                continue;
            }
            if (c >= 0x80 || shouldEscapePath(c)) {
                return false;
            }
        }
        return true;
    }

    /** {@code URL.Query()}: {@code url.ParseQuery} of the raw query, skipping malformed pairs. */
    Map<String, List<String>> query() {
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&", -1)) {
            if (pair.isEmpty() || pair.contains(";")) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = eq >= 0 ? pair.substring(0, eq) : pair;
            String value = eq >= 0 ? pair.substring(eq + 1) : "";
            try {
                key = unescape(rawQuery, key.replace('+', ' '), false);
                value = unescape(rawQuery, value.replace('+', ' '), false);
            } catch (IllegalArgumentException e) {
                continue;
            }
            values.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
        return values;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KubernetesUrl u && scheme.equals(u.scheme) && host.equals(u.host)
                && path.equals(u.path) && rawQuery.equals(u.rawQuery);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(scheme, host, path, rawQuery);
    }
}
