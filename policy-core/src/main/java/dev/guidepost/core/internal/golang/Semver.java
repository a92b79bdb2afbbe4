package dev.guidepost.core.internal.golang;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * A semantic version as github.com/blang/semver/v4 parses, orders and matches it against ranges, plus Kubernetes'
 * normalizing parse. Numbers are uint64 (held unsigned in a long); build metadata takes no part in ordering or
 * equality. Errors are {@link IllegalArgumentException}s with blang's messages.
 */
public final class Semver implements Comparable<Semver> {

    private static final String NUMBERS = "0123456789";
    private static final String ALPHANUM = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-" + NUMBERS;

    /** Version 0.0.0, what a failed {@code semver.Parse} returns. */
    public static final Semver ZERO = new Semver(0, 0, 0, List.of());

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

    /**
     * {@code semver.Parse}: strict {@code MAJOR.MINOR.PATCH[-pre][+build]}.
     *
     * @throws IllegalArgumentException with blang's error message
     */
    public static Semver parse(String s) {
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
                            + "zeroes " + GoValues.quote(identifier));
                }
                pre.add(parseUint(identifier));
            } else if (containsOnly(identifier, ALPHANUM)) {
                pre.add(identifier);
            } else {
                throw new IllegalArgumentException("Invalid character(s) found in prerelease "
                        + GoValues.quote(identifier));
            }
        }
        for (String identifier : build) {
            if (identifier.isEmpty()) {
                throw new IllegalArgumentException("Build meta data is empty");
            }
            if (!containsOnly(identifier, ALPHANUM)) {
                throw new IllegalArgumentException("Invalid character(s) found in build meta data "
                        + GoValues.quote(identifier));
            }
        }
        return new Semver(major, minor, patch, List.copyOf(pre));
    }

    /**
     * Kubernetes' {@code normalizeAndParse} (k8s.io/apiserver/pkg/cel/library/semverlib.go): drops a leading v,
     * zero-fills a short version, strips leading zeros, then parses strictly.
     */
    public static Semver parseNormalized(String s) {
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
                    + GoValues.quote(text));
        }
        if (text.length() > 1 && text.charAt(0) == '0') {
            throw new IllegalArgumentException(Character.toUpperCase(name.charAt(0)) + name.substring(1)
                    + " number must not contain leading zeroes " + GoValues.quote(text));
        }
        return parseUint(text);
    }

    private static long parseUint(String text) {
        try {
            return Long.parseUnsignedLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("strconv.ParseUint: parsing " + GoValues.quote(text)
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

    /** The number as Go's {@code int64(uint64)} conversion gives it (unsigned in a long). */
    public long major() {
        return major;
    }

    public long minor() {
        return minor;
    }

    public long patch() {
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

    /**
     * {@code semver.ParseRange}: comparators ({@code <}, {@code <=}, {@code >}, {@code >=}, {@code =}, {@code ==},
     * {@code !}, {@code !=}, none) joined by spaces (and) and {@code ||} (or), {@code x} wildcards expanded.
     *
     * @throws IllegalArgumentException when the range does not parse
     */
    public static Predicate<Semver> parseRange(String s) {
        List<String> parts = splitAndTrim(s);
        List<List<String>> orParts = new ArrayList<>();
        List<String> current = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            String p = parts.get(i);
            if (p.equals("||")) {
                if (i == 0 || i == parts.size() - 1) {
                    throw new IllegalArgumentException("Error parsing version range, found empty ORpart");
                }
                orParts.add(current);
                current = new ArrayList<>();
            } else {
                current.add(p);
            }
        }
        orParts.add(current);
        Predicate<Semver> or = null;
        for (List<String> andPart : orParts) {
            Predicate<Semver> and = null;
            for (String comparator : expandWildcards(andPart)) {
                Predicate<Semver> c = comparator(comparator);
                and = and == null ? c : and.and(c);
            }
            if (and == null) {
                continue;
            }
            or = or == null ? and : or.or(and);
        }
        return or == null ? v -> false : or;
    }

    private static List<String> splitAndTrim(String s) {
        List<String> result = new ArrayList<>();
        int last = 0;
        char lastChar = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ' ' && lastChar != '>' && lastChar != '<' && lastChar != '=') {
                if (last < i - 1) {
                    result.add(s.substring(last, i));
                }
                last = i + 1;
            } else if (c != ' ') {
                lastChar = c;
            }
        }
        if (last < s.length() - 1) {
            result.add(s.substring(last));
        }
        result.replaceAll(p -> p.replace(" ", ""));
        return result;
    }

    private static List<String> expandWildcards(List<String> parts) {
        List<String> out = new ArrayList<>();
        for (String ap : parts) {
            if (!ap.contains("x")) {
                out.add(ap);
                continue;
            }
            String[] split = splitComparator(ap);
            String op = split[0];
            String version = split[1];
            String[] v = version.split("\\.", -1);
            boolean minorWildcard = v.length > 1 && v[1].equals("x");
            boolean patchWildcard = !minorWildcard && v.length == 3 && v[2].equals("x");
            String flat = version.replaceFirst("\\.x\\.x", ".x").replaceFirst("\\.x", ".0");
            if (flat.split("\\.", -1).length == 2) {
                flat = flat + ".0";
            }
            String resultOp;
            boolean increment = false;
            switch (op) {
                case ">" -> {
                    resultOp = ">=";
                    increment = true;
                }
                case ">=" -> resultOp = ">=";
                case "<" -> resultOp = "<";
                case "<=" -> {
                    resultOp = "<";
                    increment = true;
                }
                case "", "=", "==" -> {
                    out.add(">=" + flat);
                    resultOp = "<";
                    increment = true;
                }
                case "!=", "!" -> {
                    out.add("<" + flat);
                    resultOp = ">=";
                    increment = true;
                }
                default -> throw new IllegalArgumentException("Could not parse comparator \"" + op + "\" in \"" + ap + "\"");
            }
            String result = flat;
            if (increment) {
                String[] f = flat.split("\\.", -1);
                if (patchWildcard) {
                    result = f[0] + "." + (new BigInteger(f[1]).add(BigInteger.ONE)) + ".0";
                } else if (minorWildcard) {
                    result = (new BigInteger(f[0]).add(BigInteger.ONE)) + ".0.0";
                }
            }
            out.add(resultOp + result);
        }
        return out;
    }

    private static String[] splitComparator(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isDigit(s.charAt(i))) {
                return new String[] {s.substring(0, i), s.substring(i)};
            }
        }
        throw new IllegalArgumentException("Could not get version from string: \"" + s + "\"");
    }

    private static Predicate<Semver> comparator(String s) {
        String[] split = splitComparator(s);
        Semver version = parse(split[1]);
        return switch (split[0]) {
            case "", "=", "==" -> v -> v.compareTo(version) == 0;
            case "!", "!=" -> v -> v.compareTo(version) != 0;
            case ">" -> v -> v.compareTo(version) > 0;
            case ">=" -> v -> v.compareTo(version) >= 0;
            case "<" -> v -> v.compareTo(version) < 0;
            case "<=" -> v -> v.compareTo(version) <= 0;
            default -> throw new IllegalArgumentException("Could not parse comparator \"" + split[0] + "\" in \"" + s + "\"");
        };
    }
}
