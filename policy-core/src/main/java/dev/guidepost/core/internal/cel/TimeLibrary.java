package dev.guidepost.core.internal.cel;

import static dev.cel.common.CelOverloadDecl.newGlobalOverload;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;

import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelFunctionBinding;

/**
 * Kyverno's time library (kyverno/sdk extensions/cel/libs/time/lib.go): {@code time.now()},
 * {@code time.truncate(timestamp, duration)} (Go's {@code Time.Truncate}, which counts from year 1, not from 1970)
 * and {@code time.toCron(timestamp)} ({@code "minute hour day month weekday"}, Sunday is 0).
 */
final class TimeLibrary extends FunctionLibrary {

    /** Seconds from Go's zero time (0001-01-01T00:00:00Z) to the Unix epoch. */
    private static final long ZERO_TO_UNIX = 62_135_596_800L;
    private static final BigInteger BILLION = BigInteger.valueOf(1_000_000_000L);

    TimeLibrary() {
        function("time.now", newGlobalOverload("time_now", SimpleType.TIMESTAMP, List.of()),
                CelFunctionBinding.from("time_now", List.of(), args -> Instant.now()));
        function("time.truncate", newGlobalOverload("time_truncate", SimpleType.TIMESTAMP, SimpleType.TIMESTAMP,
                SimpleType.DURATION),
                CelFunctionBinding.from("time_truncate", Instant.class, Duration.class, TimeLibrary::truncate));
        function("time.toCron", newGlobalOverload("time_to_cron", SimpleType.STRING, SimpleType.TIMESTAMP),
                CelFunctionBinding.from("time_to_cron", Instant.class, t -> {
                    ZonedDateTime utc = t.atZone(ZoneOffset.UTC);
                    return utc.getMinute() + " " + utc.getHour() + " " + utc.getDayOfMonth() + " "
                            + utc.getMonthValue() + " " + (utc.getDayOfWeek().getValue() % 7);
                }));
    }

    static Instant truncate(Instant t, Duration d) {
        if (d.isNegative() || d.isZero()) {
            return t;
        }
        BigInteger sinceZero = BigInteger.valueOf(t.getEpochSecond() + ZERO_TO_UNIX).multiply(BILLION)
                .add(BigInteger.valueOf(t.getNano()));
        BigInteger step = BigInteger.valueOf(d.getSeconds()).multiply(BILLION).add(BigInteger.valueOf(d.getNano()));
        long remainder = sinceZero.mod(step).longValueExact();
        return t.minusNanos(remainder);
    }
}
