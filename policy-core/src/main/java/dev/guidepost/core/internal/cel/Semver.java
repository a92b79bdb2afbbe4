package dev.guidepost.core.internal.cel;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A semantic version as github.com/blang/semver/v4 parses and orders it, plus the Kubernetes Semver library's
 * normalizing parse (k8s.io/apiserver/pkg/cel/library/semverlib.go, {@code normalizeAndParse}). Build metadata is
 * kept but takes no part in ordering or equality.
 */
final class Semver implements Comparable<Semver> {

    private static final String NUMBERS = "0123456789";
    private static final String ALPHANUM = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-" + NUMBERS;

    private final long major;
    private final long minor;
    private final long patch;
    private final List<Object> pre;

    private Semver(long major, long minor, long patch, List<Object> pre) {
        this.major = major;
        this.minor = minor;
        this.patch = patch;
        this.pre = pre;
    }

    /** {@code semver.Parse}; the exception message is blang's. */
    static Semver parse(String s) {
        if (s.isEmpty()) {
            throw new IllegalArgumentException("Version string empty");
        }
        String[] parts = s.split("\\.", 3);
        if (parts.length != 3) {
            throw new IllegalArgumentException("No Major.Minor.Patch elements found");
        }
        long major = number(parts[0], "major");
        long minor = number(parts[1], "minor");
        String patchText = parts[2];
        List<String> build = new ArrayList<>();
        int plus = patchText.indexOf('+');
        if (plus >= 0) {
            build = List.of(patchText.substring(plus + 1).split("\\.", -1));
            patchText = patchText.substring(0, plus);
        }
        List<String> prerelease = new ArrayList<>();
        int dash = patchText.indexOf('-');
        if (dash >= 0) {
            prerelease = List.of(patchText.substring(dash + 1).split("\\.", -1));
            patchText = patchText.substring(0, dash);
        }
        long patch = number(patchText, "patch");
        List<Object> pre = new ArrayList<>();
        for (String identifier : prerelease) {
            if (identifier.isEmpty()) {
                throw new IllegalArgumentException("Prerelease is empty");
            }
            if (containsOnly(identifier, NUMBERS)) {
                if (identifier.length() > 1 && identifier.charAt(0) == '0') {
                    throw new IllegalArgumentException("Numeric PreRelease version must not contain leading "
                            + "zeroes " + StringFormatLibrary.goQuote(identifier));
                }
                pre.add(parseUint(identifier));
            } else if (containsOnly(identifier, ALPHANUM)) {
                pre.add(identifier);
            } else {
                throw new IllegalArgumentException("Invalid character(s) found in prerelease "
                        + StringFormatLibrary.goQuote(identifier));
            }
        }
        for (String identifier : build) {
            if (identifier.isEmpty()) {
                throw new IllegalArgumentException("Build meta data is empty");
            }
            if (!containsOnly(identifier, ALPHANUM)) {
                throw new IllegalArgumentException("Invalid character(s) found in build meta data "
                        + StringFormatLibrary.goQuote(identifier));
            }
        }
        return new Semver(major, minor, patch, List.copyOf(pre));
    }

    /** The library's {@code normalizeAndParse}: drops a leading v, zero-fills, strips leading zeros. */
    static Semver parseNormalized(String s) {
        if (s.startsWith("v")) {
            s = s.substring(1);
        }
        List<String> parts = new ArrayList<>(List.of(s.split("\\.", 3)));
        if (s.isEmpty()) {
            parts = new ArrayList<>(List.of(""));
        }
        for (int i = 0; i < parts.size(); i++) {
            String p = parts.get(i);
            if (p.length() > 1) {
                p = p.replaceFirst("^0+", "");
                if (p.isEmpty() || NUMBERS.indexOf(p.charAt(0)) < 0) {
                    p = "0" + p;
                }
                parts.set(i, p);
            }
        }
        if (parts.size() < 3) {
            String last = parts.get(parts.size() - 1);
            if (last.contains("+") || last.contains("-")) {
                throw new IllegalArgumentException("short version cannot contain PreRelease/Build meta data");
            }
            while (parts.size() < 3) {
                parts.add("0");
            }
        }
        return parse(String.join(".", parts));
    }

    private static long number(String text, String name) {
        if (!containsOnly(text, NUMBERS)) {
            throw new IllegalArgumentException("Invalid character(s) found in " + name + " number "
                    + StringFormatLibrary.goQuote(text));
        }
        if (text.length() > 1 && text.charAt(0) == '0') {
            throw new IllegalArgumentException(Character.toUpperCase(name.charAt(0)) + name.substring(1)
                    + " number must not contain leading zeroes " + StringFormatLibrary.goQuote(text));
        }
        return parseUint(text);
    }

    private static long parseUint(String text) {
        try {
            return Long.parseUnsignedLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("strconv.ParseUint: parsing " + StringFormatLibrary.goQuote(text)
                    + ": " + (text.isEmpty() ? "invalid syntax" : "value out of range"));
        }
    }

    private static boolean containsOnly(String s, String set) {
        for (int i = 0; i < s.length(); i++) {
            if (set.indexOf(s.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    long major() {
        return major;
    }

    long minor() {
        return minor;
    }

    long patch() {
        return patch;
    }

    @Override
    public int compareTo(Semver o) {
        int c = Long.compareUnsigned(major, o.major);
        if (c == 0) {
            c = Long.compareUnsigned(minor, o.minor);
        }
        if (c == 0) {
            c = Long.compareUnsigned(patch, o.patch);
        }
        if (c != 0) {
            return Integer.signum(c);
        }
        if (pre.isEmpty() || o.pre.isEmpty()) {
            return pre.isEmpty() == o.pre.isEmpty() ? 0 : pre.isEmpty() ? 1 : -1;
        }
        for (int i = 0; i < Math.min(pre.size(), o.pre.size()); i++) {
            Object a = pre.get(i);
            Object b = o.pre.get(i);
            int d;
            if (a instanceof Long x && b instanceof Long y) {
                d = Long.compareUnsigned(x, y);
            } else if (a instanceof Long) {
                d = -1;
            } else if (b instanceof Long) {
                d = 1;
            } else {
                d = ((String) a).compareTo((String) b);
            }
            if (d != 0) {
                return Integer.signum(d);
            }
        }
        return Integer.compare(pre.size(), o.pre.size());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Semver s && compareTo(s) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(major, minor, patch, pre);
    }
}
