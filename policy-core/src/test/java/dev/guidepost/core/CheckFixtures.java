package dev.guidepost.core;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

/** The pack, manifests and baseline under {@code src/test/resources/checks}, checked once. */
final class CheckFixtures {

    static final Path ROOT = root();
    static final PolicyPack PACK = PolicyPack.load(ROOT.resolve("pack"));
    static final PolicyEngine ENGINE = PolicyEngine.of(PACK);

    private CheckFixtures() {
    }

    /** Checks {@code manifests/} (and {@code broken/} when asked) against the fixture pack. */
    static Report check(boolean withBroken) {
        List<Path> paths = withBroken ? List.of(ROOT.resolve("manifests"), ROOT.resolve("broken"))
                : List.of(ROOT.resolve("manifests"));
        return ENGINE.check(Manifests.load(paths));
    }

    /** Options with paths relative to the fixture folder and the pack's policies. */
    static ReportOptions options() {
        return ReportOptions.defaults().withBaseDir(ROOT).withPolicies(PACK.policies()).withToolVersion("1.2.3");
    }

    private static Path root() {
        try {
            return Path.of(CheckFixtures.class.getResource("/checks/pack/pack.yaml").toURI()).getParent()
                    .getParent().toAbsolutePath();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
