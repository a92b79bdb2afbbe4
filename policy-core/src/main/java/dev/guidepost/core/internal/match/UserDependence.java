package dev.guidepost.core.internal.match;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Whether a policy's rules read who sends the request: {@code request.userInfo} in JMESPath or CEL, or Kyverno's
 * {@code {{serviceAccountName}}} and {@code {{serviceAccountNamespace}}} variables. A check of manifests does not
 * know who will apply them, so such a rule's outcome is no verdict there.
 */
public final class UserDependence {

    private static final Pattern USER = Pattern.compile(
            "\\brequest\\.userInfo\\b|\\{\\{-?\\s*service[Aa]ccount(Name|Namespace)\\s*-?}}");

    private UserDependence() {
    }

    /** True when a text of the document reads the requesting user. */
    public static boolean readsRequestUser(Object document) {
        if (document instanceof Map<?, ?> map) {
            for (Object value : map.values()) {
                if (readsRequestUser(value)) {
                    return true;
                }
            }
        } else if (document instanceof List<?> list) {
            for (Object item : list) {
                if (readsRequestUser(item)) {
                    return true;
                }
            }
        } else if (document instanceof String text) {
            return USER.matcher(text).find();
        }
        return false;
    }
}
