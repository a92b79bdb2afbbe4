package dev.guidepost.core.internal.cel;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Renders CEL values as text exactly as cel-go does, so that {@code string(x)} and messages built from numbers,
 * durations and timestamps read the same as in Kyverno: doubles use Go's {@code strconv.FormatFloat(f, 'g', -1)}
 * ({@code 3.0} is {@code "3"}, {@code 1e6} is {@code "1e+06"}), durations are seconds with an {@code s} suffix
 * ({@code "3600s"}), timestamps are RFC 3339 with trailing fractional zeros dropped.
 */
public final class CelGoText {

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private CelGoText() {
    }

    /** Go's {@code strconv.FormatFloat(f, 'g', -1, 64)}. */
    public static String formatDouble(double value) {
        String special = special(value);
        if (special != null) {
            return value == 0 ? special.replace("0E+00", "0") : special;
        }
        BigDecimal decimal = new BigDecimal(Double.toString(Math.abs(value))).stripTrailingZeros();
        int exponent = decimal.precision() - decimal.scale() - 1;
        if (exponent < -4 || exponent >= 6) {
            return scientific(value, decimal, 'e');
        }
        return (value < 0 ? "-" : "") + decimal.toPlainString();
    }

    /** Go's {@code strconv.FormatFloat(f, 'E', -1, 64)}: shortest digits as {@code d.dddE±XX}. */
    public static String formatExponent(double value) {
        String special = special(value);
        return special != null ? special
                : scientific(value, new BigDecimal(Double.toString(Math.abs(value))).stripTrailingZeros(), 'E');
    }

    /** Go's {@code fmt.Sprintf("%f", f)}: six decimals. */
    public static String formatFixed(double value) {
        String special = special(value);
        if (special != null && value != 0) {
            return special;
        }
        return new BigDecimal(value).setScale(6, RoundingMode.HALF_EVEN).toPlainString();
    }

    /** NaN, infinities and zeros as Go prints them ({@code 0E+00} for a zero in exponent form), else null. */
    private static String special(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        if (value == 0) {
            return (1 / value < 0 ? "-" : "") + "0E+00";
        }
        return null;
    }

    private static String scientific(double value, BigDecimal decimal, char marker) {
        String digits = decimal.unscaledValue().toString();
        int exponent = digits.length() - decimal.scale() - 1;
        StringBuilder out = new StringBuilder(value < 0 ? "-" : "");
        out.append(digits.charAt(0));
        if (digits.length() > 1) {
            out.append('.').append(digits, 1, digits.length());
        }
        out.append(marker).append(exponent < 0 ? '-' : '+');
        int abs = Math.abs(exponent);
        if (abs < 10) {
            out.append('0');
        }
        return out.append(abs).toString();
    }

    /** cel-go's duration to string: seconds, shortest decimal form, then {@code s}. */
    static String formatDuration(Duration duration) {
        BigDecimal seconds = BigDecimal.valueOf(duration.getSeconds())
                .add(BigDecimal.valueOf(duration.getNano(), 9));
        String text = seconds.signum() == 0 ? "0" : seconds.stripTrailingZeros().toPlainString();
        return text + "s";
    }

    /** Go's {@code time.RFC3339Nano} in UTC. */
    static String formatTimestamp(Instant instant) {
        StringBuilder out = new StringBuilder(SECONDS.format(instant));
        int nanos = instant.getNano();
        if (nanos != 0) {
            String fraction = String.format("%09d", nanos);
            int end = fraction.length();
            while (fraction.charAt(end - 1) == '0') {
                end--;
            }
            out.append('.').append(fraction, 0, end);
        }
        return out.append('Z').toString();
    }
}
