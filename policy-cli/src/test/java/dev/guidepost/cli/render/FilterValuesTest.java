package dev.guidepost.cli.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import dev.guidepost.core.PolicyPack;

class FilterValuesTest {

    @Test
    void namesThePacksCategoriesAndKindsOnceEachSorted() {
        PolicyPack pack = PolicyPack.load(Path.of(System.getProperty("guidepost.samples", "../samples"), "pack"));

        assertThat(FilterValues.describe(pack)).isEqualTo("Categories in this pack: " + String.join(", ",
                pack.categories()) + ". Kinds its policies select: " + String.join(", ", pack.kinds()))
                .contains("Data").contains("StatefulSet");
    }
}
