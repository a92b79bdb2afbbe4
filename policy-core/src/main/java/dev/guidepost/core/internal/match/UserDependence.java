package dev.guidepost.core.internal.match;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import dev.guidepost.core.internal.yaml.PlainValues;

/**
 * Whether a policy's rules decide by who sends the request: {@code request.userInfo} in JMESPath or CEL, the roles
 * Kyverno finds bound to the user ({@code request.roles}, {@code request.clusterRoles}), or Kyverno's
 * {@code {{serviceAccountName}}} and {@code {{serviceAccountNamespace}}} variables, anywhere but in the messages
 * (a message naming the user changes no verdict). A check of manifests does not know who will apply them, so such a
 * rule's outcome is no verdict there. (Match blocks that name users are judged per request:
 * {@link ResourceFilters#matchesWithoutUserBlocks}.)
 */
public final class UserDependence {

    private static final Pattern USER = Pattern.compile(
            "\\brequest\\.(userInfo|roles|clusterRoles)\\b|\\{\\{-?\\s*service[Aa]ccount(Name|Namespace)\\s*-?}}");

    private UserDependence() {
    }

    /**
     * True when a text of the document (a ClusterPolicy rule, or a whole policy of another kind) reads the requesting
     * user outside the messages: a rule's {@code validate.message}, a validation's (a ValidatingPolicy's or a
     * {@code validate.cel} rule's) {@code message} and {@code messageExpression}, and audit annotations.
     */
    public static boolean readsRequestUser(Object document) {
        return PlainValues.anyString(withoutMessages(document), text -> USER.matcher(text).find());
    }

    private static Object withoutMessages(Object document) {
        if (!(document instanceof Map<?, ?>)) {
            return document;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> copy = (Map<String, Object>) PlainValues.mutableCopy(document);
        if (copy.get("validate") instanceof Map<?, ?> validate) {
            validate.remove("message");
            if (validate.get("cel") instanceof Map<?, ?> cel) {
                withoutMessages(cel, "expressions");
            }
        }
        if (copy.get("spec") instanceof Map<?, ?> spec) {
            withoutMessages(spec, "validations");
        }
        return copy;
    }

    /** Removes the audit annotations and the messages of each validation listed under {@code key}. */
    private static void withoutMessages(Map<?, ?> holder, String key) {
        holder.remove("auditAnnotations");
        if (holder.get(key) instanceof List<?> validations) {
            for (Object validation : validations) {
                if (validation instanceof Map<?, ?> v) {
                    v.remove("message");
                    v.remove("messageExpression");
                }
            }
        }
    }

}
