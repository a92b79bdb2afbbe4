package dev.guidepost.core;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/** A null argument to the public API is refused at the door, naming the parameter, not deep inside. */
class NullArgumentsTest {

    private static final PolicyPack PACK = PolicyPack.load(Path.of("../samples/pack"));

    @Test
    void entryPointsNameTheNullParameter() {
        assertThatThrownBy(() -> PolicyEngine.of(PACK).applicablePolicies(null)).hasMessage("manifest");
        assertThatThrownBy(() -> PolicyPack.of("team", "1", "", null)).hasMessage("policies");
        assertThatThrownBy(() -> PolicyPack.of(null, "1", "", List.of())).hasMessage("name");
        assertThatThrownBy(() -> PolicyEngine.of(null)).hasMessage("pack");
        assertThatThrownBy(() -> Manifests.of(null)).hasMessage("manifests");
        assertThatThrownBy(() -> Manifests.of(List.of(), null)).hasMessage("problems");
        assertThatThrownBy(() -> Manifests.load((Path[]) null)).hasMessage("paths");
        assertThatThrownBy(() -> Manifests.load((List<Path>) null)).hasMessage("paths");
        assertThatThrownBy(() -> KnowledgeBase.builder(PACK).lexicalOnly().build().rankAll(null))
                .hasMessage("query");
        assertThatThrownBy(() -> KyvernoTests.run(null)).hasMessage("folders");
        assertThatThrownBy(() -> KyvernoEmitter.forPack(PACK).emit().writeTo(null)).hasMessage("folder");
    }
}
