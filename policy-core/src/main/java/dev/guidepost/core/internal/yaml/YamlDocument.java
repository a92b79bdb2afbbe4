package dev.guidepost.core.internal.yaml;

import java.util.List;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * One document of a YAML stream: its plain Java value, the 1-based line and column where its content starts, or
 * the problem that kept it from being read. Keeps the composed node tree so that callers can find the line of a
 * nested element (for example an item of a {@code kind: List}).
 */
public final class YamlDocument {

    private final String source;
    private final int line;
    private final int column;
    private final Object value;
    private final YamlProblem problem;
    private final Node node;
    private final int lineOffset;

    private YamlDocument(String source, int line, int column, Object value, YamlProblem problem, Node node,
            int lineOffset) {
        this.source = source;
        this.line = line;
        this.column = column;
        this.value = value;
        this.problem = problem;
        this.node = node;
        this.lineOffset = lineOffset;
    }

    static YamlDocument ok(String source, Object value, Node node, int lineOffset) {
        return new YamlDocument(source, node.getStartMark().getLine() + 1 + lineOffset,
                node.getStartMark().getColumn() + 1, value, null, node, lineOffset);
    }

    static YamlDocument failed(String source, YamlProblem problem) {
        return new YamlDocument(source, problem.line(), problem.column(), null, problem, null, 0);
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
        Node current = node;
        int currentLine = line;
        for (Object step : path) {
            if (current instanceof MappingNode mapping) {
                NodeTuple tuple = entry(mapping, step);
                if (tuple == null) {
                    return currentLine;
                }
                currentLine = tuple.getKeyNode().getStartMark().getLine() + 1 + lineOffset;
                current = tuple.getValueNode();
            } else if (current instanceof SequenceNode sequence && step instanceof Integer index
                    && index >= 0 && index < sequence.getValue().size()) {
                current = sequence.getValue().get(index);
                currentLine = current.getStartMark().getLine() + 1 + lineOffset;
            } else {
                return currentLine;
            }
        }
        return currentLine;
    }

    private static NodeTuple entry(MappingNode mapping, Object step) {
        for (NodeTuple tuple : mapping.getValue()) {
            if (tuple.getKeyNode() instanceof ScalarNode key && key.getValue().equals(String.valueOf(step))) {
                return tuple;
            }
        }
        return null;
    }

}
