package dev.guidepost.core.internal.engine;

import java.util.List;

import dev.guidepost.core.internal.cel.CelValues;
import dev.guidepost.core.internal.cel.ClusterData;

/**
 * Everything an evaluation needs besides the policy and the request: what is known of namespaces and the cluster,
 * how numbers are seen, and the policy exceptions in force.
 *
 * @param namespaces             declared namespaces and their labels
 * @param cluster                answers for cluster-facing CEL functions
 * @param numbers                how resource numbers are seen by CEL
 * @param namespaceObjectDefault true to give CEL a minimal Namespace object ({@code metadata.name} and its
 *                               name label) when none is declared, as a cluster would have one; false to give
 *                               {@code null} as the Kyverno CLI does
 * @param exceptions             CEL policy exceptions ({@code policies.kyverno.io} PolicyException)
 * @param classicExceptions      policy exceptions for ClusterPolicy rules ({@code kyverno.io/v2} PolicyException)
 * @param variables              values for the JMESPath context of ClusterPolicy rules (Kyverno CLI values files)
 * @param matchConditionsAssumed true to evaluate a CEL policy's validations as if its match conditions held:
 *                               what a check asks when the conditions read what only the cluster knows
 */
public record EvaluationContext(Namespaces namespaces, ClusterData cluster, CelValues.Numbers numbers,
        boolean namespaceObjectDefault, List<PolicyExceptionProgram> exceptions,
        List<ClassicExceptionProgram> classicExceptions, RuleVariables variables, boolean matchConditionsAssumed) {

    /** A context with values for ClusterPolicy rules. */
    public EvaluationContext(Namespaces namespaces, ClusterData cluster, CelValues.Numbers numbers,
            boolean namespaceObjectDefault, List<PolicyExceptionProgram> exceptions,
            List<ClassicExceptionProgram> classicExceptions, RuleVariables variables) {
        this(namespaces, cluster, numbers, namespaceObjectDefault, exceptions, classicExceptions, variables, false);
    }

    /** This context with more exceptions in force. */
    public EvaluationContext withMoreExceptions(List<PolicyExceptionProgram> moreExceptions,
            List<ClassicExceptionProgram> moreClassicExceptions) {
        List<PolicyExceptionProgram> cel = new java.util.ArrayList<>(exceptions);
        cel.addAll(moreExceptions);
        List<ClassicExceptionProgram> classic = new java.util.ArrayList<>(classicExceptions);
        classic.addAll(moreClassicExceptions);
        return new EvaluationContext(namespaces, cluster, numbers, namespaceObjectDefault, List.copyOf(cel),
                List.copyOf(classic), variables, matchConditionsAssumed);
    }

    /** This context, with a CEL policy's match conditions taken to hold. */
    public EvaluationContext assumingMatchConditions() {
        return new EvaluationContext(namespaces, cluster, numbers, namespaceObjectDefault, exceptions,
                classicExceptions, variables, true);
    }

    /** A context without values for ClusterPolicy rules. */
    public EvaluationContext(Namespaces namespaces, ClusterData cluster, CelValues.Numbers numbers,
            boolean namespaceObjectDefault, List<PolicyExceptionProgram> exceptions,
            List<ClassicExceptionProgram> classicExceptions) {
        this(namespaces, cluster, numbers, namespaceObjectDefault, exceptions, classicExceptions,
                RuleVariables.NONE);
    }

    /** A context without exceptions for ClusterPolicy rules. */
    public EvaluationContext(Namespaces namespaces, ClusterData cluster, CelValues.Numbers numbers,
            boolean namespaceObjectDefault, List<PolicyExceptionProgram> exceptions) {
        this(namespaces, cluster, numbers, namespaceObjectDefault, exceptions, List.of());
    }

    /** The context of a check of manifests: no cluster, numbers as read, minimal namespace objects. */
    public static EvaluationContext forCheck(Namespaces namespaces) {
        return forCheck(namespaces, List.of(), List.of());
    }

    /** The context of a check of manifests with the PolicyExceptions the cluster would apply. */
    public static EvaluationContext forCheck(Namespaces namespaces, List<PolicyExceptionProgram> exceptions,
            List<ClassicExceptionProgram> classicExceptions) {
        return new EvaluationContext(namespaces, ClusterData.NONE, CelValues.Numbers.AS_READ, true, exceptions,
                classicExceptions);
    }

    public EvaluationContext {
        exceptions = List.copyOf(exceptions);
        classicExceptions = List.copyOf(classicExceptions);
    }
}
