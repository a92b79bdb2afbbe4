package dev.guidepost.core.internal.cel;

import static dev.cel.common.CelOverloadDecl.newGlobalOverload;

import java.util.Map;

import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelFunctionBinding;

/**
 * Kyverno's user library (kyverno/sdk extensions/cel/libs/user): {@code parseServiceAccount(username)} and
 * {@code user.parseServiceAccount}. For {@code system:serviceaccount:<ns>:<name>} it gives {@code Namespace} and
 * {@code Name} (Go field names, as Kyverno registers the struct without tags); otherwise both are empty.
 */
final class ServiceAccountLibrary extends FunctionLibrary {

    private static final String PREFIX = "system:serviceaccount:";

    ServiceAccountLibrary() {
        for (String prefix : new String[] {"", "user."}) {
            String id = "parse_service_account_string_" + (prefix.isEmpty() ? "non_prefixed" : "prefixed");
            function(prefix + "parseServiceAccount",
                    newGlobalOverload(id, MapType.create(SimpleType.STRING, SimpleType.STRING), SimpleType.STRING),
                    CelFunctionBinding.from(id, String.class, ServiceAccountLibrary::parse));
        }
    }

    static Map<String, String> parse(String user) {
        String namespace = "";
        String name = "";
        if (user.startsWith(PREFIX)) {
            String rest = user.substring(PREFIX.length());
            int sep = rest.indexOf(':');
            if (sep >= 0) {
                namespace = rest.substring(0, sep);
                name = rest.substring(sep + 1);
            }
        }
        return Map.of("Namespace", namespace, "Name", name);
    }
}
