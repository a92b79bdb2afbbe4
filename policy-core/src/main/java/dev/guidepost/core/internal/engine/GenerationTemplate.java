package dev.guidepost.core.internal.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.cel.runtime.CelEvaluationException;
import dev.guidepost.core.internal.cel.CelExpression;
import dev.guidepost.core.internal.cel.CelValues;
import dev.guidepost.core.internal.cel.ClusterData;
import dev.guidepost.core.internal.yaml.PlainValues;
import dev.guidepost.core.internal.yaml.YamlDocument;
import dev.guidepost.core.internal.yaml.YamlDocuments;

/**
 * A GeneratingPolicy's {@code generate[].template}: YAML documents, each a resource to generate. With
 * {@code interpolate: cel}, a {@code (( expression ))} placeholder that is a whole value is replaced by the
 * expression's value (of any type), one inside a longer string by its text (it must be a scalar), and
 * {@code \((} writes a literal {@code ((}; placeholders in keys are refused. Without it the documents are taken as
 * written. This is Kyverno's template mode (pkg/cel/policies/gpol/template), compiled once, rendered per request.
 */
final class GenerationTemplate {

    /** A compiled fragment of a document. */
    private interface Node {
        Object render(Activation activation, ClusterData cluster) throws CelEvaluationException;
    }

    private record Literal(Object value) implements Node {
        @Override
        public Object render(Activation activation, ClusterData cluster) {
            return PlainValues.mutableCopy(value);
        }
    }

    private record Mapping(Map<String, Node> entries) implements Node {
        @Override
        public Object render(Activation activation, ClusterData cluster) throws CelEvaluationException {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<String, Node> e : entries.entrySet()) {
                out.put(e.getKey(), e.getValue().render(activation, cluster));
            }
            return out;
        }
    }

    private record Sequence(List<Node> items) implements Node {
        @Override
        public Object render(Activation activation, ClusterData cluster) throws CelEvaluationException {
            List<Object> out = new ArrayList<>();
            for (Node item : items) {
                out.add(item.render(activation, cluster));
            }
            return out;
        }
    }

    /** A placeholder that is the whole value: its result as it is. */
    private record Splice(String expression, CelExpression program) implements Node {
        @Override
        public Object render(Activation activation, ClusterData cluster) throws CelEvaluationException {
            return CelValues.fromCel(program.evaluate(activation, cluster));
        }
    }

    /** Text with placeholders in it: each must give a scalar. */
    private record Interpolated(List<Object> segments) implements Node {
        @Override
        public Object render(Activation activation, ClusterData cluster) throws CelEvaluationException {
            StringBuilder out = new StringBuilder();
            for (Object segment : segments) {
                if (segment instanceof String literal) {
                    out.append(literal);
                    continue;
                }
                Splice splice = (Splice) segment;
                Object value = splice.render(activation, cluster);
                if (value instanceof Map || value instanceof List || value == null) {
                    throw new IllegalStateException("placeholder \"" + splice.expression() + "\" embedded in a "
                            + "string must evaluate to a scalar; use a whole-value placeholder for structured "
                            + "results");
                }
                out.append(value instanceof Double d && d == Math.rint(d) && !d.isInfinite()
                        ? String.valueOf(d.longValue()) : String.valueOf(value));
            }
            return out.toString();
        }
    }

    /** Compiles placeholder expressions for a template. */
    @FunctionalInterface
    interface Compiler {
        CelExpression compile(String expression, List<Object> path) throws PolicyCompileException;
    }

    private final List<Node> documents;

    private GenerationTemplate(List<Node> documents) {
        this.documents = List.copyOf(documents);
    }

    /** Compiles {@code template} (with {@code value} and optional {@code interpolate}) found at {@code path}. */
    static GenerationTemplate compile(Object template, List<Object> path, Compiler compiler)
            throws PolicyCompileException {
        List<Object> at = YamlDocument.path(path, "value");
        boolean interpolate = "cel".equals(PlainValues.string(template, "interpolate"));
        List<Node> documents = new ArrayList<>();
        for (YamlDocument doc : YamlDocuments.parse(PlainValues.string(template, "value"), "template")) {
            if (doc.problem() != null) {
                throw new PolicyCompileException(at, ExpressionCompiler.describe(at) + " is not valid YAML: "
                        + doc.problem().message());
            }
            if (doc.value() == null) {
                continue;
            }
            if (!(doc.value() instanceof Map<?, ?>)) {
                throw new PolicyCompileException(at, ExpressionCompiler.describe(at) + ": line " + doc.line()
                        + ": document must be a mapping describing a resource");
            }
            documents.add(interpolate ? node(doc.value(), at, compiler) : new Literal(doc.value()));
        }
        if (documents.isEmpty()) {
            throw new PolicyCompileException(at, ExpressionCompiler.describe(at)
                    + " must contain at least one YAML document");
        }
        return new GenerationTemplate(documents);
    }

    /** The resources of the template for one request. */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> render(Activation activation, ClusterData cluster) throws CelEvaluationException {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < documents.size(); i++) {
            try {
                out.add((Map<String, Object>) documents.get(i).render(activation, cluster));
            } catch (IllegalStateException e) {
                throw new IllegalStateException("document " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    private static Node node(Object value, List<Object> path, Compiler compiler) throws PolicyCompileException {
        if (value instanceof Map<?, ?> map) {
            Map<String, Node> entries = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String key = String.valueOf(e.getKey());
                if (key.contains("((") && !key.contains("\\((")) {
                    throw new PolicyCompileException(path, ExpressionCompiler.describe(path) + ": placeholders are "
                            + "not supported in mapping keys ('" + key + "'); use a whole-value placeholder on the "
                            + "parent field instead (e.g. labels: (( variables.labels )))");
                }
                entries.put(key, node(e.getValue(), path, compiler));
            }
            return new Mapping(entries);
        }
        if (value instanceof List<?> list) {
            List<Node> items = new ArrayList<>();
            for (Object item : list) {
                items.add(node(item, path, compiler));
            }
            return new Sequence(items);
        }
        if (value instanceof String text && text.contains("((")) {
            return scalar(text, path, compiler);
        }
        return new Literal(value);
    }

    /** Splits text into literal parts and placeholders, as Kyverno's scanner does (quotes and nesting aware). */
    private static Node scalar(String s, List<Object> path, Compiler compiler) throws PolicyCompileException {
        List<Object> segments = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            if (s.startsWith("\\((", i)) {
                literal.append("((");
                i += 3;
            } else if (s.startsWith("((", i)) {
                int end = placeholderEnd(s, i, path);
                String expression = s.substring(i + 2, end).strip();
                if (expression.isEmpty()) {
                    throw new PolicyCompileException(path, ExpressionCompiler.describe(path)
                            + ": empty placeholder at offset " + i);
                }
                if (literal.length() > 0) {
                    segments.add(literal.toString());
                    literal.setLength(0);
                }
                segments.add(new Splice(expression, compiler.compile(expression, path)));
                i = end + 2;
            } else {
                literal.append(s.charAt(i));
                i++;
            }
        }
        if (literal.length() > 0) {
            segments.add(literal.toString());
        }
        if (segments.size() == 1 && segments.get(0) instanceof Splice splice) {
            return splice;
        }
        if (segments.stream().noneMatch(Splice.class::isInstance)) {
            return new Literal(String.join("", segments.stream().map(String::valueOf).toList()));
        }
        return new Interpolated(segments);
    }

    /** The index of the {@code ))} that closes the placeholder opened at {@code start}. */
    private static int placeholderEnd(String s, int start, List<Object> path) throws PolicyCompileException {
        int depth = 0;
        char quote = 0;
        int i = start + 2;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i += 2;
                    continue;
                }
                if (c == quote) {
                    quote = 0;
                }
                i++;
                continue;
            }
            if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                if (depth > 0) {
                    depth--;
                } else if (i + 1 < s.length() && s.charAt(i + 1) == ')') {
                    return i;
                } else {
                    throw new PolicyCompileException(path, ExpressionCompiler.describe(path)
                            + ": unbalanced parenthesis in the placeholder starting at offset " + start);
                }
            }
            i++;
        }
        throw new PolicyCompileException(path, ExpressionCompiler.describe(path) + ": the placeholder starting at "
                + "offset " + start + " has no closing '))'");
    }
}
