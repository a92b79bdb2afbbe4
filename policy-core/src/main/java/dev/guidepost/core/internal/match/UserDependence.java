package dev.guidepost.core.internal.match;

import java.util.regex.Pattern;

import dev.guidepost.core.internal.yaml.PlainValues;

/**
 * Whether a policy's rules read who sends the request: {@code request.userInfo} in JMESPath or CEL, the roles
 * Kyverno finds bound to the user ({@code request.roles}, {@code request.clusterRoles}), or Kyverno's
 * {@code {{serviceAccountName}}} and {@code {{serviceAccountNamespace}}} variables. A check of manifests does not
 * know who will apply them, so such a rule's outcome is no verdict there.
 */
public final class UserDependence {

    private static final Pattern USER = Pattern.compile(
            "\\brequest\\.(userInfo|roles|clusterRoles)\\b|\\{\\{-?\\s*service[Aa]ccount(Name|Namespace)\\s*-?}}");

    private UserDependence() {
    }

    /** True when a text of the document reads the requesting user. */
    public static boolean readsRequestUser(Object document) {
        return PlainValues.anyString(document, text -> USER.matcher(text).find());
    }
}
