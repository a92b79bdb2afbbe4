package dev.guidepost.core.internal.jmespath;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Kyverno's custom functions; expected values follow Kyverno's Go sources and functions_test.go. */
class KyvernoFunctionsTest {

    private static final Clock FIXED = Clock.fixed(Instant.parse("2024-03-01T10:00:00Z"), ZoneOffset.UTC);
    private final JmesPath jp = new JmesPath(FIXED);

    private Object eval(String expression) {
        return jp.search(expression, Map.of("name", "Hello-World", "n", 5, "labels", Map.of("app", "web")));
    }

    @Test
    void compareIsLexicographicLikeStringsCompare() {
        assertThat(eval("compare('a', 'b')")).isEqualTo(-1L);
        assertThat(eval("compare('b', 'a')")).isEqualTo(1L);
        assertThat(eval("compare('a', 'a')")).isEqualTo(0L);
    }

    @Test
    void equalFoldIgnoresCase() {
        assertThat(eval("equal_fold('Go', 'GO')")).isEqualTo(true);
        assertThat(eval("equal_fold('Go', 'Ga')")).isEqualTo(false);
    }

    @Test
    void replaceReplacesTheGivenNumberOfInstancesAndAllWhenNegative() {
        assertThat(eval("replace('oink oink oink', 'k', 'ky', `2`)")).isEqualTo("oinky oinky oink");
        assertThat(eval("replace('oink oink oink', 'oink', 'moo', `-1`)")).isEqualTo("moo moo moo");
        assertThat(eval("replace_all('Lorem ipsum dolor sit amet', 'ipsum', 'muspi')"))
                .isEqualTo("Lorem muspi dolor sit amet");
    }

    @Test
    void caseAndTrimFunctions() {
        assertThat(eval("to_upper(name)")).isEqualTo("HELLO-WORLD");
        assertThat(eval("to_lower(name)")).isEqualTo("hello-world");
        assertThat(eval("trim('¡¡¡Hello, Gophers!!!', '!¡')")).isEqualTo("Hello, Gophers");
        assertThat(eval("trim_prefix('registry.io/nginx', 'registry.io/')")).isEqualTo("nginx");
        assertThat(eval("trim_prefix('nginx', 'registry.io/')")).isEqualTo("nginx");
    }

    @Test
    void splitFollowsGo() {
        assertThat(eval("split('Hello-World', '-')")).isEqualTo(List.of("Hello", "World"));
        assertThat(eval("split('abc', '')")).isEqualTo(List.of("a", "b", "c"));
        assertThat(eval("split('', ',')")).isEqualTo(List.of(""));
    }

    @Test
    void stringFunctionsRejectOtherTypes() {
        assertThatThrownBy(() -> eval("to_upper(`1`)")).isInstanceOf(JmesPathException.class);
        assertThatThrownBy(() -> eval("split('a')")).isInstanceOf(JmesPathException.class);
    }

    @Test
    void regexMatchSearchesAndAcceptsNumbers() {
        assertThat(eval("regex_match('^[0-9]+$', '123')")).isEqualTo(true);
        assertThat(eval("regex_match('orld', name)")).isEqualTo(true);
        assertThat(eval("regex_match('^5$', n)")).isEqualTo(true);
        assertThat(eval("regex_match('^1.5$', `1.5`)")).isEqualTo(true);
        assertThatThrownBy(() -> eval("regex_match('(', 'x')")).isInstanceOf(JmesPathException.class)
                .hasMessageContaining("error parsing regexp");
    }

    @Test
    void regexReplaceAllExpandsGroupsAsGo() {
        assertThat(eval("regex_replace_all('([Hh]e|G)l', 'Hello Gl', '${1}G')")).isEqualTo("HeGlo GG");
        // Go reads $1W as the group named "1W", which does not exist
        assertThat(eval("regex_replace_all('(a)', 'a', '$1W')")).isEqualTo("");
        assertThat(eval("regex_replace_all('(?P<x>a)', 'ab', '[$x]')")).isEqualTo("[a]b");
        assertThat(eval("regex_replace_all_literal('a', 'aba', '$1')")).isEqualTo("$1b$1");
        assertThat(eval("regex_replace_all('[0-9]', `12`, `3`)")).isEqualTo("33");
    }

    @Test
    void patternMatchUsesKyvernoWildcards() {
        assertThat(eval("pattern_match('Hello-*', name)")).isEqualTo(true);
        assertThat(eval("pattern_match('Hello-?', name)")).isEqualTo(false);
        assertThat(eval("pattern_match('5', n)")).isEqualTo(true);
    }

    @Test
    void labelMatchNeedsEveryLabelOfTheFirstObject() {
        assertThat(eval("label_match(`{\"app\": \"web\"}`, `{\"app\": \"web\", \"tier\": \"x\"}`)")).isEqualTo(true);
        assertThat(eval("label_match(`{\"app\": \"web\", \"tier\": \"y\"}`, labels)")).isEqualTo(false);
    }

    @Test
    void toBooleanAcceptsAnyCaseAndRejectsOtherStrings() {
        assertThat(eval("to_boolean('TruE')")).isEqualTo(true);
        assertThat(eval("to_boolean('faLSE')")).isEqualTo(false);
        assertThatThrownBy(() -> eval("to_boolean('yes')"))
                .hasMessage("JMESPath function 'to_boolean': lowercase argument must be 'true' or 'false' "
                        + "(provided: 'yes')");
    }

    @Test
    void arithmeticOnNumbers() {
        assertThat(eval("add(`12`, `13`)")).isEqualTo(25L);
        assertThat(eval("subtract(`12`, `13`)")).isEqualTo(-1L);
        assertThat(eval("multiply(`3`, `2.5`)")).isEqualTo(7.5);
        assertThat(eval("divide(`12`, `5`)")).isEqualTo(2.4);
        assertThat(eval("modulo(`12`, `5`)")).isEqualTo(2L);
        assertThat(eval("sum([`1`, `2`, `3.5`])")).isEqualTo(6.5);
    }

    @Test
    void arithmeticOnDurations() {
        assertThat(eval("add('1h', '30m0s')")).isEqualTo("1h30m0s");
        assertThat(eval("subtract('1h', '90m0s')")).isEqualTo("-30m0s");
        assertThat(eval("multiply('1h', `1.5`)")).isEqualTo("1h30m0s");
        assertThat(eval("divide('1h', '30m0s')")).isEqualTo(2L);
        assertThat(eval("divide('300Mi', '100Mi')")).isEqualTo(3L);
        assertThat(eval("divide('1Gi', '4Gi')")).isEqualTo(0.25);
        assertThat(eval("divide('1h', `4`)")).isEqualTo("15m0s");
        assertThat(eval("modulo('1h', '25m0s')")).isEqualTo("10m0s");
        assertThat(eval("sum(['1s', '500ms'])")).isEqualTo("1.5s");
    }

    @Test
    void aStringThatParsesAsAQuantityIsAQuantityEvenWhenItLooksLikeADuration() {
        // "30m" is 30 milli as a Kubernetes quantity, which Kyverno tries before durations
        assertThatThrownBy(() -> eval("add('1h', '30m')")).hasMessage("JMESPath function 'add': Types mismatch");
    }

    @Test
    void arithmeticErrorsUseKyvernosMessages() {
        assertThatThrownBy(() -> eval("divide(`1`, `0`)")).hasMessage("JMESPath function 'divide': Zero divisor passed");
        assertThatThrownBy(() -> eval("modulo(`1.5`, `1`)"))
                .hasMessage("JMESPath function 'modulo': Non-integer argument(s) passed for modulo");
        assertThatThrownBy(() -> eval("add('1h', `1`)")).hasMessage("JMESPath function 'add': Types mismatch");
        assertThatThrownBy(() -> eval("add('foo', `1`)")).hasMessage("JMESPath function 'add': invalid operands");
        assertThatThrownBy(() -> eval("sum(`[]`)"))
                .hasMessage("JMESPath function 'sum': at least one element in the array is required");
    }

    @Test
    void quantityArithmeticIsWrittenAsKubernetesWritesTheFirstOperandsFormat() {
        assertThat(eval("add('12Ki', '13Ki')")).isEqualTo("25Ki");
        assertThat(eval("add('12Ki', '13')")).isEqualTo("12301");
        assertThat(eval("add('0', '2Gi')")).as("a zero first operand takes the other's format").isEqualTo("2Gi");
        assertThat(eval("subtract('12Ki', '13Ki')")).isEqualTo("-1Ki");
        assertThat(eval("subtract('4Gi', '1Gi')")).isEqualTo("3Gi");
        assertThat(eval("subtract('1', '250m')")).isEqualTo("750m");
        assertThat(eval("sum(['3', '1500m'])")).isEqualTo("4500m");
        assertThat(eval("sum(['1Gi', '512Mi'])")).isEqualTo("1536Mi");
        assertThat(eval("multiply('12Ki', `2`)")).isEqualTo("24Ki");
        assertThat(eval("multiply(`2.5`, '12')")).isEqualTo("30");
        assertThat(eval("multiply('500m', `3`)")).isEqualTo("1500m");
        assertThat(eval("multiply('1e3', `2`)")).isEqualTo("2e3");
        assertThat(eval("divide('12Ki', `3`)")).isEqualTo("4Ki");
        assertThat(eval("divide('4Gi', `2`)")).isEqualTo("2Gi");
        assertThat(eval("divide('500m', `2`)")).isEqualTo("250m");
        assertThat(eval("divide('1', `3`)")).as("rounded down to the operands' decimal places").isEqualTo("0");
        assertThat(eval("divide('1', `0.5`)")).isEqualTo("2");
        assertThat(eval("modulo('12Ki', '5Ki')")).isEqualTo("2Ki");
    }

    @Test
    void quantityArithmeticRefusesWhatKyvernoRefuses() {
        assertThatThrownBy(() -> eval("multiply('12Ki', '12')")).hasMessage("JMESPath function 'multiply': Types mismatch");
        assertThatThrownBy(() -> eval("add('12Ki', `13`)")).hasMessage("JMESPath function 'add': Types mismatch");
        assertThatThrownBy(() -> eval("sum(['12Ki', `13`])")).hasMessage("JMESPath function 'sum': Types mismatch");
        assertThatThrownBy(() -> eval("divide(`14`, '5')")).hasMessage("JMESPath function 'divide': Types mismatch");
        assertThatThrownBy(() -> eval("divide('4Ki', `0`)")).hasMessage("JMESPath function 'divide': Zero divisor passed");
        assertThatThrownBy(() -> eval("modulo('4', '1.5')"))
                .hasMessage("JMESPath function 'modulo': Non-integer argument(s) passed for modulo");
    }

    @Test
    void roundRoundsHalfAwayFromZero() {
        assertThat(eval("round(`2.5`, `0`)")).isEqualTo(3L);
        assertThat(eval("round(`-2.5`, `0`)")).isEqualTo(-3L);
        assertThat(eval("round(`3.14159`, `2`)")).isEqualTo(3.14);
        assertThatThrownBy(() -> eval("round(`1`, `1.5`)"))
                .hasMessage("JMESPath function 'round': Non-integer argument(s) passed for round off");
    }

    @Test
    void base64RoundTrips() {
        assertThat(eval("base64_encode('hello')")).isEqualTo("aGVsbG8=");
        assertThat(eval("base64_decode('aGVsbG8=')")).isEqualTo("hello");
        assertThatThrownBy(() -> eval("base64_decode('aGVsbG8')")).isInstanceOf(JmesPathException.class);
    }

    @Test
    void pathCanonicalizeCleansLikeFilepathJoin() {
        assertThat(eval("path_canonicalize('/var//lib/../run/')")).isEqualTo("/var/run");
        assertThat(eval("path_canonicalize('a/./b/..')")).isEqualTo("a");
        assertThat(eval("path_canonicalize('')")).isEqualTo("");
        assertThat(eval("path_canonicalize('/..')")).isEqualTo("/");
    }

    @Test
    void truncateCutsToRunes() {
        assertThat(eval("truncate('Lorem ipsum', `5`)")).isEqualTo("Lorem");
        assertThat(eval("truncate('Lorem', `10`)")).isEqualTo("Lorem");
        assertThat(eval("truncate('Lorem', `-1`)")).isEqualTo("");
    }

    @Test
    void semverCompareChecksRanges() {
        assertThat(eval("semver_compare('1.2.3', '>1.0.0')")).isEqualTo(true);
        assertThat(eval("semver_compare('1.2.3', '>1.0.0 <1.2.0')")).isEqualTo(false);
        assertThat(eval("semver_compare('1.2.3', '<1.0.0 || >=1.2.3')")).isEqualTo(true);
        assertThat(eval("semver_compare('1.2.3', '1.2.x')")).isEqualTo(true);
        assertThat(eval("semver_compare('1.3.0', '1.2.x')")).isEqualTo(false);
        assertThat(eval("semver_compare('1.0.0-alpha', '<1.0.0')")).isEqualTo(true);
        // Kyverno ignores an invalid version and compares 0.0.0
        assertThat(eval("semver_compare('v1.2.3', '<0.0.1')")).isEqualTo(true);
        assertThatThrownBy(() -> eval("semver_compare('1.2.3', 'abc')")).isInstanceOf(JmesPathException.class);
    }

    @Test
    void parseJsonAndYamlGiveValues() {
        assertThat(eval("parse_json('{\"a\": [1, 2.5, true, null]}')"))
                .isEqualTo(Map.of("a", java.util.Arrays.asList(1L, 2.5, true, null)));
        assertThat(eval("parse_json('{\"a\": 1}').a")).isEqualTo(1L);
        assertThat(eval("parse_yaml('a: 1\nb: [x, y]\nc: 2024-01-01')"))
                .isEqualTo(Map.of("a", 1L, "b", List.of("x", "y"), "c", "2024-01-01"));
        assertThatThrownBy(() -> eval("parse_json('{')")).isInstanceOf(JmesPathException.class);
    }

    @Test
    void lookupReadsKeysAndIndexes() {
        assertThat(eval("lookup(labels, 'app')")).isEqualTo("web");
        assertThat(eval("lookup(labels, 'x')")).isNull();
        assertThat(eval("lookup(`[1, 2]`, `1`)")).isEqualTo(2L);
        assertThat(eval("lookup(`[1, 2]`, `5`)")).isNull();
    }

    @Test
    void itemsSortsKeysAndNumbersIndexes() {
        assertThat(eval("items(`{\"b\": 2, \"a\": 1}`, 'k', 'v')"))
                .isEqualTo(List.of(Map.of("k", "a", "v", 1L), Map.of("k", "b", "v", 2L)));
        assertThat(eval("items(`[\"x\"]`, 'i', 'v')")).isEqualTo(List.of(Map.of("i", 0L, "v", "x")));
    }

    @Test
    void objectFromListsPairsKeysWithValuesAndNullsTheRest() {
        Map<String, Object> expected = new java.util.HashMap<>();
        expected.put("a", 1L);
        expected.put("b", null);
        assertThat(eval("object_from_lists(`[\"a\", \"b\"]`, `[1]`)")).isEqualTo(expected);
    }

    @Test
    void unsupportedFunctionsNameThemselves() {
        assertThatThrownBy(() -> eval("x509_decode('x')")).isInstanceOf(JmesPathException.class)
                .hasMessageStartingWith("Guidepost does not support x509_decode");
        assertThatThrownBy(() -> eval("image_normalize('nginx')"))
                .hasMessageStartingWith("Guidepost does not support image_normalize");
    }

    @Test
    void randomGivesAStringThePatternMatchesAndRejectsAnEmptyOrBrokenPattern() {
        for (int i = 0; i < 50; i++) {
            assertThat((String) eval("random('[a-z]{5}-[0-9]{2,3}')")).matches("[a-z]{5}-[0-9]{2,3}");
        }
        assertThatThrownBy(() -> eval("random('')")).isInstanceOf(JmesPathException.class)
                .hasMessageContaining("no pattern provided");
        assertThatThrownBy(() -> eval("random('[a-z')")).isInstanceOf(JmesPathException.class)
                .hasMessageContaining("error parsing regexp");
    }

    @Test
    void timeFunctions() {
        assertThat(eval("time_since('', '2024-03-01T09:00:00Z', '2024-03-01T10:30:05Z')")).isEqualTo("1h30m5s");
        assertThat(eval("time_since('', '2024-03-01T09:00:00Z', '')")).isEqualTo("1h0m0s");
        assertThat(eval("time_since('2006-01-02', '2024-03-01', '2024-03-02')")).isEqualTo("24h0m0s");
        assertThat(eval("time_now_utc()")).isEqualTo("2024-03-01T10:00:00Z");
        assertThat(eval("time_to_cron('2023-02-02T15:04:05Z')")).isEqualTo("4 15 2 2 4");
        assertThat(eval("time_add('2023-01-12T12:37:56-05:00', '6h')")).isEqualTo("2023-01-12T18:37:56-05:00");
        assertThat(eval("time_parse('Mon Jan 02 2006 15:04:05 -0700', 'Fri Jun 22 2022 17:19:53 +0300')"))
                .isEqualTo("2022-06-22T17:19:53+03:00");
        assertThat(eval("time_parse('1136214245', '1666030800')")).isEqualTo("2022-10-17T18:20:00Z");
        assertThat(eval("time_utc('2023-02-02T15:04:05+01:00')")).isEqualTo("2023-02-02T14:04:05Z");
        assertThat(eval("time_diff('2023-02-02T15:04:05Z', '2023-02-02T15:05:05.5Z')")).isEqualTo("1m0.5s");
        assertThat(eval("time_before('2023-01-01T00:00:00Z', '2023-01-02T00:00:00Z')")).isEqualTo(true);
        assertThat(eval("time_after('2023-01-01T00:00:00Z', '2023-01-02T00:00:00Z')")).isEqualTo(false);
        assertThat(eval("time_between('2023-01-02T00:00:00Z', '2023-01-01T00:00:00Z', '2023-01-03T00:00:00Z')"))
                .isEqualTo(true);
        assertThat(eval("time_truncate('2023-02-02T15:04:05Z', '1h')")).isEqualTo("2023-02-02T15:00:00Z");
        assertThatThrownBy(() -> eval("time_utc('yesterday')")).isInstanceOf(JmesPathException.class);
        assertThatThrownBy(() -> eval("time_add('2023-01-01T00:00:00Z', '1d')"))
                .hasMessage("time: unknown unit \"d\" in duration \"1d\"");
    }
}
