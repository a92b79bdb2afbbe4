package dev.guidepost.core;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the repository's sample pack and the shared reference material are, seen from a module's tests. */
final class SamplePack {

    private SamplePack() {
    }

    /** The repository root (the module's parent folder). */
    static Path repositoryRoot() {
        Path module = Path.of("").toAbsolutePath();
        return Files.isDirectory(module.resolve("samples")) ? module : module.getParent();
    }

    /** {@code samples/pack}. */
    static Path folder() {
        return repositoryRoot().resolve("samples/pack");
    }

    /** The sample pack, loaded. */
    static PolicyPack load() {
        return PolicyPack.load(folder());
    }

    /** {@code ../shared/kyverno-crds} beside the repository (absent in a fresh clone). */
    static Path kyvernoCrds() {
        return repositoryRoot().resolve("../shared/kyverno-crds").normalize();
    }
}
