package dev.guidepost.core.internal.cel;

import static dev.cel.common.CelOverloadDecl.newMemberOverload;

import java.util.ArrayList;
import java.util.List;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

import dev.cel.common.types.ListType;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;

/**
 * Kubernetes' Regex library (k8s.io/apiserver/pkg/cel/library/regex.go): {@code find} and {@code findAll} with
 * an optional limit, on RE2 (re2j, like cel-java's {@code matches}). Matches follow Go's {@code FindAllString}:
 * an empty match right after the previous match is skipped; a negative limit means all, zero means none.
 */
final class RegexLibrary extends FunctionLibrary {

    RegexLibrary() {
        function("find", newMemberOverload("string_find_string", SimpleType.STRING, SimpleType.STRING,
                SimpleType.STRING),
                CelFunctionBinding.from("string_find_string", String.class, String.class, (s, re) -> {
                    Matcher matcher = compile(re).matcher(s);
                    return matcher.find() ? matcher.group() : "";
                }));
        ListType strings = ListType.create(SimpleType.STRING);
        function("findAll", List.of(
                newMemberOverload("string_find_all_string", strings, SimpleType.STRING, SimpleType.STRING),
                newMemberOverload("string_find_all_string_int", strings, SimpleType.STRING, SimpleType.STRING,
                        SimpleType.INT)),
                CelFunctionBinding.from("string_find_all_string", String.class, String.class,
                        (s, re) -> findAll(s, re, -1)),
                CelFunctionBinding.from("string_find_all_string_int",
                        List.of(String.class, String.class, Long.class),
                        args -> findAll((String) args[0], (String) args[1], (Long) args[2])));
    }

    private static Pattern compile(String regex) throws CelEvaluationException {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw error("error parsing regexp: %s", e.getMessage());
        }
    }

    private static List<String> findAll(String s, String regex, long limit) throws CelEvaluationException {
        Pattern pattern = compile(regex);
        List<String> out = new ArrayList<>();
        if (limit == 0) {
            return out;
        }
        Matcher matcher = pattern.matcher(s);
        int from = 0;
        int previousEnd = -1;
        while (from <= s.length() && matcher.find(from)) {
            int start = matcher.start();
            int end = matcher.end();
            if (start == end && start == previousEnd) {
                // Go ignores an empty match abutting the preceding match
                if (start >= s.length()) {
                    break;
                }
                from = start + Character.charCount(s.codePointAt(start));
                continue;
            }
            out.add(matcher.group());
            if (limit > 0 && out.size() >= limit) {
                break;
            }
            previousEnd = end;
            if (end == start) {
                if (end >= s.length()) {
                    break;
                }
                from = end + Character.charCount(s.codePointAt(end));
            } else {
                from = end;
            }
        }
        return out;
    }
}
