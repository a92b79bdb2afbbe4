package dev.guidepost.core.internal.jmespath;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The semantic versions and ranges of {@code github.com/blang/semver/v4}, which Kyverno's {@code semver_compare}
 * uses: strict {@code MAJOR.MINOR.PATCH[-pre][+build]} versions; ranges of comparators ({@code <}, {@code <=},
 * {@code >}, {@code >=}, {@code =}, {@code ==}, {@code !}, {@code !=}, none) joined by spaces (and) and
 * {@code ||} (or), with {@code x} wildcards expanded the way blang expands them.
 */
final class Semver implements Comparable<Semver> {

    private static final Pattern NUMERIC = Pattern.compile("[0-9]+");
    private static final Pattern ALPHANUMERIC = Pattern.compile("[0-9A-Za-z-]+");
    static final Semver ZERO = new Semver(BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO, List.of());

    private final BigInteger major;
    private final BigInteger minor;
    private final BigInteger patch;
    private final List<String> pre;

    private Semver(BigInteger major, BigInteger minor, BigInteger patch, List<String> pre) {
        this.major = major;
        this.minor = minor;
        this.patch = patch;
        this.pre = pre;
    }

    /** {@code semver.Parse}. */
    static Semver parse(String s) {
        if (s.isEmpty()) {
            throw new JmesPathException("Version string empty");
        }
        String[] parts = s.split("\\.", 3);
        if (parts.length != 3) {
            throw new JmesPathException("No Major.Minor.Patch elements found");
        }
        BigInteger major = number(parts[0], "major");
        BigInteger minor = number(parts[1], "minor");
        String rest = parts[2];
        int build = rest.indexOf('+');
        String beforeBuild = build >= 0 ? rest.substring(0, build) : rest;
        if (build >= 0) {
            for (String b : rest.substring(build + 1).split("\\.", -1)) {
                if (b.isEmpty() || !ALPHANUMERIC.matcher(b).matches()) {
                    throw new JmesPathException("Invalid character(s) found in build meta data \"" + b + "\"");
                }
            }
        }
        int dash = beforeBuild.indexOf('-');
        BigInteger patch = number(dash >= 0 ? beforeBuild.substring(0, dash) : beforeBuild, "patch");
        List<String> pre = new ArrayList<>();
        if (dash >= 0) {
            for (String p : beforeBuild.substring(dash + 1).split("\\.", -1)) {
                if (p.isEmpty()) {
                    throw new JmesPathException("Prerelease is empty");
                }
                if (NUMERIC.matcher(p).matches()) {
                    if (p.length() > 1 && p.charAt(0) == '0') {
                        throw new JmesPathException("Numeric PreRelease version must not contain leading zeroes \""
                                + p + "\"");
                    }
                } else if (!ALPHANUMERIC.matcher(p).matches()) {
                    throw new JmesPathException("Invalid character(s) found in prerelease \"" + p + "\"");
                }
                pre.add(p);
            }
        }
        return new Semver(major, minor, patch, List.copyOf(pre));
    }

    private static BigInteger number(String s, String what) {
        if (!NUMERIC.matcher(s).matches()) {
            throw new JmesPathException("Invalid character(s) found in " + what + " number \"" + s + "\"");
        }
        if (s.length() > 1 && s.charAt(0) == '0') {
            throw new JmesPathException(Character.toUpperCase(what.charAt(0)) + what.substring(1)
                    + " number must not contain leading zeroes \"" + s + "\"");
        }
        BigInteger n = new BigInteger(s);
        if (n.bitLength() > 64) {
            throw new JmesPathException("value out of range: " + s);
        }
        return n;
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
        if (pre.isEmpty() || o.pre.isEmpty()) {
            return pre.isEmpty() == o.pre.isEmpty() ? 0 : (pre.isEmpty() ? 1 : -1);
        }
        for (int i = 0; i < Math.min(pre.size(), o.pre.size()); i++) {
            String a = pre.get(i);
            String b = o.pre.get(i);
            boolean an = NUMERIC.matcher(a).matches();
            boolean bn = NUMERIC.matcher(b).matches();
            int r;
            if (an && bn) {
                r = new BigInteger(a).compareTo(new BigInteger(b));
            } else if (an != bn) {
                r = an ? -1 : 1;
            } else {
                r = Integer.signum(a.compareTo(b));
            }
            if (r != 0) {
                return r;
            }
        }
        return Integer.compare(pre.size(), o.pre.size());
    }

    /** {@code semver.ParseRange}. */
    static Predicate<Semver> parseRange(String s) {
        List<String> parts = splitAndTrim(s);
        List<List<String>> orParts = new ArrayList<>();
        List<String> current = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            String p = parts.get(i);
            if (p.equals("||")) {
                if (i == 0 || i == parts.size() - 1) {
                    throw new JmesPathException("Error parsing version range, found empty ORpart");
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
                default -> throw new JmesPathException("Could not parse comparator \"" + op + "\" in \"" + ap + "\"");
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
        throw new JmesPathException("Could not get version from string: \"" + s + "\"");
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
            default -> throw new JmesPathException("Could not parse comparator \"" + split[0] + "\" in \"" + s + "\"");
        };
    }
}
