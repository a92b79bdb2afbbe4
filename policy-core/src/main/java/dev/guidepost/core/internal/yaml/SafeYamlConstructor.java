package dev.guidepost.core.internal.yaml;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.Construct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * snakeyaml's {@link SafeConstructor}, tuned for Kubernetes documents: timestamps and binary stay strings (as
 * they do after Kubernetes' YAML-to-JSON conversion), integers and whole floats such as {@code 3.0} become
 * {@link Long}, map keys become strings and sets become maps. Only the safe standard tags are accepted; any other tag is refused.
 */
final class SafeYamlConstructor extends SafeConstructor {

    SafeYamlConstructor(LoaderOptions options) {
        super(options);
        ConstructYamlStr asString = new ConstructYamlStr();
        this.yamlConstructors.put(Tag.TIMESTAMP, asString);
        this.yamlConstructors.put(Tag.BINARY, asString);
        this.yamlConstructors.put(Tag.INT, new KubernetesNumber(new ConstructYamlInt(), asString));
        this.yamlConstructors.put(Tag.FLOAT, new KubernetesNumber(new ConstructYamlFloat(), asString));
        this.yamlConstructors.put(Tag.STR, new KubernetesString(asString));
    }

    /**
     * Numbers as Kubernetes' YAML reader (go-yaml, through sigs.k8s.io/yaml) reads them: it has no base-60 numbers,
     * so {@code 12:30} and {@code 1:05:00} (a time of day, a duration) stay text, where YAML 1.1 would make 750 and
     * 3900 of them.
     */
    private static final class KubernetesNumber extends AbstractConstruct {
        private final Construct number;
        private final Construct text;

        KubernetesNumber(Construct number, Construct text) {
            this.number = number;
            this.text = text;
        }

        @Override
        public Object construct(Node node) {
            return node instanceof ScalarNode scalar && scalar.getValue().contains(":") ? text.construct(node)
                    : number.construct(node);
        }
    }

    /** A plain {@code 0o755} is the octal number Kubernetes' YAML reader makes of it; other text stays text. */
    private static final class KubernetesString extends AbstractConstruct {
        private static final java.util.regex.Pattern OCTAL = java.util.regex.Pattern.compile("[-+]?0o[0-7]+");
        private final Construct text;

        KubernetesString(Construct text) {
            this.text = text;
        }

        @Override
        public Object construct(Node node) {
            if (node instanceof ScalarNode scalar && scalar.getScalarStyle() == DumperOptions.ScalarStyle.PLAIN
                    && OCTAL.matcher(scalar.getValue()).matches()) {
                String value = scalar.getValue();
                long magnitude = Long.parseLong(value.substring(value.indexOf('o') + 1), 8);
                return value.startsWith("-") ? -magnitude : magnitude;
            }
            return text.construct(node);
        }
    }

    /** The most values a document may expand to once aliases are resolved (against "billion laughs"). */
    static final int MAX_VALUES = 1_000_000;

    private int values;

    /**
     * A whole number written as a float ({@code 3.0}) is an integer, as Kubernetes' YAML-to-JSON conversion (and so
     * kubectl and the Kyverno CLI) makes it; other floats stay doubles.
     */
    private static Object wholeAsLong(double d) {
        return d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 9.2e18 ? (Object) (long) d : (Object) d;
    }

    /** Builds the plain Java value (maps, lists, strings, numbers, booleans, null) of a composed document. */
    Object construct(Node root) {
        values = 0;
        return normalize(constructDocument(root));
    }

    private Object normalize(Object value) {
        if (++values > MAX_VALUES) {
            throw new YAMLException("the document expands to more than " + MAX_VALUES
                    + " values through aliases; this exceeds the limit");
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>(Math.max(4, map.size() * 2));
            for (Map.Entry<?, ?> e : map.entrySet()) {
                out.put(String.valueOf(e.getKey()), normalize(e.getValue()));
            }
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object item : list) {
                out.add(normalize(item));
            }
            return out;
        }
        if (value instanceof Set<?> set) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Object item : set) {
                out.put(String.valueOf(item), null);
            }
            return out;
        }
        if (value instanceof Integer i) {
            return i.longValue();
        }
        if (value instanceof BigInteger big) {
            return PlainValues.plainInteger(big);
        }
        if (value instanceof Float f) {
            return wholeAsLong(f.doubleValue());
        }
        if (value instanceof Double d) {
            return wholeAsLong(d);
        }
        return value;
    }
}
