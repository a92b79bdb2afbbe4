package dev.guidepost.core.internal.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The note a failure gets when the field it names is one the manifest leaves out, or writes as a value the API
 * server replaces: a check judges the object after {@link ApiServerDefaults}, so without the note a reader would
 * look in the manifest for a value that is not there.
 */
public final class DefaultedValueNote {

    private DefaultedValueNote() {
    }

    /**
     * A note for a failure whose path ({@code failed at path ...}, relative to {@code element} when that is not
     * empty) names a field the manifest as {@code written} leaves out and the API server fills in: which value the
     * check (like the cluster) judged; empty otherwise.
     */
    public static String of(String message, List<Object> element, Map<String, Object> written, String apiVersion,
            String kind) {
        List<Object> path = new ArrayList<>(element);
        path.addAll(ViolationPaths.path(message));
        if (path.size() <= element.size()) {
            return "";
        }
        Map<String, Object> defaulted = ApiServerDefaults.apply(apiVersion, kind, written);
        if (defaulted == written || ViolationPaths.found(defaulted, List.of(), path) != path.size()) {
            return "";
        }
        Object value = valueAt(defaulted, path);
        String shown = value instanceof Map<?, ?> m && m.isEmpty() ? "{}" : String.valueOf(value);
        if (ViolationPaths.found(written, List.of(), path) == path.size()) {
            // written, but as a value the API server replaces (hostPort: 0 on the host network, an empty text)
            Object writtenValue = valueAt(written, path);
            boolean scalars = !(writtenValue instanceof Map<?, ?> || writtenValue instanceof List<?>
                    || value instanceof Map<?, ?> || value instanceof List<?>);
            return !scalars || Objects.equals(String.valueOf(writtenValue), shown) ? ""
                    : " (the manifest writes " + ExpressionCompiler.describe(path) + " as "
                            + (writtenValue instanceof String text ? "'" + text + "'" : writtenValue)
                            + "; the API server makes it " + shown + " before Kyverno sees the object, and the check "
                            + "judged that value)";
        }
        return " (the manifest does not set " + ExpressionCompiler.describe(path) + "; the API server sets it to "
                + shown + " before Kyverno sees the object, and the check judged that value)";
    }

    private static Object valueAt(Object root, List<Object> path) {
        Object value = root;
        for (Object step : path) {
            value = ViolationPaths.child(value, step);
        }
        return value;
    }
}
