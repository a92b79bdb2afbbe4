package dev.guidepost.core.internal.match;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.guidepost.core.internal.yaml.PlainValues;

/**
 * A Kubernetes label selector ({@code matchLabels} and {@code matchExpressions} with In, NotIn, Exists and
 * DoesNotExist). An empty selector selects everything.
 */
public final class LabelSelector {

    private static final LabelSelector EVERYTHING = new LabelSelector(Map.of(), List.of());

    private final Map<String, Object> matchLabels;
    private final List<Object> matchExpressions;

    private LabelSelector(Map<String, Object> matchLabels, List<Object> matchExpressions) {
        this.matchLabels = matchLabels;
        this.matchExpressions = matchExpressions;
    }

    /** The selector written as a map; null or an empty map selects everything. */
    public static LabelSelector of(Object selector) {
        Map<String, Object> labels = PlainValues.map(selector, "matchLabels");
        List<Object> expressions = PlainValues.list(selector, "matchExpressions");
        return labels.isEmpty() && expressions.isEmpty() ? EVERYTHING : new LabelSelector(labels, expressions);
    }

    /** True when the selector has no requirements. */
    public boolean isEmpty() {
        return matchLabels.isEmpty() && matchExpressions.isEmpty();
    }

    /** The requirements in words, comma-separated: {@code env=prod, team in (payments, shop), has tier}. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        matchLabels.forEach((k, v) -> parts.add(k + "=" + v));
        for (Object e : matchExpressions) {
            String operator = PlainValues.string(e, "operator");
            List<String> values = PlainValues.strings(e, "values");
            String key = PlainValues.string(e, "key");
            parts.add(switch (operator) {
                case "Exists" -> "has " + key;
                case "DoesNotExist" -> "no " + key;
                case "NotIn" -> key + " not in (" + String.join(", ", values) + ")";
                default -> key + " in (" + String.join(", ", values) + ")";
            });
        }
        return String.join(", ", parts);
    }

    /** True when the labels satisfy every requirement. */
    public boolean matches(Map<String, String> labels) {
        for (Map.Entry<String, Object> e : matchLabels.entrySet()) {
            if (!String.valueOf(e.getValue()).equals(labels.get(e.getKey()))) {
                return false;
            }
        }
        for (Object expression : matchExpressions) {
            String key = PlainValues.string(expression, "key");
            String operator = PlainValues.string(expression, "operator");
            List<String> values = PlainValues.strings(expression, "values");
            boolean has = labels.containsKey(key);
            boolean ok = switch (operator) {
                case "In" -> has && values.contains(labels.get(key));
                case "NotIn" -> !has || !values.contains(labels.get(key));
                case "Exists" -> has;
                case "DoesNotExist" -> !has;
                default -> false;
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
