package dev.guidepost.core.internal.engine;

import java.util.List;
import java.util.Optional;
import java.util.function.ToIntFunction;

import dev.guidepost.core.Manifest;
import dev.guidepost.core.Outcome;
import dev.guidepost.core.internal.match.PodControllers;

/**
 * Where in a manifest a failed rule's field is: the line of the field its message names (in a controller's pod
 * template for a Pod rule, counted in the manifest's own list entries when the pack's mutations added or removed
 * some), and a note when the message's path counts entries the manifest does not have.
 *
 * @param line the field's line, 0 when none is known or it is the object's own
 * @param note what to know about the message's path, or empty
 */
public record ViolationLocation(int line, String note) {

    private static final ViolationLocation NONE = new ViolationLocation(0, "");

    /**
     * The location of a failed rule's field.
     *
     * @param podRule               whether the policy is about Pods
     * @param podPolicyOnController whether it is a Pod policy checking a pod controller
     * @param podTemplate           where the controller keeps the Pods the verdict is about (the Pods it creates,
     *                              when Kyverno makes no rules for it), or empty
     * @param lineOf                the line of a path in the manifest's document (0 when unknown)
     */
    public static ViolationLocation of(RuleResponse rule, Manifest manifest, PreparedRequest request,
            boolean podRule, boolean podPolicyOnController, List<String> podTemplate,
            ToIntFunction<List<Object>> lineOf) {
        if (rule.outcome() != Outcome.FAIL) {
            return NONE;
        }
        int objectLine = manifest.location().line();
        int line = podTemplate.isEmpty()
                ? ViolationPaths.fieldLine(rule.message(), rule.element(), manifest.object(), objectLine, lineOf,
                        podPolicyOnController, podRule)
                : ViolationPaths.fieldLineBelow(podTemplate, rule.message(), rule.element(), objectLine, lineOf);
        // a Pod rule on a controller that names no field: its pod spec is where the fix goes
        Optional<List<String>> podSpec = podRule && !manifest.kind().equals("Pod")
                ? PodControllers.podSpecPath(manifest.kind()) : Optional.empty();
        if (line == 0 && podSpec.isPresent()) {
            line = ViolationPaths.lineOf(List.copyOf(podSpec.get()), objectLine, lineOf);
        }
        // the pack's mutations added or removed list entries: the message counts them, the manifest does not
        // a verdict on the controller's Pods names the Pod's path: below the template in the controller's objects
        List<Object> element = rule.element().isEmpty() && !podTemplate.isEmpty() ? List.copyOf(podTemplate)
                : rule.element();
        Optional<ViolationPaths.InManifest> moved = request.beforeMutations().flatMap(decoded -> ViolationPaths
                .inManifest(rule.message(), element, decoded, request.request().object()));
        if (moved.isEmpty()) {
            return new ViolationLocation(line, "");
        }
        String where = moved.get().slashed();
        return new ViolationLocation(ViolationPaths.lineOf(moved.get().path(), objectLine, lineOf), switch (moved.get()
                .kind()) {
            case ADDED -> " [the path leads into an entry the pack's mutate rules add, which the manifest does not "
                    + "have (its list: " + where + ")]";
            case UNMATCHED -> " [the path counts the entries of " + where + " as the pack's mutate rules leave them, "
                    + "and they change this one; the line is the list's]";
            case MOVED -> " [the path counts entries as the pack's mutate rules leave them; in the manifest it is "
                    + where + "]";
        });
    }
}
