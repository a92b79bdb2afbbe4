package dev.guidepost.core.internal.match;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import dev.guidepost.core.internal.yaml.PlainValues;

/**
 * Whether a policy's rules read who sends the request: {@code request.userInfo} in JMESPath or CEL, the roles
 * Kyverno finds bound to the user ({@code request.roles}, {@code request.clusterRoles}), or Kyverno's
 * {@code {{serviceAccountName}}} and {@code {{serviceAccountNamespace}}} variables; or whose {@code match} selects
 * requests by user ({@code subjects}, {@code roles}, {@code clusterRoles}), which at admission makes the rule apply
 * only to those users. A check of manifests does not know who will apply them, so such a rule's outcome is no
 * verdict there. (Kyverno's CLI and background scans drop the user criteria of a match when the request names no
 * user; {@code guidepost test} does too.)
 */
public final class UserDependence {

    private static final Pattern USER = Pattern.compile(
            "\\brequest\\.(userInfo|roles|clusterRoles)\\b|\\{\\{-?\\s*service[Aa]ccount(Name|Namespace)\\s*-?}}");

    /** The user criteria of a match block. */
    private static final List<String> USER_CRITERIA = List.of("subjects", "roles", "clusterRoles");

    private UserDependence() {
    }

    /** True when a text of the document reads the requesting user. */
    public static boolean readsRequestUser(Object document) {
        return PlainValues.anyString(document, text -> USER.matcher(text).find());
    }

    /**
     * True when a ClusterPolicy rule reads the requesting user or its {@code match} holds only for some users:
     * every block of {@code match.any}, some block of {@code match.all}, or the older single block names users.
     * A rule whose {@code match.any} also has a block without users applies to everyone that block selects, so its
     * verdict stands. A user {@code exclude} leaves the rule in force for the users it does not name, whom a check
     * stands for.
     */
    public static boolean dependsOnRequestUser(Object rule) {
        if (readsRequestUser(rule)) {
            return true;
        }
        Map<String, Object> match = PlainValues.map(rule, "match");
        List<Object> any = PlainValues.list(match, "any");
        List<Object> all = PlainValues.list(match, "all");
        return namesUsers(match) || (!any.isEmpty() && any.stream().allMatch(UserDependence::namesUsers))
                || all.stream().anyMatch(UserDependence::namesUsers);
    }

    private static boolean namesUsers(Object block) {
        return USER_CRITERIA.stream().anyMatch(key -> !PlainValues.list(block, key).isEmpty());
    }
}
