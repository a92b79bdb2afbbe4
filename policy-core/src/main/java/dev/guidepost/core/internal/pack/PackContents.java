package dev.guidepost.core.internal.pack;

import java.util.List;

import dev.guidepost.core.Policy;

/** What a pack folder, file or jar holds. */
public record PackContents(String name, String version, String description, List<Policy> policies, String source,
        List<String> warnings) {
}
