package dev.guidepost.core.internal.emit;

import java.util.List;
import java.util.Map;

import dev.guidepost.core.Policy;

/**
 * One pack policy written in the requested format.
 *
 * @param policy    the pack's policy
 * @param documents the documents to apply to the cluster, in order
 * @param notes     what a reader should know about the translation (empty when it is exact)
 * @param routing   how Kyverno CLI tests name the emitted policies
 */
record EmittedPolicy(Policy policy, List<Map<String, Object>> documents, List<String> notes,
        ExampleRouting routing) {

    EmittedPolicy {
        documents = List.copyOf(documents);
        notes = List.copyOf(notes);
    }
}
