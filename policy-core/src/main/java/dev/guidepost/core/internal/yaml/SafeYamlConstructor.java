package dev.guidepost.core.internal.yaml;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
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
            return big.bitLength() < 64 ? (Object) big.longValue() : (Object) big.doubleValue();
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
