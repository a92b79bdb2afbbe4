package dev.guidepost.core.internal.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Kyverno CLI test's {@code foreachValues} for one rule: per name, one value for each foreach element (by the
 * element's index), standing in for the foreach's context entries. Written as one map for every foreach block of
 * the rule ({@code {name: [v0, v1]}}), or as a list with one such map per block, in the order of the rule's
 * foreach entries.
 */
public final class ForeachValues {

    /** No values. */
    public static final ForeachValues NONE = new ForeachValues(List.of(), true);

    private final List<Map<String, List<Object>>> blocks;
    private final boolean everyBlock;

    private ForeachValues(List<Map<String, List<Object>>> blocks, boolean everyBlock) {
        this.blocks = blocks;
        this.everyBlock = everyBlock;
    }

    /** The values as a values file gives them: a map (every block) or a list of maps (one per block). */
    public static ForeachValues of(Object written) {
        if (written instanceof Map<?, ?> map) {
            return new ForeachValues(List.of(lists(map)), true);
        }
        if (written instanceof List<?> list) {
            List<Map<String, List<Object>>> blocks = new ArrayList<>();
            for (Object block : list) {
                blocks.add(block instanceof Map<?, ?> map ? lists(map) : Map.of());
            }
            return new ForeachValues(List.copyOf(blocks), false);
        }
        return NONE;
    }

    private static Map<String, List<Object>> lists(Map<?, ?> map) {
        Map<String, List<Object>> out = new LinkedHashMap<>();
        map.forEach((name, values) -> {
            if (values instanceof List<?> list) {
                out.put(String.valueOf(name), new ArrayList<>(list));
            }
        });
        return out;
    }

    /**
     * The context entries a test's values give a rule: the names of its own values ({@code ruleValues}), then those
     * these foreach values give in any block.
     */
    Set<String> givenWith(Set<String> ruleValues) {
        Set<String> names = new LinkedHashSet<>(ruleValues);
        blocks.forEach(block -> names.addAll(block.keySet()));
        return names;
    }

    /**
     * Puts the values for element {@code index} of foreach block {@code block} into a JMESPath context: each name
     * gets the value at that index (none when its list is shorter), as the Kyverno CLI's store gives them.
     */
    void put(Map<String, Object> context, int block, int index) {
        if (blocks.isEmpty() || !everyBlock && block >= blocks.size()) {
            return;
        }
        blocks.get(everyBlock ? 0 : block).forEach((name, values) -> {
            if (index < values.size()) {
                JsonContext.put(context, name, values.get(index));
            }
        });
    }
}
