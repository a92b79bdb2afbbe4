package dev.guidepost.core.internal.pattern;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** How Go prints a float64 with {@code %f} and with {@code strconv.FormatFloat(v, 'E', -1, 64)}. */
final class GoFloatText {

    private GoFloatText() {
    }

    /** {@code fmt.Sprintf("%f", v)}: six decimals. */
    static String fixed(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        return new BigDecimal(v).setScale(6, RoundingMode.HALF_EVEN).toPlainString();
    }

    /** {@code strconv.FormatFloat(v, 'E', -1, 64)}: the shortest digits, as {@code d.dddE±XX}. */
    static String exponent(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == 0) {
            return (1 / v < 0 ? "-" : "") + "0E+00";
        }
        BigDecimal shortest = new BigDecimal(Double.toString(Math.abs(v))).stripTrailingZeros();
        String digits = shortest.unscaledValue().toString();
        int exponent = digits.length() - 1 - shortest.scale();
        StringBuilder out = new StringBuilder();
        if (v < 0) {
            out.append('-');
        }
        out.append(digits.charAt(0));
        if (digits.length() > 1) {
            out.append('.').append(digits, 1, digits.length());
        }
        out.append('E').append(exponent < 0 ? '-' : '+');
        int abs = Math.abs(exponent);
        if (abs < 10) {
            out.append('0');
        }
        out.append(abs);
        return out.toString();
    }
}
