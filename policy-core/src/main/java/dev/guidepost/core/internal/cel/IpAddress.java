package dev.guidepost.core.internal.cel;

import java.util.Arrays;

import dev.guidepost.core.internal.golang.GoValues;

/**
 * An IPv4 or IPv6 address as Go's {@code net/netip.Addr} parses and prints it, with the Kubernetes IP library's
 * extra rules (k8s.io/apiserver/pkg/cel/library/ip.go): no zones and no IPv4-mapped IPv6 addresses.
 */
final class IpAddress {

    private final byte[] bytes;

    IpAddress(byte[] bytes) {
        this.bytes = bytes.clone();
    }

    /** Parses like the Kubernetes library; the exception message says why not. */
    static IpAddress parse(String raw) {
        byte[] bytes;
        try {
            bytes = raw.indexOf(':') >= 0 ? parse6(raw) : parse4(raw, raw);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("IP Address " + GoValues.quote(raw)
                    + " parse error during conversion from string: ParseAddr(" + GoValues.quote(raw)
                    + "): " + e.getMessage());
        }
        IpAddress address = new IpAddress(bytes);
        if (address.is4In6()) {
            throw new IllegalArgumentException("IPv4-mapped IPv6 address " + GoValues.quote(raw)
                    + " is not allowed");
        }
        return address;
    }

    static boolean isValid(String raw) {
        try {
            parse(raw);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static byte[] parse4(String s, String whole) {
        byte[] out = new byte[4];
        String[] fields = s.split("\\.", -1);
        if (s.isEmpty()) {
            throw new IllegalArgumentException("unable to parse IP");
        }
        if (fields.length != 4) {
            throw new IllegalArgumentException(fields.length < 4 ? "IPv4 address too short"
                    : "IPv4 address too long");
        }
        for (int i = 0; i < 4; i++) {
            String f = fields[i];
            if (f.isEmpty()) {
                throw new IllegalArgumentException("IPv4 field must have at least one digit");
            }
            if (f.length() > 1 && f.charAt(0) == '0') {
                throw new IllegalArgumentException("IPv4 field has octet with leading zero");
            }
            int value = 0;
            for (char c : f.toCharArray()) {
                if (c < '0' || c > '9') {
                    throw new IllegalArgumentException("unexpected character");
                }
                value = value * 10 + (c - '0');
                if (value > 255) {
                    throw new IllegalArgumentException("IPv4 field has value >255");
                }
            }
            out[i] = (byte) value;
        }
        return out;
    }

    private static byte[] parse6(String s) {
        if (s.indexOf('%') >= 0) {
            throw new IllegalArgumentException("zone not allowed");
        }
        byte[] out = new byte[16];
        int ellipsis = -1;
        int i = 0;
        if (s.startsWith("::")) {
            ellipsis = 0;
            s = s.substring(2);
            if (s.isEmpty()) {
                return out;
            }
        }
        int pos = 0;
        while (i < 16) {
            int end = pos;
            int value = 0;
            while (end < s.length() && Character.digit(s.charAt(end), 16) >= 0 && end - pos < 5) {
                value = value * 16 + Character.digit(s.charAt(end), 16);
                end++;
            }
            if (end - pos > 4) {
                throw new IllegalArgumentException("each group must have 4 or less digits");
            }
            if (end == pos) {
                throw new IllegalArgumentException("each colon-separated field must have at least one digit");
            }
            if (end < s.length() && s.charAt(end) == '.') {
                if (ellipsis < 0 && i != 12) {
                    throw new IllegalArgumentException("embedded IPv4 address must replace the final 2 fields "
                            + "of the address");
                }
                if (i + 4 > 16) {
                    throw new IllegalArgumentException("too many hex fields to fit an embedded IPv4 at the end "
                            + "of the address");
                }
                byte[] v4 = parse4(s.substring(pos), s);
                System.arraycopy(v4, 0, out, i, 4);
                i += 4;
                pos = s.length();
                break;
            }
            out[i] = (byte) (value >> 8);
            out[i + 1] = (byte) value;
            i += 2;
            pos = end;
            if (pos == s.length()) {
                break;
            }
            if (s.charAt(pos) != ':') {
                throw new IllegalArgumentException("unexpected character, want colon");
            }
            if (pos + 1 == s.length()) {
                throw new IllegalArgumentException("colon must be followed by more characters");
            }
            pos++;
            if (s.charAt(pos) == ':') {
                if (ellipsis >= 0) {
                    throw new IllegalArgumentException("multiple :: in address");
                }
                ellipsis = i;
                pos++;
                if (pos == s.length()) {
                    break;
                }
            }
        }
        if (pos != s.length()) {
            throw new IllegalArgumentException("trailing garbage after address");
        }
        if (i < 16) {
            if (ellipsis < 0) {
                throw new IllegalArgumentException("address string too short");
            }
            int n = 16 - i;
            for (int j = i - 1; j >= ellipsis; j--) {
                out[j + n] = out[j];
            }
            Arrays.fill(out, ellipsis, ellipsis + n, (byte) 0);
        } else if (ellipsis >= 0) {
            throw new IllegalArgumentException("the :: must expand to at least one field of zeros");
        }
        return out;
    }

    byte[] bytes() {
        return bytes.clone();
    }

    boolean is4() {
        return bytes.length == 4;
    }

    int bitLength() {
        return bytes.length * 8;
    }

    private boolean is4In6() {
        if (bytes.length != 16) {
            return false;
        }
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
    }

    private int u8(int i) {
        return bytes[i] & 0xff;
    }

    private int group(int i) {
        return (u8(2 * i) << 8) | u8(2 * i + 1);
    }

    long family() {
        return is4() ? 4 : 6;
    }

    boolean isUnspecified() {
        for (byte b : bytes) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    boolean isLoopback() {
        if (is4()) {
            return u8(0) == 127;
        }
        for (int i = 0; i < 15; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return bytes[15] == 1;
    }

    boolean isMulticast() {
        return is4() ? (u8(0) & 0xf0) == 0xe0 : u8(0) == 0xff;
    }

    boolean isLinkLocalMulticast() {
        return is4() ? u8(0) == 224 && u8(1) == 0 && u8(2) == 0 : group(0) == 0xff02;
    }

    boolean isLinkLocalUnicast() {
        return is4() ? u8(0) == 169 && u8(1) == 254 : (group(0) & 0xffc0) == 0xfe80;
    }

    /** {@code netip.Addr.IsGlobalUnicast}: private ranges and ULAs count as global unicast. */
    boolean isGlobalUnicast() {
        if (is4() && (isUnspecified() || Arrays.equals(bytes, new byte[] {-1, -1, -1, -1}))) {
            return false;
        }
        return !isUnspecified() && !isLoopback() && !isMulticast() && !isLinkLocalUnicast();
    }

    /** {@code netip.Addr.String}: dotted quad, or RFC 5952 for IPv6. */
    @Override
    public String toString() {
        if (is4()) {
            return u8(0) + "." + u8(1) + "." + u8(2) + "." + u8(3);
        }
        int bestStart = -1;
        int bestLength = 0;
        for (int i = 0; i < 8; i++) {
            int j = i;
            while (j < 8 && group(j) == 0) {
                j++;
            }
            if (j - i >= 2 && j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = Math.max(i, j);
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (i > 0 && i != bestStart + bestLength) {
                out.append(':');
            }
            out.append(Integer.toHexString(group(i)));
        }
        return out.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IpAddress a && Arrays.equals(bytes, a.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }
}
