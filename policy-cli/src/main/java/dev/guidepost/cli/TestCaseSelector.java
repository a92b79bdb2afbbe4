package dev.guidepost.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.guidepost.core.ExpectationResult;
import dev.guidepost.core.GuidepostException;

/**
 * The expectations {@code guidepost test --test-case-selector} keeps, written as for {@code kyverno test}:
 * {@code "policy=NAME, rule=NAME, resource=NAME"}, any combination, {@code *} matching any characters. An
 * expectation that names no rule (a ValidatingPolicy's) passes a rule selector, as in Kyverno; a resource written
 * {@code namespace/name} is selected by either form.
 */
final class TestCaseSelector implements Predicate<ExpectationResult> {

    private final String text;
    private final List<Predicate<ExpectationResult>> parts;

    private TestCaseSelector(String text, List<Predicate<ExpectationResult>> parts) {
        this.text = text;
        this.parts = parts;
    }

    /**
     * Reads a selector.
     *
     * @throws GuidepostException naming the part that is not {@code policy=}, {@code rule=} or {@code resource=}
     */
    static TestCaseSelector parse(String text) {
        List<Predicate<ExpectationResult>> parts = new ArrayList<>();
        for (String part : text.split(",")) {
            int equals = part.indexOf('=');
            String key = equals < 0 ? "" : part.substring(0, equals).trim().toLowerCase(Locale.ROOT);
            String value = equals < 0 ? "" : part.substring(equals + 1).trim();
            if (equals < 0 || value.isEmpty() || value.contains("=")) {
                throw new GuidepostException("--test-case-selector: '" + part.trim() + "' is not KEY=VALUE; write "
                        + "for example \"policy=disallow-latest-tag, rule=require-image-tag, resource=nginx\"");
            }
            Pattern pattern = wildcard(value);
            switch (key) {
                case "policy" -> parts.add(r -> pattern.matcher(r.policy()).matches());
                case "rule" -> parts.add(r -> r.rule().isEmpty() || pattern.matcher(r.rule()).matches());
                case "resource" -> parts.add(r -> pattern.matcher(r.resource()).matches()
                        || pattern.matcher(r.resource().substring(r.resource().indexOf('/') + 1)).matches());
                default -> throw new GuidepostException("--test-case-selector: '" + key + "' in '" + part.trim()
                        + "' is not policy, rule or resource");
            }
        }
        return new TestCaseSelector(text.trim(), List.copyOf(parts));
    }

    private static Pattern wildcard(String value) {
        return Pattern.compile(Arrays.stream(value.split("\\*", -1)).map(Pattern::quote)
                .collect(Collectors.joining(".*")));
    }

    @Override
    public boolean test(ExpectationResult result) {
        return parts.stream().allMatch(part -> part.test(result));
    }

    @Override
    public String toString() {
        return text;
    }
}
