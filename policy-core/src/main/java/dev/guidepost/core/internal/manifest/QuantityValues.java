package dev.guidepost.core.internal.manifest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.guidepost.core.ManifestProblem;
import dev.guidepost.core.internal.cel.Quantity;
import dev.guidepost.core.internal.match.QuantityFields;
import dev.guidepost.core.internal.yaml.YamlDocument;

/**
 * The values at the quantity fields of a built-in kind ({@link QuantityFields}) that the API server refuses to
 * decode: text that is not a Kubernetes quantity ({@code 1GB}, {@code 500mi}, {@code 2 Gi}) and structures. A policy
 * comparing such a value gives a misleading verdict ({@code 1GB} is not at most {@code 2Gi}), while the cluster
 * refuses the object before any policy sees it.
 */
final class QuantityValues {

    private QuantityValues() {
    }

    static List<ManifestProblem> problems(Map<?, ?> object, String kind, YamlDocument document, List<Object> path) {
        List<ManifestProblem> found = new ArrayList<>();
        for (List<String> field : QuantityFields.paths(kind)) {
            visit(object, field, 0, new ArrayList<>(path), document, path.size(), found);
        }
        return found;
    }

    private static void visit(Object node, List<String> field, int at, List<Object> where, YamlDocument document,
            int from, List<ManifestProblem> found) {
        if (at == field.size()) {
            refusal(node, String.valueOf(where.get(where.size() - 1))).ifPresent(why -> found.add(new ManifestProblem(ObjectShape.located(document, where),
                    ManifestProblem.Type.MALFORMED, ObjectShape.dotted(where, from) + " " + why)));
            return;
        }
        String step = field.get(at);
        if (node instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (step.equals("*") || step.equals(entry.getKey())) {
                    where.add(String.valueOf(entry.getKey()));
                    visit(entry.getValue(), field, at + 1, where, document, from, found);
                    where.remove(where.size() - 1);
                }
            }
        } else if (node instanceof List<?> list && step.equals("*")) {
            for (int i = 0; i < list.size(); i++) {
                where.add(i);
                visit(list.get(i), field, at + 1, where, document, from, found);
                where.remove(where.size() - 1);
            }
        }
    }

    /** Why the API server refuses a value at a quantity field (named {@code key}); empty when it reads it. */
    static Optional<String> refusal(Object value, String key) {
        if (value == null || value instanceof Number) {
            return Optional.empty();
        }
        if (!(value instanceof String text)) {
            return Optional.of("must be a quantity (such as 500m or 1Gi), not " + (value instanceof Map<?, ?>
                    ? "a mapping" : value instanceof List<?> ? "a list" : "'" + value + "'")
                    + ", so the cluster would refuse the object");
        }
        try {
            Quantity.parse(text);
            return Optional.empty();
        } catch (IllegalArgumentException notAQuantity) {
            return Optional.of("'" + text + "' is not a Kubernetes quantity, so the cluster would refuse the object"
                    + suggestion(text.strip(), key).map(s -> "; write " + s).orElse(
                            "; write a number with an optional suffix: m, k, M, G, T (powers of 1000) or Ki, Mi, Gi,"
                                    + " Ti (powers of 1024), such as 500m or 1Gi"));
        }
    }

    /**
     * The quantity a common slip meant: {@code 1GB} is 1G or 1Gi, {@code 500mi} is 500Mi (for a CPU, 500m
     * millicores), {@code 2 Gi} is 2Gi.
     */
    private static Optional<String> suggestion(String text, String key) {
        String compact = text.replace(" ", "");
        if (!compact.equals(text) && Quantity.isQuantity(compact)) {
            return Optional.of(compact + " (without the space)");
        }
        int end = compact.length();
        while (end > 0 && Character.isLetter(compact.charAt(end - 1))) {
            end--;
        }
        String number = compact.substring(0, end);
        String suffix = compact.substring(end);
        if (number.isEmpty() || !Quantity.isQuantity(number)) {
            return Optional.empty();
        }
        String lower = suffix.toLowerCase(Locale.ROOT);
        if (key.endsWith("cpu") && lower.startsWith("m")) {
            return Optional.of(number + "m (millicores)");
        }
        if (lower.endsWith("ib") && lower.length() == 3) {
            String binary = Character.toUpperCase(lower.charAt(0)) + "i";
            return Quantity.isQuantity(number + binary) ? Optional.of(number + binary) : Optional.empty();
        }
        if (lower.endsWith("b") && lower.length() == 2) {
            String letter = lower.substring(0, 1);
            String decimal = letter.equals("k") ? "k" : letter.toUpperCase(Locale.ROOT);
            String binary = letter.toUpperCase(Locale.ROOT) + "i";
            if (Quantity.isQuantity(number + decimal) && Quantity.isQuantity(number + binary)) {
                return Optional.of(number + decimal + " (powers of 1000) or " + number + binary + " (powers of 1024)");
            }
        }
        if (lower.length() == 2 && lower.endsWith("i")) {
            String binary = Character.toUpperCase(lower.charAt(0)) + "i";
            if (Quantity.isQuantity(number + binary)) {
                return Optional.of(number + binary);
            }
        }
        return Optional.empty();
    }
}
