package dev.guidepost.junit;

/**
 * Guidepost is set up wrongly for a test: the pack cannot be loaded, a path does not exist, or an assertion that
 * needs a pack runs outside a {@link GuidepostTest} class. The message says what is wrong and what to do.
 */
public class GuidepostConfigurationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** A problem at the caller's line: the stack trace shows where the test asked. */
    public GuidepostConfigurationException(String message) {
        super(message);
    }

    /**
     * A problem in the user's files that the message fully describes (with file and line): no stack trace, so a
     * failing class shows the message and nothing else.
     */
    static GuidepostConfigurationException withoutTrace(String message) {
        return new GuidepostConfigurationException(message, false);
    }

    private GuidepostConfigurationException(String message, boolean writableStackTrace) {
        super(message, null, false, writableStackTrace);
    }
}
