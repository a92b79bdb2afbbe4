package dev.guidepost.core.internal.yaml;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The first sign, in a document that is valid YAML, of a chart template nobody rendered: its 1-based line and
 * column, the source line it is on and what gives it away. There are two signs:
 * <ul>
 * <li>a mapping key that is itself a mapping or a list. Kubernetes objects only have text keys; YAML reads an
 * unquoted {@code {{ .Values.name }}} as a flow mapping whose only key is a mapping.</li>
 * <li>a string (value or key) holding an action only a chart renderer would leave: one that uses Helm's built-in
 * objects ({@code .Values}, {@code .Release}, {@code .Chart}, {@code .Capabilities}, {@code .Files},
 * {@code .Template}, also as {@code $.Values}) or calls a Helm-only function ({@code include}, {@code tpl},
 * {@code required} or {@code lookup}, followed by a space).</li>
 * </ul>
 * Braces that are data stay data: Prometheus and Alertmanager templates ({@code {{ $labels.instance }}},
 * {@code {{ .Labels.job }}}, {@code {{ template "slack.title" . }}}, <code>{{- range .Alerts }}</code>), Argo
 * Workflows, Argo CD ApplicationSet and Tekton parameters ({@code {{inputs.parameters.x}}},
 * {@code {{.path.basename}}}, {@code $(params.x)}) and Kyverno variables ({@code {{ request.object.metadata.name }}},
 * {@code lookup(...)}). So Go's {@code template} action and the <code>{{-</code> and <code>-}}</code> trim markers
 * are no signs on their own: those tools use them too.
 */
public record UnrenderedTemplate(int line, int column, String sourceLine, String sign) {

    private static final Pattern ACTION = Pattern.compile("\\{\\{(.*?)(?:}}|$)", Pattern.DOTALL);
    private static final Pattern CHART_ONLY = Pattern.compile(
            "(?<![\\w.$])\\$?\\.(?:Values|Release|Chart|Capabilities|Files|Template)(?![\\w])"
                    + "|(?<![\\w.$])(?:include|tpl|required|lookup)(?=\\s)");

    /** The first sign in document order below {@code root}, or null; {@code text} is the node's YAML source. */
    static UnrenderedTemplate find(Node root, String text, int lineOffset) {
        Deque<Visit> pending = new ArrayDeque<>();
        pending.push(new Visit(root, false));
        Set<Node> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        while (!pending.isEmpty()) {
            Visit visit = pending.pop();
            Node node = visit.node();
            if (visit.key() && !(node instanceof ScalarNode)) {
                String what = node instanceof MappingNode ? "a mapping" : "a list";
                return at(node, 0, text, lineOffset, "a mapping key that is itself " + what
                        + " (Kubernetes objects only have text keys; YAML reads an unquoted '{{ ... }}' that way)");
            }
            if (!seen.add(node)) { // aliases share nodes; each is looked at once
                continue;
            }
            if (node instanceof ScalarNode scalar) {
                UnrenderedTemplate found = inScalar(scalar, text, lineOffset);
                if (found != null) {
                    return found;
                }
            } else if (node instanceof SequenceNode sequence) {
                List<Node> items = sequence.getValue();
                for (int i = items.size() - 1; i >= 0; i--) {
                    pending.push(new Visit(items.get(i), false));
                }
            } else if (node instanceof MappingNode mapping) {
                List<NodeTuple> entries = mapping.getValue();
                for (int i = entries.size() - 1; i >= 0; i--) {
                    pending.push(new Visit(entries.get(i).getValueNode(), false));
                    pending.push(new Visit(entries.get(i).getKeyNode(), true));
                }
            }
        }
        return null;
    }

    private static UnrenderedTemplate inScalar(ScalarNode scalar, String text, int lineOffset) {
        String value = scalar.getValue();
        if (!value.contains("{{")) {
            return null;
        }
        Matcher action = ACTION.matcher(value);
        while (action.find()) {
            if (CHART_ONLY.matcher(action.group(1)).find()) {
                // a literal block scalar keeps its line breaks: its content starts on the line after the '|'
                int linesIn = scalar.getScalarStyle() == DumperOptions.ScalarStyle.LITERAL
                        ? 1 + (int) value.substring(0, action.start()).chars().filter(c -> c == '\n').count() : 0;
                return at(scalar, linesIn, text, lineOffset,
                        "'" + abbreviate(action.group().strip()) + "' is left for Helm to fill in");
            }
        }
        return null;
    }

    private static UnrenderedTemplate at(Node node, int linesIn, String text, int lineOffset, String sign) {
        int lineInText = node.getStartMark().getLine() + linesIn;
        int column = linesIn == 0 ? node.getStartMark().getColumn() + 1 : 0;
        String[] lines = text.split("\n", -1);
        String sourceLine = lineInText < lines.length ? abbreviate(lines[lineInText].strip()) : "";
        return new UnrenderedTemplate(lineInText + 1 + lineOffset, column, sourceLine, sign);
    }

    private static String abbreviate(String s) {
        String line = s.split("\\R", 2)[0];
        return line.length() > 80 ? line.substring(0, 77) + "..." : line;
    }

    private record Visit(Node node, boolean key) {
    }
}
