package dev.guidepost.core.internal.cel;

import static dev.cel.common.CelOverloadDecl.newMemberOverload;

import java.util.ArrayList;
import java.util.List;

import dev.cel.common.types.CelType;
import dev.cel.common.types.OpaqueType;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelFunctionBinding;

/**
 * Kubernetes' Authz library (k8s.io/apiserver/pkg/cel/library/authz.go, with the selector additions) declared so
 * that expressions using {@code authorizer} compile; evaluating any of its functions fails, since authorization
 * checks need an API server.
 */
final class AuthzLibrary extends FunctionLibrary {

    private static final OpaqueType AUTHORIZER = OpaqueType.create("kubernetes.authorization.Authorizer");
    private static final OpaqueType PATH = OpaqueType.create("kubernetes.authorization.PathCheck");
    private static final OpaqueType GROUP = OpaqueType.create("kubernetes.authorization.GroupCheck");
    private static final OpaqueType RESOURCE = OpaqueType.create("kubernetes.authorization.ResourceCheck");
    private static final OpaqueType DECISION = OpaqueType.create("kubernetes.authorization.Decision");

    AuthzLibrary() {
        unavailable("path", "authorizer_path", PATH, AUTHORIZER, SimpleType.STRING);
        unavailable("group", "authorizer_group", GROUP, AUTHORIZER, SimpleType.STRING);
        unavailable("serviceAccount", "authorizer_serviceaccount", AUTHORIZER, AUTHORIZER, SimpleType.STRING,
                SimpleType.STRING);
        unavailable("resource", "groupcheck_resource", RESOURCE, GROUP, SimpleType.STRING);
        unavailable("subresource", "resourcecheck_subresource", RESOURCE, RESOURCE, SimpleType.STRING);
        unavailable("namespace", "resourcecheck_namespace", RESOURCE, RESOURCE, SimpleType.STRING);
        unavailable("name", "resourcecheck_name", RESOURCE, RESOURCE, SimpleType.STRING);
        unavailable("fieldSelector", "resourcecheck_fieldselector", RESOURCE, RESOURCE, SimpleType.STRING);
        unavailable("labelSelector", "resourcecheck_labelselector", RESOURCE, RESOURCE, SimpleType.STRING);
        unavailable("check", "resourcecheck_check", DECISION, RESOURCE, SimpleType.STRING);
        unavailable("check", "pathcheck_check", DECISION, PATH, SimpleType.STRING);
        unavailable("errored", "decision_errored", SimpleType.BOOL, DECISION);
        unavailable("error", "decision_error", SimpleType.STRING, DECISION);
        unavailable("allowed", "decision_allowed", SimpleType.BOOL, DECISION);
        unavailable("reason", "decision_reason", SimpleType.STRING, DECISION);
    }

    private void unavailable(String name, String overloadId, CelType result, CelType... params) {
        List<Class<?>> classes = new ArrayList<>();
        for (int i = 0; i < params.length; i++) {
            classes.add(Object.class);
        }
        function(name, List.of(newMemberOverload(overloadId, result, params)),
                CelFunctionBinding.from(overloadId, classes, args -> {
                    throw error("authorizer.%s() needs an API server; authorization checks are not available "
                            + "offline", name);
                }));
    }
}
