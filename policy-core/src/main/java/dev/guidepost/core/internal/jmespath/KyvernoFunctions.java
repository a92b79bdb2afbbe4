package dev.guidepost.core.internal.jmespath;

import dev.guidepost.core.internal.cel.Quantity;
import dev.guidepost.core.internal.golang.GoDuration;
import dev.guidepost.core.internal.golang.GoValues;
import dev.guidepost.core.internal.golang.RandomStrings;
import dev.guidepost.core.internal.golang.Semver;
import dev.guidepost.core.internal.match.Wildcard;

import io.burt.jmespath.Adapter;
import io.burt.jmespath.JmesPathType;
import io.burt.jmespath.function.ArgumentConstraint;
import io.burt.jmespath.function.ArgumentConstraints;
import io.burt.jmespath.function.BaseFunction;
import io.burt.jmespath.function.Function;
import io.burt.jmespath.function.FunctionArgument;
import io.burt.jmespath.jcf.JcfRuntime;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Kyverno's custom JMESPath functions (pkg/engine/jmespath: functions.go, arithmetic.go, time.go), reimplemented
 * over Java values in which every number is a Double, as Kyverno's are float64. Functions Guidepost cannot evaluate
 * faithfully are registered and raise a {@link JmesPathException} naming them.
 */
final class KyvernoFunctions {

    private static final String ERROR_PREFIX = "JMESPath function '%s': ";
    private static final JmesPathType STRING = JmesPathType.STRING;
    private static final JmesPathType NUMBER = JmesPathType.NUMBER;
    private static final JmesPathType ARRAY = JmesPathType.ARRAY;
    private static final JmesPathType OBJECT = JmesPathType.OBJECT;

    private final Clock clock;

    KyvernoFunctions(Clock clock) {
        this.clock = clock;
    }

    /** The functions, overriding the standard ones of the same name ({@code sum}, {@code to_string}). */
    Function[] all() {
        List<Function> f = new ArrayList<>();
        f.add(fn("compare", a -> (double) Integer.signum(Arrays.compare(utf8(a, 0), utf8(a, 1))), STRING, STRING));
        f.add(fn("equal_fold", a -> equalFold(str(a, 0), str(a, 1)), STRING, STRING));
        f.add(fn("replace", a -> replace(str(a, 0), str(a, 1), str(a, 2), (long) num(a, 3)),
                STRING, STRING, STRING, NUMBER));
        f.add(fn("replace_all", a -> replace(str(a, 0), str(a, 1), str(a, 2), -1), STRING, STRING, STRING));
        f.add(fn("to_upper", a -> mapCodePoints(str(a, 0), true), STRING));
        f.add(fn("to_lower", a -> mapCodePoints(str(a, 0), false), STRING));
        f.add(fn("trim", a -> trim(str(a, 0), str(a, 1)), STRING, STRING));
        f.add(fn("trim_prefix", a -> str(a, 0).startsWith(str(a, 1))
                ? str(a, 0).substring(str(a, 1).length()) : str(a, 0), STRING, STRING));
        f.add(fn("split", a -> split(str(a, 0), str(a, 1)), STRING, STRING));
        f.add(fn("regex_replace_all", a -> regexReplace("regex_replace_all", a, false),
                types(STRING), types(STRING, NUMBER), types(STRING, NUMBER)));
        f.add(fn("regex_replace_all_literal", a -> regexReplace("regex_replace_all_literal", a, true),
                types(STRING), types(STRING, NUMBER), types(STRING, NUMBER)));
        f.add(fn("regex_match", a -> regex(null, str(a, 0)).matcher(stringOrNumber("regex_match", a, 1)).find(),
                types(STRING), types(STRING, NUMBER)));
        // Kyverno names regex_match in pattern_match's errors
        f.add(fn("pattern_match", a -> Wildcard.matches(str(a, 0), stringOrNumber("regex_match", a, 1)),
                types(STRING), types(STRING, NUMBER)));
        f.add(fn("label_match", KyvernoFunctions::labelMatch, OBJECT, OBJECT));
        f.add(fn("to_boolean", a -> toBoolean(str(a, 0)), STRING));
        f.add(fn("add", a -> Arithmetic.apply("add", "add", a.get(0), a.get(1)), any(), any()));
        f.add(fn("sum", KyvernoFunctions::sum, ARRAY));
        f.add(fn("subtract", a -> Arithmetic.apply("subtract", "subtract", a.get(0), a.get(1)), any(), any()));
        f.add(fn("multiply", a -> Arithmetic.apply("multiply", "multiply", a.get(0), a.get(1)), any(), any()));
        f.add(fn("divide", a -> Arithmetic.apply("divide", "divide", a.get(0), a.get(1)), any(), any()));
        f.add(fn("modulo", a -> Arithmetic.apply("modulo", "modulo", a.get(0), a.get(1)), any(), any()));
        f.add(fn("round", KyvernoFunctions::round, NUMBER, NUMBER));
        f.add(fn("base64_decode", a -> base64Decode(str(a, 0)), STRING));
        f.add(fn("base64_encode", a -> Base64.getEncoder().encodeToString(str(a, 0).getBytes(StandardCharsets.UTF_8)),
                STRING));
        f.add(fn("path_canonicalize", a -> pathJoin(str(a, 0)), STRING));
        f.add(fn("truncate", a -> truncate(str(a, 0), num(a, 1)), STRING, NUMBER));
        f.add(fn("semver_compare", a -> semverCompare(str(a, 0), str(a, 1)), STRING, STRING));
        f.add(fn("parse_json", a -> parseJson(str(a, 0)), STRING));
        f.add(fn("parse_yaml", a -> parseYaml(str(a, 0)), STRING));
        f.add(fn("lookup", KyvernoFunctions::lookup, types(OBJECT, ARRAY), types(STRING, NUMBER)));
        f.add(fn("items", KyvernoFunctions::items, types(OBJECT, ARRAY), types(STRING), types(STRING)));
        f.add(fn("object_from_lists", KyvernoFunctions::objectFromLists, ARRAY, ARRAY));
        f.add(fn("random", a -> {
            try {
                return RandomStrings.matching(str(a, 0));
            } catch (IllegalArgumentException e) {
                throw new JmesPathException(e.getMessage());
            }
        }, STRING));
        f.add(unsupported("x509_decode", "decoding certificates is not implemented", STRING));
        f.add(unsupported("image_normalize", "it depends on Kyverno's configured default registry", STRING));
        f.add(fn("time_since", this::timeSince, STRING, STRING, STRING));
        f.add(fn("time_now", a -> GoTime.formatRfc3339(OffsetDateTime.now(clock)), new JmesPathType[0]));
        f.add(fn("time_now_utc", a -> GoTime.formatRfc3339(OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC)),
                new JmesPathType[0]));
        f.add(fn("time_to_cron", a -> timeToCron(GoTime.parseRfc3339(str(a, 0))), STRING));
        f.add(fn("time_add", a -> GoTime.formatRfc3339(GoTime.parseRfc3339(str(a, 0))
                .plusNanos(GoTime.parseDuration(str(a, 1)))), STRING, STRING));
        f.add(fn("time_parse", a -> timeParse(str(a, 0), str(a, 1)), STRING, STRING));
        f.add(fn("time_utc", a -> GoTime.formatRfc3339(GoTime.parseRfc3339(str(a, 0))
                .withOffsetSameInstant(ZoneOffset.UTC)), STRING));
        f.add(fn("time_diff", a -> GoDuration.format(GoTime.sub(GoTime.parseRfc3339(str(a, 1)),
                GoTime.parseRfc3339(str(a, 0)))), STRING, STRING));
        f.add(fn("time_before", a -> GoTime.parseRfc3339(str(a, 0)).toInstant()
                .isBefore(GoTime.parseRfc3339(str(a, 1)).toInstant()), STRING, STRING));
        f.add(fn("time_after", a -> GoTime.parseRfc3339(str(a, 0)).toInstant()
                .isAfter(GoTime.parseRfc3339(str(a, 1)).toInstant()), STRING, STRING));
        f.add(fn("time_between", a -> {
            Instant t = GoTime.parseRfc3339(str(a, 0)).toInstant();
            return t.isAfter(GoTime.parseRfc3339(str(a, 1)).toInstant())
                    && t.isBefore(GoTime.parseRfc3339(str(a, 2)).toInstant());
        }, STRING, STRING, STRING));
        f.add(fn("time_truncate", a -> GoTime.formatRfc3339(GoTime.truncate(GoTime.parseRfc3339(str(a, 0)),
                GoTime.parseDuration(str(a, 1)))), STRING, STRING));
        // go-jmespath's to_string: strings as they are, anything else as Go's json.Marshal writes it
        f.add(fn("to_string", a -> a.get(0) instanceof String s ? s : KyvernoValues.marshal(a.get(0)), any()));
        return f.toArray(Function[]::new);
    }

    // ---- function plumbing

    interface Handler {
        Object apply(List<Object> args);
    }

    private static ArgumentConstraint types(JmesPathType... types) {
        return ArgumentConstraints.typeOf(types);
    }

    private static ArgumentConstraint any() {
        return ArgumentConstraints.anyValue();
    }

    private static Function fn(String name, Handler handler, JmesPathType... types) {
        ArgumentConstraint[] constraints = new ArgumentConstraint[types.length];
        for (int i = 0; i < types.length; i++) {
            constraints[i] = ArgumentConstraints.typeOf(types[i]);
        }
        return fn(name, handler, constraints);
    }

    static Function fn(String name, Handler handler, ArgumentConstraint... constraints) {
        return new BaseFunction(name, constraints) {
            @Override
            @SuppressWarnings("unchecked")
            protected <T> T callFunction(Adapter<T> runtime, List<FunctionArgument<T>> arguments) {
                List<Object> values = new ArrayList<>(arguments.size());
                for (FunctionArgument<T> argument : arguments) {
                    values.add(argument.value());
                }
                return (T) GoValues.toFloat64s(handler.apply(values));
            }
        };
    }

    private static Function unsupported(String name, String why, JmesPathType... types) {
        return fn(name, a -> {
            throw JmesPathException.unsupported("Guidepost does not support " + name + " (" + why + ")");
        }, types);
    }

    static JmesPathException error(String function, String message) {
        return new JmesPathException(String.format(ERROR_PREFIX, function) + message);
    }

    static JmesPathException invalidArgumentType(String function, int position, String type) {
        return error(function, "argument #" + position + " is not of type " + type);
    }

    static String str(List<Object> a, int i) {
        return (String) a.get(i);
    }

    static double num(List<Object> a, int i) {
        return ((Number) a.get(i)).doubleValue();
    }

    private static byte[] utf8(List<Object> a, int i) {
        return str(a, i).getBytes(StandardCharsets.UTF_8);
    }

    private static String stringOrNumber(String function, List<Object> a, int i) {
        String s = KyvernoValues.ifaceToString(a.get(i));
        if (s == null) {
            throw invalidArgumentType(function, i + 1, "String or Real");
        }
        return s;
    }

    // ---- strings

    private static boolean equalFold(String a, String b) {
        int[] x = a.codePoints().toArray();
        int[] y = b.codePoints().toArray();
        if (x.length != y.length) {
            return false;
        }
        for (int i = 0; i < x.length; i++) {
            if (x[i] != y[i] && Character.toLowerCase(Character.toUpperCase(x[i]))
                    != Character.toLowerCase(Character.toUpperCase(y[i]))) {
                return false;
            }
        }
        return true;
    }

    /** Go's {@code strings.Replace}: n < 0 replaces all; an empty old matches before every rune and at the end. */
    static String replace(String s, String old, String replacement, long n) {
        if (n == 0 || old.equals(replacement)) {
            return s;
        }
        StringBuilder out = new StringBuilder();
        long done = 0;
        int i = 0;
        if (old.isEmpty()) {
            int[] cps = s.codePoints().toArray();
            int k = 0;
            for (; k < cps.length && (n < 0 || done < n); k++) {
                out.append(replacement).appendCodePoint(cps[k]);
                done++;
            }
            if (k == cps.length && (n < 0 || done < n)) {
                out.append(replacement);
            }
            for (; k < cps.length; k++) {
                out.appendCodePoint(cps[k]);
            }
            return out.toString();
        }
        while (n < 0 || done < n) {
            int j = s.indexOf(old, i);
            if (j < 0) {
                break;
            }
            out.append(s, i, j).append(replacement);
            i = j + old.length();
            done++;
        }
        return out.append(s.substring(i)).toString();
    }

    private static String mapCodePoints(String s, boolean upper) {
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> out.appendCodePoint(upper ? Character.toUpperCase(cp)
                : Character.toLowerCase(cp)));
        return out.toString();
    }

    /** Go's {@code strings.Trim}: drops leading and trailing runes found in the cutset. */
    private static String trim(String s, String cutset) {
        if (s.isEmpty() || cutset.isEmpty()) {
            return s;
        }
        int[] cps = s.codePoints().toArray();
        int start = 0;
        int end = cps.length;
        while (start < end && cutset.indexOf(new String(Character.toChars(cps[start]))) >= 0) {
            start++;
        }
        while (end > start && cutset.indexOf(new String(Character.toChars(cps[end - 1]))) >= 0) {
            end--;
        }
        return new String(cps, start, end - start);
    }

    /** Go's {@code strings.Split}: an empty separator splits into runes. */
    private static List<Object> split(String s, String sep) {
        List<Object> out = new ArrayList<>();
        if (sep.isEmpty()) {
            s.codePoints().forEach(cp -> out.add(new String(Character.toChars(cp))));
            return out;
        }
        int i = 0;
        while (true) {
            int j = s.indexOf(sep, i);
            if (j < 0) {
                out.add(s.substring(i));
                return out;
            }
            out.add(s.substring(i, j));
            i = j + sep.length();
        }
    }

    private static String truncate(String s, double length) {
        int n = (int) Math.max(0, length);
        int count = s.codePointCount(0, s.length());
        if (n >= count) {
            return s;
        }
        return s.substring(0, s.offsetByCodePoints(0, n));
    }

    private static Object toBoolean(String s) {
        return switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw error("to_boolean", "lowercase argument must be 'true' or 'false' (provided: '" + s
                    + "')");
        };
    }

    // ---- regular expressions (Go RE2 syntax, run with java.util.regex)

    private static Pattern regex(String function, String expression) {
        try {
            return Pattern.compile(expression.replace("(?P<", "(?<"));
        } catch (PatternSyntaxException e) {
            String message = "error parsing regexp: " + e.getDescription() + ": `" + expression + "`";
            throw function == null ? new JmesPathException(message) : error(function, message);
        }
    }

    private static String regexReplace(String function, List<Object> a, boolean literal) {
        String src = stringOrNumber(function, a, 1);
        String repl = stringOrNumber(function, a, 2);
        Pattern pattern = regex(function, str(a, 0));
        Matcher m = pattern.matcher(src);
        StringBuilder out = new StringBuilder();
        int last = 0;
        while (m.find()) {
            out.append(src, last, m.start());
            if (literal) {
                out.append(repl);
            } else {
                expand(repl, m, out);
            }
            last = m.end();
        }
        return out.append(src.substring(last)).toString();
    }

    /** Go's {@code Regexp.Expand}: {@code $1}, {@code ${1}}, {@code $name}, {@code ${name}}, {@code $$}. */
    private static void expand(String template, Matcher m, StringBuilder out) {
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c != '$') {
                out.append(c);
                i++;
                continue;
            }
            if (i + 1 < template.length() && template.charAt(i + 1) == '$') {
                out.append('$');
                i += 2;
                continue;
            }
            String name;
            int next;
            if (i + 1 < template.length() && template.charAt(i + 1) == '{') {
                int close = template.indexOf('}', i + 2);
                name = close < 0 ? "" : template.substring(i + 2, close);
                next = close + 1;
                if (close < 0 || name.isEmpty() || !name.chars().allMatch(ch -> Character.isLetterOrDigit(ch)
                        || ch == '_')) {
                    out.append('$');
                    i++;
                    continue;
                }
            } else {
                int j = i + 1;
                while (j < template.length() && (Character.isLetterOrDigit(template.charAt(j))
                        || template.charAt(j) == '_')) {
                    j++;
                }
                name = template.substring(i + 1, j);
                next = j;
                if (name.isEmpty()) {
                    out.append('$');
                    i++;
                    continue;
                }
            }
            String group = null;
            if (name.chars().allMatch(Character::isDigit)) {
                try {
                    int number = Integer.parseInt(name);
                    if (number <= m.groupCount()) {
                        group = m.group(number);
                    }
                } catch (NumberFormatException tooBig) {
                    group = null;
                }
            } else {
                try {
                    group = m.group(name);
                } catch (IllegalArgumentException noSuchGroup) {
                    group = null;
                }
            }
            if (group != null) {
                out.append(group);
            }
            i = next;
        }
    }

    // ---- objects and lists

    private static Object labelMatch(List<Object> a) {
        Map<?, ?> labels = (Map<?, ?>) a.get(0);
        Map<?, ?> match = (Map<?, ?>) a.get(1);
        for (Map.Entry<?, ?> e : labels.entrySet()) {
            if (!match.containsKey(e.getKey()) || !GoValues.deepEqual(match.get(e.getKey()), e.getValue())) {
                return false;
            }
        }
        return true;
    }

    private static Object lookup(List<Object> a) {
        if (a.get(0) instanceof Map<?, ?> map) {
            if (!(a.get(1) instanceof String key)) {
                throw invalidArgumentType("lookup", 2, "String");
            }
            return map.get(key);
        }
        List<?> list = (List<?>) a.get(0);
        if (!(a.get(1) instanceof Number key)) {
            throw invalidArgumentType("lookup", 2, "Number");
        }
        double d = key.doubleValue();
        if (Double.isNaN(d) || Double.isInfinite(d) || d != Math.rint(d)) {
            throw new JmesPathException("JMESPath function 'lookup': argument #2: expected an integer number but got: "
                    + goG(d));
        }
        if (d < 0 || d > list.size() - 1) {
            return null;
        }
        return list.get((int) d);
    }

    private static Object items(List<Object> a) {
        String keyName = str(a, 1);
        String valueName = str(a, 2);
        List<Object> out = new ArrayList<>();
        if (a.get(0) instanceof Map<?, ?> map) {
            TreeSet<String> keys = new TreeSet<>();
            map.keySet().forEach(k -> keys.add(String.valueOf(k)));
            for (String key : keys) {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put(keyName, key);
                item.put(valueName, map.get(key));
                out.add(item);
            }
            return out;
        }
        List<?> list = (List<?>) a.get(0);
        for (int i = 0; i < list.size(); i++) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put(keyName, (double) i);
            item.put(valueName, list.get(i));
            out.add(item);
        }
        return out;
    }

    private static Object objectFromLists(List<Object> a) {
        List<?> keys = (List<?>) a.get(0);
        List<?> values = (List<?>) a.get(1);
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            String key = KyvernoValues.ifaceToString(keys.get(i));
            if (key == null) {
                throw invalidArgumentType("object_from_lists", 1, "StringArray");
            }
            out.put(key, i < values.size() ? values.get(i) : null);
        }
        return out;
    }

    // ---- numbers

    private static Object sum(List<Object> a) {
        List<?> items = (List<?>) a.get(0);
        if (items.isEmpty()) {
            throw error("sum", "at least one element in the array is required");
        }
        Object result = items.get(0);
        for (Object item : items.subList(1, items.size())) {
            result = Arithmetic.apply("add", "sum", result, item);
        }
        return result;
    }

    private static Object round(List<Object> a) {
        double value = num(a, 0);
        double length = num(a, 1);
        if (Double.isNaN(length) || Double.isInfinite(length) || length != Math.rint(length)) {
            throw error("round", "Non-integer argument(s) passed for round off");
        }
        if (length < 0) {
            // Kyverno formats this message without its arguments
            throw error("round", "%!d(MISSING) argument is out of bounds (%!d(MISSING))");
        }
        double shift = Math.pow(10, length);
        double scaled = value * shift;
        if (Double.isNaN(scaled) || Double.isInfinite(scaled)) {
            return scaled / shift;
        }
        double rounded = new BigDecimal(scaled).setScale(0, RoundingMode.HALF_UP).doubleValue();
        return rounded / shift;
    }

    /** Go's {@code %g}: the shortest digits, in exponent form below 1e-4 and from 1e6 on. */
    static String goG(double d) {
        if (d == 0 || Double.isNaN(d) || Double.isInfinite(d)) {
            return GoValues.formatFloat(d, false);
        }
        BigDecimal bd = new BigDecimal(Double.toString(d)).stripTrailingZeros();
        int exp = bd.precision() - bd.scale() - 1;
        if (exp < -4 || exp >= 6) {
            String u = bd.unscaledValue().abs().toString();
            return (d < 0 ? "-" : "") + u.charAt(0) + (u.length() > 1 ? "." + u.substring(1) : "") + "e"
                    + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
        }
        return bd.toPlainString();
    }

    // ---- encodings and parsing

    private static String base64Decode(String s) {
        String stripped = s.replace("\r", "").replace("\n", "");
        if (stripped.length() % 4 != 0) {
            throw new JmesPathException("illegal base64 data at input byte " + (stripped.length() / 4 * 4));
        }
        try {
            return new String(Base64.getDecoder().decode(stripped), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new JmesPathException("illegal base64 data: " + e.getMessage(), e);
        }
    }

    /** Go's {@code filepath.Join(s)} on Linux: "" stays "", anything else is {@code Clean}ed. */
    static String pathJoin(String s) {
        if (s.isEmpty()) {
            return "";
        }
        boolean rooted = s.startsWith("/");
        List<String> out = new ArrayList<>();
        for (String part : s.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (!out.isEmpty() && !out.get(out.size() - 1).equals("..")) {
                    out.remove(out.size() - 1);
                } else if (!rooted) {
                    out.add("..");
                }
                continue;
            }
            out.add(part);
        }
        String joined = String.join("/", out);
        if (rooted) {
            return "/" + joined;
        }
        return joined.isEmpty() ? "." : joined;
    }

    private static Object semverCompare(String version, String range) {
        Semver v;
        try {
            v = Semver.parse(version);
        } catch (IllegalArgumentException invalid) {
            // Kyverno ignores the version's parse error and compares the zero version
            v = Semver.ZERO;
        }
        try {
            return Semver.parseRange(range).test(v);
        } catch (IllegalArgumentException invalid) {
            throw new JmesPathException(invalid.getMessage(), invalid);
        }
    }

    private static final JcfRuntime JSON = new JcfRuntime();

    private static Object parseJson(String s) {
        try {
            return JSON.parseString(s);
        } catch (RuntimeException e) {
            throw new JmesPathException("invalid JSON: " + e.getMessage(), e);
        }
    }

    private static Object parseYaml(String s) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        Yaml yaml = new Yaml(new TimestampsAsStrings(options));
        try {
            return GoValues.toFloat64s(yaml.load(s));
        } catch (YAMLException e) {
            throw new JmesPathException("error converting YAML to JSON: " + e.getMessage(), e);
        }
    }

    /** sigs.k8s.io/yaml leaves timestamps as strings. */
    private static final class TimestampsAsStrings extends SafeConstructor {
        TimestampsAsStrings(LoaderOptions options) {
            super(options);
            this.yamlConstructors.put(Tag.TIMESTAMP, new ConstructYamlStr() {
                @Override
                public Object construct(Node node) {
                    return ((ScalarNode) node).getValue();
                }
            });
        }
    }

    // ---- time

    private Object timeSince(List<Object> a) {
        String layout = str(a, 0);
        OffsetDateTime t1 = layout.isEmpty() ? GoTime.parseRfc3339(str(a, 1)) : GoTime.parseLayout(layout, str(a, 1));
        OffsetDateTime t2 = OffsetDateTime.now(clock);
        if (!str(a, 2).isEmpty()) {
            t2 = layout.isEmpty() ? GoTime.parseRfc3339(str(a, 2)) : GoTime.parseLayout(layout, str(a, 2));
        }
        return GoDuration.format(GoTime.sub(t2, t1));
    }

    private static String timeToCron(OffsetDateTime t) {
        DayOfWeek day = t.getDayOfWeek();
        return t.getMinute() + " " + t.getHour() + " " + t.getDayOfMonth() + " " + t.getMonthValue() + " "
                + (day.getValue() % 7);
    }

    private static String timeParse(String layout, String ts) {
        if (isInt64(layout)) {
            long epoch;
            try {
                epoch = Long.parseLong(ts);
            } catch (NumberFormatException e) {
                throw new JmesPathException("strconv.ParseInt: parsing \"" + ts + "\": invalid syntax");
            }
            return GoTime.formatRfc3339(OffsetDateTime.ofInstant(Instant.ofEpochSecond(epoch), ZoneOffset.UTC));
        }
        return GoTime.formatRfc3339(GoTime.parseLayout(layout, ts));
    }

    private static boolean isInt64(String s) {
        try {
            Long.parseLong(s.startsWith("+") ? s.substring(1) : s);
            return !s.isEmpty();
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Kyverno's arithmetic.go: numbers, Go durations and Kubernetes quantities as operands. */
    static final class Arithmetic {

        private Arithmetic() {
        }

        private sealed interface Operand permits Scalar, Duration, QuantityOperand {
        }

        private record Scalar(double value) implements Operand {
        }

        private record Duration(long nanos) implements Operand {
            double seconds() {
                return (double) (nanos / 1_000_000_000L) + (double) (nanos % 1_000_000_000L) / 1e9;
            }
        }

        /** A quantity, with the format Kubernetes writes results of arithmetic on it in. */
        private record QuantityOperand(Quantity value, Quantity.Format format) implements Operand {
            BigDecimal exact() {
                return value.exact();
            }

            String written(BigDecimal result) {
                return Quantity.canonical(result, format);
            }
        }

        static Object apply(String operation, String errorName, Object left, Object right) {
            Operand a = operand(left);
            Operand b = operand(right);
            if (a == null || b == null) {
                throw error(errorName, "invalid operands");
            }
            String mismatchName = operation.equals("add") ? errorName : operation;
            return switch (operation) {
                case "add", "subtract" -> addOrSubtract(operation.equals("add"), mismatchName, a, b);
                case "multiply" -> multiply(a, b);
                case "divide" -> divide(a, b);
                default -> modulo(a, b);
            };
        }

        private static Operand operand(Object value) {
            if (value instanceof Number n) {
                return new Scalar(n.doubleValue());
            }
            if (value instanceof String s) {
                try {
                    return new QuantityOperand(Quantity.parse(s), Quantity.formatOf(s));
                } catch (IllegalArgumentException notQuantity) {
                    // try a duration next, as Kyverno does
                }
                try {
                    return new Duration(GoTime.parseDuration(s));
                } catch (JmesPathException notDuration) {
                    return null;
                }
            }
            return null;
        }

        private static JmesPathException mismatch(String name) {
            return error(name, "Types mismatch");
        }

        private static Object addOrSubtract(boolean add, String name, Operand a, Operand b) {
            String op = add ? "add" : "subtract";
            if (a instanceof Scalar x && b instanceof Scalar y) {
                return add ? x.value() + y.value() : x.value() - y.value();
            }
            if (a instanceof Duration x && b instanceof Duration y) {
                return GoDuration.format(add ? x.nanos() + y.nanos() : x.nanos() - y.nanos());
            }
            if (a instanceof QuantityOperand x && b instanceof QuantityOperand y) {
                // resource.Quantity's Add and Sub: the first operand's format, or the second's when the first is 0
                BigDecimal result = add ? x.exact().add(y.exact()) : x.exact().subtract(y.exact());
                return (x.exact().signum() == 0 ? y : x).written(result);
            }
            throw mismatch(name);
        }

        private static Object multiply(Operand a, Operand b) {
            if (a instanceof Scalar x && b instanceof Scalar y) {
                return x.value() * y.value();
            }
            Operand other = a instanceof Scalar ? b : a;
            Operand scalar = a instanceof Scalar ? a : b;
            if (scalar instanceof Scalar s) {
                if (other instanceof Duration d) {
                    double seconds = d.seconds() * s.value();
                    return GoDuration.format((long) (seconds * 1e9));
                }
                if (other instanceof QuantityOperand q) {
                    return q.written(q.exact().multiply(scalar(s.value())));
                }
            }
            throw mismatch("multiply");
        }

        private static Object divide(Operand a, Operand b) {
            if (a instanceof Scalar x && b instanceof Scalar y) {
                if (y.value() == 0) {
                    throw error("divide", "Zero divisor passed");
                }
                return x.value() / y.value();
            }
            if (a instanceof Duration x) {
                if (b instanceof Duration y) {
                    if (y.seconds() == 0) {
                        throw error("divide", "Zero divisor passed");
                    }
                    return x.seconds() / y.seconds();
                }
                if (b instanceof Scalar y) {
                    if (y.value() == 0) {
                        throw error("divide", "Zero divisor passed");
                    }
                    return GoDuration.format((long) (x.seconds() / y.value() * 1e9));
                }
            }
            if (a instanceof QuantityOperand x && b instanceof QuantityOperand y) {
                // Kyverno divides the two quantities' approximate float values: a plain ratio
                double divisor = y.value().asApproximateFloat();
                if (divisor == 0) {
                    throw error("divide", "Zero divisor passed");
                }
                return x.value().asApproximateFloat() / divisor;
            }
            if (a instanceof QuantityOperand x && b instanceof Scalar y) {
                if (y.value() == 0) {
                    throw error("divide", "Zero divisor passed");
                }
                // the quotient rounded down to the finer of the two operands' decimal places
                BigDecimal divisor = scalar(y.value());
                int scale = Math.max(x.value().decimalScale(), scalarScale(y.value()));
                return x.written(x.exact().divide(divisor, scale, RoundingMode.DOWN));
            }
            throw mismatch("divide");
        }

        private static Object modulo(Operand a, Operand b) {
            if (a instanceof Scalar x && b instanceof Scalar y) {
                long v1 = (long) x.value();
                long v2 = (long) y.value();
                if (x.value() != (double) v1 || y.value() != (double) v2) {
                    throw error("modulo", "Non-integer argument(s) passed for modulo");
                }
                if (v2 == 0) {
                    throw error("modulo", "Zero divisor passed");
                }
                return (double) (v1 % v2);
            }
            if (a instanceof Duration x && b instanceof Duration y) {
                if (y.nanos() == 0) {
                    throw error("modulo", "Zero divisor passed");
                }
                return GoDuration.format(x.nanos() % y.nanos());
            }
            if (a instanceof QuantityOperand x && b instanceof QuantityOperand y) {
                double f1 = x.value().asApproximateFloat();
                double f2 = y.value().asApproximateFloat();
                long v1 = (long) f1;
                long v2 = (long) f2;
                if (f1 != (double) v1 || f2 != (double) v2) {
                    throw error("modulo", "Non-integer argument(s) passed for modulo");
                }
                if (v2 == 0) {
                    throw error("modulo", "Zero divisor passed");
                }
                return x.written(BigDecimal.valueOf(v1 % v2));
            }
            throw mismatch("modulo");
        }

        /** A number as Kyverno turns it into a quantity: its Go {@code %v} text, parsed. */
        private static BigDecimal scalar(double value) {
            return new BigDecimal(Double.toString(value)).stripTrailingZeros();
        }

        /**
         * The decimal places of that quantity: Go writes a float in exponent form below 1e-4 and from 1e6
         * ({@code 1e+06}), where the places are the exponent's, otherwise with its fraction digits only.
         */
        private static int scalarScale(double value) {
            BigDecimal exact = scalar(value);
            if (exact.signum() == 0) {
                return 0;
            }
            int exponent = exact.precision() - 1 - exact.scale();
            return exponent < -4 || exponent >= 6 ? exact.scale() : Math.max(0, exact.scale());
        }
    }
}
