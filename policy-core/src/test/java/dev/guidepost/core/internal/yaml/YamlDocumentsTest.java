package dev.guidepost.core.internal.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class YamlDocumentsTest {

    /** A one-document YAML text of exactly {@code chars} characters: a mapping with one long plain value. */
    private static String document(int chars) {
        String key = "data: ";
        return key + "x".repeat(chars - key.length());
    }

    @Test
    void aDocumentOfExactlyTheLimitIsReadAndOneCharacterMoreIsRefused() {
        List<YamlDocument> atLimit = YamlDocuments.parse(document(YamlDocuments.MAX_DOCUMENT_CHARS), "at-limit.yaml");
        List<YamlDocument> over = YamlDocuments.parse(document(YamlDocuments.MAX_DOCUMENT_CHARS + 1), "over.yaml");

        assertThat(atLimit).singleElement().satisfies(d -> assertThat(d.problem()).isNull());
        assertThat(over).singleElement().satisfies(d -> assertThat(d.problem().message())
                .contains("more than " + YamlDocuments.MAX_DOCUMENT_CHARS));
    }

    @Test
    void twoObjectsWithoutASeparatorAreAProblemThatSaysSo() {
        YamlDocument joined = YamlDocuments.parse("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n"
                + "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\n", "cat.yaml").get(0);
        YamlDocument nested = YamlDocuments.parse("metadata:\n  name: a\n  name: b\n", "dup.yaml").get(0);

        assertThat(joined.problem().message()).startsWith("invalid YAML: found duplicate key apiVersion").endsWith("two documents "
                + "without '---' between them? Separate Kubernetes objects with a line '---'");
        assertThat(nested.problem().message()).startsWith("invalid YAML: found duplicate key name").doesNotContain("'---'");
    }
}
