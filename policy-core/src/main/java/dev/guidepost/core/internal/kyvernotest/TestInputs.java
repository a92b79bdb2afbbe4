package dev.guidepost.core.internal.kyvernotest;

import java.util.List;
import java.util.Map;

import dev.guidepost.core.internal.engine.ClassicExceptionProgram;
import dev.guidepost.core.internal.engine.PolicyExceptionProgram;
import dev.guidepost.core.internal.match.UserInfo;

/**
 * What one Kyverno CLI test evaluates, as {@link TestInputReader} read it from the files the test names.
 *
 * @param values the test's values (inline or from its values file)
 * @param user the admission request's user, roles and cluster roles
 * @param policies the policies, in the test's order
 * @param resources the resources, then the JSON payloads and check requests
 * @param targets the existing objects a mutate-existing rule would patch ({@code targetResources})
 * @param exceptions the CEL policy exceptions ({@code policies.kyverno.io})
 * @param classicExceptions the ClusterPolicy exceptions ({@code kyverno.io})
 * @param cluster the mocked cluster: context file or cluster resources, global context and HTTP answers
 * @param globalContextUnsupported global context entries Guidepost cannot evaluate: name → the feature
 */
record TestInputs(TestValues values, UserInfo user, List<LoadedPolicy> policies, List<LoadedResource> resources,
        List<Map<String, Object>> targets, List<PolicyExceptionProgram> exceptions,
        List<ClassicExceptionProgram> classicExceptions, MockCluster cluster,
        Map<String, String> globalContextUnsupported) {
}
