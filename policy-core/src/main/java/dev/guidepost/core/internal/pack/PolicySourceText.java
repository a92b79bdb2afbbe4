package dev.guidepost.core.internal.pack;

import dev.guidepost.core.internal.yaml.YamlDocument;

/**
 * The text a policy was read from: its YAML document and where that starts in its file. A pack keeps it so that an
 * error found later (an expression that does not compile) names the line of the text that was read, even when the
 * file has changed since, or was a jar entry or a string.
 *
 * @param text       the document's text
 * @param lineOffset how many lines of the file come before it
 */
public record PolicySourceText(String text, int lineOffset) {

    static PolicySourceText of(YamlDocument document) {
        return new PolicySourceText(document.text(), document.lineOffset());
    }
}
