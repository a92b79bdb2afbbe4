package dev.guidepost.core.internal.pack;

import java.util.Locale;
import java.util.regex.Pattern;

/** Small text rules shared by the policy readers. */
final class Texts {

    private static final Pattern DNS_1123_SUBDOMAIN =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    private Texts() {
    }

    /** True when the text is a valid Kubernetes object name (DNS-1123 subdomain). */
    static boolean isDnsSubdomain(String name) {
        return name.length() <= 253 && DNS_1123_SUBDOMAIN.matcher(name).matches();
    }

    /** {@code require-run-as-non-root} → {@code Require run as non root}. */
    static String humanize(String id) {
        String words = id.replace('-', ' ').replace('_', ' ').replace('.', ' ').trim();
        if (words.isEmpty()) {
            return id;
        }
        return words.substring(0, 1).toUpperCase(Locale.ROOT) + words.substring(1);
    }

    /** Folds whitespace runs (including line breaks from folded YAML) into single spaces. */
    static String oneLine(String text) {
        return text == null ? "" : text.strip().replaceAll("\\s+", " ");
    }
}
