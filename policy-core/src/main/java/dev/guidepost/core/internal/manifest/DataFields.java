package dev.guidepost.core.internal.manifest;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import dev.guidepost.core.ManifestProblem;
import dev.guidepost.core.internal.yaml.YamlDocument;

/**
 * The data of ConfigMaps and Secrets as the API server decodes it: {@code data} and {@code stringData} values are
 * text ({@code port: 5432} and {@code debug: true} read as a number and a boolean), and {@code binaryData} and a
 * Secret's {@code data} are base64 (with its padding; line breaks are ignored). A Secret's values are never
 * repeated in a message.
 */
final class DataFields {

    private DataFields() {
    }

    /** The problems of a core ConfigMap's or Secret's data; none for other objects. */
    static List<ManifestProblem> problems(Map<?, ?> object, String apiVersion, String kind, YamlDocument document,
            List<Object> path) {
        List<ManifestProblem> found = new ArrayList<>();
        if (!apiVersion.equals("v1") || !(kind.equals("ConfigMap") || kind.equals("Secret"))) {
            return found;
        }
        boolean secret = kind.equals("Secret");
        for (String field : List.of("data", "stringData", "binaryData")) {
            if (!(object.get(field) instanceof Map<?, ?> entries)) {
                continue;
            }
            boolean base64 = field.equals("binaryData") || secret && field.equals("data");
            for (Map.Entry<?, ?> e : entries.entrySet()) {
                List<Object> at = YamlDocument.path(path, field, String.valueOf(e.getKey()));
                Object value = e.getValue();
                if (value == null) {
                    continue;
                }
                if (!(value instanceof String text)) {
                    // quoted, a number in a Secret's data would pass as base64 of other bytes: say what it needs
                    String fix = !secret ? "" : base64 ? "; encode it (b64enc in a Helm template), or give the plain "
                            + "text under stringData" : "; quote it";
                    found.add(secret ? new ManifestProblem(ObjectShape.located(document, at),
                            ManifestProblem.Type.MALFORMED, field + "." + e.getKey() + " of the Secret must be text, "
                                    + "not " + kindOf(value) + ", so the cluster would refuse the object" + fix)
                            : WorkloadFields.notText(document, at, path.size(), value));
                } else if (base64 && !isBase64(text)) {
                    found.add(new ManifestProblem(ObjectShape.located(document, at), ManifestProblem.Type.MALFORMED,
                            field + "." + e.getKey() + " of the " + kind + " is not base64, so the cluster would "
                                    + "refuse the object; encode it (b64enc in a Helm template)"
                                    + (secret ? ", or give the plain text under stringData" : "")));
                }
            }
        }
        return found;
    }

    private static String kindOf(Object value) {
        return value instanceof Map<?, ?> ? "a mapping" : value instanceof List<?> ? "a list"
                : value instanceof Boolean ? "a boolean" : "a number";
    }

    /** Whether Go's standard base64 decoding (padding required, line breaks skipped) accepts the text. */
    static boolean isBase64(String text) {
        String compact = text.replace("\r", "").replace("\n", "");
        if (compact.length() % 4 != 0) {
            return false;
        }
        try {
            Base64.getDecoder().decode(compact);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
