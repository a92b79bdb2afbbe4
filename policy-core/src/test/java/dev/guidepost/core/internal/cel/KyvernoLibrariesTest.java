package dev.guidepost.core.internal.cel;

import static dev.guidepost.core.internal.cel.Cel.eval;
import static dev.guidepost.core.internal.cel.Cel.evalError;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Kyverno's pure libraries (kyverno/sdk extensions/cel/libs/*); image expectations follow go-containerregistry
 * {@code name.ParseReference} with its defaults.
 */
class KyvernoLibrariesTest {

    private static final String DIGEST = "sha256:" + "a".repeat(64);

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "nginx|index.docker.io|library/nginx|latest|''|latest|:latest|false",
            "nginx:1.25|index.docker.io|library/nginx|1.25|''|1.25|:1.25|false",
            "docker.io/bitnami/redis:7|index.docker.io|bitnami/redis|7|''|7|:7|false",
            "ghcr.io/org/app:v1|ghcr.io|org/app|v1|''|v1|:v1|false",
            "localhost:5000/app|localhost:5000|app|latest|''|latest|:latest|false",
            "localhost/app|index.docker.io|localhost/app|latest|''|latest|:latest|false",
            "quay.io/org/app@DIGEST|quay.io|org/app|''|DIGEST|DIGEST|@DIGEST|true",
            "nginx:1.25@DIGEST|index.docker.io|library/nginx|1.25|DIGEST|1.25@DIGEST|@DIGEST|true",
            "registry.example:5000/repo@DIGEST|registry.example:5000|repo|''|DIGEST|DIGEST|@DIGEST|true",
    })
    void parsesImageReferencesLikeGoContainerRegistry(String image, String registry, String repository, String tag,
            String digest, String identifier, String identifierWithSeparator, boolean containsDigest) {
        String ref = "parseImageReference('" + image.replace("DIGEST", DIGEST) + "')";
        assertThat(eval(ref + ".registry()")).isEqualTo(registry);
        assertThat(eval(ref + ".repository()")).isEqualTo(repository);
        assertThat(eval(ref + ".tag()")).isEqualTo(unquote(tag));
        assertThat(eval(ref + ".digest()")).isEqualTo(unquote(digest));
        assertThat(eval(ref + ".identifier()")).isEqualTo(unquote(identifier));
        assertThat(eval(ref + ".identifierWithSeparator()")).isEqualTo(unquote(identifierWithSeparator));
        assertThat(eval(ref + ".containsDigest()")).isEqualTo(containsDigest);
    }

    private static String unquote(String s) {
        return s.equals("''") ? "" : s.replace("DIGEST", DIGEST);
    }

    @Test
    void randomGivesEightLettersAndDigitsOrAStringThePatternMatches() {
        for (int i = 0; i < 50; i++) {
            assertThat((String) eval("random()")).matches("[0-9a-z]{8}");
            assertThat((String) eval("random('[A-F]{4}_x+')")).matches("[A-F]{4}_x+");
        }
        assertThat(eval("random() != random() || random() != random()")).isEqualTo(true);
        evalError("random('(')").hasMessageContaining("error parsing regexp");
    }

    @Test
    void validatesImageReferences() {
        assertThat(eval("isImage('nginx:latest')")).isEqualTo(true);
        assertThat(eval("isImage('Nginx')")).isEqualTo(false);
        assertThat(eval("isImage('nginx:')")).isEqualTo(false);
        assertThat(eval("isImage('a')")).isEqualTo(false);
        assertThat(eval("isImage('nginx@sha256:abc')")).isEqualTo(false);
        assertThat(eval("image('nginx').tag()")).isEqualTo("latest");
        evalError("parseImageReference('Bad Image')").hasMessageContaining("could not parse reference: Bad Image");
    }

    @Test
    void hashesStrings() {
        assertThat(eval("sha256('hello')"))
                .isEqualTo("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
        assertThat(eval("hash.sha1('hello')")).isEqualTo("aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d");
        assertThat(eval("md5('hello') == hash.md5('hello')")).isEqualTo(true);
        assertThat(eval("md5('')")).isEqualTo("d41d8cd98f00b204e9800998ecf8427e");
    }

    @Test
    void roundsToDecimalPlaces() {
        assertThat(eval("math.round(3.14159, 2)")).isEqualTo(3.14);
        assertThat(eval("math.round(2.5, 0)")).isEqualTo(3.0);
        assertThat(eval("math.round(-2.5, 0)")).isEqualTo(-3.0);
        assertThat(eval("math.round(1234.5, -2)")).isEqualTo(1200.0);
        assertThat(eval("math.round(2.5)")).isEqualTo(3.0);
    }

    @Test
    void readsAndWritesJsonLikeEncodingJson() {
        assertThat(eval("json.unmarshal('{\"a\": [1, 2.5, true, null], \"b\": {\"c\": \"d\"}}')"))
                .isEqualTo(Map.of("a", java.util.Arrays.asList(1.0, 2.5, true, null), "b", Map.of("c", "d")));
        assertThat(eval("json.unmarshal('{\"replicas\": 3}').replicas == 3")).isEqualTo(true);
        assertThat(eval("json.marshal({'b': dyn(1), 'a': [dyn(1.5), dyn('<x>'), dyn(3.0), dyn(null)]})"))
                .isEqualTo("{\"a\":[1.5,\"\\u003cx\\u003e\",3,null],\"b\":1}");
        evalError("json.unmarshal('{')").hasMessageContaining("unexpected end of JSON input");
    }

    @Test
    void parsesYamlWithNumbersAsDoubles() {
        assertThat(eval("yaml.parse('a: 1\\nb: [x, true]\\n')"))
                .isEqualTo(Map.of("a", 1.0, "b", List.of("x", true)));
        evalError("yaml.parse('a: [')");
    }

    @Test
    void truncatesAndFormatsTimes() {
        assertThat(eval("time.truncate(timestamp('2024-05-15T10:37:42Z'), duration('1h'))"))
                .isEqualTo(Instant.parse("2024-05-15T10:00:00Z"));
        // Go's Time.Truncate counts from year 1 (a Monday), so weeks start on Mondays
        assertThat(eval("time.truncate(timestamp('2024-05-15T10:37:42Z'), duration('168h'))"))
                .isEqualTo(Instant.parse("2024-05-13T00:00:00Z"));
        assertThat(eval("time.toCron(timestamp('2024-05-19T10:37:42Z'))")).isEqualTo("37 10 19 5 0");
        assertThat(eval("time.now() > timestamp('2024-01-01T00:00:00Z')")).isEqualTo(true);
    }

    @Test
    void mapsListsOfObjects() {
        assertThat(eval("listObjToMap([{'k': 'a'}, {'k': 'b'}], [{'v': 1}, {'v': 2}], 'k', 'v')"))
                .isEqualTo(Map.of("a", 1L, "b", 2L));
        assertThat(eval("transform.listObjToMap([{'k': 'a'}], [{'v': 'x'}], 'k', 'v')")).isEqualTo(Map.of("a", "x"));
        evalError("listObjToMap([{'k': 'a'}], [], 'k', 'v')").hasMessageContaining("lists of equal length");
    }

    @Test
    void parsesServiceAccountUsernames() {
        assertThat(eval("parseServiceAccount('system:serviceaccount:kube-system:default')"))
                .isEqualTo(Map.of("Namespace", "kube-system", "Name", "default"));
        assertThat(eval("user.parseServiceAccount('alice').Name")).isEqualTo("");
    }

    @Test
    void compressesAndDecompresses() {
        assertThat(eval("gzip.decompress(gzip.compress('hello world'))")).isEqualTo("hello world");
        evalError("gzip.decompress(b'not gzip')");
    }

    @Test
    void replacesAndExtractsWithTheRegexExtension() {
        assertThat(eval("regex.replace('abc', 'b', 'x')")).isEqualTo("axc");
        assertThat(eval("regex.extract('abc123', '[0-9]+').value()")).isEqualTo("123");
        assertThat(eval("regex.extractAll('a1b2', '[0-9]')")).isEqualTo(List.of("1", "2"));
    }
}
