package dev.guidepost.core.internal.report;

/** A count with its noun in the right number, for messages: {@code 1 policy}, {@code 2 policies}. */
public final class Plural {

    private Plural() {
    }

    /** {@code n} and the noun, with an {@code s} unless {@code n} is 1. */
    public static String count(long n, String one) {
        return count(n, one, one + "s");
    }

    /** {@code n} and the singular or plural form. */
    public static String count(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }
}
