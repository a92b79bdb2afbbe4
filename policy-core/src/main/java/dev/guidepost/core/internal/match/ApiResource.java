package dev.guidepost.core.internal.match;

/**
 * A Kubernetes API resource type: group, version, kind, plural resource name and scope.
 *
 * @param group      the API group ({@code ""} for the core group)
 * @param version    the version
 * @param kind       the kind
 * @param resource   the plural resource name, with {@code /subresource} for subresources
 * @param namespaced true for namespaced resources
 * @param known      true when the type is built in; false when the plural was guessed (custom resources)
 */
public record ApiResource(String group, String version, String kind, String resource, boolean namespaced,
        boolean known) {

    /** {@code group/version}, or {@code version} for the core group. */
    public String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    /** The resource without its subresource. */
    public String baseResource() {
        int slash = resource.indexOf('/');
        return slash < 0 ? resource : resource.substring(0, slash);
    }

    /** The subresource, or {@code ""}. */
    public String subresource() {
        int slash = resource.indexOf('/');
        return slash < 0 ? "" : resource.substring(slash + 1);
    }
}
