package dev.guidepost.core.internal.conditions;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * A semantic version as github.com/blang/semver/v4 {@code Parse} accepts it (strict {@code MAJOR.MINOR.PATCH},
 * optional {@code -pre.release} and {@code +build}, no leading zeros, no {@code v} prefix) and compares it.
 */
record Semver(BigInteger major, BigInteger minor, BigInteger patch, List<Object> pre) implements Comparable<Semver> {

    private static final BigInteger MAX_UINT64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
    private static final String NUMBERS = "0123456789";
    private static final String ALPHANUM = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-" + NUMBERS;

    /** The version, or null when blang/semver rejects the text. */
    static Semver parse(String s) {
        if (s.isEmpty()) {
            return null;
        }
        String[] parts = s.split("\\.", 3);
        if (parts.length != 3) {
            return null;
        }
        BigInteger major = number(parts[0]);
        BigInteger minor = number(parts[1]);
        if (major == null || minor == null) {
            return null;
        }
        String rest = parts[2];
        String build = null;
        int plus = rest.indexOf('+');
        if (plus >= 0) {
            build = rest.substring(plus + 1);
            rest = rest.substring(0, plus);
        }
        String preText = null;
        int dash = rest.indexOf('-');
        if (dash >= 0) {
            preText = rest.substring(dash + 1);
            rest = rest.substring(0, dash);
        }
        BigInteger patch = number(rest);
        if (patch == null) {
            return null;
        }
        List<Object> pre = new ArrayList<>();
        if (preText != null) {
            for (String part : preText.split("\\.", -1)) {
                Object p = preRelease(part);
                if (p == null) {
                    return null;
                }
                pre.add(p);
            }
        }
        if (build != null) {
            for (String part : build.split("\\.", -1)) {
                if (part.isEmpty() || !only(part, ALPHANUM)) {
                    return null;
                }
            }
        }
        return new Semver(major, minor, patch, pre);
    }

    private static BigInteger number(String s) {
        if (s.isEmpty() || !only(s, NUMBERS) || (s.length() > 1 && s.charAt(0) == '0')) {
            return null;
        }
        BigInteger n = new BigInteger(s);
        return n.compareTo(MAX_UINT64) > 0 ? null : n;
    }

    /** A numeric part as BigInteger, an alphanumeric one as String; null when invalid. */
    private static Object preRelease(String s) {
        if (s.isEmpty()) {
            return null;
        }
        if (only(s, NUMBERS)) {
            return number(s);
        }
        return only(s, ALPHANUM) ? s : null;
    }

    private static boolean only(String s, String allowed) {
        for (int i = 0; i < s.length(); i++) {
            if (allowed.indexOf(s.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int compareTo(Semver o) {
        int c = major.compareTo(o.major);
        if (c == 0) {
            c = minor.compareTo(o.minor);
        }
        if (c == 0) {
            c = patch.compareTo(o.patch);
        }
        if (c != 0) {
            return c;
        }
        // a version without pre-release parts ranks above one with them
        if (pre.isEmpty() || o.pre.isEmpty()) {
            return Boolean.compare(pre.isEmpty(), o.pre.isEmpty());
        }
        for (int i = 0; i < Math.min(pre.size(), o.pre.size()); i++) {
            c = comparePart(pre.get(i), o.pre.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(pre.size(), o.pre.size());
    }

    private static int comparePart(Object a, Object b) {
        if (a instanceof BigInteger x && b instanceof BigInteger y) {
            return x.compareTo(y);
        }
        if (a instanceof String x && b instanceof String y) {
            return Integer.signum(x.compareTo(y));
        }
        return a instanceof BigInteger ? -1 : 1; // numeric parts rank below alphanumeric ones
    }
}
