package dev.guidepost.core.internal.match;

import java.util.List;
import java.util.Map;

import dev.guidepost.core.internal.yaml.PlainValues;

/**
 * Kyverno ClusterPolicy {@code match} and {@code exclude} blocks: {@code any} (one filter suffices), {@code all}
 * (every filter) or the flat form; each filter combines resource criteria (kinds, names, namespaces, annotations,
 * selectors, operations) and user criteria (roles, cluster roles, subjects). An empty filter never matches.
 */
public final class ResourceFilters {

    private ResourceFilters() {
    }

    /** What a filter is tested against. */
    public record Subject(String group, String version, String kind, String subresource, String name,
            String namespace, Map<String, String> labels, Map<String, String> annotations, String operation,
            Map<String, String> namespaceLabels, UserInfo user, boolean userKnown) {
    }

    /** True when the rule's {@code match} block selects the subject. */
    public static boolean matches(Object match, Subject subject) {
        List<Object> any = PlainValues.list(match, "any");
        List<Object> all = PlainValues.list(match, "all");
        if (!any.isEmpty()) {
            for (Object filter : any) {
                if (filterMatches(filter, subject, true)) {
                    return true;
                }
            }
            return false;
        }
        if (!all.isEmpty()) {
            for (Object filter : all) {
                if (!filterMatches(filter, subject, true)) {
                    return false;
                }
            }
            return true;
        }
        return filterMatches(match, subject, true);
    }

    /** True when the {@code match} block, or one of its {@code any} or {@code all} filters, names users. */
    public static boolean namesUsers(Object match) {
        return !userCriteria(match).isEmpty() || PlainValues.list(match, "any").stream()
                .anyMatch(f -> !userCriteria(f).isEmpty()) || PlainValues.list(match, "all").stream()
                .anyMatch(f -> !userCriteria(f).isEmpty());
    }

    /**
     * True when the {@code match} block selects the subject through filters that name no users: one such
     * {@code any} filter, every {@code all} filter being one, or the flat form without user criteria. The cluster
     * then applies the rule to every user.
     */
    public static boolean matchesWithoutUserBlocks(Object match, Subject subject) {
        List<Object> any = PlainValues.list(match, "any");
        List<Object> all = PlainValues.list(match, "all");
        if (!any.isEmpty()) {
            return any.stream().anyMatch(f -> userCriteria(f).isEmpty() && filterMatches(f, subject, true));
        }
        if (!all.isEmpty()) {
            return all.stream().allMatch(f -> userCriteria(f).isEmpty() && filterMatches(f, subject, true));
        }
        return userCriteria(match).isEmpty() && filterMatches(match, subject, true);
    }

    /** True when the rule's {@code exclude} block excludes the subject. */
    public static boolean excludes(Object exclude, Subject subject) {
        List<Object> any = PlainValues.list(exclude, "any");
        List<Object> all = PlainValues.list(exclude, "all");
        if (!any.isEmpty()) {
            for (Object filter : any) {
                if (!isEmptyFilter(filter) && filterMatches(filter, subject, false)) {
                    return true;
                }
            }
            return false;
        }
        if (!all.isEmpty()) {
            for (Object filter : all) {
                if (isEmptyFilter(filter) || !filterMatches(filter, subject, false)) {
                    return false;
                }
            }
            return true;
        }
        return !isEmptyFilter(exclude) && filterMatches(exclude, subject, false);
    }

    private static boolean isEmptyFilter(Object filter) {
        return PlainValues.map(filter, "resources").isEmpty() && userCriteria(filter).isEmpty();
    }

    private static Map<String, Object> userCriteria(Object filter) {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        for (String key : List.of("roles", "clusterRoles", "subjects")) {
            if (!PlainValues.list(filter, key).isEmpty()) {
                out.put(key, PlainValues.list(filter, key));
            }
        }
        return out;
    }

    private static boolean filterMatches(Object filter, Subject subject, boolean inMatch) {
        Map<String, Object> resources = PlainValues.map(filter, "resources");
        Map<String, Object> user = userCriteria(filter);
        if (inMatch && !subject.userKnown()) {
            user = Map.of(); // the Kyverno CLI drops user criteria from match when no user is given
        }
        if (resources.isEmpty() && user.isEmpty()) {
            return false;
        }
        return resourcesMatch(resources, subject) && userMatches(user, subject);
    }

    private static boolean resourcesMatch(Map<String, Object> r, Subject s) {
        List<String> kinds = PlainValues.strings(r, "kinds");
        if (!kinds.isEmpty() && kinds.stream().map(KindSelector::parse)
                .noneMatch(k -> k.matches(s.group(), s.version(), s.kind(), s.subresource()))) {
            return false;
        }
        String name = PlainValues.string(r, "name");
        if (!name.isEmpty() && !Wildcard.matches(name, s.name())) {
            return false;
        }
        List<String> names = PlainValues.strings(r, "names");
        if (!names.isEmpty() && names.stream().noneMatch(n -> Wildcard.matches(n, s.name()))) {
            return false;
        }
        List<String> namespaces = PlainValues.strings(r, "namespaces");
        String namespace = s.kind().equals("Namespace") ? s.name() : s.namespace();
        if (!namespaces.isEmpty() && namespaces.stream().noneMatch(n -> Wildcard.matches(n, namespace))) {
            return false;
        }
        List<String> operations = PlainValues.strings(r, "operations");
        if (!operations.isEmpty() && !operations.contains(s.operation())) {
            return false;
        }
        Map<String, Object> annotations = PlainValues.map(r, "annotations");
        for (Map.Entry<String, Object> e : annotations.entrySet()) {
            boolean found = s.annotations().entrySet().stream().anyMatch(a -> Wildcard.matches(e.getKey(), a.getKey())
                    && Wildcard.matches(String.valueOf(e.getValue()), a.getValue()));
            if (!found) {
                return false;
            }
        }
        if (r.get("selector") instanceof Map<?, ?> selector && !wildcardSelector(selector, s.labels())) {
            return false;
        }
        if (r.get("namespaceSelector") instanceof Map<?, ?> selector && !s.kind().equals("Namespace")
                && !wildcardSelector(selector, s.namespaceLabels())) {
            return false;
        }
        return true;
    }

    /** A label selector whose {@code matchLabels} may use wildcards, as Kyverno allows. */
    private static boolean wildcardSelector(Map<?, ?> selector, Map<String, String> labels) {
        Map<String, Object> matchLabels = PlainValues.map(selector, "matchLabels");
        for (Map.Entry<String, Object> e : matchLabels.entrySet()) {
            String pattern = String.valueOf(e.getValue());
            boolean found = labels.entrySet().stream().anyMatch(l -> Wildcard.matches(e.getKey(), l.getKey())
                    && Wildcard.matches(pattern, l.getValue()));
            if (!found) {
                return false;
            }
        }
        Map<String, Object> rest = new java.util.LinkedHashMap<>();
        rest.put("matchExpressions", PlainValues.list(selector, "matchExpressions"));
        return LabelSelector.of(rest).matches(labels);
    }

    private static boolean userMatches(Map<String, Object> user, Subject s) {
        List<String> roles = PlainValues.strings(user, "roles");
        if (!roles.isEmpty() && roles.stream().noneMatch(s.user().roles()::contains)) {
            return false;
        }
        List<String> clusterRoles = PlainValues.strings(user, "clusterRoles");
        if (!clusterRoles.isEmpty() && clusterRoles.stream().noneMatch(s.user().clusterRoles()::contains)) {
            return false;
        }
        List<Object> subjects = PlainValues.list(user, "subjects");
        if (!subjects.isEmpty() && subjects.stream().noneMatch(subject -> subjectMatches(subject, s.user()))) {
            return false;
        }
        return true;
    }

    private static boolean subjectMatches(Object subject, UserInfo user) {
        String kind = PlainValues.string(subject, "kind");
        String name = PlainValues.string(subject, "name");
        switch (kind) {
            case "ServiceAccount":
                return user.username().equals("system:serviceaccount:" + PlainValues.string(subject, "namespace")
                        + ":" + name);
            case "User":
                return Wildcard.matches(name, user.username());
            case "Group":
                return user.groups().stream().anyMatch(g -> Wildcard.matches(name, g));
            default:
                return false;
        }
    }
}
