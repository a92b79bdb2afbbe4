package dev.guidepost.core.internal.match;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who sends an admission request: the user and groups Kubernetes authenticated, plus the roles and cluster roles
 * Kyverno resolves for them.
 */
public record UserInfo(String username, String uid, List<String> groups, Map<String, List<String>> extra,
        List<String> roles, List<String> clusterRoles) {

    /** Nobody: an empty user, as the Kyverno CLI uses when no user is given. */
    public static final UserInfo NONE = new UserInfo("", "", List.of(), Map.of(), List.of(), List.of());

    public UserInfo {
        username = username == null ? "" : username;
        uid = uid == null ? "" : uid;
        groups = List.copyOf(groups);
        extra = Map.copyOf(extra);
        roles = List.copyOf(roles);
        clusterRoles = List.copyOf(clusterRoles);
    }

    /**
     * The {@code userInfo} object of an admission request. As in Kubernetes (authentication/v1 UserInfo, whose
     * fields are all {@code omitempty}), empty fields are left out, so {@code has(request.userInfo.username)} is
     * false for an anonymous request.
     */
    public Map<String, Object> toRequestValue() {
        Map<String, Object> out = new LinkedHashMap<>();
        if (!username.isEmpty()) {
            out.put("username", username);
        }
        if (!uid.isEmpty()) {
            out.put("uid", uid);
        }
        if (!groups.isEmpty()) {
            out.put("groups", groups);
        }
        if (!extra.isEmpty()) {
            out.put("extra", extra);
        }
        return out;
    }
}
