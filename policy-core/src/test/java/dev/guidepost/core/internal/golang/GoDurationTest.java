package dev.guidepost.core.internal.golang;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GoDurationTest {

    @Test
    void goDurationsParseAsGoDoes() {
        assertThat(GoDuration.parse("1h30m").getAsLong()).isEqualTo(5_400_000_000_000L);
        assertThat(GoDuration.parse("-1.5s").getAsLong()).isEqualTo(-1_500_000_000L);
        assertThat(GoDuration.parse("0")).hasValue(0);
        assertThat(GoDuration.parse("10")).isEmpty();
        assertThat(GoDuration.parse("1Gi")).isEmpty();
        assertThat(GoDuration.parse("-9223372036854775808ns")).hasValue(Long.MIN_VALUE);
        assertThat(GoDuration.parse("9223372036854775808ns")).isEmpty();
    }

    @Test
    void reportsGosErrors() {
        assertThatThrownBy(() -> GoDuration.parseNanos("1d")).hasMessage(
                "time: unknown unit \"d\" in duration \"1d\"");
        assertThatThrownBy(() -> GoDuration.parseNanos("10")).hasMessage("time: missing unit in duration \"10\"");
        assertThatThrownBy(() -> GoDuration.parseNanos("")).hasMessage("time: invalid duration \"\"");
    }

    @Test
    void durationsPrintAsGoPrintsThem() {
        assertThat(GoDuration.format(1_500)).isEqualTo("1.5\u00b5s");
        assertThat(GoDuration.format(0)).isEqualTo("0s");
        assertThat(GoDuration.format(3_600_000_000_000L)).isEqualTo("1h0m0s");
    }
}
