package dev.guidepost.core.internal.kyvernotest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import dev.guidepost.core.GuidepostException;
import dev.guidepost.core.internal.yaml.PlainValues;
import dev.guidepost.core.internal.yaml.YamlDocument;
import dev.guidepost.core.internal.yaml.YamlDocuments;

/**
 * The {@code globalContextEntries} of a Kyverno test, resolved as the CLI resolves them
 * (cmd/cli/kubectl-kyverno/store/gctx_resolve.go, gctx_load.go): {@code data}, narrowed by {@code fieldPath}, then
 * reshaped by {@code projections} ({@code name} → value at {@code path}); without {@code data}, the objects of
 * {@code resources} and {@code resourceFiles}. Paths are JMESPath there; Guidepost evaluates the plain field paths
 * ({@code a.b}, {@code a[0].b}, {@code "quoted-key"}, {@code @}) and reports any other JMESPath as unsupported.
 */
final class GlobalContextEntries {

    private static final Pattern SIMPLE_PATH = Pattern.compile(
            "@|(?:[A-Za-z_][A-Za-z0-9_]*|\"[^\"]*\")(?:\\[\\d+\\])*(?:\\.(?:[A-Za-z_][A-Za-z0-9_]*|\"[^\"]*\")"
                    + "(?:\\[\\d+\\])*)*");

    private final Map<String, Object> values = new LinkedHashMap<>();
    private final Map<String, String> unsupported = new LinkedHashMap<>();

    GlobalContextEntries(List<Object> entries, Path dir) {
        for (Object entry : entries) {
            String name = PlainValues.string(entry, "name");
            Object data = PlainValues.at(entry, "data");
            if (data == null) {
                List<Object> resources = new ArrayList<>(PlainValues.list(entry, "resources"));
                for (String file : PlainValues.strings(entry, "resourceFiles")) {
                    resources.addAll(readObjects(dir.resolve(file).normalize(), name));
                }
                values.put(name, resources.isEmpty() && PlainValues.at(entry, "resources") == null
                        && PlainValues.strings(entry, "resourceFiles").isEmpty() ? null : resources);
                continue;
            }
            String fieldPath = PlainValues.string(entry, "fieldPath");
            if (!fieldPath.isEmpty()) {
                data = search(name, fieldPath, data);
            }
            List<Object> projections = PlainValues.list(entry, "projections");
            if (!projections.isEmpty()) {
                Map<String, Object> projected = new LinkedHashMap<>();
                for (Object projection : projections) {
                    projected.put(PlainValues.string(projection, "name"),
                            search(name, PlainValues.string(projection, "path"), data));
                }
                data = projected;
            }
            values.put(name, data);
        }
    }

    /** The resolved entries by name. */
    Map<String, Object> values() {
        return values;
    }

    /** Entries whose paths use JMESPath Guidepost does not evaluate: name → the feature. */
    Map<String, String> unsupported() {
        return unsupported;
    }

    private Object search(String entry, String path, Object root) {
        String trimmed = path.strip();
        if (!SIMPLE_PATH.matcher(trimmed).matches()) {
            unsupported.putIfAbsent(entry, "globalContextEntries JMESPath beyond field paths");
            return null;
        }
        if (trimmed.equals("@")) {
            return root;
        }
        Object current = root;
        int i = 0;
        while (i < trimmed.length() && current != null) {
            char c = trimmed.charAt(i);
            if (c == '.') {
                i++;
                continue;
            }
            if (c == '[') {
                int end = trimmed.indexOf(']', i);
                int index = Integer.parseInt(trimmed.substring(i + 1, end));
                current = current instanceof List<?> l && index < l.size() ? l.get(index) : null;
                i = end + 1;
                continue;
            }
            String key;
            if (c == '"') {
                int end = trimmed.indexOf('"', i + 1);
                key = trimmed.substring(i + 1, end);
                i = end + 1;
            } else {
                int end = i;
                while (end < trimmed.length() && trimmed.charAt(end) != '.' && trimmed.charAt(end) != '[') {
                    end++;
                }
                key = trimmed.substring(i, end);
                i = end;
            }
            current = current instanceof Map<?, ?> m ? m.get(key) : null;
        }
        return current;
    }

    private static List<Object> readObjects(Path file, String entry) {
        if (!Files.isRegularFile(file)) {
            throw new GuidepostException("globalContextEntries '" + entry + "': resource file '" + file
                    + "' does not exist");
        }
        List<Object> out = new ArrayList<>();
        for (YamlDocument doc : YamlDocuments.read(file)) {
            if (doc.problem() != null) {
                throw new GuidepostException(dev.guidepost.core.SourceLocation.of(doc.source(), doc.line()),
                        doc.problem().message());
            }
            if (doc.value() instanceof Map<?, ?> m && !m.isEmpty()) {
                out.add(PlainValues.immutableCopy(doc.value()));
            }
        }
        return out;
    }
}
