package dev.guidepost.core.internal.golang;

import java.math.BigDecimal;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Go's {@code time.Duration} in nanoseconds: {@code time.ParseDuration} (a signed sequence of decimal numbers,
 * each with a unit {@code ns}, {@code us}, {@code µs}, {@code ms}, {@code s}, {@code m}, {@code h}, such as
 * {@code 1h30m} or {@code -1.5s}; {@code 0} alone needs no unit), {@code Duration.String()}, {@code Seconds()} and
 * the {@code time.Duration(f)} conversion of a float64.
 */
public final class GoDuration {

    private static final long SECOND = 1_000_000_000L;
    private static final long MINUTE = 60 * SECOND;
    private static final long HOUR = 60 * MINUTE;
    private static final Map<String, Long> UNITS = Map.of("ns", 1L, "us", 1_000L, "\u00b5s", 1_000L,
            "\u03bcs", 1_000L, "ms", 1_000_000L, "s", SECOND, "m", MINUTE, "h", HOUR);

    private GoDuration() {
    }

    /** The duration in nanoseconds, or empty when the text is not a Go duration. */
    public static OptionalLong parse(String text) {
        try {
            return OptionalLong.of(parseNanos(text));
        } catch (IllegalArgumentException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * {@code time.ParseDuration}: the duration in nanoseconds.
     *
     * @throws IllegalArgumentException with Go's error message
     */
    public static long parseNanos(String text) {
        String s = text;
        boolean negative = false;
        if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            negative = s.charAt(0) == '-';
            s = s.substring(1);
        }
        if (s.equals("0")) {
            return 0;
        }
        if (s.isEmpty()) {
            throw invalid(text);
        }
        BigDecimal total = BigDecimal.ZERO;
        int i = 0;
        while (i < s.length()) {
            int start = i;
            while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                i++;
            }
            String number = s.substring(start, i);
            if (number.isEmpty() || number.equals(".") || number.indexOf('.') != number.lastIndexOf('.')) {
                throw invalid(text);
            }
            int unitStart = i;
            while (i < s.length() && !Character.isDigit(s.charAt(i)) && s.charAt(i) != '.') {
                i++;
            }
            String unitText = s.substring(unitStart, i);
            if (unitText.isEmpty()) {
                throw new IllegalArgumentException("time: missing unit in duration \"" + text + "\"");
            }
            Long unit = UNITS.get(unitText);
            if (unit == null) {
                throw new IllegalArgumentException("time: unknown unit \"" + unitText + "\" in duration \""
                        + text + "\"");
            }
            total = total.add(new BigDecimal(number.startsWith(".") ? "0" + number : number)
                    .multiply(BigDecimal.valueOf(unit)));
        }
        BigDecimal limit = BigDecimal.valueOf(Long.MAX_VALUE);
        if (total.compareTo(negative ? limit.add(BigDecimal.ONE) : limit) > 0) {
            throw invalid(text);
        }
        long nanos = total.toBigInteger().longValue();
        return negative ? -nanos : nanos;
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("time: invalid duration \"" + text + "\"");
    }

    /** {@code time.Duration.String()}, such as {@code 1h2m3.5s}, {@code 1.5ms} or {@code 0s}. */
    public static String format(long d) {
        if (d == 0) {
            return "0s";
        }
        if (d == Long.MIN_VALUE) {
            return "-2562047h47m16.854775808s";
        }
        long u = Math.abs(d);
        String sign = d < 0 ? "-" : "";
        if (u < SECOND) {
            if (u < 1_000) {
                return sign + u + "ns";
            }
            if (u < 1_000_000) {
                return sign + fraction(u, 3) + "\u00b5s";
            }
            return sign + fraction(u, 6) + "ms";
        }
        long hours = u / HOUR;
        long minutes = (u % HOUR) / MINUTE;
        String seconds = fraction(u % MINUTE, 9) + "s";
        if (hours > 0) {
            return sign + hours + "h" + minutes + "m" + seconds;
        }
        if (minutes > 0) {
            return sign + minutes + "m" + seconds;
        }
        return sign + seconds;
    }

    private static String fraction(long v, int digits) {
        long pow = (long) Math.pow(10, digits);
        String frac = String.format("%0" + digits + "d", v % pow).replaceAll("0+$", "");
        return (v / pow) + (frac.isEmpty() ? "" : "." + frac);
    }

    /** Go's {@code time.Duration(f)}: a float64 converted to int64 nanoseconds, truncated toward zero. */
    public static long ofFloat64(double f) {
        return (long) f;
    }

    /** Go's {@code Duration.Seconds()}. */
    public static double seconds(long nanos) {
        long sec = nanos / SECOND;
        long nsec = nanos % SECOND;
        return (double) sec + (double) nsec / 1e9;
    }
}
