package dev.guidepost.core.internal.cel;

import java.util.Arrays;
import java.util.Objects;

import dev.guidepost.core.internal.golang.GoValues;

/**
 * A network prefix as Go's {@code net/netip.Prefix} parses and prints it (the address is kept unmasked), with the
 * Kubernetes CIDR library's rules (k8s.io/apiserver/pkg/cel/library/cidr.go).
 */
final class Cidr {

    private final IpAddress address;
    private final int bits;

    Cidr(IpAddress address, int bits) {
        this.address = address;
        this.bits = bits;
    }

    /** Parses like the Kubernetes library; the exception message says why not. */
    static Cidr parse(String raw) {
        int slash = raw.lastIndexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("network address parse error during conversion from string: "
                    + "netip.ParsePrefix(" + GoValues.quote(raw) + "): no '/'");
        }
        IpAddress address = IpAddress.parse(raw.substring(0, slash));
        String digits = raw.substring(slash + 1);
        boolean ok = !digits.isEmpty() && digits.chars().allMatch(c -> c >= '0' && c <= '9')
                && (digits.length() == 1 || digits.charAt(0) != '0') && digits.length() <= 3;
        int bits = ok ? Integer.parseInt(digits) : -1;
        if (bits < 0 || bits > address.bitLength()) {
            throw new IllegalArgumentException("network address parse error during conversion from string: "
                    + "netip.ParsePrefix(" + GoValues.quote(raw) + "): bad bits after slash: "
                    + GoValues.quote(digits));
        }
        return new Cidr(address, bits);
    }

    static boolean isValid(String raw) {
        try {
            parse(raw);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    IpAddress address() {
        return address;
    }

    long prefixLength() {
        return bits;
    }

    /** {@code netip.Prefix.Masked}. */
    Cidr masked() {
        return new Cidr(new IpAddress(mask(address.bytes(), bits)), bits);
    }

    /** {@code netip.Prefix.Contains}: false across families. */
    boolean contains(IpAddress ip) {
        return ip.is4() == address.is4()
                && Arrays.equals(mask(ip.bytes(), bits), mask(address.bytes(), bits));
    }

    /** True when {@code other} lies within this prefix. */
    boolean contains(Cidr other) {
        return other.bits >= bits && contains(other.address);
    }

    private static byte[] mask(byte[] bytes, int bits) {
        byte[] out = bytes.clone();
        for (int i = 0; i < out.length; i++) {
            int keep = Math.max(0, Math.min(8, bits - i * 8));
            out[i] = (byte) (out[i] & (0xff << (8 - keep)));
        }
        return out;
    }

    @Override
    public String toString() {
        return address + "/" + bits;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cidr c && c.bits == bits && c.address.equals(address);
    }

    @Override
    public int hashCode() {
        return Objects.hash(address, bits);
    }
}
