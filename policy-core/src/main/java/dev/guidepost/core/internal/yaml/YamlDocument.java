package dev.guidepost.core.internal.yaml;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * One document of a YAML stream: its plain Java value, the 1-based line and column where its content starts, or
 * the problem that kept it from being read. Keeps the composed node tree and the document's text so that callers
 * can find the line of a nested element (for example an item of a {@code kind: List}) and signs of an unrendered
 * template in it.
 */
public final class YamlDocument {

    private final String source;
    private final int line;
    private final int column;
    private final Object value;
    private final YamlProblem problem;
    private final Node node;
    private final int lineOffset;
    private final String text;

    private YamlDocument(String source, int line, int column, Object value, YamlProblem problem, Node node,
            int lineOffset, String text) {
        this.source = source;
        this.line = line;
        this.column = column;
        this.value = value;
        this.problem = problem;
        this.node = node;
        this.lineOffset = lineOffset;
        this.text = text;
    }

    static YamlDocument ok(String source, Object value, Node node, int lineOffset, String text) {
        return new YamlDocument(source, node.getStartMark().getLine() + 1 + lineOffset,
                node.getStartMark().getColumn() + 1, value, null, node, lineOffset, text);
    }

    static YamlDocument failed(String source, YamlProblem problem) {
        return new YamlDocument(source, problem.line(), problem.column(), null, problem, null, 0, "");
    }

    /** The document's own text, as read (empty for a document that could not be read). */
    public String text() {
        return text;
    }

    /** How many lines of its file come before the document's text. */
    public int lineOffset() {
        return lineOffset;
    }

    /** The file (or other source name) the document came from. */
    public String source() {
        return source;
    }

    /** The 1-based line where the document's content starts, or where its problem is. */
    public int line() {
        return line;
    }

    /** The 1-based column where the document's content starts. */
    public int column() {
        return column;
    }

    /** The value: maps with string keys, lists, strings, longs, doubles, booleans or null. */
    public Object value() {
        return value;
    }

    /** The problem that kept the document from being read; null when it was read. */
    public YamlProblem problem() {
        return problem;
    }

    /**
     * The 1-based line of the element at {@code path} (map keys as strings, list indexes as integers): the line
     * of its key for a map entry, of the item for a list element. Where the path stops existing, the line of the
     * deepest element that exists.
     */
    public int lineOf(List<?> path) {
        Step current = new Step(node, line);
        for (Object step : path) {
            Step next = current.node() == null ? null : child(current.node(), step);
            if (next == null) {
                return current.line();
            }
            current = next;
        }
        return current.line();
    }

    /**
     * The path of an element below another: {@code path} followed by {@code steps} (as {@link #lineOf(List)} takes
     * paths: map keys as strings, list indexes as integers).
     */
    public static List<Object> path(List<?> path, Object... steps) {
        List<Object> out = new ArrayList<>(path);
        out.addAll(Arrays.asList(steps));
        return out;
    }

    /**
     * The first sign of a chart template nobody rendered in the element at {@code path} (as for
     * {@link #lineOf(List)}), or null when there is none or no such element. See {@link UnrenderedTemplate}.
     */
    public UnrenderedTemplate unrenderedTemplate(List<?> path) {
        Node at = nodeAt(path);
        return at == null ? null : UnrenderedTemplate.find(at, text, lineOffset);
    }

    /** The text of the scalar at {@code path} as written (before YAML read it as a number or boolean), if any. */
    public Optional<String> scalarText(List<?> path) {
        return nodeAt(path) instanceof ScalarNode scalar ? Optional.of(scalar.getValue()) : Optional.empty();
    }

    /** The node at {@code path}, or null when there is no such element. */
    private Node nodeAt(List<?> path) {
        Node current = node;
        for (Object step : path) {
            Step next = current == null ? null : child(current, step);
            if (next == null) {
                return null;
            }
            current = next.node();
        }
        return current;
    }

    /** The element one step below a node with its 1-based line (of its key for a map entry), or null. */
    private Step child(Node parent, Object step) {
        if (parent instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode key && key.getValue().equals(String.valueOf(step))) {
                    int keyLine = tuple.getKeyNode().getStartMark().getLine() + 1 + lineOffset;
                    return new Step(tuple.getValueNode(), keyLine);
                }
            }
        } else if (parent instanceof SequenceNode sequence && step instanceof Integer index
                && index >= 0 && index < sequence.getValue().size()) {
            Node item = sequence.getValue().get(index);
            return new Step(item, item.getStartMark().getLine() + 1 + lineOffset);
        }
        return null;
    }

    private record Step(Node node, int line) {
    }
}
