package dev.guidepost.core.internal.match;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import dev.guidepost.core.internal.yaml.PlainValues;

/**
 * Whether a policy's verdict depends on what is known of a namespace only in the cluster: its labels (a
 * {@code namespaceSelector} in the match rules, not in the exclusions) or the Namespace object its CEL reads
 * ({@code namespaceObject}). Such a policy cannot be judged for a manifest whose namespace is not among the
 * manifests checked, so a check must say so rather than report the manifest compliant or in violation. The name of
 * a namespace is always known: a selector on {@code kubernetes.io/metadata.name} alone, or CEL reading only
 * {@code namespaceObject.metadata.name}, does not count.
 */
public final class NamespaceSelection {

    /** The label Kubernetes puts on every namespace, holding its name. */
    static final String NAME_LABEL = "kubernetes.io/metadata.name";

    /** {@code namespaceObject} read for anything but its name. */
    private static final Pattern NAMESPACE_OBJECT = Pattern.compile("\\bnamespaceObject\\b");
    private static final Pattern NAMESPACE_NAME =
            Pattern.compile("\\bnamespaceObject\\s*\\.\\s*\\??metadata\\s*\\.\\s*\\??name\\b");

    private NamespaceSelection() {
    }

    /** True when a {@code namespaceSelector} in the document's match rules tests a label other than the name. */
    public static boolean byLabels(Object document) {
        return MatchSections.valuesOf(document, "namespaceSelector").stream()
                .anyMatch(selector -> selector instanceof Map<?, ?> map && testsUnknownLabels(map));
    }

    /** True when a text of the document reads {@code namespaceObject} for more than its name. */
    public static boolean readsNamespaceObject(Object document) {
        return PlainValues.anyString(document, text -> text.contains("namespaceObject")
                && NAMESPACE_OBJECT.matcher(NAMESPACE_NAME.matcher(text).replaceAll("")).find());
    }

    private static boolean testsUnknownLabels(Map<?, ?> selector) {
        if (selector.get("matchLabels") instanceof Map<?, ?> labels) {
            for (Object key : labels.keySet()) {
                if (!NAME_LABEL.equals(String.valueOf(key))) {
                    return true;
                }
            }
        }
        if (selector.get("matchExpressions") instanceof List<?> expressions) {
            for (Object expression : expressions) {
                if (!(expression instanceof Map<?, ?> e) || !NAME_LABEL.equals(String.valueOf(e.get("key")))) {
                    return true;
                }
            }
        }
        return false;
    }
}
