package dev.guidepost.core.internal.jmespath;

import io.burt.jmespath.Expression;
import io.burt.jmespath.RuntimeConfiguration;
import io.burt.jmespath.function.FunctionRegistry;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.guidepost.core.internal.golang.GoValues;

/**
 * Kyverno's JMESPath: standard JMESPath plus Kyverno's custom functions, over plain Java values. Thread-safe.
 *
 * <p>Evaluation follows Kyverno's interpreter: numbers are float64 (results give whole numbers back as Long, other
 * numbers as Double), a key missing from an object raises {@code Unknown key "x" in path} unless a projection,
 * {@code ||}, a comparison, a function argument or a pipe absorbs it, and {@code ==} compares JSON values deeply.
 * Compiled expressions are cached (bounded).
 */
public final class JmesPath {

    private static final int CACHE_SIZE = 2048;
    private static final JmesPath KYVERNO = new JmesPath(Clock.systemDefaultZone());

    private final KyvernoRuntime runtime;
    private final Map<String, List<Expression<Object>>> cache = new LinkedHashMap<>(256, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, List<Expression<Object>>> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    JmesPath(Clock clock) {
        FunctionRegistry functions = FunctionRegistry.defaultRegistry().extend(CommunityFunctions.all())
                .extend(new KyvernoFunctions(clock).all());
        this.runtime = new KyvernoRuntime(RuntimeConfiguration.builder().withFunctionRegistry(functions).build());
    }

    /** The shared instance. */
    public static JmesPath kyverno() {
        return KYVERNO;
    }

    /**
     * Evaluates {@code expression} against {@code data} (plain Java values, not modified).
     *
     * @throws JmesPathException when the expression does not parse, a function fails or is not supported, or a
     *     key is missing where Kyverno reports {@code Unknown key "x" in path}
     */
    public Object search(String expression, Object data) {
        return KyvernoValues.toPlain(searchKyverno(expression, GoValues.toFloat64s(data)));
    }

    /** Evaluates against data already in Kyverno's form (numbers as Double); the result stays in that form. */
    Object searchKyverno(String expression, Object data) {
        if (expression == null || expression.isBlank()) {
            throw new JmesPathException("invalid query (nil)");
        }
        List<Expression<Object>> segments = compile(expression.strip());
        try {
            if (segments.size() == 1) {
                return segments.get(0).search(data);
            }
            // a pipe evaluates each side in turn; an unknown key on either side just gives null
            Object value = data;
            for (Expression<Object> segment : segments) {
                value = KyvernoRuntime.swallowing(segment).search(value);
            }
            return value;
        } catch (JmesPathException e) {
            throw e;
        } catch (io.burt.jmespath.JmesPathException e) {
            throw new JmesPathException(e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new JmesPathException("JMESPath evaluation of \"" + expression + "\" failed: " + e, e);
        }
    }

    private List<Expression<Object>> compile(String expression) {
        List<Expression<Object>> compiled;
        synchronized (cache) {
            compiled = cache.get(expression);
        }
        if (compiled != null) {
            return compiled;
        }
        List<Expression<Object>> segments = new ArrayList<>();
        for (String segment : splitTopLevelPipes(HashCommas.added(expression))) {
            try {
                segments.add(runtime.compile(segment));
            } catch (io.burt.jmespath.function.FunctionConfigurationException e) {
                // a function Guidepost does not have (Kyverno may): never guess what it would return
                throw JmesPathException.unsupported("Guidepost does not support the JMESPath function in "
                        + expression + ": " + e.getMessage());
            } catch (io.burt.jmespath.JmesPathException e) {
                if (String.valueOf(e.getMessage()).contains("unknown function")) {
                    throw JmesPathException.unsupported("Guidepost does not support the JMESPath function in "
                            + expression + " (" + e.getMessage().strip() + "; check its spelling against Kyverno's "
                            + "functions: if Kyverno lacks it too, the rule errors in the cluster)");
                }
                throw new JmesPathException("incorrect query " + expression + ": " + e.getMessage(), e);
            }
        }
        compiled = List.copyOf(segments);
        synchronized (cache) {
            cache.put(expression, compiled);
        }
        return compiled;
    }

    /**
     * Splits at the pipes outside brackets, parentheses, braces, quotes and literals. A pipe binds loosest in
     * JMESPath, so the pieces evaluate one after the other, which lets each piece absorb an unknown key as Kyverno's
     * pipe does.
     */
    static List<String> splitTopLevelPipes(String expression) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        Unquoted scan = new Unquoted(expression);
        while (scan.next()) {
            switch (scan.current()) {
                case '[', '(', '{' -> depth++;
                case ']', ')', '}' -> depth--;
                case '|' -> {
                    if (scan.followedBy('|')) {
                        scan.skip();
                    } else if (depth == 0) {
                        out.add(expression.substring(start, scan.position()));
                        start = scan.position() + 1;
                    }
                }
                default -> {
                }
            }
        }
        out.add(expression.substring(start));
        if (out.size() > 1 && out.stream().anyMatch(String::isBlank)) {
            // let the parser report the malformed pipe on the whole expression
            return List.of(expression);
        }
        return out;
    }
}
