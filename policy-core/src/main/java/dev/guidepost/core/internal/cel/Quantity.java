package dev.guidepost.core.internal.cel;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A Kubernetes resource quantity as k8s.io/apimachinery {@code resource.Quantity} holds it: either a scaled
 * {@code int64} ({@code value × 10^scale}, the fast path of {@code ParseQuantity}) or an arbitrary-precision
 * decimal rounded up to nano units. The distinction is visible in CEL: {@code isInteger()} is true only for the
 * scaled-int64 form with a non-negative scale, exactly as {@code Quantity.AsInt64} behaves.
 */
public final class Quantity implements Comparable<Quantity> {

    /** The format regex Go quotes in its error message. */
    static final String FORMAT_ERROR =
            "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
    static final String SUFFIX_ERROR = "unable to parse quantity's suffix";
    static final String NUMERIC_ERROR = "unable to parse numeric part of quantity";

    private static final String SUFFIX_CHARS = "eEinumkKMGTP";
    private static final int NANO = -9;
    private static final int MAX_INT64_FACTORS = 18;
    private static final BigDecimal MAX_ALLOWED = BigDecimal.valueOf(Long.MAX_VALUE);
    private static final Pattern DECIMAL = Pattern.compile("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)");
    private static final Map<String, Integer> DECIMAL_SUFFIXES = Map.of("n", -9, "u", -6, "m", -3, "", 0, "k", 3,
            "M", 6, "G", 9, "T", 12, "P", 15, "E", 18);
    private static final Map<String, Integer> BINARY_SUFFIXES = Map.of("Ki", 10, "Mi", 20, "Gi", 30, "Ti", 40,
            "Pi", 50, "Ei", 60);

    /** Non-null for the arbitrary-precision form. */
    private final BigDecimal decimal;
    private final long value;
    private final int scale;

    private Quantity(BigDecimal decimal, long value, int scale) {
        this.decimal = decimal;
        this.value = value;
        this.scale = scale;
    }

    static Quantity ofInt64(long value, int scale) {
        return new Quantity(null, value, scale);
    }

    /** Parses a quantity with the rules of {@code resource.ParseQuantity}. */
    public static Quantity parse(String str) {
        if (str.isEmpty()) {
            throw new IllegalArgumentException(FORMAT_ERROR);
        }
        if (str.equals("0")) {
            return ofInt64(0, 0);
        }
        Scan scan = Scan.of(str);
        String suffix = scan.suffix;
        int base;
        int exponent;
        boolean binary = false;
        if (DECIMAL_SUFFIXES.containsKey(suffix)) {
            base = 10;
            exponent = DECIMAL_SUFFIXES.get(suffix);
        } else if (BINARY_SUFFIXES.containsKey(suffix)) {
            base = 2;
            exponent = BINARY_SUFFIXES.get(suffix);
            binary = true;
        } else if (suffix.length() > 1 && (suffix.charAt(0) == 'e' || suffix.charAt(0) == 'E')) {
            base = 10;
            try {
                // Go: int32(strconv.ParseInt(s, 10, 64)), which wraps
                exponent = (int) Long.parseLong(suffix.substring(1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(SUFFIX_ERROR);
            }
        } else {
            throw new IllegalArgumentException(SUFFIX_ERROR);
        }

        int precision;
        int scale = 0;
        long mantissa = 1;
        if (!binary) {
            scale = exponent;
            precision = MAX_INT64_FACTORS - (scan.num.length() + scan.denom.length());
        } else if (exponent >= 0 && scan.denom.isEmpty()) {
            mantissa = 1L << exponent;
            precision = 15 - scan.num.length() - (int) ((float) exponent * 3 / 10) - 1;
        } else {
            precision = -1;
        }
        if (precision >= 0) {
            scale -= scan.denom.length();
            if (scale >= NANO) {
                long shifted = Long.parseLong(scan.num + scan.denom);
                long result;
                try {
                    result = Math.multiplyExact(shifted, mantissa);
                    return ofInt64(scan.positive ? result : -result, scale);
                } catch (ArithmeticException overflow) {
                    // fall through to the arbitrary-precision form, like Go
                }
            }
        }
        if (!DECIMAL.matcher(scan.value).matches()) {
            throw new IllegalArgumentException(NUMERIC_ERROR);
        }
        BigDecimal amount = new BigDecimal(scan.value.startsWith("+") ? scan.value.substring(1) : scan.value);
        if (base == 10) {
            amount = amount.scaleByPowerOfTen(exponent);
        } else {
            amount = amount.multiply(new BigDecimal(BigInteger.ONE.shiftLeft(exponent)));
        }
        int sign = amount.signum();
        amount = amount.abs();
        if (sign != 0) {
            amount = amount.setScale(-NANO, RoundingMode.UP);
        }
        if (binary && amount.compareTo(MAX_ALLOWED) > 0) {
            amount = MAX_ALLOWED;
        }
        return new Quantity(sign < 0 ? amount.negate() : amount, 0, 0);
    }

    /** True when {@code str} parses. */
    public static boolean isQuantity(String str) {
        try {
            parse(str);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** How Kubernetes writes a quantity back out: the form its text was written in ({@code resource.Format}). */
    public enum Format {
        /** Powers of 1000 ({@code 500m}, {@code 2k}, {@code 3}). */
        DECIMAL_SI,
        /** Powers of 1024 ({@code 3Gi}); values below 1024 or not whole are written as {@link #DECIMAL_SI}. */
        BINARY_SI,
        /** Powers of ten ({@code 1e3}). */
        DECIMAL_EXPONENT
    }

    /** The format {@code resource.ParseQuantity} gives a quantity's text (which must parse). */
    public static Format formatOf(String text) {
        String suffix = Scan.of(text.strip()).suffix;
        if (BINARY_SUFFIXES.containsKey(suffix)) {
            // a fraction of one, such as 0.5Ki, is not binary
            BigDecimal value = parse(text).toBigDecimal().abs();
            return value.signum() > 0 && value.compareTo(BigDecimal.ONE) < 0 ? Format.DECIMAL_SI : Format.BINARY_SI;
        }
        // the suffixes parse reads as an exponent (e3, E-2); a lone E is the exa suffix
        boolean exponent = suffix.length() > 1 && (suffix.charAt(0) == 'e' || suffix.charAt(0) == 'E');
        return exponent ? Format.DECIMAL_EXPONENT : Format.DECIMAL_SI;
    }

    /**
     * A value written as Kubernetes writes a quantity of that format ({@code Quantity.String()}): decimal forms as
     * the fewest whole digits with a power-of-1000 suffix ({@code 4500m}, {@code 2k}; past {@code E}, or in the
     * exponent format, {@code e} and the power), the binary form as whole digits with the largest power of 1024
     * that divides them ({@code 3Gi}, {@code 1536Mi}).
     */
    public static String canonical(BigDecimal value, Format format) {
        if (value.signum() == 0) {
            return "0";
        }
        boolean binary = format == Format.BINARY_SI && value.abs().compareTo(BigDecimal.valueOf(1024)) >= 0
                && value.stripTrailingZeros().scale() <= 0;
        if (binary) {
            BigInteger amount = value.toBigIntegerExact();
            BigInteger k = BigInteger.valueOf(1024);
            int power = 0;
            while (power < 6 && amount.mod(k).signum() == 0) {
                amount = amount.divide(k);
                power++;
            }
            return amount + List.of("", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei").get(power);
        }
        BigDecimal stripped = value.stripTrailingZeros();
        BigInteger digits = stripped.unscaledValue();
        int exponent = -stripped.scale();
        int thousands = Math.floorDiv(exponent, 3) * 3;
        digits = digits.multiply(BigInteger.TEN.pow(exponent - thousands));
        if (format == Format.DECIMAL_EXPONENT) {
            return digits + (thousands == 0 ? "" : "e" + thousands);
        }
        String suffix = switch (thousands) {
            case -9 -> "n";
            case -6 -> "u";
            case -3 -> "m";
            case 0 -> "";
            case 3 -> "k";
            case 6 -> "M";
            case 9 -> "G";
            case 12 -> "T";
            case 15 -> "P";
            case 18 -> "E";
            default -> "e" + thousands;
        };
        return digits + suffix;
    }

    /** The exact value. */
    public BigDecimal exact() {
        return toBigDecimal();
    }

    /** The scale of {@code Quantity.AsDec()}: digits after the decimal point (negative for powers of ten). */
    public int decimalScale() {
        return decimal != null ? decimal.scale() : -scale;
    }

    /** The exact value. */
    BigDecimal toBigDecimal() {
        return decimal != null ? decimal : BigDecimal.valueOf(value, -scale);
    }

    int sign() {
        return decimal != null ? decimal.signum() : Long.signum(value);
    }

    /** {@code Quantity.AsInt64}: only the scaled-int64 form with a scale of zero or more converts. */
    boolean isInteger() {
        return asLong() != null;
    }

    Long asLong() {
        if (decimal != null || scale < 0) {
            return null;
        }
        long result = value;
        for (int i = 0; i < scale; i++) {
            if (result > Long.MAX_VALUE / 10 || result < Long.MIN_VALUE / 10) {
                return null;
            }
            result *= 10;
        }
        return result;
    }

    /** {@code Quantity.AsApproximateFloat64}: unscaled value times a power of ten, in float64 arithmetic. */
    public double asApproximateFloat() {
        double base;
        int exponent;
        if (decimal != null) {
            base = decimal.unscaledValue().doubleValue();
            exponent = -decimal.scale();
        } else {
            base = value;
            exponent = scale;
        }
        if (exponent == 0) {
            return base;
        }
        return base * Double.parseDouble("1e" + exponent);
    }

    /** {@code Quantity.Add}: int64 arithmetic while both fit, decimal otherwise. */
    Quantity add(Quantity other) {
        if (decimal == null && other.decimal == null) {
            Quantity sum = addInt64(other.value, other.scale);
            if (sum != null) {
                return sum;
            }
        }
        return new Quantity(toBigDecimal().add(other.toBigDecimal()), 0, 0);
    }

    Quantity negate() {
        return decimal != null ? new Quantity(decimal.negate(), 0, 0) : ofInt64(-value, scale);
    }

    private Quantity addInt64(long otherValue, int otherScale) {
        if (otherValue == 0) {
            return this;
        }
        if (value == 0) {
            return ofInt64(otherValue, otherScale);
        }
        try {
            if (scale == otherScale) {
                return ofInt64(Math.addExact(value, otherValue), scale);
            }
            if (scale > otherScale) {
                return ofInt64(Math.addExact(scaleUp(value, scale - otherScale), otherValue), otherScale);
            }
            return ofInt64(Math.addExact(value, scaleUp(otherValue, otherScale - scale)), scale);
        } catch (ArithmeticException overflow) {
            return null;
        }
    }

    private static long scaleUp(long v, int digits) {
        long result = v;
        for (int i = 0; i < digits; i++) {
            result = Math.multiplyExact(result, 10L);
        }
        return result;
    }

    @Override
    public int compareTo(Quantity other) {
        return toBigDecimal().compareTo(other.toBigDecimal());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Quantity q && compareTo(q) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(toBigDecimal().stripTrailingZeros());
    }

    @Override
    public String toString() {
        return toBigDecimal().toPlainString();
    }

    /** The pieces {@code parseQuantityString} scans out of a quantity string. */
    private record Scan(boolean positive, String value, String num, String denom, String suffix) {

        static Scan of(String str) {
            boolean positive = true;
            int pos = 0;
            int end = str.length();
            if (str.charAt(0) == '-') {
                positive = false;
                pos++;
            } else if (str.charAt(0) == '+') {
                pos++;
            }
            while (pos < end && str.charAt(pos) == '0') {
                pos++;
            }
            if (pos >= end) {
                return new Scan(positive, "0", "0", "", "");
            }
            int numStart = pos;
            while (pos < end && isDigit(str.charAt(pos))) {
                pos++;
            }
            if (pos >= end) {
                return new Scan(positive, str, str.substring(numStart), "", "");
            }
            String num = str.substring(numStart, pos);
            if (num.isEmpty()) {
                num = "0";
            }
            String denom = "";
            if (str.charAt(pos) == '.') {
                pos++;
                int denomStart = pos;
                while (pos < end && isDigit(str.charAt(pos))) {
                    pos++;
                }
                denom = str.substring(denomStart, pos);
                if (pos >= end) {
                    return new Scan(positive, str, num, denom, "");
                }
            }
            String value = str.substring(0, pos);
            int suffixStart = pos;
            while (pos < end && SUFFIX_CHARS.indexOf(str.charAt(pos)) >= 0) {
                pos++;
            }
            if (pos < end && (str.charAt(pos) == '-' || str.charAt(pos) == '+')) {
                pos++;
            }
            while (pos < end && isDigit(str.charAt(pos))) {
                pos++;
            }
            if (pos < end) {
                throw new IllegalArgumentException(FORMAT_ERROR);
            }
            return new Scan(positive, value, num, denom, str.substring(suffixStart));
        }

        private static boolean isDigit(char c) {
            return c >= '0' && c <= '9';
        }
    }
}
