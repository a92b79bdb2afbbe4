package dev.guidepost.core.internal.match;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A kind in a Kyverno ClusterPolicy {@code match.resources.kinds} entry: {@code Kind}, {@code version/Kind},
 * {@code group/version/Kind}, optionally with {@code /subresource}, each part possibly a wildcard.
 *
 * @param group       the group pattern ({@code *} when not given)
 * @param version     the version pattern ({@code *} when not given)
 * @param kind        the kind pattern
 * @param subresource the subresource pattern ({@code ""} when not given)
 */
public record KindSelector(String group, String version, String kind, String subresource) {

    private static final Pattern VERSION = Pattern.compile("^(v\\d+((alpha|beta)\\d+)?|\\*)$");

    /** Parses an entry as Kyverno does. */
    public static KindSelector parse(String input) {
        List<String> parts = new ArrayList<>(Arrays.asList(input.split("/", -1)));
        String last = parts.remove(parts.size() - 1);
        parts.addAll(Arrays.asList(last.split("\\.", -1)));
        switch (parts.size()) {
            case 1:
                return new KindSelector("*", "*", parts.get(0), "");
            case 2:
                if (parts.get(0).equals("*") && parts.get(1).equals("*")) {
                    return new KindSelector("*", "*", "*", "*");
                }
                if (parts.get(0).equals("*") && parts.get(1).toLowerCase(java.util.Locale.ROOT).equals(parts.get(1))) {
                    return new KindSelector("*", "*", "*", parts.get(1));
                }
                if (VERSION.matcher(parts.get(0)).matches()) {
                    return new KindSelector("*", parts.get(0), parts.get(1), "");
                }
                return new KindSelector("*", "*", parts.get(0), parts.get(1));
            case 3:
                if (VERSION.matcher(parts.get(0)).matches()) {
                    return new KindSelector("*", parts.get(0), parts.get(1), parts.get(2));
                }
                return new KindSelector(parts.get(0), parts.get(1), parts.get(2), "");
            case 4:
                return new KindSelector(parts.get(0), parts.get(1), parts.get(2), parts.get(3));
            default:
                return new KindSelector("", "", "", "");
        }
    }

    /**
     * True when one of the entries ({@code Kind}, {@code version/Kind}, {@code group/version/Kind}, wildcards
     * allowed) selects an object of this apiVersion and kind, ignoring every other match constraint.
     */
    public static boolean anySelects(List<String> entries, String apiVersion, String kind) {
        int slash = apiVersion.lastIndexOf('/');
        String group = slash < 0 ? "" : apiVersion.substring(0, slash);
        String version = apiVersion.substring(slash + 1);
        return entries.stream().map(KindSelector::parse).anyMatch(s -> s.matches(group, version, kind, ""));
    }

    /** The kind named by an entry, without group, version or subresource (Kyverno's ContainsKind). */
    public static String kindOf(String input) {
        String[] parts = input.split("/");
        String kindPart;
        switch (parts.length) {
            case 1 -> kindPart = input.replaceFirst("\\.", "/");
            case 2 -> kindPart = VERSION.matcher(parts[0]).matches() ? parts[1].replaceFirst("\\.", "/")
                    : parts[0] + "/" + parts[1];
            case 3 -> kindPart = VERSION.matcher(parts[0]).matches() ? parts[1] + "/" + parts[2]
                    : parts[2].replaceFirst("\\.", "/");
            case 4 -> kindPart = parts[2] + "/" + parts[3];
            default -> kindPart = "";
        }
        String[] split = kindPart.split("/");
        return split.length == 2 ? split[0] : kindPart;
    }

    /** True when a resource of this group, version, kind and subresource is selected. */
    public boolean matches(String group, String version, String kind, String subresource) {
        if (!Wildcard.matches(this.group, group) || !Wildcard.matches(this.version, version)
                || !Wildcard.matches(this.kind, kind)) {
            return false;
        }
        if (Wildcard.matches(this.subresource, subresource)) {
            return true;
        }
        // Kyverno matches Pod rules on the ephemeralcontainers subresource too
        return group.isEmpty() && version.equals("v1") && kind.equals("Pod")
                && subresource.equals("ephemeralcontainers");
    }
}
