package dev.guidepost.core.internal.cel;

import java.util.Objects;

/**
 * An image reference parsed like github.com/google/go-containerregistry {@code name.ParseReference} with default
 * options (registry {@code index.docker.io}, tag {@code latest}, weak validation), which is what Kyverno's image
 * library uses (kyverno/sdk extensions/cel/libs/image/impl.go). A reference is either a tag or a digest reference;
 * for {@code repo:tag@digest} the tag is recovered from the text as Kyverno does.
 */
final class ImageReference {

    static final String DEFAULT_REGISTRY = "index.docker.io";
    private static final String DEFAULT_TAG = "latest";
    private static final String REPOSITORY_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789_-./";
    private static final String TAG_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-";

    private final String original;
    private final String registry;
    private final String repository;
    private final String tag;
    private final String digest;

    private ImageReference(String original, String registry, String repository, String tag, String digest) {
        this.original = original;
        this.registry = registry;
        this.repository = repository;
        this.tag = tag;
        this.digest = digest;
    }

    /** {@code name.ParseReference}: a tag reference if possible, else a digest reference. */
    static ImageReference parse(String s) {
        ImageReference ref = tagReference(s);
        if (ref == null) {
            ref = digestReference(s);
        }
        if (ref == null) {
            throw new IllegalArgumentException("could not parse reference: " + s);
        }
        return ref;
    }

    static boolean isImage(String s) {
        return tagReference(s) != null || digestReference(s) != null;
    }

    private static ImageReference tagReference(String name) {
        String base = name;
        String tag = "";
        int colon = name.lastIndexOf(':');
        if (colon >= 0 && name.indexOf('/', colon) < 0) {
            base = name.substring(0, colon);
            tag = name.substring(colon + 1);
            if (tag.isEmpty()) {
                return null;
            }
        }
        if (!tag.isEmpty() && !valid(tag, TAG_CHARS, 1, 128)) {
            return null;
        }
        String[] repo = repository(base);
        if (repo == null) {
            return null;
        }
        return new ImageReference(name, repo[0], repo[1], tag.isEmpty() ? DEFAULT_TAG : tag, null);
    }

    private static ImageReference digestReference(String name) {
        String[] parts = name.split("@", -1);
        if (parts.length != 2) {
            return null;
        }
        String digest = parts[1];
        if (!digest.startsWith("sha256:")) {
            return null;
        }
        String hex = digest.substring("sha256:".length());
        if (hex.length() != 64 || !valid(hex, "0123456789abcdef", 64, 64)) {
            return null;
        }
        String base = parts[0];
        ImageReference tagged = tagReference(base);
        if (tagged != null) {
            // Go: base = tag.Repository.Name(), i.e. registry/repository with Docker Hub's library/ prefix
            base = tagged.registry + "/" + tagged.repository();
        }
        String[] repo = repository(base);
        if (repo == null) {
            return null;
        }
        return new ImageReference(name, repo[0], repo[1], null, digest);
    }

    /** {@code name.NewRepository}: [registry, repository] or null when invalid. */
    private static String[] repository(String name) {
        if (name.isEmpty()) {
            return null;
        }
        String registry = "";
        String repo = name;
        int slash = name.indexOf('/');
        if (slash >= 0) {
            String first = name.substring(0, slash);
            if (first.indexOf('.') >= 0 || first.indexOf(':') >= 0) {
                registry = first;
                repo = name.substring(slash + 1);
            }
        }
        if (!valid(repo, REPOSITORY_CHARS, 2, 255) || !validRegistry(registry)) {
            return null;
        }
        if (registry.isEmpty() || registry.equals("docker.io")) {
            registry = DEFAULT_REGISTRY;
        }
        return new String[] {registry, repo};
    }

    /** {@code checkRegistry}: {@code url.Parse("//" + name).Host} must be the name itself. */
    private static boolean validRegistry(String registry) {
        if (registry.isEmpty()) {
            return true;
        }
        for (char c : registry.toCharArray()) {
            if (c == '/' || c == '?' || c == '#' || c == '@' || c <= ' ' || c == '%') {
                return false;
            }
        }
        int colon = registry.lastIndexOf(':');
        if (colon >= 0 && !registry.startsWith("[")) {
            for (int i = colon + 1; i < registry.length(); i++) {
                if (!Character.isDigit(registry.charAt(i))) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean valid(String s, String chars, int min, int max) {
        if (s.length() < min || s.length() > max) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    /** {@code Context().RegistryStr()}. */
    String registry() {
        return registry;
    }

    /** {@code Context().RepositoryStr()}: Docker Hub images without a namespace are under {@code library/}. */
    String repository() {
        return registry.equals(DEFAULT_REGISTRY) && repository.indexOf('/') < 0 ? "library/" + repository
                : repository;
    }

    /** The tag, {@code latest} by default; for a digest reference the tag written before the {@code @}, if any. */
    String tag() {
        return tag != null ? tag : tagBeforeDigest();
    }

    String digest() {
        return digest != null ? digest : "";
    }

    boolean containsDigest() {
        return digest != null && !digest.isEmpty();
    }

    /** The tag, or the digest of a digest reference; {@code tag@digest} when a tag was written before it. */
    String identifier() {
        if (digest == null) {
            return tag;
        }
        String before = tagBeforeDigest();
        return before.isEmpty() ? digest : before + "@" + digest;
    }

    /** {@code @digest} for a digest reference (a tag before it does not count), else {@code :tag}. */
    String identifierWithSeparator() {
        return digest != null ? "@" + digest : ":" + tag;
    }

    private String tagBeforeDigest() {
        int at = original.indexOf('@');
        if (at < 0) {
            return "";
        }
        String before = original.substring(0, at);
        int slash = before.lastIndexOf('/');
        int colon = before.lastIndexOf(':');
        return colon < 0 || colon < slash ? "" : before.substring(colon + 1);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ImageReference r && r.original.equals(original);
    }

    @Override
    public int hashCode() {
        return Objects.hash(original);
    }

    @Override
    public String toString() {
        return original;
    }
}
