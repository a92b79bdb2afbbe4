package dev.guidepost.core.internal.pack;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.guidepost.core.GuidepostException;
import dev.guidepost.core.SourceLocation;
import dev.guidepost.core.internal.yaml.YamlDocument;

/** A YAML document being read as a policy, with helpers that locate errors at the offending field. */
final class PolicyDocument {

    private final YamlDocument document;
    private final Map<String, Object> root;
    private final Path folder;

    PolicyDocument(YamlDocument document, Map<String, Object> root, Path folder) {
        this.document = document;
        this.root = root;
        this.folder = folder;
    }

    Map<String, Object> root() {
        return root;
    }

    YamlDocument yaml() {
        return document;
    }

    /** The folder of the file, for resolving relative example paths (null for text read from elsewhere). */
    Path folder() {
        return folder;
    }

    SourceLocation location() {
        return new SourceLocation(document.source(), document.line(), document.column());
    }

    SourceLocation locationOf(Object... path) {
        return SourceLocation.of(document.source(), document.lineOf(List.of(path)));
    }

    GuidepostException error(String message, Object... path) {
        return new GuidepostException(locationOf(path), message);
    }
}
