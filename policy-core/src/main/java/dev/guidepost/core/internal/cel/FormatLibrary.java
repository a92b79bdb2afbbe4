package dev.guidepost.core.internal.cel;

import static dev.cel.common.CelOverloadDecl.newGlobalOverload;
import static dev.cel.common.CelOverloadDecl.newMemberOverload;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

import dev.cel.common.types.ListType;
import dev.cel.common.types.OpaqueType;
import dev.cel.common.types.OptionalType;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelFunctionBinding;

/**
 * Kubernetes' Format library (k8s.io/apiserver/pkg/cel/library/format.go, in the base environment since 1.31):
 * {@code format.named(name)} and {@code format.<name>()} give a named format, and {@code <format>.validate(s)}
 * gives {@code optional.none()} for a valid string or the list of what is wrong, in apimachinery's words.
 */
final class FormatLibrary extends FunctionLibrary {

    static final OpaqueType TYPE = OpaqueType.create("kubernetes.NamedFormat");

    /** A named format and its check, which gives what is wrong with a string (nothing when it is valid). */
    record NamedFormat(String name, Function<String, List<String>> check) {
    }

    private static final String LABEL_FMT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    private static final String SUBDOMAIN_FMT = LABEL_FMT + "(\\." + LABEL_FMT + ")*";
    private static final String DNS1035_FMT = "[a-z]([-a-z0-9]*[a-z0-9])?";
    private static final String QUALIFIED_NAME_FMT = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
    private static final String LABEL_VALUE_FMT = "(" + QUALIFIED_NAME_FMT + ")?";
    private static final String QUALIFIED_NAME_MSG = "must consist of alphanumeric characters, '-', '_' or '.', and "
            + "must start and end with an alphanumeric character";
    private static final Pattern UUID = Pattern.compile(
            "(?i)^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$");

    /** The formats by the names {@code format.named} takes, in the library's order. */
    static final Map<String, NamedFormat> FORMATS = formats();

    FormatLibrary() {
        function("format.named", newGlobalOverload("format-named", OptionalType.create(TYPE), SimpleType.STRING),
                CelFunctionBinding.from("format-named", String.class,
                        name -> Optional.ofNullable(FORMATS.get(name))));
        for (Map.Entry<String, NamedFormat> e : FORMATS.entrySet()) {
            String function = "format." + e.getKey();
            NamedFormat format = e.getValue();
            function(function, newGlobalOverload(function, TYPE),
                    CelFunctionBinding.from(function, List.of(), args -> format));
        }
        function("validate", newMemberOverload("format-validate", OptionalType.create(ListType.create(
                SimpleType.STRING)), TYPE, SimpleType.STRING),
                CelFunctionBinding.from("format-validate", NamedFormat.class, String.class, (f, s) -> {
                    List<String> errors = f.check().apply(s);
                    return errors.isEmpty() ? Optional.empty() : Optional.of(errors);
                }));
    }

    private static Map<String, NamedFormat> formats() {
        Map<String, NamedFormat> out = new LinkedHashMap<>();
        out.put("dns1123Label", new NamedFormat("DNS1123Label", s -> dns1123Label(s)));
        out.put("dns1123Subdomain", new NamedFormat("DNS1123Subdomain", s -> dns1123Subdomain(s)));
        out.put("dns1035Label", new NamedFormat("DNS1035Label", s -> dns1035Label(s)));
        out.put("qualifiedName", new NamedFormat("QualifiedName", FormatLibrary::qualifiedName));
        out.put("dns1123LabelPrefix", new NamedFormat("DNS1123LabelPrefix", s -> dns1123Label(maskTrailingDash(s))));
        out.put("dns1123SubdomainPrefix", new NamedFormat("DNS1123SubdomainPrefix",
                s -> dns1123Subdomain(maskTrailingDash(s))));
        out.put("dns1035LabelPrefix", new NamedFormat("DNS1035LabelPrefix", s -> dns1035Label(maskTrailingDash(s))));
        out.put("labelValue", new NamedFormat("LabelValue", FormatLibrary::labelValue));
        out.put("uri", new NamedFormat("URI", FormatLibrary::uri));
        out.put("uuid", new NamedFormat("uuid", s -> UUID.matcher(s).matches() ? List.of()
                : List.of("does not match the UUID format")));
        out.put("byte", new NamedFormat("byte", FormatLibrary::base64));
        out.put("date", new NamedFormat("date", FormatLibrary::date));
        out.put("datetime", new NamedFormat("datetime", FormatLibrary::dateTime));
        return out;
    }

    /** apimachinery's name-prefix check: a trailing dash (a generateName) is allowed. */
    private static String maskTrailingDash(String s) {
        return s.length() > 1 && s.endsWith("-") ? s.substring(0, s.length() - 1) + "a" : s;
    }

    private static List<String> dns1123Label(String s) {
        return check(s, 63, LABEL_FMT, "a lowercase RFC 1123 label must consist of lower case alphanumeric "
                + "characters or '-', and must start and end with an alphanumeric character", "my-name", "123-abc");
    }

    private static List<String> dns1123Subdomain(String s) {
        return check(s, 253, SUBDOMAIN_FMT, "a lowercase RFC 1123 subdomain must consist of lower case "
                + "alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
                "example.com");
    }

    private static List<String> dns1035Label(String s) {
        return check(s, 63, DNS1035_FMT, "a DNS-1035 label must consist of lower case alphanumeric characters or "
                + "'-', start with an alphabetic character, and end with an alphanumeric character", "my-name",
                "abc-123");
    }

    private static List<String> labelValue(String s) {
        return check(s, 63, LABEL_VALUE_FMT, "a valid label must be an empty string or consist of alphanumeric "
                + "characters, '-', '_' or '.', and must start and end with an alphanumeric character", "MyValue",
                "my_value", "12345");
    }

    private static List<String> qualifiedName(String s) {
        List<String> errors = new ArrayList<>();
        String[] parts = s.split("/", -1);
        String name;
        if (parts.length == 1) {
            name = parts[0];
        } else if (parts.length == 2) {
            String prefix = parts[0];
            name = parts[1];
            if (prefix.isEmpty()) {
                errors.add("prefix part must be non-empty");
            } else {
                dns1123Subdomain(prefix).forEach(m -> errors.add("prefix part " + m));
            }
        } else {
            return List.of("a qualified name " + regexError(QUALIFIED_NAME_MSG, QUALIFIED_NAME_FMT, "MyName",
                    "my.name", "123-abc") + " with an optional DNS subdomain prefix and '/' (e.g. "
                    + "'example.com/MyName')");
        }
        if (name.isEmpty()) {
            errors.add("name part must be non-empty");
        } else if (name.length() > 63) {
            errors.add("name part must be no more than 63 characters");
        }
        if (!name.matches(QUALIFIED_NAME_FMT)) {
            errors.add("name part " + regexError(QUALIFIED_NAME_MSG, QUALIFIED_NAME_FMT, "MyName", "my.name",
                    "123-abc"));
        }
        return errors;
    }

    /** Go's url.ParseRequestURI, in what it accepts: an absolute URI, or an absolute path. */
    private static List<String> uri(String s) {
        String error = "parse \"" + s + "\": ";
        if (s.isEmpty()) {
            return List.of(error + "empty url");
        }
        try {
            URI parsed = new URI(s);
            if (!parsed.isAbsolute() && !s.startsWith("/")) {
                return List.of(error + "invalid URI for request");
            }
            return List.of();
        } catch (URISyntaxException e) {
            return List.of(error + "invalid URI for request");
        }
    }

    private static List<String> base64(String s) {
        try {
            Base64.getDecoder().decode(s);
            return List.of();
        } catch (IllegalArgumentException e) {
            return List.of("invalid base64");
        }
    }

    private static List<String> date(String s) {
        try {
            LocalDate.parse(s);
            return List.of();
        } catch (DateTimeParseException e) {
            return List.of("invalid date");
        }
    }

    private static List<String> dateTime(String s) {
        try {
            OffsetDateTime.parse(s.replace(' ', 'T'));
            return List.of();
        } catch (DateTimeParseException e) {
            return List.of("invalid datetime");
        }
    }

    /** apimachinery's length and regex checks, with its messages. */
    private static List<String> check(String s, int max, String regex, String message, String... examples) {
        List<String> errors = new ArrayList<>();
        if (s.length() > max) {
            errors.add("must be no more than " + max + " characters");
        }
        if (!s.matches(regex)) {
            errors.add(regexError(message, regex, examples));
        }
        return errors;
    }

    /** apimachinery's RegexError wording, two spaces after the first example included. */
    private static String regexError(String message, String regex, String... examples) {
        if (examples.length == 0) {
            return message + " (regex used for validation is '" + regex + "')";
        }
        StringBuilder out = new StringBuilder(message).append(" (e.g. ");
        for (int i = 0; i < examples.length; i++) {
            if (i > 0) {
                out.append(" or ");
            }
            out.append('\'').append(examples[i]).append("', ");
        }
        return out.append("regex used for validation is '").append(regex).append("')").toString();
    }
}
