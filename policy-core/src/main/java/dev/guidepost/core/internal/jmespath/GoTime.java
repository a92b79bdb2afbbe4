package dev.guidepost.core.internal.jmespath;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.TextStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.guidepost.core.internal.golang.GoDuration;

/**
 * Go's {@code time} package as Kyverno's time functions use it: RFC 3339 and Go layouts; durations are
 * {@link GoDuration}'s.
 */
final class GoTime {

    static final String RFC3339 = "2006-01-02T15:04:05Z07:00";

    private static final long SECOND = 1_000_000_000L;
    private static final Pattern RFC3339_TEXT = Pattern.compile(
            "(\\d{4})-(\\d{2})-(\\d{2})T(\\d{2}):(\\d{2}):(\\d{2})(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})");
    /** Seconds from Go's zero time (January 1, year 1, UTC) to the Unix epoch. */
    private static final long ZERO_TO_UNIX = 62_135_596_800L;

    private GoTime() {
    }

    /** {@code time.ParseDuration}: the duration in nanoseconds; Go's error as a JmesPathException. */
    static long parseDuration(String text) {
        try {
            return GoDuration.parseNanos(text);
        } catch (IllegalArgumentException e) {
            throw new JmesPathException(e.getMessage());
        }
    }

    /** {@code time.Parse(time.RFC3339, text)}. */
    static OffsetDateTime parseRfc3339(String text) {
        Matcher m = RFC3339_TEXT.matcher(text);
        if (!m.matches()) {
            throw new JmesPathException("parsing time \"" + text + "\" as \"" + RFC3339 + "\": cannot parse \""
                    + text + "\" as RFC 3339");
        }
        try {
            int nanos = 0;
            if (m.group(7) != null) {
                String frac = (m.group(7).substring(1) + "000000000").substring(0, 9);
                nanos = Integer.parseInt(frac);
            }
            ZoneOffset offset = m.group(8).equals("Z") ? ZoneOffset.UTC : ZoneOffset.of(m.group(8));
            return OffsetDateTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)),
                    Integer.parseInt(m.group(6)), nanos, offset);
        } catch (DateTimeException e) {
            throw new JmesPathException("parsing time \"" + text + "\": " + e.getMessage(), e);
        }
    }

    /** {@code t.Format(time.RFC3339)}: no fractional seconds, {@code Z} for a zero offset. */
    static String formatRfc3339(OffsetDateTime t) {
        StringBuilder out = new StringBuilder();
        int year = t.getYear();
        out.append(String.format("%04d-%02d-%02dT%02d:%02d:%02d", year, t.getMonthValue(), t.getDayOfMonth(),
                t.getHour(), t.getMinute(), t.getSecond()));
        int offset = t.getOffset().getTotalSeconds();
        if (offset == 0) {
            out.append('Z');
        } else {
            int abs = Math.abs(offset);
            out.append(offset < 0 ? '-' : '+').append(String.format("%02d:%02d", abs / 3600, (abs / 60) % 60));
        }
        return out.toString();
    }

    /** {@code t2.Sub(t1)} in nanoseconds, saturating like Go. */
    static long sub(OffsetDateTime t2, OffsetDateTime t1) {
        BigDecimal diff = nanosSinceEpoch(t2).subtract(nanosSinceEpoch(t1));
        if (diff.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            return Long.MAX_VALUE;
        }
        if (diff.compareTo(BigDecimal.valueOf(Long.MIN_VALUE)) < 0) {
            return Long.MIN_VALUE;
        }
        return diff.longValue();
    }

    private static BigDecimal nanosSinceEpoch(OffsetDateTime t) {
        Instant i = t.toInstant();
        return BigDecimal.valueOf(i.getEpochSecond()).multiply(BigDecimal.valueOf(SECOND))
                .add(BigDecimal.valueOf(i.getNano()));
    }

    /** {@code t.Truncate(d)}: rounds down to a multiple of d since Go's zero time; keeps the offset. */
    static OffsetDateTime truncate(OffsetDateTime t, long d) {
        if (d <= 0) {
            return t;
        }
        Instant i = t.toInstant();
        BigDecimal sinceZero = BigDecimal.valueOf(i.getEpochSecond() + ZERO_TO_UNIX)
                .multiply(BigDecimal.valueOf(SECOND)).add(BigDecimal.valueOf(i.getNano()));
        BigDecimal remainder = sinceZero.remainder(BigDecimal.valueOf(d));
        return t.minusNanos(0).minus(java.time.Duration.ofNanos(remainder.longValue()));
    }

    /** {@code time.Parse(layout, text)} for a Go layout such as {@code 2006-01-02} or {@code Jan _2 15:04:05}. */
    static OffsetDateTime parseLayout(String layout, String text) {
        if (layout.equals(RFC3339)) {
            return parseRfc3339(text);
        }
        DateTimeFormatter formatter = formatter(layout);
        java.text.ParsePosition position = new java.text.ParsePosition(0);
        TemporalAccessor parsed = formatter.parseUnresolved(text, position);
        if (parsed == null || position.getErrorIndex() >= 0 || position.getIndex() != text.length()) {
            int at = position.getErrorIndex() >= 0 ? position.getErrorIndex() : position.getIndex();
            throw new JmesPathException("parsing time \"" + text + "\" as \"" + layout + "\": cannot parse \""
                    + text.substring(Math.min(at, text.length())) + "\"");
        }
        try {
            // Go checks the day of the week for syntax only, and takes an unknown zone abbreviation as UTC
            ZoneOffset offset = parsed.isSupported(ChronoField.OFFSET_SECONDS)
                    ? ZoneOffset.ofTotalSeconds((int) parsed.getLong(ChronoField.OFFSET_SECONDS))
                    : ZoneOffset.UTC;
            int hour = (int) field(parsed, ChronoField.HOUR_OF_DAY, -1);
            if (hour < 0) {
                int clock = (int) field(parsed, ChronoField.CLOCK_HOUR_OF_AMPM, 12);
                long pm = field(parsed, ChronoField.AMPM_OF_DAY, 0);
                hour = clock % 12 + (pm == 1 ? 12 : 0);
            }
            int year = (int) field(parsed, ChronoField.YEAR, 0);
            java.time.LocalDate date;
            if (parsed.isSupported(ChronoField.DAY_OF_YEAR) && !parsed.isSupported(ChronoField.MONTH_OF_YEAR)) {
                date = java.time.LocalDate.ofYearDay(year, (int) parsed.getLong(ChronoField.DAY_OF_YEAR));
            } else {
                date = java.time.LocalDate.of(year, (int) field(parsed, ChronoField.MONTH_OF_YEAR, 1),
                        (int) field(parsed, ChronoField.DAY_OF_MONTH, 1));
            }
            return OffsetDateTime.of(date, java.time.LocalTime.of(hour,
                    (int) field(parsed, ChronoField.MINUTE_OF_HOUR, 0), (int) field(parsed, ChronoField.SECOND_OF_MINUTE, 0),
                    (int) field(parsed, ChronoField.NANO_OF_SECOND, 0)), offset);
        } catch (DateTimeException e) {
            throw new JmesPathException("parsing time \"" + text + "\": " + e.getMessage(), e);
        }
    }

    private static long field(TemporalAccessor parsed, ChronoField field, long otherwise) {
        return parsed.isSupported(field) ? parsed.getLong(field) : otherwise;
    }

    private static DateTimeFormatter formatter(String layout) {
        DateTimeFormatterBuilder b = new DateTimeFormatterBuilder().parseCaseInsensitive();
        int i = 0;
        StringBuilder literal = new StringBuilder();
        while (i < layout.length()) {
            String rest = layout.substring(i);
            String token = null;
            for (String candidate : new String[] {"January", "Jan", "Monday", "Mon", "MST", "2006", "-07:00:00",
                    "-070000", "-07:00", "-0700", "-07", "Z07:00:00", "Z070000", "Z07:00", "Z0700", "Z07", "002",
                    "01", "02", "03", "04", "05", "06", "15", "_2", "PM", "pm", "1", "2", "3", "4", "5"}) {
                if (rest.startsWith(candidate)) {
                    token = candidate;
                    break;
                }
            }
            if (token == null && (rest.startsWith(".0") || rest.startsWith(".9") || rest.startsWith(",0")
                    || rest.startsWith(",9")) && isFraction(rest)) {
                token = rest.substring(0, fractionLength(rest));
            }
            if (token == null) {
                literal.append(layout.charAt(i++));
                continue;
            }
            if (literal.length() > 0) {
                b.appendLiteral(literal.toString());
                literal.setLength(0);
            }
            i += token.length();
            switch (token) {
                case "January" -> b.appendText(ChronoField.MONTH_OF_YEAR, TextStyle.FULL);
                case "Jan" -> b.appendText(ChronoField.MONTH_OF_YEAR, TextStyle.SHORT);
                case "Monday" -> b.appendText(ChronoField.DAY_OF_WEEK, TextStyle.FULL);
                case "Mon" -> b.appendText(ChronoField.DAY_OF_WEEK, TextStyle.SHORT);
                case "MST" -> b.appendZoneText(TextStyle.SHORT);
                case "2006" -> b.appendValue(ChronoField.YEAR, 4);
                case "06" -> b.appendValueReduced(ChronoField.YEAR, 2, 2, 1969);
                case "01" -> b.appendValue(ChronoField.MONTH_OF_YEAR, 2);
                case "1" -> b.appendValue(ChronoField.MONTH_OF_YEAR, 1, 2, java.time.format.SignStyle.NOT_NEGATIVE);
                case "02" -> b.appendValue(ChronoField.DAY_OF_MONTH, 2);
                case "2" -> b.appendValue(ChronoField.DAY_OF_MONTH, 1, 2, java.time.format.SignStyle.NOT_NEGATIVE);
                case "_2" -> b.padNext(2).appendValue(ChronoField.DAY_OF_MONTH, 1, 2,
                        java.time.format.SignStyle.NOT_NEGATIVE);
                case "002" -> b.appendValue(ChronoField.DAY_OF_YEAR, 3);
                case "15" -> b.appendValue(ChronoField.HOUR_OF_DAY, 2);
                case "03" -> b.appendValue(ChronoField.CLOCK_HOUR_OF_AMPM, 2);
                case "3" -> b.appendValue(ChronoField.CLOCK_HOUR_OF_AMPM, 1, 2, java.time.format.SignStyle.NOT_NEGATIVE);
                case "04" -> b.appendValue(ChronoField.MINUTE_OF_HOUR, 2);
                case "4" -> b.appendValue(ChronoField.MINUTE_OF_HOUR, 1, 2, java.time.format.SignStyle.NOT_NEGATIVE);
                case "05" -> b.appendValue(ChronoField.SECOND_OF_MINUTE, 2)
                        .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd();
                case "5" -> b.appendValue(ChronoField.SECOND_OF_MINUTE, 1, 2, java.time.format.SignStyle.NOT_NEGATIVE)
                        .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd();
                case "PM", "pm" -> b.appendText(ChronoField.AMPM_OF_DAY, TextStyle.SHORT);
                case "-07:00:00", "-070000" -> b.appendOffset(token.contains(":") ? "+HH:MM:ss" : "+HHMMss", "+0000");
                case "-07:00" -> b.appendOffset("+HH:MM", "+00:00");
                case "-0700" -> b.appendOffset("+HHMM", "+0000");
                case "-07" -> b.appendOffset("+HH", "+00");
                case "Z07:00:00", "Z070000" -> b.appendOffset(token.contains(":") ? "+HH:MM:ss" : "+HHMMss", "Z");
                case "Z07:00" -> b.appendOffset("+HH:MM", "Z");
                case "Z0700" -> b.appendOffset("+HHMM", "Z");
                case "Z07" -> b.appendOffset("+HH", "Z");
                default -> {
                    // fractional seconds: .000 exactly that many digits, .999 up to that many
                    int digits = token.length() - 1;
                    boolean exact = token.charAt(1) == '0';
                    b.appendFraction(ChronoField.NANO_OF_SECOND, exact ? digits : 0, digits, true);
                }
            }
        }
        if (literal.length() > 0) {
            b.appendLiteral(literal.toString());
        }
        return b.toFormatter(Locale.ENGLISH);
    }

    private static boolean isFraction(String rest) {
        int n = fractionLength(rest);
        if (n < 2) {
            return false;
        }
        // Go treats .000 / .999 as a fraction only when not followed by another digit
        return n >= rest.length() || !Character.isDigit(rest.charAt(n));
    }

    private static int fractionLength(String rest) {
        char digit = rest.charAt(1);
        int n = 1;
        while (n < rest.length() && rest.charAt(n) == digit) {
            n++;
        }
        return n;
    }
}
