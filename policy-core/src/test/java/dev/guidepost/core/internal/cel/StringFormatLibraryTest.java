package dev.guidepost.core.internal.cel;

import static dev.guidepost.core.internal.cel.Cel.eval;
import static dev.guidepost.core.internal.cel.Cel.evalError;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code string.format} as cel-go ext/formatting.go (strings v2) does it, and the cel-go strings functions. */
class StringFormatLibraryTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "'%s is %d years'.format([dyn('Ann'), 42])|Ann is 42 years",
            "'%s'.format([[1, dyn('a'), dyn(2.5)]])|[1, \"a\", 2.500000]",
            "'%s'.format([{'b': 1, 'a': dyn(true)}])|{\"a\":true, \"b\":1}",
            "'%s'.format([2.5])|2.5",
            "'%s'.format([null])|null",
            "'%s'.format([duration('1h')])|3600s",
            "'%.2f'.format([3.14159])|3.14",
            "'%f'.format([1.0])|1.000000",
            "'%.1f'.format([1234567.25])|1,234,567.2",
            "'%e'.format([1234.5678])|1.234568e+03",
            "'%.2e'.format([1234.5678])|1.234568e+03",
            "'%x %X'.format([255, 255])|ff FF",
            "'%x'.format(['hi'])|6869",
            "'%x'.format([-255])|-ff",
            "'%o'.format([8])|10",
            "'%b'.format([5])|101",
            "'%b'.format([true])|1",
            "'100%% %s'.format(['done'])|100% done",
    })
    void formatsLikeCelGo(String expression, String expected) {
        assertThat(eval(expression)).isEqualTo(expected);
        assertThat(Cel.admission(expression)).isEqualTo(expected);
    }

    @Test
    void rejectsMixedLiteralArgumentListsAsKubernetesDoes() {
        // Kubernetes enables homogeneous aggregate literals: ['Ann', 42] does not type-check
        Cel.compileError(CelDialect.VALIDATING_POLICY, "'%s is %d'.format(['Ann', 42]) == ''");
    }

    @Test
    void reportsCelGoFormattingErrors() {
        evalError("'%d'.format([1.5])")
                .hasMessageContaining("decimal clause can only be used on integers, was given double");
        evalError("'%f'.format([1])")
                .hasMessageContaining("fixed-point clause can only be used on doubles, was given int");
        evalError("'%s %s'.format(['a'])").hasMessageContaining("index 1 out of range");
        evalError("'%z'.format([1])").hasMessageContaining("unrecognized formatting clause \"z\"");
    }

    @Test
    void keepsCelJavaStringFunctionsThatMatchCelGo() {
        assertThat(eval("'a,b,c'.split(',')")).isEqualTo(java.util.List.of("a", "b", "c"));
        assertThat(eval("['a', 'b'].join('-')")).isEqualTo("a-b");
        assertThat(eval("'  x '.trim() + 'Hello'.lowerAscii() + 'ab'.upperAscii()")).isEqualTo("xhelloAB");
        assertThat(eval("'hello'.charAt(1) + 'hello'.substring(1, 3)")).isEqualTo("eel");
        assertThat(eval("'aaa'.replace('a', 'b', 2)")).isEqualTo("bba");
        assertThat(eval("strings.quote('a\"b')")).isEqualTo("\"a\\\"b\"");
        assertThat(eval("'hello'.indexOf('l') == 2 && 'hello'.lastIndexOf('l') == 3")).isEqualTo(true);
    }
}
