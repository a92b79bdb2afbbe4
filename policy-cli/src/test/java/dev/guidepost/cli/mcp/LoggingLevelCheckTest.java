package dev.guidepost.cli.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

class LoggingLevelCheckTest {

    private final LoggingLevelCheck check = new LoggingLevelCheck();

    @Test
    void aLevelOutsideTheSpecificationsSeveritiesIsInvalidParamsNamingThem() {
        JsonMapper json = JsonMapper.builder().build();

        assertThat(check.invalidParams("logging/setLevel", json.readTree("{\"level\":\"bogus\"}"))).hasValue(
                "logging/setLevel needs params.level, one of debug, info, notice, warning, error, critical, alert, "
                        + "emergency");
        assertThat(check.invalidParams("logging/setLevel", null)).isPresent();
        assertThat(check.invalidParams("logging/setLevel", json.readTree("{\"level\":\"warning\"}"))).isEmpty();
        assertThat(check.invalidParams("tools/list", null)).isEmpty();
    }
}
