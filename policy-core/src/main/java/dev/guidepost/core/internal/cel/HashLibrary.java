package dev.guidepost.core.internal.cel;

import static dev.cel.common.CelOverloadDecl.newGlobalOverload;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelFunctionBinding;

/**
 * Kyverno's hash library (kyverno/sdk extensions/cel/libs/hash): {@code sha1}, {@code sha256}, {@code md5} of a
 * string's UTF-8 bytes as lowercase hex, also as {@code hash.sha1} etc. (Kyverno 1.18).
 */
final class HashLibrary extends FunctionLibrary {

    HashLibrary() {
        for (String algorithm : new String[] {"sha1", "sha256", "md5"}) {
            String javaName = switch (algorithm) {
                case "sha1" -> "SHA-1";
                case "sha256" -> "SHA-256";
                default -> "MD5";
            };
            for (String prefix : new String[] {"", "hash."}) {
                String id = algorithm + "_string_" + (prefix.isEmpty() ? "non_prefixed" : "prefixed");
                function(prefix + algorithm, newGlobalOverload(id, SimpleType.STRING, SimpleType.STRING),
                        CelFunctionBinding.from(id, String.class, s -> hex(javaName, s)));
            }
        }
    }

    private static String hex(String algorithm, String text) {
        try {
            byte[] digest = MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks " + algorithm, e);
        }
    }
}
