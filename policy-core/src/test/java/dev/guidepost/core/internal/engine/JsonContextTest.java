package dev.guidepost.core.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class JsonContextTest {

    @Test
    void aValueKeyIsSplitAtDotsOutsideDoubleQuotesAsKyvernoReadsItAsACsvRecord() {
        assertThat(JsonContext.segments("request.object.metadata.name"))
                .containsExactly("request", "object", "metadata", "name");
        assertThat(JsonContext.segments("metadata.annotations.\"example.com/flag\""))
                .containsExactly("metadata", "annotations", "example.com/flag");
        assertThat(JsonContext.segments("a.\"say \"\"hi\"\".x\".b")).containsExactly("a", "say \"hi\".x", "b");
        assertThat(JsonContext.segments("a.b.")).containsExactly("a", "b", "");
    }

    @Test
    void aKeyThatIsNotAValidRecordIsSplitAtEveryDot() {
        assertThat(JsonContext.segments("a.b\"c.d")).containsExactly("a", "b\"c", "d");
        assertThat(JsonContext.segments("a.\"b\"c.d")).containsExactly("a", "\"b\"c", "d");
    }

    @Test
    void putMergesIntoTheMapsOnThePathWithoutChangingTheOriginals() {
        Map<String, Object> annotations = new LinkedHashMap<>(Map.of("team", "shop"));
        Map<String, Object> metadata = new LinkedHashMap<>(Map.of("annotations", annotations));
        Map<String, Object> context = new LinkedHashMap<>(Map.of("metadata", metadata));

        JsonContext.put(context, "metadata.annotations.\"example.com/flag\"", "on");

        assertThat(context).isEqualTo(Map.of("metadata",
                Map.of("annotations", Map.of("team", "shop", "example.com/flag", "on"))));
        assertThat(annotations).isEqualTo(Map.of("team", "shop"));
    }
}
