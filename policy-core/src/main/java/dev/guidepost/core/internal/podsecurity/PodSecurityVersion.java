package dev.guidepost.core.internal.podsecurity;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code version} of a podSecurity rule: {@code latest} (also when empty) or {@code v1.<minor>}, as the
 * pod-security-admission API parses it.
 *
 * @param minor the Kubernetes minor version; {@link Integer#MAX_VALUE} for latest
 */
record PodSecurityVersion(int minor) {

    private static final Pattern VERSION = Pattern.compile("v1\\.(0|[1-9][0-9]*)");

    static final PodSecurityVersion LATEST = new PodSecurityVersion(Integer.MAX_VALUE);

    /** The version, or null when the text is not a version pod-security-admission accepts. */
    static PodSecurityVersion parse(String text) {
        if (text.isEmpty() || text.equals("latest")) {
            return LATEST;
        }
        Matcher m = VERSION.matcher(text);
        if (!m.matches() || m.group(1).length() > 9) {
            return null;
        }
        return new PodSecurityVersion(Integer.parseInt(m.group(1)));
    }

    boolean latest() {
        return minor == Integer.MAX_VALUE;
    }
}
