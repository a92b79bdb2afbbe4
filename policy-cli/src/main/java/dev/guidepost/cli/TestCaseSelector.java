package dev.guidepost.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import dev.guidepost.core.ExpectationResult;
import dev.guidepost.core.GuidepostException;

/**
 * The expectations {@code guidepost test --test-case-selector} keeps, written as for {@code kyverno test}:
 * {@code "policy=NAME, rule=NAME, resource=NAME"}, any combination, {@code *} matching any characters and {@code ?}
 * one. An expectation that names no rule (a ValidatingPolicy's, a pack example's) passes a rule selector, as in
 * Kyverno. Unlike Kyverno, a resource written {@code namespace/name} in the test file is selected by its name alone
 * too.
 */
final class TestCaseSelector implements Predicate<ExpectationResult> {

    /** One {@code key=value} of the selector and the field of an expectation it tests. */
    private record Part(String text, String key, Function<ExpectationResult, String> field, Pattern pattern) {

        boolean test(ExpectationResult result) {
            String value = field.apply(result);
            return key.equals("rule") && value.isEmpty() || selects(value);
        }

        /** True when the value, or for a resource its name alone, fits the pattern. */
        boolean selects(String value) {
            return pattern.matcher(value).matches() || key.equals("resource")
                    && pattern.matcher(value.substring(value.indexOf('/') + 1)).matches();
        }
    }

    private static final Map<String, Function<ExpectationResult, String>> FIELDS = Map.of(
            "policy", ExpectationResult::policy, "rule", ExpectationResult::rule,
            "resource", ExpectationResult::resource);

    private final String text;
    private final List<Part> parts;

    private TestCaseSelector(String text, List<Part> parts) {
        this.text = text;
        this.parts = parts;
    }

    /**
     * Reads a selector.
     *
     * @throws GuidepostException naming the part that is not {@code policy=}, {@code rule=} or {@code resource=}
     */
    static TestCaseSelector parse(String text) {
        List<Part> parts = new ArrayList<>();
        for (String part : text.split(",")) {
            int equals = part.indexOf('=');
            String key = equals < 0 ? "" : part.substring(0, equals).trim().toLowerCase(Locale.ROOT);
            String value = equals < 0 ? "" : part.substring(equals + 1).trim();
            if (equals < 0 || value.isEmpty() || value.contains("=")) {
                throw new GuidepostException("--test-case-selector: '" + part.trim() + "' is not KEY=VALUE; write "
                        + "for example \"policy=disallow-latest-tag, rule=require-image-tag, resource=nginx\"");
            }
            if (!FIELDS.containsKey(key)) {
                throw new GuidepostException("--test-case-selector: '" + key + "' in '" + part.trim()
                        + "' is not policy, rule or resource");
            }
            parts.add(new Part(part.trim(), key, FIELDS.get(key), wildcard(value)));
        }
        return new TestCaseSelector(text.trim(), List.copyOf(parts));
    }

    private static Pattern wildcard(String value) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (char c : value.toCharArray()) {
            if (c == '*' || c == '?') {
                regex.append(Pattern.quote(literal.toString())).append(c == '*' ? ".*" : ".");
                literal.setLength(0);
            } else {
                literal.append(c);
            }
        }
        return Pattern.compile(regex.append(Pattern.quote(literal.toString())).toString());
    }

    @Override
    public boolean test(ExpectationResult result) {
        return parts.stream().allMatch(part -> part.test(result));
    }

    /**
     * The parts that select no expectation by their own field (a misspelt rule, which expectations without a rule
     * would pass unnoticed), as written.
     */
    List<String> partsSelectingNothing(List<ExpectationResult> results) {
        return parts.stream().filter(part -> results.stream().map(part.field()).filter(v -> !v.isEmpty())
                .noneMatch(part::selects)).map(Part::text).toList();
    }

    @Override
    public String toString() {
        return text;
    }
}
