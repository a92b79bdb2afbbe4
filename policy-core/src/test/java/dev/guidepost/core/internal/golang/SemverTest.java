package dev.guidepost.core.internal.golang;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** blang/semver v4 (semver.go, range.go) and Kubernetes' normalizing parse. */
class SemverTest {

    @Test
    void parsesAndOrdersAsBlangSemver() {
        assertThat(Semver.parse("1.2.3-alpha.1+build.5")).isNotNull();
        assertThatThrownBy(() -> Semver.parse("01.2.3"))
                .hasMessage("Major number must not contain leading zeroes \"01\"");
        assertThatThrownBy(() -> Semver.parse("1.2")).hasMessage("No Major.Minor.Patch elements found");
        assertThat(Semver.parse("1.2.3-alpha").compareTo(Semver.parse("1.2.3-alpha.1"))).isNegative();
        assertThat(Semver.parse("1.2.3-2").compareTo(Semver.parse("1.2.3-alpha"))).isNegative();
        assertThat(Semver.parse("1.2.3-2").compareTo(Semver.parse("1.2.3-10"))).isNegative();
        assertThat(Semver.parse("1.2.3+a").compareTo(Semver.parse("1.2.3+b"))).isZero();
        assertThat(Semver.parse("18446744073709551615.0.0").compareTo(Semver.parse("1.0.0"))).isPositive();
    }

    @Test
    void reportsBlangsErrors() {
        assertThatThrownBy(() -> Semver.parse("1..3"))
                .hasMessage("strconv.ParseUint: parsing \"\": invalid syntax");
        assertThatThrownBy(() -> Semver.parse("18446744073709551616.0.0"))
                .hasMessage("strconv.ParseUint: parsing \"18446744073709551616\": value out of range");
        assertThatThrownBy(() -> Semver.parse("1.0.0-18446744073709551616"))
                .hasMessage("strconv.ParseUint: parsing \"18446744073709551616\": value out of range");
        assertThatThrownBy(() -> Semver.parse("1.0.0+")).hasMessage("Build meta data is empty");
        assertThatThrownBy(() -> Semver.parse("1.0.x-a+b!"))
                .hasMessage("Invalid character(s) found in patch number \"x\"");
    }

    @Test
    void normalizesAsKubernetes() {
        assertThat(Semver.parseNormalized("v1.0")).isEqualTo(Semver.parse("1.0.0"));
        assertThat(Semver.parseNormalized("01.01.01")).isEqualTo(Semver.parse("1.1.1"));
        assertThatThrownBy(() -> Semver.parseNormalized("1.0-alpha"))
                .hasMessage("short version cannot contain PreRelease/Build meta data");
    }

    @Test
    void matchesRanges() {
        assertThat(Semver.parseRange(">1.0.0 <2.0.0").test(Semver.parse("1.5.0"))).isTrue();
        assertThat(Semver.parseRange("<1.0.0 || >=1.2.3").test(Semver.parse("1.2.3"))).isTrue();
        assertThat(Semver.parseRange("1.2.x").test(Semver.parse("1.3.0"))).isFalse();
        assertThat(Semver.parseRange("<0.0.1").test(Semver.ZERO)).isTrue();
        assertThatThrownBy(() -> Semver.parseRange("abc")).isInstanceOf(IllegalArgumentException.class);
    }
}
