package dev.guidepost.core.internal.cel;

import java.math.BigDecimal;
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
final class CelGoText {

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private CelGoText() {
    }

    /** Go's {@code strconv.FormatFloat(f, 'g', -1, 64)}. */
    static String formatDouble(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        if (value == 0) {
            return (1 / value < 0) ? "-0" : "0";
        }
        BigDecimal decimal = new BigDecimal(Double.toString(Math.abs(value))).stripTrailingZeros();
        String digits = decimal.unscaledValue().toString();
        int exponent = digits.length() - decimal.scale() - 1;
        StringBuilder out = new StringBuilder(value < 0 ? "-" : "");
        if (exponent < -4 || exponent >= 6) {
            out.append(digits.charAt(0));
            if (digits.length() > 1) {
                out.append('.').append(digits, 1, digits.length());
            }
            out.append('e').append(exponent < 0 ? '-' : '+');
            int abs = Math.abs(exponent);
            if (abs < 10) {
                out.append('0');
            }
            return out.append(abs).toString();
        }
        return out.append(decimal.toPlainString()).toString();
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
