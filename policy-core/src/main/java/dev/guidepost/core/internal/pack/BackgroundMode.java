package dev.guidepost.core.internal.pack;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.guidepost.core.internal.jmespath.Variables;
import dev.guidepost.core.internal.json.Json;
import dev.guidepost.core.internal.yaml.PlainValues;

/**
 * Kyverno's validation of a ClusterPolicy (or Policy) in background mode, on unless {@code spec.background} is
 * false: a background scan has no admission request, so a rule may neither match nor exclude by who sends the
 * request ({@code roles}, {@code clusterRoles}, {@code subjects}) nor read it in a variable
 * ({@code request.userInfo}, {@code serviceAccountName}, ...). Kyverno refuses such a policy, and its CLI skips it
 * in tests.
 */
public final class BackgroundMode {

    /** The variables Kyverno forbids in background mode; a name right after a dot is an object's field instead. */
    private static final List<Pattern> FORBIDDEN = List.of(
            Pattern.compile("[^.](serviceAccountName)\\b"),
            Pattern.compile("[^.](serviceAccountNamespace)\\b"),
            Pattern.compile("[^.](request.userInfo)\\b"),
            Pattern.compile("[^.](request.roles)\\b"),
            Pattern.compile("[^.](request.clusterRoles)\\b"));

    private static final List<String> USER_FIELDS = List.of("roles", "clusterRoles", "subjects");

    private BackgroundMode() {
    }

    /** Why Kyverno refuses the policy (its words), or empty when it accepts it or background mode is off. */
    public static Optional<String> problem(Map<String, Object> policy) {
        Map<String, Object> spec = PlainValues.map(policy, "spec");
        if (Boolean.FALSE.equals(spec.get("background"))) {
            return Optional.empty();
        }
        List<Object> rules = PlainValues.list(spec, "rules");
        for (int i = 0; i < rules.size(); i++) {
            for (String block : List.of("match", "exclude")) {
                Optional<String> path = userInfoPath(PlainValues.map(rules.get(i), block));
                if (path.isPresent()) {
                    return Optional.of(refusal("invalid variable used at path: spec/rules[" + i + "]/" + block + "/"
                            + path.get()));
                }
            }
        }
        boolean mutatesExisting = rules.stream().anyMatch(r -> !PlainValues.list(r, "mutate", "targets").isEmpty());
        if (mutatesExisting) {
            return Optional.empty();
        }
        for (String variable : Variables.variablesIn(Json.canonical(policy))) {
            if (FORBIDDEN.stream().anyMatch(p -> p.matcher(variable).find())) {
                return Optional.of(refusal("variable " + variable + " is not allowed"));
            }
        }
        return Optional.empty();
    }

    private static String refusal(String why) {
        return "only select variables are allowed in background mode. Set spec.background=false to disable "
                + "background mode for this policy rule: " + why;
    }

    /** Where a match or exclude block names who sends the request, as Kyverno's path, or empty. */
    private static Optional<String> userInfoPath(Map<String, Object> block) {
        Optional<String> top = userInfoField(block);
        if (top.isPresent()) {
            return top;
        }
        for (String list : List.of("any", "all")) {
            List<Object> filters = PlainValues.list(block, list);
            for (int i = 0; i < filters.size(); i++) {
                Optional<String> field = userInfoField(PlainValues.map(filters.get(i)));
                if (field.isPresent()) {
                    return Optional.of(list + "[" + i + "]/" + field.get());
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> userInfoField(Map<String, Object> filter) {
        return USER_FIELDS.stream().filter(f -> !PlainValues.list(filter, f).isEmpty()).findFirst();
    }
}
