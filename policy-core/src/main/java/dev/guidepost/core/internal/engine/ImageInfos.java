package dev.guidepost.core.internal.engine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.guidepost.core.internal.yaml.PlainValues;

/**
 * The {@code images} variable Kyverno puts into the JMESPath context of ClusterPolicy rules: for a Pod or a pod
 * template, {@code containers}, {@code initContainers} and {@code ephemeralContainers}, each a map from container
 * name to the image's registry, path, name, tag, digest, reference and referenceWithTag, parsed the way Kyverno
 * does (default registry {@code docker.io}, default tag {@code latest}; the path is not normalised, so a Docker Hub
 * image keeps its one-part path, as Kyverno's {@code reference.Parse} leaves it).
 */
final class ImageInfos {

    private static final String DEFAULT_REGISTRY = "docker.io";
    private static final List<String> CONTAINER_LISTS = List.of("containers", "initContainers", "ephemeralContainers");

    private ImageInfos() {
    }

    /** The images of a resource, empty when it has no pod spec or no images. */
    static Map<String, Object> of(Map<String, Object> resource) {
        Map<String, Object> podSpec = podSpec(resource);
        Map<String, Object> out = new LinkedHashMap<>();
        if (podSpec == null) {
            return out;
        }
        for (String list : CONTAINER_LISTS) {
            Map<String, Object> byName = new LinkedHashMap<>();
            for (Object container : PlainValues.list(podSpec, list)) {
                String image = PlainValues.string(container, "image");
                Map<String, Object> info = image.isEmpty() ? null : info(image);
                if (info != null) {
                    byName.put(PlainValues.string(container, "name"), info);
                }
            }
            if (!byName.isEmpty()) {
                out.put(list, byName);
            }
        }
        return out;
    }

    /**
     * The grammar of an image reference (the distribution project's, which Kyverno parses images with): a name of
     * lower-case path components after an optional domain, an optional tag, an optional digest.
     */
    private static final java.util.regex.Pattern REFERENCE = java.util.regex.Pattern.compile(
            "(?:(?:(?:(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\\.(?:[a-zA-Z0-9]|"
                    + "[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?/)?"
                    + "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*)"
                    + "(?::[\\w][\\w.-]{0,127})?"
                    + "(?:@(?:sha256:[0-9a-f]{64}|sha384:[0-9a-f]{96}|sha512:[0-9a-f]{128}))?");
    /** The longest name (domain and path) a reference may have. */
    private static final int MAX_NAME = 255;

    /**
     * True when every image of the resource's pod spec is a valid reference: the cluster's Kyverno refuses the
     * whole request when one is not.
     */
    static boolean allReadable(Map<String, Object> resource) {
        Map<String, Object> podSpec = podSpec(resource);
        return podSpec == null || CONTAINER_LISTS.stream().flatMap(list -> PlainValues.list(podSpec, list).stream())
                .map(container -> PlainValues.string(container, "image"))
                .allMatch(ImageInfos::validReference);
    }

    /**
     * True for a reference as the distribution project's parser takes it: its grammar, a name of at most 255
     * characters, and a digest of an algorithm go-digest knows, at its exact length.
     */
    private static boolean validReference(String image) {
        if (!REFERENCE.matcher(image).matches()) {
            return false;
        }
        // Kyverno parses the reference with its default registry in front
        Map<String, Object> info = info(image);
        return info != null && (info.get("registry") + "/" + info.get("path")).length() <= MAX_NAME;
    }

    private static Map<String, Object> podSpec(Map<String, Object> resource) {
        String kind = PlainValues.string(resource, "kind");
        Object spec = switch (kind) {
            case "Pod" -> PlainValues.at(resource, "spec");
            case "CronJob" -> PlainValues.at(resource, "spec", "jobTemplate", "spec", "template", "spec");
            default -> PlainValues.at(resource, "spec", "template", "spec");
        };
        return spec instanceof Map<?, ?> ? PlainValues.map(spec) : null;
    }

    /** Kyverno's GetImageInfo, or null for an image reference it would not parse. */
    static Map<String, Object> info(String image) {
        String full = withDefaultRegistry(image);
        String rest = full;
        String digest = "";
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = rest.substring(at + 1);
            rest = rest.substring(0, at);
        }
        String tag = "";
        int colon = rest.lastIndexOf(':');
        if (colon > rest.lastIndexOf('/')) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
        }
        int slash = rest.indexOf('/');
        if (slash <= 0 || slash == rest.length() - 1 || !rest.substring(slash + 1).equals(
                rest.substring(slash + 1).toLowerCase(java.util.Locale.ROOT))) {
            return null;
        }
        String registry = rest.substring(0, slash);
        String path = rest.substring(slash + 1);
        String name = path.substring(path.lastIndexOf('/') + 1);
        if (digest.isEmpty() && tag.isEmpty()) {
            tag = "latest";
        }
        String referenceWithTag = registry + "/" + path + ":" + tag;
        String reference = registry + "/" + path + (digest.isEmpty() ? ":" + tag : "@" + digest);
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("registry", registry);
        info.put("name", name);
        info.put("path", path);
        if (!tag.isEmpty()) {
            info.put("tag", tag);
        }
        if (!digest.isEmpty()) {
            info.put("digest", digest);
        }
        info.put("reference", reference);
        info.put("referenceWithTag", referenceWithTag);
        return info;
    }

    private static String withDefaultRegistry(String image) {
        int i = image.indexOf('/');
        if (i == -1) {
            return DEFAULT_REGISTRY + "/" + image;
        }
        String first = image.substring(0, i);
        boolean domain = first.contains(".") || first.contains(":") || first.equals("localhost")
                || !first.equals(first.toLowerCase(java.util.Locale.ROOT));
        return domain ? image : DEFAULT_REGISTRY + "/" + image;
    }
}
