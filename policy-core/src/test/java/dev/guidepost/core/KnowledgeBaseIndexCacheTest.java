package dev.guidepost.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.guidepost.core.internal.search.HashingEmbeddingModel;
import dev.guidepost.core.internal.search.MapEmbeddingStore;

class KnowledgeBaseIndexCacheTest {

    private static final int POLICIES = 6;

    @TempDir
    Path temp;

    private KnowledgeBase build(PolicyPack pack, HashingEmbeddingModel model, Path cache) {
        return KnowledgeBase.builder(pack).embeddingModel(model, "hashing").cacheDirectory(cache).classLoader(null)
                .build();
    }

    @Test
    void aWarmCacheEmbedsNothing() {
        PolicyPack pack = PolicyPack.load(KnowledgeBaseTest.FIXTURE_PACK);
        HashingEmbeddingModel first = new HashingEmbeddingModel();
        KnowledgeBase cold = build(pack, first, temp);
        HashingEmbeddingModel second = new HashingEmbeddingModel();
        KnowledgeBase warm = build(pack, second, temp);

        assertThat(first.embedded()).isGreaterThanOrEqualTo(POLICIES);
        assertThat(second.embedded()).isZero();
        assertThat(warm.indexSummary()).contains("0 embedded now");
        assertThat(warm.warnings()).isEmpty();
        assertThat(warm.rankAll("run as root")).isEqualTo(cold.rankAll("run as root"));
    }

    @Test
    void aChangedPolicyReEmbedsOnlyItsOwnViews() throws Exception {
        Path packDir = copyFixturePack();
        build(PolicyPack.load(packDir), new HashingEmbeddingModel(), temp);
        Path file = packDir.resolve("disallow-latest-tag.yaml");
        Files.writeString(file, Files.readString(file).replace("Disallow Latest Tag", "Forbid the Latest Tag"));

        HashingEmbeddingModel model = new HashingEmbeddingModel();
        KnowledgeBase kb = build(PolicyPack.load(packDir), model, temp);

        assertThat(model.texts()).isNotEmpty().allMatch(t -> t.contains("Forbid the Latest Tag")
                || t.contains("forbid"));
        assertThat(kb.search("forbid latest tag", 1).get(0).policy().id()).isEqualTo("disallow-latest-tag");
        HashingEmbeddingModel again = new HashingEmbeddingModel();
        build(PolicyPack.load(packDir), again, temp);
        assertThat(again.embedded()).isZero();
    }

    @Test
    void aCacheFolderThatCannotBeMadeIsAWarningSayingWhy() throws Exception {
        Path file = Files.writeString(temp.resolve("not-a-folder"), "x");
        KnowledgeBase kb = KnowledgeBase.builder(PolicyPack.load(KnowledgeBaseTest.FIXTURE_PACK))
                .embeddingModel(new HashingEmbeddingModel(), "hashing").cacheDirectory(file).classLoader(null).build();

        assertThat(kb.semantic()).isTrue();
        assertThat(kb.warnings()).singleElement().asString().startsWith("cannot write the search index cache "
                + file.resolve("")).endsWith(": " + file + ": a file is in the way");
    }

    @Test
    void aCorruptCacheIsRebuiltWithAWarning() throws Exception {
        PolicyPack pack = PolicyPack.load(KnowledgeBaseTest.FIXTURE_PACK);
        build(pack, new HashingEmbeddingModel(), temp);
        Path cacheFile;
        try (Stream<Path> files = Files.list(temp)) {
            cacheFile = files.filter(f -> f.toString().endsWith(".index.json")).findFirst().orElseThrow();
        }
        Files.writeString(cacheFile, "{\"entries\": [ this is not json");

        HashingEmbeddingModel model = new HashingEmbeddingModel();
        KnowledgeBase kb = build(pack, model, temp);

        assertThat(kb.warnings()).singleElement().asString().contains("unreadable", "rebuilding");
        assertThat(model.embedded()).isGreaterThanOrEqualTo(POLICIES);
        assertThat(kb.search("run as root", 1)).isNotEmpty();
        HashingEmbeddingModel after = new HashingEmbeddingModel();
        assertThat(build(pack, after, temp).warnings()).isEmpty();
        assertThat(after.embedded()).isZero();
    }

    @Test
    void aCacheEntryWithAVectorOfAnotherLengthIsIgnoredWithAWarningAndTheCacheWrittenAgain() throws Exception {
        PolicyPack pack = PolicyPack.load(KnowledgeBaseTest.FIXTURE_PACK);
        build(pack, new HashingEmbeddingModel(), temp);
        Path cacheFile;
        try (Stream<Path> files = Files.list(temp)) {
            cacheFile = files.filter(f -> f.toString().endsWith(".index.json")).findFirst().orElseThrow();
        }
        String json = Files.readString(cacheFile);
        int vector = json.indexOf("\"vector\"");
        int open = json.indexOf('[', vector);
        Files.writeString(cacheFile, json.substring(0, open) + "[1.0, 2.0]"
                + json.substring(json.indexOf(']', open) + 1));

        KnowledgeBase kb = build(pack, new HashingEmbeddingModel(), temp);

        assertThat(kb.warnings()).singleElement().asString().contains("ignoring an unusable search index");
        assertThat(kb.search("run as root", 1)).isNotEmpty();
        HashingEmbeddingModel after = new HashingEmbeddingModel();
        assertThat(build(pack, after, temp).warnings()).isEmpty();
        assertThat(after.embedded()).isZero();
    }

    @Test
    void aWrittenIndexOnTheClassPathSpareConsumersAnyEmbedding() throws Exception {
        PolicyPack pack = PolicyPack.load(KnowledgeBaseTest.FIXTURE_PACK);
        Path classes = temp.resolve("classes");
        Path written = build(pack, new HashingEmbeddingModel(), temp.resolve("cache"))
                .writeIndex(classes.resolve("META-INF/guidepost"));
        assertThat(written).exists().hasFileName("index.json");

        HashingEmbeddingModel model = new HashingEmbeddingModel();
        try (URLClassLoader jar = new URLClassLoader(new URL[] {classes.toUri().toURL()}, null)) {
            KnowledgeBase kb = KnowledgeBase.builder(pack).embeddingModel(model, "hashing").classLoader(jar).build();
            assertThat(model.embedded()).isZero();
            assertThat(kb.indexSummary()).matches(".* policy views: 0 from the store, (\\d+) from pack jars'"
                    + " index.json, 0 from the cache folder, 0 embedded now").doesNotContain(" 0 from pack jars");
        }
    }

    @Test
    void anIndexBuiltWithAnotherModelIsNamedInAWarningWhenThePackIsEmbeddedAgain() throws Exception {
        PolicyPack pack = PolicyPack.load(KnowledgeBaseTest.FIXTURE_PACK);
        Path classes = temp.resolve("classes");
        KnowledgeBase.builder(pack).embeddingModel(new HashingEmbeddingModel(), "other-model")
                .cacheDirectory(temp.resolve("cache")).classLoader(null).build()
                .writeIndex(classes.resolve("META-INF/guidepost"));

        HashingEmbeddingModel model = new HashingEmbeddingModel();
        try (URLClassLoader jar = new URLClassLoader(new URL[] {classes.toUri().toURL()}, null)) {
            KnowledgeBase kb = KnowledgeBase.builder(pack).embeddingModel(model, "hashing").classLoader(jar).build();

            assertThat(model.embedded()).isPositive();
            assertThat(kb.warnings()).singleElement().asString().startsWith("the pack jar's search index was built "
                    + "with other-model, not hashing, so ").contains("views were embedded now");
        }
    }

    @Test
    void aPackJarGivenByItsPathServesItsOwnIndexSoNothingIsEmbeddedAgain() throws Exception {
        PolicyPack source = PolicyPack.load(KnowledgeBaseTest.FIXTURE_PACK);
        Path index = build(source, new HashingEmbeddingModel(), temp.resolve("cache"))
                .writeIndex(temp.resolve("index"));
        Path jar = temp.resolve("pack.jar");
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(jar));
                Stream<Path> files = Files.list(KnowledgeBaseTest.FIXTURE_PACK)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                zip.putNextEntry(new java.util.zip.ZipEntry("META-INF/guidepost/fixture/" + file.getFileName()));
                zip.write(Files.readAllBytes(file));
            }
            zip.putNextEntry(new java.util.zip.ZipEntry("META-INF/guidepost/index.json"));
            zip.write(Files.readAllBytes(index));
        }

        HashingEmbeddingModel model = new HashingEmbeddingModel();
        KnowledgeBase kb = KnowledgeBase.builder(PolicyPack.load(jar)).embeddingModel(model, "hashing").build();

        assertThat(model.embedded()).isZero();
        assertThat(kb.indexSummary()).contains(" from pack jars' index.json, 0 from the cache folder, 0 embedded now")
                .doesNotContain(" 0 from pack jars");

        PolicyPack other = PolicyPack.load(Path.of("src/test/resources/packs/jar-pack/META-INF/guidepost"));
        HashingEmbeddingModel alone = new HashingEmbeddingModel();
        KnowledgeBase.builder(other).embeddingModel(alone, "hashing").classLoader(null).build();
        HashingEmbeddingModel combined = new HashingEmbeddingModel();
        KnowledgeBase.builder(PolicyPack.combine(List.of(PolicyPack.load(jar), other)))
                .embeddingModel(combined, "hashing").classLoader(null).build();
        assertThat(combined.embedded()).as("combined, the jar still serves its own views").isPositive()
                .isEqualTo(alone.embedded());
    }

    @Test
    void twoPacksOfOneNameKeepTheirOwnCacheInASharedCacheFolder() throws Exception {
        List<Path> copies = List.of(temp.resolve("team-a/pack"), temp.resolve("team-b/pack"));
        for (Path copy : copies) {
            Files.createDirectories(copy);
            try (Stream<Path> files = Files.list(KnowledgeBaseTest.FIXTURE_PACK)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Files.copy(file, copy.resolve(file.getFileName()));
                }
            }
        }
        Path edited = copies.get(1).resolve("disallow-latest-tag.yaml");
        Files.writeString(edited, Files.readString(edited).replace("title: Disallow", "title: Team B disallows"));
        Path cache = temp.resolve("shared-cache");
        for (Path copy : copies) {
            build(PolicyPack.load(copy), new HashingEmbeddingModel(), cache);
        }

        for (Path copy : copies) {
            HashingEmbeddingModel model = new HashingEmbeddingModel();
            build(PolicyPack.load(copy), model, cache);
            assertThat(model.embedded()).as(copy.toString()).isZero();
        }
        try (Stream<Path> files = Files.list(cache)) {
            assertThat(files.filter(f -> f.toString().endsWith(".index.json"))).hasSize(2);
        }
    }

    @Test
    void combinedPacksReuseTheirVectorsWhenOneOfThemIsReleasedAgain() throws Exception {
        Path search = copyFixturePack();
        Path nodePorts = Path.of("src/test/resources/packs/jar-pack/META-INF/guidepost");
        Path cache = temp.resolve("cache");
        build(PolicyPack.combine(List.of(PolicyPack.load(search), PolicyPack.load(nodePorts))),
                new HashingEmbeddingModel(), cache);
        Path nextRelease = temp.resolve("jar-pack-2.1.0");
        Files.createDirectories(nextRelease);
        Files.copy(nodePorts.resolve("no-node-ports.yaml"), nextRelease.resolve("no-node-ports.yaml"));
        Files.writeString(nextRelease.resolve("pack.yaml"), Files.readString(nodePorts.resolve("pack.yaml"))
                .replace("2.0.0", "2.1.0"));

        HashingEmbeddingModel model = new HashingEmbeddingModel();
        PolicyPack combined = PolicyPack.combine(List.of(PolicyPack.load(search), PolicyPack.load(nextRelease)));
        build(combined, model, cache);

        assertThat(combined.coordinates()).endsWith("+jar-pack@2.1.0");
        assertThat(model.embedded()).as("the earlier release's vectors are reused").isZero();
    }

    @Test
    void aCopyOfAPackReadFromAnotherPlaceUsesTheVectorsTheFirstCopyCachedAndThenHasItsOwnCache() throws Exception {
        Path first = copyFixturePack();
        Path second = temp.resolve("another-checkout/pack");
        Files.createDirectories(second);
        try (Stream<Path> files = Files.list(first)) {
            for (Path file : files.toList()) {
                Files.copy(file, second.resolve(file.getFileName()));
            }
        }
        Path cache = temp.resolve("cache");
        build(PolicyPack.load(first), new HashingEmbeddingModel(), cache);

        HashingEmbeddingModel model = new HashingEmbeddingModel();
        KnowledgeBase copy = build(PolicyPack.load(second), model, cache);

        assertThat(model.embedded()).isZero();
        assertThat(copy.indexSummary()).contains(POLICIES + " from the cache folder, 0 embedded now");
        try (Stream<Path> files = Files.list(cache)) {
            assertThat(files.filter(f -> f.toString().endsWith(".index.json"))).hasSize(2);
        }
    }

    @Test
    void theCacheAndTheIndexFileGetTheUmaskPermissionsOfAnyNewFile() throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"),
                "skipped: POSIX permissions are not supported here");
        Path cache = temp.resolve("cache");
        KnowledgeBase kb = build(PolicyPack.load(KnowledgeBaseTest.FIXTURE_PACK), new HashingEmbeddingModel(), cache);
        Path index = kb.writeIndex(temp.resolve("index"));
        Path reference = Files.writeString(temp.resolve("reference.txt"), "a new file, as the umask makes it");

        Set<PosixFilePermission> expected = Files.getPosixFilePermissions(reference);
        try (Stream<Path> files = Files.list(cache)) {
            List<Path> cached = files.toList();
            assertThat(cached).singleElement().satisfies(
                    file -> assertThat(Files.getPosixFilePermissions(file)).isEqualTo(expected));
        }
        assertThat(Files.getPosixFilePermissions(index)).isEqualTo(expected);
        try (Stream<Path> left = Files.list(temp.resolve("index"))) {
            assertThat(left).containsExactly(index);
        }
    }

    @Test
    void writingAnIndexWithoutSemanticSearchIsAClearError() {
        KnowledgeBase lexical = KnowledgeBase.builder(PolicyPack.load(KnowledgeBaseTest.FIXTURE_PACK)).lexicalOnly()
                .build();

        assertThatThrownBy(() -> lexical.writeIndex(temp)).isInstanceOf(GuidepostException.class)
                .hasMessageContaining("semantic search is off");
    }

    @Test
    void aSharedStoreIsFilledOnceAndServesEveryKnowledgeBase() {
        PolicyPack pack = PolicyPack.load(KnowledgeBaseTest.FIXTURE_PACK);
        MapEmbeddingStore shared = new MapEmbeddingStore();
        HashingEmbeddingModel first = new HashingEmbeddingModel();
        KnowledgeBase a = KnowledgeBase.builder(pack).embeddingModel(first, "hashing").embeddingStore(shared)
                .classLoader(null).build();
        int entries = shared.size();
        HashingEmbeddingModel second = new HashingEmbeddingModel();
        KnowledgeBase b = KnowledgeBase.builder(pack).embeddingModel(second, "hashing").embeddingStore(shared)
                .classLoader(null).build();

        assertThat(entries).isEqualTo(first.embedded()).isGreaterThanOrEqualTo(POLICIES);
        assertThat(second.embedded()).isZero();
        assertThat(shared.added()).isEqualTo(entries);
        assertThat(b.indexSummary()).contains(entries + " from the store");
        assertThat(b.search("run as root", 3)).extracting(h -> h.policy().id())
                .isEqualTo(a.search("run as root", 3).stream().map(h -> h.policy().id()).toList());
    }

    @Test
    void aStoreThatIgnoresMetadataFiltersNeverLendsAnotherModelsVectors() {
        PolicyPack pack = PolicyPack.load(KnowledgeBaseTest.FIXTURE_PACK);
        MapEmbeddingStore unfiltered = MapEmbeddingStore.ignoringFilters();
        KnowledgeBase.builder(pack).embeddingModel(new HashingEmbeddingModel(), "hashing").embeddingStore(unfiltered)
                .classLoader(null).build();
        HashingEmbeddingModel other = new HashingEmbeddingModel();
        KnowledgeBase second = KnowledgeBase.builder(pack).embeddingModel(other, "hashing-v2")
                .embeddingStore(unfiltered).classLoader(null).build();

        assertThat(other.embedded()).isGreaterThanOrEqualTo(POLICIES);
        assertThat(second.indexSummary()).contains("0 from the store");
        assertThat(second.search("run as root", 3)).isNotEmpty();
    }

    @Test
    void aStoreThatIgnoresMetadataFiltersAndHoldsAnotherPacksVectorsRanksAsAPrivateStoreDoes() {
        PolicyPack pack = PolicyPack.load(KnowledgeBaseTest.FIXTURE_PACK);
        PolicyPack other = PolicyPack.load(Path.of("../samples/pack"));
        MapEmbeddingStore unfiltered = MapEmbeddingStore.ignoringFilters();
        KnowledgeBase.builder(other).embeddingModel(new HashingEmbeddingModel(), "hashing")
                .embeddingStore(unfiltered).classLoader(null).build();
        KnowledgeBase shared = KnowledgeBase.builder(pack).embeddingModel(new HashingEmbeddingModel(), "hashing")
                .embeddingStore(unfiltered).classLoader(null).build();
        KnowledgeBase alone = KnowledgeBase.builder(pack).embeddingModel(new HashingEmbeddingModel(), "hashing")
                .classLoader(null).build();

        assertThat(unfiltered.size()).isGreaterThan(2 * pack.policies().size());
        for (String query : List.of("run as root", "latest image tag", "host path volumes", "resource limits")) {
            assertThat(shared.search(query, POLICIES)).as(query).isEqualTo(alone.search(query, POLICIES));
        }
    }

    @Test
    void anotherModelNeverReusesTheseVectors() {
        PolicyPack pack = PolicyPack.load(KnowledgeBaseTest.FIXTURE_PACK);
        MapEmbeddingStore shared = new MapEmbeddingStore();
        KnowledgeBase.builder(pack).embeddingModel(new HashingEmbeddingModel(), "hashing").embeddingStore(shared)
                .classLoader(null).build();
        HashingEmbeddingModel other = new HashingEmbeddingModel();
        KnowledgeBase.builder(pack).embeddingModel(other, "hashing-v2").embeddingStore(shared).classLoader(null)
                .build();

        assertThat(other.embedded()).isGreaterThanOrEqualTo(POLICIES);
    }

    private Path copyFixturePack() throws Exception {
        Path dir = temp.resolve("pack");
        Files.createDirectories(dir);
        try (Stream<Path> files = Files.list(KnowledgeBaseTest.FIXTURE_PACK)) {
            for (Path f : files.toList()) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
        return dir;
    }

}
