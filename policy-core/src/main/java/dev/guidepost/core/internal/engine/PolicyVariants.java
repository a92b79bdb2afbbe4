package dev.guidepost.core.internal.engine;

import java.util.List;

/**
 * A CEL policy with its autogen variants for pod controllers ({@link PolicyVariant}), the policy as written first;
 * Kyverno compiles them all under the policy's name.
 *
 * @param <P> the compiled variants' type
 */
abstract class PolicyVariants<P extends PolicyVariant.Selecting> implements PolicyProgram {

    private final String name;
    private final List<PolicyVariant<P>> variants;

    PolicyVariants(String name, List<PolicyVariant<P>> variants) {
        this.name = name;
        this.variants = List.copyOf(variants);
    }

    @Override
    public final String name() {
        return name;
    }

    /** The variants, the policy as written first. */
    final List<PolicyVariant<P>> variants() {
        return variants;
    }

    @Override
    public final boolean selects(PreparedRequest request, EvaluationContext context) {
        return variants.stream().anyMatch(v -> v.selects(request, context));
    }
}
