package dev.guidepost.core.internal.cel;

import static dev.guidepost.core.internal.cel.Cel.eval;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class FormatLibraryTest {

    @Test
    void aValidStringGivesNoneAndAnInvalidOneApimachinerysMessages() {
        assertThat(eval("format.dns1123Label().validate('my-name').hasValue()")).isEqualTo(false);
        assertThat(eval("format.dns1123Label().validate('My_Name').value()")).isEqualTo(List.of(
                "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must "
                        + "start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used "
                        + "for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"));
        assertThat(eval("format.dns1123Label().validate('" + "a".repeat(64) + "').value()")).isEqualTo(List.of(
                "must be no more than 63 characters"));
    }

    @Test
    void prefixFormatsAllowATrailingDashAndQualifiedNamesCheckBothParts() {
        assertThat(eval("format.dns1123LabelPrefix().validate('web-').hasValue()")).isEqualTo(false);
        assertThat(eval("format.dns1123Label().validate('web-').hasValue()")).isEqualTo(true);
        assertThat(eval("format.qualifiedName().validate('example.com/MyName').hasValue()")).isEqualTo(false);
        assertThat(eval("format.qualifiedName().validate('/MyName').value()[0]"))
                .isEqualTo("prefix part must be non-empty");
    }

    @Test
    void namedFormatsAreLookedUpByName() {
        assertThat(eval("format.named('uuid').value().validate('123e4567-e89b-12d3-a456-426614174000')"
                + ".hasValue()")).isEqualTo(false);
        assertThat(eval("format.named('nonexistent').hasValue()")).isEqualTo(false);
        assertThat(eval("format.byte().validate('not base64!').value()")).isEqualTo(List.of("invalid base64"));
        assertThat(eval("format.date().validate('2021-01-01').hasValue()")).isEqualTo(false);
        assertThat(eval("format.datetime().validate('2021-01-01T00:00:00Z').hasValue()")).isEqualTo(false);
        assertThat(eval("format.labelValue().validate('').hasValue()")).isEqualTo(false);
    }
}
