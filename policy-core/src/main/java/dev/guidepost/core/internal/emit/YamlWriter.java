package dev.guidepost.core.internal.emit;

import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.representer.Representer;

/**
 * Writes plain values (maps with string keys in their own order, lists, strings, numbers, booleans, null) as
 * YAML the way Kubernetes manifests are usually written: block style, two-space indents, list items indented
 * under their key, no line folding (CEL stays on its lines), multi-line strings in literal ({@code |}) style and
 * no anchors. The same values always give the same text.
 */
public final class YamlWriter {

    private YamlWriter() {
    }

    /**
     * A YAML stream of the documents, separated by {@code ---}, after the header comment lines (each written as
     * {@code # line}).
     *
     * @throws IllegalArgumentException when a value is not a plain value
     */
    public static String write(List<String> header, List<?> documents) {
        StringBuilder out = new StringBuilder();
        for (String line : header) {
            out.append(line.isEmpty() ? "#" : "# " + line).append('\n');
        }
        Yaml yaml = yaml();
        for (int i = 0; i < documents.size(); i++) {
            if (i > 0) {
                out.append("---\n");
            }
            Object document = documents.get(i);
            checkPlain(document, "document " + (i + 1));
            out.append(yaml.dump(document));
        }
        return out.toString();
    }

    private static Yaml yaml() {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setDefaultScalarStyle(DumperOptions.ScalarStyle.PLAIN);
        options.setIndent(2);
        options.setIndicatorIndent(2);
        options.setIndentWithIndicator(true);
        options.setWidth(100_000);
        options.setSplitLines(false);
        options.setLineBreak(DumperOptions.LineBreak.UNIX);
        options.setDereferenceAliases(true);
        options.setNonPrintableStyle(DumperOptions.NonPrintableStyle.ESCAPE);
        return new Yaml(new SafeConstructor(new LoaderOptions()), new Representer(options), options);
    }

    private static void checkPlain(Object value, String path) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Long
                || value instanceof Integer || value instanceof Double) {
            return;
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!(e.getKey() instanceof String key)) {
                    throw new IllegalArgumentException(path + " has a non-string key " + e.getKey());
                }
                checkPlain(e.getValue(), path + "." + key);
            }
            return;
        }
        if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                checkPlain(list.get(i), path + "[" + i + "]");
            }
            return;
        }
        throw new IllegalArgumentException(path + " is a " + value.getClass().getName() + ", not a plain value");
    }
}
