package dev.guidepost.core.internal.pack;

import java.util.List;

import dev.guidepost.core.GuidepostException;

/**
 * Several problems of one pack as one error: the first one, with its file and line, then the others a line each,
 * so a user fixes them all in one round instead of meeting them one run at a time.
 */
public final class PackProblems {

    private PackProblems() {
    }

    /** The one problem as it is, or the first with the others listed after it. */
    public static GuidepostException of(List<GuidepostException> problems) {
        GuidepostException first = problems.get(0);
        if (problems.size() == 1) {
            return first;
        }
        StringBuilder message = new StringBuilder(withoutLocation(first));
        message.append("\nand ").append(problems.size() - 1).append(problems.size() == 2 ? " more problem" : " more "
                + "problems").append(" in the pack:");
        for (GuidepostException other : problems.subList(1, problems.size())) {
            message.append("\n  ").append(other.getMessage().replace("\n", "\n    "));
        }
        return new GuidepostException(message.toString(), problems);
    }

    private static String withoutLocation(GuidepostException problem) {
        String message = problem.getMessage();
        String prefix = problem.location().map(l -> l + ": ").orElse("");
        return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }
}
