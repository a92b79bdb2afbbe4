package dev.guidepost.core.internal.jmespath;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.guidepost.core.internal.golang.GoValues;

/**
 * Kyverno's {{ }} variables, as pkg/engine/variables/vars.go substitutes them:
 * <ul>
 *   <li>a variable is <code>{{ ... }}</code> not preceded by a backslash; its inside may hold single-level
 *       braces (a multi-select hash) but no nested <code>{{</code>;</li>
 *   <li>a string that is exactly one variable becomes the variable's value with its type (a map, a number, null);
 *       variables inside a longer string are replaced by their text: strings as they are, anything else as Go's
 *       {@code json.Marshal} writes it ({@code null}, {@code 3}, {@code 1.5}, {@code {"a":1}});</li>
 *   <li>substitution repeats until no variable is left, so <code>{{ {{ name }} }}</code> resolves the inner variable
 *       first and a value holding a variable is substituted again; a whole-string value that is a map or a list
 *       has its own strings substituted too;</li>
 *   <li><code>\{{ x }}</code> escapes: it stays, without the backslash;</li>
 *   <li>map keys are substituted as well and must stay strings;</li>
 *   <li><code>{{ @ }}</code> is the value at the same place in the resource: {@code target} (or {@code request.object})
 *       followed by the path of the string, skipping what precedes {@code foreach} and then two elements (such as
 *       {@code validate/pattern});</li>
 *   <li>for a DELETE request, {@code request.object} in a variable reads {@code request.oldObject};</li>
 *   <li>a key missing in the context fails with {@code Unknown key "x" in path}, whether the variable is the whole
 *       string or part of it; other failures say {@code failed to resolve <variable> at path <path>: <error>}.</li>
 * </ul>
 * Kyverno's {@code $(...)} references (resolved before variables) are not supported: a string holding one raises
 * a {@link JmesPathException}; an escaped {@code \$(...)} loses its backslash as in Kyverno.
 */
public final class Variables {

    static final Pattern VARIABLE = Pattern.compile("(^|[^\\\\])(\\{\\{(?:\\{[^{}]*\\}|[^{}])*\\}\\})");
    private static final Pattern ESCAPED_VARIABLE = Pattern.compile("\\\\\\{\\{(\\{[^{}]*\\}|[^{}])*\\}\\}");
    private static final Pattern VARIABLE_AT_START = Pattern.compile("^\\{\\{(\\{[^{}]*\\}|[^{}])*\\}\\}");
    private static final Pattern REFERENCE = Pattern.compile("^\\$\\(.[^ ]*\\)|[^\\\\]\\$\\(.[^ ]*\\)");
    private static final Pattern ESCAPED_REFERENCE = Pattern.compile("\\\\\\$\\(.[^ ]*\\)");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final int MAX_PASSES = 10_000;

    private Variables() {
    }

    /** The {{ }} variables of a text, in order, as Kyverno's variable regex finds them. */
    public static List<String> variablesIn(String text) {
        List<String> found = new java.util.ArrayList<>();
        Matcher m = VARIABLE.matcher(text);
        while (m.find()) {
            found.add(m.group(2));
        }
        return found;
    }

    /** True when the value (string, or any string inside maps/lists, keys included) holds a {{ }} variable. */
    public static boolean hasVariables(Object value) {
        return anyString(value, s -> VARIABLE.matcher(s).find());
    }

    /**
     * True when {@link #substitute} would change the value: it holds a variable, a {@code $(...)} reference, or an
     * escaped one of them whose backslash Kyverno's substitution removes.
     */
    public static boolean needsSubstitution(Object value) {
        return anyString(value, s -> VARIABLE.matcher(s).find() || ESCAPED_VARIABLE.matcher(s).find()
                || REFERENCE.matcher(s).find() || ESCAPED_REFERENCE.matcher(s).find());
    }

    private static boolean anyString(Object value, java.util.function.Predicate<String> test) {
        if (value instanceof String s) {
            return test.test(s);
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (anyString(String.valueOf(e.getKey()), test) || anyString(e.getValue(), test)) {
                    return true;
                }
            }
            return false;
        }
        if (value instanceof List<?> list) {
            for (Object item : list) {
                if (anyString(item, test)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * A deep copy of value with every {{ expression }} replaced by its result against context, as Kyverno's
     * variables.SubstituteAll does. Throws JmesPathException when a variable cannot be resolved, with Kyverno's
     * message where it has one. Inputs are not modified. Conditions are substituted the same way since Kyverno 1.8
     * (kyverno/kyverno#4217), each condition's key and value when its block reaches it
     * ({@code Conditions.evaluateBlock(block, resolver)}).
     */
    public static Object substitute(Object value, Map<String, Object> context) {
        Substitution substitution = new Substitution(JmesPath.kyverno(), GoValues.toFloat64s(context));
        Object withoutReferences = substitution.traverse(value, "", true);
        return KyvernoValues.toPlain(substitution.traverse(withoutReferences, "", false));
    }

    /**
     * The first <code>{{ }}</code> variable in a text whose JMESPath is cut off, with why: a bracket, brace or
     * parenthesis left open or closed without opening, or a quote left open. Kyverno's admission refuses a policy
     * holding one ("policy contains invalid variables"). A lexical check, cheap enough for every pack load (the
     * parser would add a quarter of a second there); it finds the typos that break a variable, not every error.
     * Variables holding other variables are left alone: they are only complete once substituted.
     */
    public static Optional<String> syntaxError(String text) {
        Matcher m = VARIABLE.matcher(text);
        while (m.find()) {
            String variable = m.group(2);
            String expression = variable.substring(2, variable.length() - 2);
            if (expression.contains("{{")) {
                continue;
            }
            Optional<String> error = unbalanced(expression);
            if (error.isPresent()) {
                return Optional.of(variable + ": " + error.get());
            }
        }
        return Optional.empty();
    }

    /** What is left open or closed without opening in a JMESPath expression, outside its quoted parts. */
    private static Optional<String> unbalanced(String expression) {
        java.util.Deque<Character> open = new java.util.ArrayDeque<>();
        Unquoted scan = new Unquoted(expression);
        while (scan.next()) {
            char c = scan.current();
            switch (c) {
                case '(', '[', '{' -> open.push(c);
                case ')', ']', '}' -> {
                    char expected = c == ')' ? '(' : c == ']' ? '[' : '{';
                    if (open.isEmpty() || open.pop() != expected) {
                        return Optional.of("'" + c + "' at position " + scan.position() + " closes nothing open");
                    }
                }
                default -> { }
            }
        }
        if (scan.openQuote() != 0) {
            return Optional.of("the quote " + scan.openQuote() + " is not closed");
        }
        return open.isEmpty() ? Optional.empty() : Optional.of("'" + open.peek() + "' is not closed");
    }


    private static final class Substitution {
        private final JmesPath jmesPath;
        private final Object context;
        private final boolean deleteRequest;

        Substitution(JmesPath jmesPath, Object context) {
            this.jmesPath = jmesPath;
            this.context = context;
            this.deleteRequest = "DELETE".equals(query("request.operation"));
        }

        private Object query(String expression) {
            try {
                return jmesPath.searchKyverno(expression, context);
            } catch (JmesPathException e) {
                return null;
            }
        }

        /** jsonutils' traversal: act on a leaf (or key), then descend into what the action returned. */
        Object traverse(Object element, String path, boolean references) {
            Object value = element;
            if (value instanceof String s) {
                value = references ? references(s) : variables(s, path);
            }
            if (value instanceof Map<?, ?> map) {
                Map<String, Object> out = new LinkedHashMap<>(Math.max(4, map.size() * 2));
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    String key = String.valueOf(e.getKey());
                    Object newKey = references ? references(key) : variables(key, path);
                    if (newKey == null) {
                        newKey = key;
                    } else if (!(newKey instanceof String)) {
                        throw new JmesPathException("expected string after substituting variables in key \"" + key
                                + "\"");
                    }
                    out.put((String) newKey, traverse(e.getValue(), path + "/" + key, references));
                }
                return out;
            }
            if (value instanceof List<?> list) {
                List<Object> out = new ArrayList<>(list.size());
                for (int i = 0; i < list.size(); i++) {
                    out.add(traverse(list.get(i), path + "/" + i, references));
                }
                return out;
            }
            return value;
        }

        private static String references(String value) {
            Matcher m = REFERENCE.matcher(value);
            if (m.find()) {
                String reference = m.group().startsWith("$(") ? m.group() : m.group().substring(1);
                throw JmesPathException.unsupported("Guidepost does not support references such as " + reference);
            }
            String out = value;
            Matcher escaped = ESCAPED_REFERENCE.matcher(value);
            while (escaped.find()) {
                out = out.replace(escaped.group(), escaped.group().substring(1));
            }
            return out;
        }

        private Object variables(String text, String path) {
            String value = text;
            List<String> vars = findAll(value);
            int passes = 0;
            while (!vars.isEmpty()) {
                if (++passes > MAX_PASSES) {
                    throw new JmesPathException("variable substitution of \"" + text + "\" at path " + path
                            + " does not end");
                }
                // as in Kyverno, each variable is replaced in the pattern as it was at the start of this pass
                String originalPattern = value;
                for (String match : vars) {
                    boolean initial = VARIABLE_AT_START.matcher(match).lookingAt();
                    String v = initial ? match : match.substring(1);
                    String variable = v.replace("{{", "").replace("}}", "").strip();
                    if (variable.equals("@")) {
                        variable = variable.replace("@", currentPath(path));
                    }
                    if (deleteRequest) {
                        variable = variable.replace("request.object", "request.oldObject");
                    }
                    Object substituted;
                    try {
                        substituted = jmesPath.searchKyverno(variable, context);
                    } catch (JmesPathException e) {
                        if (e.isUnsupported()) {
                            throw e;
                        }
                        if (e.isUnknownKey()) {
                            throw e;
                        }
                        throw new JmesPathException("failed to resolve " + variable + " at path " + path + ": "
                                + e.getMessage(), e);
                    }
                    if (originalPattern.equals(v)) {
                        return substituted;
                    }
                    String prefix = initial ? "" : match.substring(0, 1);
                    String replacement = substituted instanceof String s ? s : marshal(substituted, variable, path);
                    value = replaceFirst(originalPattern, prefix + v, prefix + replacement);
                }
                vars = findAll(value);
            }
            Matcher escaped = ESCAPED_VARIABLE.matcher(value);
            String out = value;
            while (escaped.find()) {
                out = out.replace(escaped.group(), escaped.group().substring(1));
            }
            return out;
        }

        private static String marshal(Object value, String variable, String path) {
            try {
                return KyvernoValues.marshal(value);
            } catch (JmesPathException e) {
                throw new JmesPathException("failed to resolve " + variable + " at path " + path + ": "
                        + e.getMessage(), e);
            }
        }

        /** The JMESPath of the string's own place in the resource, for <code>{{ @ }}</code>. */
        private String currentPath(String path) {
            List<String> elements = new ArrayList<>(Arrays.asList(path.split("/")));
            elements.removeIf(String::isEmpty);
            int foreach = elements.indexOf("foreach");
            if (foreach >= 0) {
                elements = elements.subList(foreach + 1, elements.size());
            }
            elements = elements.size() > 2 ? elements.subList(2, elements.size()) : List.of();
            String prefix = "target";
            try {
                jmesPath.searchKyverno("target", context);
            } catch (JmesPathException missing) {
                prefix = "request.object";
            }
            StringBuilder out = new StringBuilder(prefix);
            for (String element : elements) {
                if (element.chars().allMatch(Character::isDigit)) {
                    out.append('[').append(element).append(']');
                } else if (IDENTIFIER.matcher(element).matches()) {
                    out.append('.').append(element);
                } else {
                    out.append(".\"").append(element.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
                }
            }
            return out.toString();
        }

        private static List<String> findAll(String value) {
            List<String> out = new ArrayList<>();
            Matcher m = VARIABLE.matcher(value);
            while (m.find()) {
                out.add(m.group());
            }
            return out;
        }

        private static String replaceFirst(String text, String target, String replacement) {
            int i = text.indexOf(target);
            return i < 0 ? text : text.substring(0, i) + replacement + text.substring(i + target.length());
        }
    }
}
