package dev.guidepost.core.internal.cel;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import dev.guidepost.core.internal.golang.GoValues;

/**
 * Renders CEL durations and timestamps as text exactly as cel-go does: durations are seconds with an {@code s}
 * suffix ({@code "3600s"}), timestamps are RFC 3339 with trailing fractional zeros dropped. Doubles print with
 * {@link GoValues#formatG}.
 */
public final class CelGoText {

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private CelGoText() {
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
