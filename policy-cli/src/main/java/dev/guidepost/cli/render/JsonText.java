package dev.guidepost.cli.render;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Plain values (maps, lists, strings, numbers) as indented JSON, for {@code --json} outputs. */
public final class JsonText {

    private static final JsonMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private JsonText() {
    }

    /** Indented JSON ending with a newline. */
    public static String pretty(Object value) {
        return MAPPER.writeValueAsString(value) + "\n";
    }
}
