package dev.guidepost.core.internal.pack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import dev.guidepost.core.Policy;
import dev.guidepost.core.SourceLocation;
import dev.guidepost.core.internal.yaml.SourceName;
import dev.guidepost.core.internal.yaml.YamlDocument;
import dev.guidepost.core.internal.yaml.YamlDocuments;

/** Finds the line of a field inside a policy's file, for error messages that point at the exact place. */
public final class PolicyLocator {

    private PolicyLocator() {
    }

    /**
     * The location of the field at {@code path} in the policy's document, read from the text the policy was read
     * from when there is one, else from its file; the policy's own location when neither has the document.
     */
    public static SourceLocation locate(Policy policy, List<Object> path, Optional<PolicySourceText> text) {
        SourceLocation source = policy.source();
        try {
            if (text.isPresent()) {
                for (YamlDocument doc : YamlDocuments.parse(text.get().text(), source.file())) {
                    int offset = text.get().lineOffset();
                    if (doc.problem() == null && doc.line() + offset == source.line()) {
                        return SourceLocation.of(source.file(), doc.lineOf(path) + offset);
                    }
                }
                return source;
            }
            Path file = SourceName.open(source.file());
            if (!Files.isRegularFile(file)) {
                return source;
            }
            for (YamlDocument doc : YamlDocuments.read(file)) {
                if (doc.problem() == null && doc.line() == source.line()) {
                    return SourceLocation.of(source.file(), doc.lineOf(path));
                }
            }
        } catch (RuntimeException e) {
            // an unusual file system: keep the policy's own location
        }
        return source;
    }
}
