package dev.guidepost.core.internal.cel;

import static dev.guidepost.core.internal.cel.Cel.admission;
import static dev.guidepost.core.internal.cel.Cel.eval;
import static dev.guidepost.core.internal.cel.Cel.evalError;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Kubernetes' URL, Regex, Lists, IP, CIDR, Semver and Authz libraries; expectations from the doc comments and tests
 * of k8s.io/apiserver pkg/cel/library/{urls,regex,lists,ip,cidr,semverlib}.go and Go's net/url and net/netip.
 */
class KubernetesLibrariesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "url('https://example.com:80/path?query=val#fragment').getScheme()|https",
            "url('https://example.com:80/').getHost()|example.com:80",
            "url('https://example.com:80/').getHostname()|example.com",
            "url('https://[::1]:80/').getHostname()|::1",
            "url('https://example.com:80/').getPort()|80",
            "url('https://example.com/').getPort()|''",
            "url('https://example.com/path with spaces/').getEscapedPath()|/path%20with%20spaces/",
            "url('https://example.com/a%2Fb').getEscapedPath()|/a%2Fb",
            "url('/absolute-path').getEscapedPath()|/absolute-path",
            "url('HTTPS://Example.com').getScheme()|https",
    })
    void readsUrlParts(String expression, String expected) {
        assertThat(eval(expression)).isEqualTo(expected.equals("''") ? "" : expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "isURL('https://example.com:80/path?query=val#fragment')|true",
            "isURL('/absolute-path')|true",
            "isURL('https://a:b:c/')|false",
            "isURL('../relative-path')|false",
            "isURL('')|false",
            "isURL('https://ex ample.com/')|false",
            "isURL('mailto:someone@example.com')|true",
    })
    void validatesUrlsLikeParseRequestUri(String expression, boolean expected) {
        assertThat(eval(expression)).isEqualTo(expected);
    }

    @Test
    void parsesQueriesIntoListsOfValues() {
        assertThat(eval("url('https://example.com/?k=a&k=b+c&x=%41&bad;=1').getQuery()"))
                .isEqualTo(Map.of("k", List.of("a", "b c"), "x", List.of("A")));
        evalError("url('../relative')").hasMessageContaining("URL parse error during conversion from string");
    }

    @Test
    void findsRegexMatchesLikeGo() {
        assertThat(eval("'abc 123'.find('[0-9]+')")).isEqualTo("123");
        assertThat(eval("'abc'.find('[0-9]+')")).isEqualTo("");
        assertThat(eval("'123 abc 456'.findAll('[0-9]+')")).isEqualTo(List.of("123", "456"));
        assertThat(eval("'123 abc 456'.findAll('[0-9]+', 1)")).isEqualTo(List.of("123"));
        assertThat(eval("'123 abc 456'.findAll('[0-9]+', 0)")).isEqualTo(List.of());
        // Go skips an empty match that abuts the previous match
        assertThat(eval("'abc'.findAll('b*')")).isEqualTo(List.of("", "b", ""));
        evalError("'abc'.find('(')").hasMessageContaining("error parsing regexp");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "[1, 2, 3].isSorted()|true",
            "[1, 3, 2].isSorted()|false",
            "['a', 'b', 'b'].isSorted()|true",
            "[].isSorted()|true",
            "[1, 2, 3].sum() == 6|true",
            "[1.5, 2.5].sum() == 4.0|true",
            "[duration('1s'), duration('2s')].sum() == duration('3s')|true",
            "[].sum() == 0|true",
            "[3, 1, 2].min() == 1 && [3, 1, 2].max() == 3|true",
            "['b', 'a'].min() == 'a'|true",
            "[1, 2, 2, 3].indexOf(2) == 1 && [1, 2, 2, 3].lastIndexOf(2) == 2|true",
            "[1, 2].indexOf(5) == -1|true",
            "[[1], [2]].indexOf([2]) == 1|true",
    })
    void computesOverLists(String expression, boolean expected) {
        assertThat(eval(expression)).isEqualTo(expected);
        assertThat(admission(expression)).isEqualTo(expected);
    }

    @Test
    void failsOnEmptyMinAndMax() {
        evalError("[].min()").hasMessageContaining("min called on empty list");
        evalError("[].max()").hasMessageContaining("max called on empty list");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "isIP('192.168.0.1')|true",
            "isIP('::1')|true",
            "isIP('192.168.0.01')|false",
            "isIP('::ffff:1.2.3.4')|false",
            "isIP('fe80::1%eth0')|false",
            "isIP('256.0.0.1')|false",
            "ip.isCanonical('2001:db8::abcd')|true",
            "ip.isCanonical('2001:DB8::ABCD')|false",
            "ip.isCanonical('2001:db8:0:0:0:0:0:abcd')|false",
            "ip('10.0.0.1').family() == 4 && ip('::1').family() == 6|true",
            "ip('0.0.0.0').isUnspecified() && ip('::').isUnspecified()|true",
            "ip('127.0.0.5').isLoopback() && ip('::1').isLoopback()|true",
            "ip('224.0.0.1').isLinkLocalMulticast() && ip('ff02::1').isLinkLocalMulticast()|true",
            "ip('169.254.1.1').isLinkLocalUnicast() && ip('fe80::1').isLinkLocalUnicast()|true",
            "ip('192.168.0.1').isGlobalUnicast() && ip('2001:db8::1').isGlobalUnicast()|true",
            "!ip('255.255.255.255').isGlobalUnicast() && !ip('224.0.0.1').isGlobalUnicast()|true",
            "ip('10.0.0.1') == ip('10.0.0.1')|true",
            "isCIDR('10.0.0.0/8') && !isCIDR('10.0.0.0') && !isCIDR('10.0.0.0/33') && !isCIDR('10.0.0.0/08')|true",
            "cidr('192.168.0.0/24').containsIP('192.168.0.1')|true",
            "cidr('192.168.0.0/24').containsIP(ip('192.168.1.1'))|false",
            "cidr('192.168.0.0/24').containsIP('::1')|false",
            "cidr('192.168.0.0/16').containsCIDR('192.168.10.0/24')|true",
            "cidr('192.168.0.0/24').containsCIDR(cidr('192.168.0.0/16'))|false",
            "cidr('192.168.0.1/24').ip() == ip('192.168.0.1')|true",
            "cidr('192.168.0.1/24').masked() == cidr('192.168.0.0/24')|true",
            "cidr('2001:db8::/32').prefixLength() == 32|true",
    })
    void handlesAddressesLikeNetip(String expression, boolean expected) {
        assertThat(eval(expression)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "string(ip('2001:db8:0:0:0:0:2:1'))|2001:db8::2:1",
            "string(ip('2001:0db8:0000:0000:0001:0000:0000:0001'))|2001:db8::1:0:0:1",
            "string(ip('::'))|::",
            "string(ip('1::'))|1::",
            "string(ip('::1.2.3.4'))|::102:304",
            "string(cidr('192.168.0.1/24'))|192.168.0.1/24",
            "string(cidr('192.168.0.1/24').masked())|192.168.0.0/24",
    })
    void printsAddressesLikeNetip(String expression, String expected) {
        assertThat(eval(expression)).isEqualTo(expected);
    }

    @Test
    void rejectsInvalidAddresses() {
        evalError("ip('::ffff:1.2.3.4')").hasMessageContaining("IPv4-mapped IPv6 address");
        evalError("ip('1.2.3')").hasMessageContaining("parse error during conversion from string");
        evalError("cidr('1.2.3.4')").hasMessageContaining("network address parse error");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "isSemver('1.0.0')|true",
            "isSemver('hello')|false",
            "isSemver('v1.0')|false",
            "isSemver('v1.0', true)|true",
            "isSemver('01.01.01', true)|true",
            "isSemver('1.0-alpha', true)|false",
            "isSemver('1.0.0-alpha.01')|false",
            "semver('1.0', true) == semver('1.0.0')|true",
            "semver('01.01.01', true) == semver('1.1.1')|true",
            "semver('1.2.3').major() == 1 && semver('1.2.3').minor() == 2 && semver('1.2.3').patch() == 3|true",
            "semver('1.2.3').compareTo(semver('2.0.0')) == -1|true",
            "semver('1.2.3').compareTo(semver('0.1.2')) == 1|true",
            "semver('1.0.0-alpha').isLessThan(semver('1.0.0'))|true",
            "semver('1.0.0-alpha.1').isLessThan(semver('1.0.0-alpha.beta'))|true",
            "semver('1.0.0-2').isLessThan(semver('1.0.0-10'))|true",
            "semver('1.0.0+build1') == semver('1.0.0+build2')|true",
            "semver('2.0.0').isGreaterThan(semver('1.9.9'))|true",
    })
    void ordersSemanticVersions(String expression, boolean expected) {
        assertThat(eval(expression)).isEqualTo(expected);
    }

    @Test
    void reportsBlangSemverErrors() {
        evalError("semver('1.0')").hasMessageContaining("No Major.Minor.Patch elements found");
        evalError("semver('01.0.0')").hasMessageContaining("Major number must not contain leading zeroes");
    }

    @Test
    void compilesAuthorizerExpressionsButCannotEvaluateThem() {
        String expression = "authorizer.group('apps').resource('deployments').namespace('ns').check('create')"
                + ".allowed()";
        Cel.evalError(CelDialect.ADMISSION, expression, Map.of("authorizer", Map.of()))
                .hasMessageContaining("not available offline");
    }
}
